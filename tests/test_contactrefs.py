"""Contact references in Markdown: found, checked with positions, rendered."""

from __future__ import annotations

import pytest

from portal.checks.contactrefs import check_references, find_references
from portal.data.load import load_tree
from portal.data.model import build_portal
from portal.pages.contactrefs import render_references

from .conftest import FIXTURES

CHANNELS = {"veilig-thuis": ("Veilig Thuis", ["telefoon"]), "fier": ("Fier", ["chat"])}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bel [[veilig-thuis/telefoon]] nu.", [(1, 5, "veilig-thuis", "telefoon")]),
        ("Zie [[fier]].", [(1, 5, "fier", None)]),
        ("a\n\n[[ fier / chat ]]", []),  # spaces around the slash are not the syntax
        ("a\n\n[[ fier ]]", [(3, 1, "fier", None)]),
        ("Schrijf `[[fier]]` zo.", []),  # inline code is left alone
        ("```\n[[fier]]\n```\n[[fier/chat]]", [(4, 1, "fier", "chat")]),
        ("[[Fier]] en [[fier_chat]]", []),  # not ids
        # The one page reader's lines, fences and code spans (portal/data/markdown.py):
        ("a\r\nb\r\n[[fier]]", [(3, 1, "fier", None)]),  # Windows line breaks
        ("a\rb\r[[fier]]", [(3, 1, "fier", None)]),
        ("\ufeff[[fier]]", [(1, 1, "fier", None)]),  # the BOM is no column
        ("a\u2028b\n[[fier]]", [(2, 1, "fier", None)]),  # U+2028 ends no Markdown line
        ("```\n~~~\n[[fier]]\n```\n[[fier]]", [(5, 1, "fier", None)]),  # ~~~ closes no ```
        ("````\n```\n[[fier]]\n````\n", []),  # a shorter fence closes no longer one
        ("Schrijf ``a ` [[fier]]`` zo.", []),  # a code span with a backtick in it
        ("---\ntitle: '[[fier]]'\n---\n", [(2, 9, "fier", None)]),  # front matter too
    ],
)
def test_find_references(text, found):
    assert [(r.line, r.column, r.organisation, r.channel) for r in find_references(text)] == found


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("Bel\n[[veilig-thuis/telefon]]", "R002", 2, 1),
        ("Zie [[fiet]].", "R001", 1, 5),
        ("Zie [[fier/telefoon]].", "R002", 1, 5),
    ],
)
def test_unknown_references_give_code_line_column(text, code, line, column):
    problems = check_references(text, "docs/x.md", CHANNELS)
    assert [(p.code, p.path, p.line, p.column) for p in problems] == [
        (code, "docs/x.md", line, column)]


def test_known_references_pass():
    assert check_references("[[veilig-thuis/telefoon]] [[fier]]", "x.md", CHANNELS) == []


def test_render_replaces_every_reference_on_a_line():
    portal = build_portal(load_tree(FIXTURES / "data", []))
    out = render_references(
        "A [[hulplijn/telefoon]] en [[regio-noord]].\n`[[hulplijn]]`\n", portal.organisations,
        lambda org, ch: f"<{org.name}:{ch.shown if ch else '-'}>")
    assert out == "A <Hulplijn Test:0800 2000> en <Regionaal Team Noord:->.\n`[[hulplijn]]`\n"
