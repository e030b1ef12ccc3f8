"""The front matter of pages in docs/: checked against page.schema.json like the data,
with code, file and line; the theme's own keys are allowed, anything else is not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portal.checks.frontmatter import load_front_matter, validate_page, validate_pages
from portal.checks.readability import is_checked
from portal.checks.validate import has_errors, validate_tree
from portal.cli import main
from portal.data.schema import validate_schema
from portal.editors.freshness import render_page

from .conftest import ROOT, TODAY

PAGE = "docs/jongeren.md"  # lines 2-6: title, description, audience, owner, last_reviewed
TEAM = "Meldpunt Aanpak Loverboys Limburg - redactie"

# (case, text to replace in PAGE (None: the whole file), replacement, code, line)
BROKEN_FRONT = [
    ("no-front-matter", None, "# Voor jongeren\n\nGeen blok.\n", "P001", 1),
    ("empty-front-matter", None, "---\n---\n# Voor jongeren\n", "P001", 1),
    ("front-matter-is-text", None, "---\nVoor jongeren\n---\n# Voor jongeren\n", "P001", 1),
    ("missing-title", "title: Voor jongeren\n", "", "P003", 2),
    ("missing-owner", f"owner: {TEAM}\n", "", "P003", 2),
    ("missing-last-reviewed", "last_reviewed: 2026-10-01\n", "", "P003", 2),
    ("unknown-key", "audience: youth\n", "audience: youth\nauteur: Redactie\n", "P002", 5),
    ("misspelt-theme-key", "audience: youth\n", "audience: youth\nzoeken:\n  boost: 2\n",
     "P002", 5),
    ("tags-not-enabled", "audience: youth\n", "audience: youth\ntags: [hulp]\n", "P002", 5),
    ("unknown-search-key", "audience: youth\n", "audience: youth\nsearch:\n  gewicht: 2\n",
     "P002", 6),
    ("bad-audience", "audience: youth", "audience: jongeren", "P004", 4),
    ("audience-list", "audience: youth", "audience: [youth, parents]", "P004", 4),
    ("bad-hide", "audience: youth\n", "audience: youth\nhide: [menu]\n", "P004", 5),
    ("bad-boost", "audience: youth\n", "audience: youth\nsearch:\n  boost: hoog\n", "P004", 6),
    ("empty-title", "title: Voor jongeren", 'title: ""', "P004", 2),
    ("bad-date-form", "last_reviewed: 2026-10-01", "last_reviewed: 1 oktober 2026", "P005", 6),
    ("bad-date-order", "last_reviewed: 2026-10-01", "last_reviewed: 01-10-2026", "P005", 6),
    ("no-such-date", "last_reviewed: 2026-10-01", "last_reviewed: 2026-02-29", "P005", 6),
    ("personal-owner", f"owner: {TEAM}", "owner: Jan Jansen", "P006", 5),
    ("team-misspelt", f"owner: {TEAM}", "owner: Redactie Meldpunt", "P006", 5),
    ("yaml-error", "title: Voor jongeren", "title: Voor: jongeren", "Y001", 2),
    ("duplicate-key", "audience: youth\n", "audience: youth\naudience: parents\n", "Y002", 5),
]


def _break(tree: Path, old: str | None, new: str) -> None:
    path = tree / PAGE
    text = path.read_text(encoding="utf-8")
    if old is not None:
        assert old in text, old
    path.write_text(new if old is None else text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("row", BROKEN_FRONT, ids=[r[0] for r in BROKEN_FRONT])
def test_broken_front_matter_fails_with_code_file_and_line(fixture_tree: Path, monkeypatch,
                                                           row) -> None:
    _case, old, new, code, line = row
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, old, new)
    problems = validate_tree(fixture_tree / "data", today=TODAY,
                             docs_dir=fixture_tree / "docs")[1]
    found = [(p.code, p.path, p.line) for p in problems if p.code[0] in "PY"]
    assert found == [(code, PAGE, line)], [p.format_text() for p in problems]
    assert has_errors(problems)


def test_misspelt_required_key_is_unknown_and_missing(fixture_tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, "audience: youth", "audiance: youth")
    problems = validate_tree(fixture_tree / "data", today=TODAY,
                             docs_dir=fixture_tree / "docs")[1]
    assert [(p.code, p.line) for p in problems] == [("P003", 2), ("P002", 4)]
    assert "Bedoelde je 'audience'?" in problems[1].detail


def test_personal_e_mail_as_owner_is_two_problems(fixture_tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, f"owner: {TEAM}", "owner: j.jansen@example.nl")
    problems = validate_tree(fixture_tree / "data", today=TODAY,
                             docs_dir=fixture_tree / "docs")[1]
    assert {(p.code, p.line) for p in problems} == {("P006", 5), ("M002", 5)}


def test_message_is_in_the_validators_format(fixture_tree: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, f"owner: {TEAM}", "owner: Jan Jansen")
    assert main(["validate", "--today", "2026-11-29"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{PAGE}:5:1: P006 fout: 'Jan Jansen' is niet toegestaan bij "
                          f"'owner'. Kies uit: {TEAM}, ")
    assert "Tip: Een pagina hoort bij een team, niet bij een persoon" in out


@pytest.mark.parametrize("extra", [
    "search:\n  boost: 1.5\n", "search:\n  boost: 2\n", "search:\n  exclude: true\n",
    "hide:\n  - navigation\n  - toc\n", "template: main.html\n", "icon: material/help\n",
    "status: new\n", "subtitle: Uitleg\n", "robots: noindex\n",
])
def test_the_themes_own_keys_are_allowed(extra: str) -> None:
    text = (f"---\ntitle: T\ndescription: D\naudience: all\nowner: {TEAM}\n"
            f"last_reviewed: 2026-11-29\n{extra}---\n# T\n")
    assert validate_page(text, Path("docs/x.md")) == []


def test_every_shipped_page_has_valid_front_matter() -> None:
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        assert validate_pages(ROOT / "docs") == []
    finally:
        os.chdir(cwd)


def test_a_date_yaml_cannot_read_does_not_crash_the_plain_dutch_check() -> None:
    """The plain-Dutch check reads the front matter as this check does (dates stay text,
    P005 names the impossible one), so the page is still checked."""
    text = "---\naudience: youth\nlast_reviewed: 2026-02-30\n---\nEen zin.\n"
    assert is_checked(text, Path("docs/x.md"))
    assert "P005" in [p.code for p in validate_page(text, Path("docs/x.md"))]


def test_the_generated_editors_page_has_the_pages_own_keys() -> None:
    """The freshness page's front matter uses only keys a page may use (its audience,
    owner and date are the report itself, so those are the only ones missing)."""
    doc = load_front_matter(render_page([], TODAY), Path("redactie/actualiteit.md"))
    codes = {p.code for p in validate_schema(doc, "page", "x")}
    assert codes == {"S002"}  # missing keys only: no unknown key, no wrong value
