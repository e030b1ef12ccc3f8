"""The freshness report: pages and records by age (oldest first), grouped by owner, as
`portal report` (text and Markdown) and as the editors' page of the build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portal.build import generate_site
from portal.checks.frontmatter import load_front_matter
from portal.cli import main
from portal.data.load import load_tree
from portal.editors.freshness import (
    FRESHNESS_URI,
    NO_OWNER,
    Item,
    age_text,
    collect_pages,
    collect_records,
    group_by_owner,
    render_markdown,
    render_sitemap_without,
    render_text,
    sort_by_age,
)

from .conftest import TODAY

TEAM = "Meldpunt Aanpak Loverboys Limburg - redactie"
CHECKED = "Redactie Meldpunt"  # verified.team of the fixture organisations


def _item(path: str, when: str | None, owner: str = TEAM) -> Item:
    return Item("pagina", path, path, owner, date.fromisoformat(when) if when else None,
                "nagelezen")


def test_sort_by_age_puts_the_oldest_and_the_undated_first() -> None:
    items = [_item("b", "2026-05-01"), _item("a", "2026-05-01"), _item("c", "2025-01-31"),
             _item("d", None), _item("e", "2026-11-29")]
    assert [i.path for i in sort_by_age(items)] == ["d", "c", "a", "b", "e"]


def test_group_by_owner_keeps_age_order_and_puts_no_team_last() -> None:
    items = [_item("x", "2026-01-01", NO_OWNER), _item("p1", "2026-06-01"),
             _item("q", "2026-03-01", "Beheer"), _item("p2", "2026-02-01"),
             _item("y", None, NO_OWNER)]
    groups = group_by_owner(items)
    assert list(groups) == ["Beheer", TEAM, NO_OWNER]
    assert [i.path for i in groups[TEAM]] == ["p2", "p1"]
    assert [i.path for i in groups[NO_OWNER]] == ["y", "x"]


@pytest.mark.parametrize(("when", "text"), [
    ("2026-11-29", "vandaag"), ("2026-11-28", "1 dag"), ("2025-11-29", "365 dagen"),
    ("2026-12-01", "in de toekomst"), (None, "onbekend"),
])
def test_age_in_dutch(when, text) -> None:
    assert age_text(_item("p", when), TODAY) == text


def _items(tree: Path) -> list[Item]:
    return (collect_records(load_tree(tree / "data", []), tree)
            + collect_pages(tree / "docs", tree))


def test_records_and_pages_of_the_fixture_tree(fixture_tree: Path) -> None:
    groups = group_by_owner(_items(fixture_tree))
    assert list(groups) == [TEAM, CHECKED, NO_OWNER]
    assert [(i.path, str(i.when)) for i in groups[TEAM]] == [
        ("docs/jongeren.md", "2026-10-01"), ("docs/signalen.en.md", "2026-10-01"),
        ("docs/signalen.md", "2026-10-01"), ("docs/index.md", "2026-11-01")]
    assert [(i.path, i.basis) for i in groups[CHECKED]] == [
        ("data/organisations/opvang.yml", "gecontroleerd"),
        ("data/organisations/regio-noord.yml", "gecontroleerd"),
        ("data/organisations/hulplijn.yml", "gecontroleerd")]
    # A route is as fresh as the oldest organisation its steps name.
    [route] = groups[NO_OWNER]
    assert (route.kind, route.when, route.basis) == (
        "route", date(2026, 10, 1), "oudste organisatie: Hulplijn Test")


def test_an_unverified_organisation_counts_from_its_source(fixture_tree: Path) -> None:
    org = fixture_tree / "data" / "organisations" / "hulplijn.yml"
    org.write_text(org.read_text().split("verified:")[0], encoding="utf-8")
    items = {i.path: i for i in _items(fixture_tree)}
    hulplijn = items["data/organisations/hulplijn.yml"]
    assert (hulplijn.owner, str(hulplijn.when)) == (NO_OWNER, "2026-11-01")
    assert hulplijn.basis == "bron gelezen, nooit gecontroleerd"


def test_a_page_without_a_date_is_listed_first(fixture_tree: Path) -> None:
    (fixture_tree / "docs" / "kaal.md").write_text("# Kaal\n", encoding="utf-8")
    first = sort_by_age(_items(fixture_tree))[0]
    assert (first.path, first.when, first.owner, first.title) == (
        "docs/kaal.md", None, NO_OWNER, "kaal")


def test_text_and_markdown_reports(fixture_tree: Path) -> None:
    items = _items(fixture_tree)
    text = render_text(items, TODAY)
    assert text.startswith("Actualiteit van pagina's en gegevens\nStand op 29 november 2026: "
                           "8 pagina's en gegevens")
    # The editorial state the public pages no longer show (F001, F002), counted.
    assert ("Van de organisaties zijn er 0 nooit gecontroleerd bij de organisatie en 0 "
            "langer dan 12 maanden geleden gecontroleerd.") in text
    later = render_text(items, date(2027, 7, 1))  # opvang and regio-noord: over a year
    assert "er 0 nooit gecontroleerd bij de organisatie en 2 langer dan 12" in later
    assert text.index(f"\n{TEAM} (4)\n") < text.index(f"\n{CHECKED} (3)\n") \
        < text.index(f"\n{NO_OWNER} (1)\n")
    assert "  2026-10-01    59 dagen  pagina       docs/jongeren.md: Voor jongeren (nagelezen)" \
        in text
    markdown = render_markdown(items, TODAY)
    assert markdown.startswith("# Actualiteit van pagina's en gegevens\n")
    assert f"\n## {TEAM}\n\n| Datum | Leeftijd | Soort | Bestand | Titel |\n" in markdown
    assert "| 2026-06-01 | 181 dagen | organisatie | `data/organisations/opvang.yml` | " \
           "Opvang Test (gecontroleerd) |" in markdown


def test_markdown_cells_are_escaped() -> None:
    item = Item("pagina", "docs/a.md", "Wel | niet <b>", TEAM, TODAY, "nagelezen")
    assert "| Wel \\| niet &lt;b&gt; (nagelezen) |" in render_markdown([item], TODAY)


def test_cli_report(fixture_tree: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(fixture_tree)
    assert main(["report", "--today", "2026-11-29"]) == 0
    out = capsys.readouterr().out
    assert out.index("docs/jongeren.md") < out.index("docs/index.md")
    assert main(["report", "--today", "2026-11-29", "--format", "markdown"]) == 0
    assert "## Zonder team" in capsys.readouterr().out
    assert main(["report", "--data", "geen"]) == 2
    assert "map met gegevens niet gevonden" in capsys.readouterr().err


def test_the_build_generates_the_editors_page(fixture_tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    generated = generate_site(fixture_tree / "data", today=TODAY,
                              docs_dir=fixture_tree / "docs")
    [page] = [f for f in generated.files if f.uri == FRESHNESS_URI]
    assert page.source is None  # no file to edit: it is made from the dates of all
    meta = load_front_matter(page.content, Path(FRESHNESS_URI)).data
    assert meta["robots"] == "noindex" and meta["search"] == {"exclude": True}
    assert "\n## Redactie Meldpunt\n" in page.content
    assert "`docs/jongeren.md`" in page.content  # paths from the repository root


def test_sitemap_leaves_out_noindex_pages() -> None:
    xml = ("<urlset>\n<url>\n <loc>https://x.nl/</loc>\n</url>\n<url>\n "
           "<loc>https://x.nl/redactie/actualiteit/</loc>\n <lastmod>2026</lastmod>\n</url>\n"
           "<url>\n <loc>https://x.nl/youth/</loc>\n</url>\n</urlset>")
    out = render_sitemap_without(xml, {"redactie/actualiteit/"})
    assert "actualiteit" not in out and out.count("<url>") == 2
    assert render_sitemap_without(xml, set()) == xml
