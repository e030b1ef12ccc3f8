"""Trust shown the way public services show it: the public site says where each
organisation's data comes from and when it was read or checked, with no doubt label, no
banner and no edit link; the editorial state (never checked, checked too long ago) is in
preview builds (the portal plugin's `preview`, PORTAL_PREVIEW=1) and the editors' page."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from portal.build import generate_site
from portal.data.text import nl_date
from portal.editors.freshness import (
    NEVER_CHECKED,
    OVERDUE,
    check_states,
    linked_organisations,
)

from .conftest import ROOT, TODAY, build_fixture, fixture_project

# What a public page may not show: the old doubt labels and box, the preview banner, an
# edit link (the theme's pencil) and the editors' page.
EDITORIAL = ("niet gecontroleerd", "not verified", "portal-unverified", "Twijfel je?",
             "portal-preview", "Voorbeeldversie", 'rel="edit"', "redactie/actualiteit")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_public_site_shows_no_editorial_state(built_site: Path) -> None:
    pages = _pages(built_site)
    # The whole site, both languages (about 240 pages when this was written).
    assert len(pages) > 100 and any(p.is_relative_to(built_site / "en") for p in pages)
    found = {(p.relative_to(built_site).as_posix(), word) for p in pages
             for word in EDITORIAL if word.lower() in p.read_text("utf-8").lower()}
    assert found == set()
    assert not (built_site / "redactie").exists()
    assert not (built_site / "en" / "redactie").exists()


def test_every_organisation_page_says_where_its_data_comes_from(built_site: Path) -> None:
    for path in sorted((ROOT / "data" / "organisations").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        html = (built_site / "hulp" / path.stem / "index.html").read_text("utf-8")
        section = html.split('id="waar-komen-deze-gegevens-vandaan"', 1)
        assert len(section) == 2, path.name
        assert "Waar komen deze gegevens vandaan?" in section[1], path.name
        source = data["source"]
        if source.get("url"):
            assert f'href="{source["url"]}"' in section[1], path.name
        # The read date as the page prints it (YAML reads 2026-11-29 as a date).
        assert f"bijgewerkt op {nl_date(str(source['read']))}" in section[1], path.name
        # No internal words: "Bron", "openbare bron".
        assert not re.search(r"\bbron\b", section[1].split("</article>")[0], re.I), path.name


def _organisation_page(tree: Path, today: date, org_id: str) -> str:
    generated = generate_site(tree / "data", today=today, docs_dir=tree / "docs")
    [page] = [f for f in generated.files if f.uri == f"hulp/{org_id}.md"]
    return page.content


def test_a_record_past_its_review_date_gets_a_calm_note(fixture_tree: Path) -> None:
    # hulplijn: read 2026-11-01, checked 2026-10-01. A year and more later: a note.
    note = "Deze gegevens zijn meer dan een jaar geleden bijgewerkt."
    fresh = _organisation_page(fixture_tree, TODAY, "hulplijn")
    assert note not in fresh
    assert "We hebben ze op 1 oktober 2026 nagevraagd bij Hulplijn Test." in fresh
    late = _organisation_page(fixture_tree, date(2027, 11, 2), "hulplijn")
    assert note + " De nieuwste gegevens staan op [de website van Hulplijn Test]" in late
    assert "!!!" not in late  # plain text, no warning box


def test_check_states_reads_as_the_validator(fixture_tree: Path) -> None:
    org = fixture_tree / "data" / "organisations" / "hulplijn.yml"
    org.write_text(org.read_text().split("verified:")[0], encoding="utf-8")
    portal = generate_site(fixture_tree / "data", today=TODAY).portal
    assert check_states(portal.organisations, TODAY) == {"hulplijn": NEVER_CHECKED}
    # opvang was checked on 2026-06-01: in time today, too long ago a year on.
    later = date(2027, 6, 2)
    assert check_states(portal.organisations, later) == {
        "hulplijn": NEVER_CHECKED, "opvang": OVERDUE, "regio-noord": OVERDUE}


def test_linked_organisations_resolves_relative_links() -> None:
    html = ('<a href="../../hulp/fier/">Fier</a> <a href="../../hulp/fier/#chat">chat</a> '
            '<a href="https://example.org/hulp/vt/">elders</a> <a href="../vt/">VT</a>')
    assert linked_organisations(html, "gemeenten/venlo/", ["fier", "vt"]) == ["fier"]
    # The page itself first, then what it links to (here also "../../hulp/fier/").
    assert linked_organisations(html, "hulp/vt/", ["fier", "vt"]) == ["vt", "fier"]
    assert linked_organisations('<a href="../../../hulp/fier/">', "en/hulp/x/", ["fier"]) \
        == ["fier"]


@pytest.fixture(scope="module")
def preview_project(tmp_path_factory) -> Path:
    """The small fixture site with the portal's theme overrides (where the banner is),
    one organisation never checked and one checked too long ago, built as a preview and
    (into out-public/) as a public site."""
    project = fixture_project(tmp_path_factory.mktemp("preview"))
    shutil.copytree(ROOT / "overrides", project / "overrides")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  name: material\n",
                                             "  name: material\n  custom_dir: overrides\n")
    config.write_text(text + "extra:\n  quick_exit:\n    url: https://www.example.com/\n"
                      "  safety_bar:\n    exit: Snel weg\n    exit_hint: (weg)\n"
                      "    crisis: Acuut gevaar?\n", encoding="utf-8")
    orgs = project / "data" / "organisations"
    hulplijn = orgs / "hulplijn.yml"
    hulplijn.write_text(hulplijn.read_text().split("verified:")[0], encoding="utf-8")
    opvang = orgs / "opvang.yml"
    opvang.write_text(opvang.read_text().replace("date: 2026-06-01", "date: 2025-06-01"),
                      encoding="utf-8")
    public = build_fixture(project)
    assert public.returncode == 0, public.stdout + public.stderr
    (project / "out").rename(project / "out-public")
    result = build_fixture(project, preview=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def _banner(html: str) -> str:
    found = re.search(r'<div class="admonition warning portal-preview".*?\n</div>', html, re.S)
    assert found, "no preview banner"
    return " ".join(found.group(0).split())  # the template's line breaks as spaces


def test_a_preview_build_shows_the_banner_on_every_page(preview_project: Path) -> None:
    out = preview_project / "out"
    pages = [p for p in _pages(out) if p.name != "404.html"]
    assert pages and all("portal-preview" in p.read_text("utf-8") for p in pages)
    banner = _banner((out / "hulp" / "hulplijn" / "index.html").read_text("utf-8"))
    assert "Voorbeeldversie voor de redactie, niet voor het publiek" in banner
    assert ("Op deze pagina staat 1 organisatie met gegevens die nog nagekeken moeten worden:"
            "</p> <ul> <li>Hulplijn Test: nooit gecontroleerd bij de organisatie</li>") in banner
    assert "Opvang Test" not in banner  # not on this page
    assert ("Op de hele site: van de 3 organisaties is er 1 nooit gecontroleerd bij de "
            "organisatie en 1 langer dan 12 maanden geleden.") in banner
    # The report the banner points to is there, and the link reaches it.
    link = re.search(r'<a href="([^"]+)">overzicht voor de redactie</a>', banner).group(1)
    report = (out / "hulp" / "hulplijn" / link / "index.html").resolve()
    assert report == (out / "redactie" / "actualiteit" / "index.html").resolve()
    assert "Actualiteit van pagina" in report.read_text("utf-8")
    # The start page names the hulplijn through a contact reference.
    start = _banner((out / "index.html").read_text("utf-8"))
    assert "Hulplijn Test: nooit gecontroleerd" in start
    opvang = _banner((out / "hulp" / "opvang" / "index.html").read_text("utf-8"))
    assert "<li>Opvang Test: langer dan 12 maanden geleden gecontroleerd</li>" in opvang


def test_a_preview_build_has_edit_links(preview_project: Path) -> None:
    org = (preview_project / "out" / "hulp" / "hulplijn" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/repo/edit/main/data/organisations/hulplijn.yml" ' \
           'title="Wijzig deze pagina"' in org
    index = (preview_project / "out" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/repo/edit/main/docs/index.md"' in index


def test_the_same_site_built_for_the_public_shows_none_of_it(preview_project: Path) -> None:
    # The fixture's mkdocs.yml asks for the theme's edit links; a public build drops them.
    assert "content.action.edit" in (preview_project / "mkdocs.yml").read_text("utf-8")
    out = preview_project / "out-public"
    found = {(p.relative_to(out).as_posix(), word) for p in _pages(out)
             for word in EDITORIAL if word.lower() in p.read_text("utf-8").lower()}
    assert found == set()
    assert not (out / "redactie").exists()
    org = (out / "hulp" / "hulplijn" / "index.html").read_text("utf-8")
    assert "Waar komen deze gegevens vandaan?" in org
    assert "bijgewerkt op 1 november 2026" in org


def test_every_preview_page_but_the_report_has_an_edit_link(preview_project: Path) -> None:
    out = preview_project / "out"
    missing = [p.relative_to(out).as_posix() for p in _pages(out)
               if 'rel="edit"' not in p.read_text("utf-8")]
    # The error page is no page of the site; the report is made from the dates of all.
    assert sorted(missing) == ["404.html", "redactie/actualiteit/index.html"]


def test_the_editors_page_is_noindex_and_not_in_the_sitemap(preview_project: Path) -> None:
    out = preview_project / "out"
    report = (out / "redactie" / "actualiteit" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in report
    assert "data/organisations/hulplijn.yml" in report
    assert "redactie/actualiteit" not in (out / "sitemap.xml").read_text("utf-8")
