"""The chain map (data/keten.yml, /professionals/keten/): the inline SVG parses and has a
title and a description; every relation drawn is a labelled connector in the SVG and an
item of the list below it, and nothing else is; a relation without a source is neither
drawn nor listed, and the validator says so (V001, file:line); unknown ids are refused;
a weak source is marked; hostile text stays text. Unit tests render directly from a copy
of the fixture data with a keten.yml of their own; the last tests read the built site."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from portal.checks.validate import validate_tree
from portal.data.load import load_tree
from portal.data.model import Portal, build_portal
from portal.messages import CODES, Severity
from portal.pages.chain import actor_name, chain_steps, relation_label, render_chain_svg
from portal.pages.generator import KETEN, PageGenerator
from portal.pages.render import make_environment

from .conftest import BUILD_DAY, FIXTURES, ROOT, TODAY

SVG = "{http://www.w3.org/2000/svg}"
SOURCE = """
    source:
      url: https://example.org/{name}
      title: Voorbeeldbron {name}
      read: 2026-11-01
      confidence: {confidence}"""
KETEN_YML = """\
versions:
  - id: noord
    name: Noord
    regions: [noord]
  - id: zuid
    name: Zuid
    regions: [zuid]
stages:
  - id: signaal
    title: Signaal
    text: U ziet signalen.
  - id: melding
    title: Melding
    text: U meldt.
actors:
  - id: professional
    name: U, de professional
    role: Ziet signalen.{s1}
  - id: lijn
    organisation: hulplijn
    role: Neemt meldingen aan.{s2}
  - id: noord-team
    organisation: regio-noord
    role: Screent in het noorden.
    versions: [noord]{s3}
relations:
  - stage: melding
    from: professional
    to: lijn
    label: {label}{s4}
  - stage: melding
    from: lijn
    to: noord-team
    label: geeft door
    versions: [noord]{s5}
  - stage: melding
    from: noord-team
    to: professional
    label: zonder bron teruggekoppeld
    versions: [noord]
consultation: []
"""


def keten_text(label: str = "mailt de melding", weak: str = "high") -> str:
    return KETEN_YML.format(
        label=label, s1=SOURCE.format(name="a", confidence="high"),
        s2=SOURCE.format(name="b", confidence="high"),
        s3=SOURCE.format(name="c", confidence="medium"),
        s4=SOURCE.format(name="d", confidence="high"),
        s5=SOURCE.format(name="e", confidence=weak))


def tree_with(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    (data / "keten.yml").write_text(text, encoding="utf-8")
    return data


def portal_of(data: Path) -> Portal:
    problems: list = []
    # The shipped data is read on the day of the build, the fixture data on its own day.
    portal = build_portal(load_tree(data, problems, BUILD_DAY if data == ROOT / "data"
                                    else TODAY))
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    return portal


def page_text(portal: Portal) -> str:
    [page] = PageGenerator(portal, make_environment()).keten()
    assert page.uri == KETEN
    return str(page.content)


def svg_root(portal: Portal, version_id: str) -> ET.Element:
    assert portal.chain is not None
    version = next(v for v in portal.chain.versions if v.id == version_id)
    return ET.fromstring(str(render_chain_svg(portal.chain, version, portal.organisations)))


def edges(root: ET.Element) -> list[tuple[str, str, str]]:
    """(from id, to id, label) of every connector drawn."""
    out = []
    for g in root.iter(f"{SVG}g"):
        if "portal-chain__edge" in g.get("class", "").split():
            label = " ".join(t.text or "" for t in g.iter(f"{SVG}tspan"))
            out.append((g.get("data-from"), g.get("data-to"), label))
    return out


def test_the_svg_parses_with_a_title_and_a_description(tmp_path: Path) -> None:
    root = svg_root(portal_of(tree_with(tmp_path, keten_text())), "noord")
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Wie doet wat in de keten: Noord"
    assert desc is not None and "2 verbanden" in (desc.text or "")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # Coloured by classes (the theme's variables in portal.css), never a style attribute.
    assert not any("style" in el.attrib for el in root.iter())


def test_each_region_draws_and_lists_its_own_relations(tmp_path: Path) -> None:
    portal = portal_of(tree_with(tmp_path, keten_text()))
    assert edges(svg_root(portal, "noord")) == [
        ("professional", "lijn", "mailt de melding"), ("lijn", "noord-team", "geeft door")]
    assert edges(svg_root(portal, "zuid")) == [("professional", "lijn", "mailt de melding")]
    text = page_text(portal)
    noord = text[text.index('data-chain-list="noord"'):text.index('data-chain-list="zuid"')]
    items = re.findall(r"^- (.+?) → (.+?): (.+?)\. Bron: ", noord, re.M)
    assert items == [("U, de professional", "Hulplijn Test", "mailt de melding"),
                     ("Hulplijn Test", "Regionaal Team Noord", "geeft door")]


def test_a_relation_without_a_source_is_reported_and_neither_drawn_nor_listed(
        tmp_path: Path) -> None:
    data = tree_with(tmp_path, keten_text())
    _tree, problems = validate_tree(data, today=TODAY)
    found = [p for p in problems if p.code == "V001"]
    assert [(p.path.endswith("keten.yml"), p.line) for p in found] == [(True, 61)]
    assert "noord-team" in found[0].detail and "geen bron" in found[0].detail
    assert CODES["V001"].severity is Severity.WARNING  # the build goes on, without it
    portal = portal_of(data)
    assert all(e[2] != "zonder bron teruggekoppeld" for e in edges(svg_root(portal, "noord")))
    assert "zonder bron teruggekoppeld" not in page_text(portal)
    # Once it has a source, it is drawn and listed.
    sourced = keten_text().replace("    label: zonder bron teruggekoppeld\n    versions: [noord]",
                                   "    label: zonder bron teruggekoppeld\n    versions: [noord]"
                                   + SOURCE.format(name="f", confidence="high"))
    portal = portal_of(tree_with(tmp_path / "2", sourced))
    assert ("noord-team", "professional", "zonder bron teruggekoppeld") in \
        edges(svg_root(portal, "noord"))
    assert "zonder bron teruggekoppeld" in page_text(portal)


@pytest.mark.parametrize(
    ("old", "new", "code", "line"),
    [
        ("    to: lijn\n", "    to: onbekend\n", "V002", 44),  # no such link
        ("  - stage: melding\n    from: lijn", "  - stage: later\n    from: lijn", "V002", 51),
        ("    organisation: hulplijn", "    organisation: bestaat-niet", "R001", 25),
        ("    regions: [zuid]", "    regions: [oost]", "R005", 7),
        # a relation in the south between links of which one is only in the north
        ("geeft door\n    versions: [noord]", "geeft door\n    versions: [zuid]", "V002", 53),
    ],
)
def test_unknown_ids_are_refused_with_their_line(tmp_path: Path, old, new, code, line) -> None:
    text = keten_text()
    assert old in text
    _tree, problems = validate_tree(tree_with(tmp_path, text.replace(old, new, 1)), today=TODAY)
    assert [(p.code, p.line) for p in problems if p.code in ("V002", "R001", "R005")] == \
        [(code, line)]
    assert CODES[code].severity is Severity.ERROR


def test_a_weak_source_is_drawn_dashed_and_marked_unconfirmed(tmp_path: Path) -> None:
    portal = portal_of(tree_with(tmp_path, keten_text(weak="low")))
    root = svg_root(portal, "noord")
    [weak] = [g for g in root.iter(f"{SVG}g") if g.get("data-to") == "noord-team"]
    assert "portal-chain__edge--unconfirmed" in weak.get("class", "")
    assert weak.find(f"{SVG}line").get("stroke-dasharray")
    assert edges(root)[1][2] == "geeft door (niet bevestigd)"
    assert re.search(r"geeft door \(niet bevestigd\)\. Bron: .*\*\*niet bevestigd\*\*",
                     page_text(portal))


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> & \"x\" [klik](javascript:alert(1))"
    portal = portal_of(tree_with(tmp_path, keten_text(label="'" + hostile.replace("'", "''")
                                                      + "'")))
    root = svg_root(portal, "noord")
    assert root.find(f".//{SVG}script") is None
    assert edges(root)[0][2] == hostile  # wrapped over lines, but every character kept
    body = page_text(portal).split("---\n", 2)[2]  # without the front matter
    page = BeautifulSoup(markdown.markdown(body, extensions=["md_in_html", "attr_list"]),
                         "html.parser")
    assert page.find("script") is None
    assert not page.find("a", href=re.compile("javascript", re.I))
    assert any(hostile in li.get_text() for li in page.find_all("li"))
    assert [e[2] for e in edges(ET.fromstring(str(page.find("svg"))))][0] == hostile


def test_the_shipped_map_marks_the_care_coordination_unconfirmed() -> None:
    """facts.md gives care coordination per region (CoMensha, Koraal) with low confidence:
    drawn for each region, never as a fact."""
    portal = portal_of(ROOT / "data")
    assert portal.chain is not None
    for version in portal.chain.versions:
        steps = [s for _, stage_steps in chain_steps(portal.chain, version) for s in stage_steps]
        care = [s for s in steps if s.relation.label == "zorgcoördinatie"]
        assert len(care) == 1 and not care[0].confirmed
        assert relation_label(care[0]) == "zorgcoördinatie (niet bevestigd)"
    assert portal.chain.consultation == ()  # no public source confirms an offer yet


# --- the built site --------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_page(built_site: Path) -> BeautifulSoup:
    html = (built_site / "professionals" / "keten" / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def test_the_built_page_draws_and_lists_the_same_relations(built_page: BeautifulSoup) -> None:
    portal = portal_of(ROOT / "data")
    assert portal.chain is not None
    names = {a.id: actor_name(a, portal.organisations) for a in portal.chain.actors}
    for version in portal.chain.versions:
        svg = built_page.find("svg", attrs={"aria-labelledby": re.compile(version.id)})
        assert svg is not None and svg.title.get_text() and svg.desc.get_text()
        ET.fromstring(str(svg).replace("<svg ", '<svg xmlns:x="x" ', 1))  # well-formed
        drawn = [(names[g["data-from"]], names[g["data-to"]],
                  " ".join(t.get_text() for t in g.find_all("tspan")))
                 for g in svg.find_all("g", class_="portal-chain__edge")]
        listing = built_page.find(attrs={"data-chain-list": version.id})
        listed = [re.match(r"(.+?) → (.+?): (.+?)\. Bron: ", li.get_text()).groups()
                  for li in listing.find_all("li")]
        steps = [s for _, stage_steps in chain_steps(portal.chain, version)
                 for s in stage_steps]
        assert drawn == listed == [(names[s.start.id], names[s.end.id], relation_label(s))
                                   for s in steps]
        # every item names its source with a link
        assert all(li.find("a", href=re.compile("^https?://")) for li in listing.find_all("li"))
    text = built_page.get_text(" ")
    assert "Nog geen aanbod met bron bekend" in text
    assert "ketenregisseur mensenhandel in Limburg doet, hebben we nergens openbaar" in text


def test_a_municipality_whose_veilig_thuis_is_unknown_is_not_put_under_a_map() -> None:
    """Mook en Middelaar may be served from Gelderland (facts.md: unconfirmed): the
    Noord- en Midden-Limburg map does not claim it, and says what is not known."""
    text = page_text(portal_of(ROOT / "data"))
    [noord] = [line for line in text.splitlines()
               if line.startswith("Voor de gemeenten Beesel")]
    served, unsure = noord.split(". Mook en Middelaar: ")
    assert "Venlo" in served and "Mook" not in served
    assert unsure.startswith("We weten niet zeker")
