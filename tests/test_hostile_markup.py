"""Hostile markup from data and pages (issue 13): the validator refuses scripts, HTML and
dangerous addresses with file and line, and what it lets through is carried as text.

Three layers: the escaping functions (table-driven, through Python-Markdown with the
site's extensions), the validator over the fixture tree (each hostile string in each
field), and a real build of the fixture site with harmless-but-tricky strings in every
text field, read back in Chromium (tests/browser/test_hostile_build.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from portal.checks.validate import validate_tree
from portal.pages.escape import front_matter, md_block, md_inline, md_url

from .conftest import BUILD_DAY, TODAY

ORG = "data/organisations/hulplijn.yml"
ROUTE = "data/routes/direct-gevaar.yml"
MUNI = "data/municipalities.yml"
PAGE = "docs/index.md"

# Shown as text, whatever Markdown or HTML they look like.
TRICKY = [
    "*vet* _schuin_ `code` **x**",
    "[klik](https://voorbeeld.example/) ![beeld](x.png)",
    "{: .rood onclick=\"x\"} { #id } {.klasse}",
    "a | b | c",
    "A & B < C > D \"E\" 'F'",
    "&lt;script&gt;",
    "# geen kop",
    "- geen lijst",
    "1. geen lijst",
    "!!! note \"geen blok\"",
    "=== geen kop",
    ": geen definitie",
    "    geen code",
    "\\*backslash\\*",
    "<https://voorbeeld.example/>",
    "markdown=\"1\"",
    "regel één #",
]
MARKDOWN_EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "def_list", "admonition",
                       "md_in_html"]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize("context", ["{}", "# {}", "- **Label**: {}", "x | {}\n--|--\n1 | 2",
                                     "!!! note \"Titel\"\n    {}"])
def test_md_inline_shows_the_value_as_written(value: str, context: str) -> None:
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    out = md.convert(context.format(md_inline(value)))
    tags = set(re.findall(r"<([a-z0-9]+)", out))
    # Only the tags of the context itself: the value added no element.
    expected = {"{}": {"p"}, "# {}": {"h1"}, "- **Label**: {}": {"ul", "li", "strong"},
                "x | {}\n--|--\n1 | 2": {"table", "thead", "tbody", "tr", "th", "td"},
                "!!! note \"Titel\"\n    {}": {"div", "p"}}[context]
    assert tags == expected, out
    assert not re.search(r"<[a-z0-9]+[^>]*\son\w+=", out), out
    shown = _text(out.split("</th>")[1] if "<table>" in out else out)
    shown = shown.removeprefix("Titel").removeprefix("Label:").strip()
    assert shown == value.strip(), out


def test_md_block_keeps_paragraphs_and_nothing_else() -> None:
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    out = md.convert(md_block("Eerste *alinea*.\n\n- tweede\n\n    derde"))
    assert out == "<p>Eerste *alinea*.</p>\n<p>- tweede</p>\n<p>derde</p>"


@pytest.mark.parametrize("url, expected", [
    ("https://voorbeeld.example/pad?a=1&b=2#x", "https://voorbeeld.example/pad?a=1&b=2#x"),
    ("https://x.example/a) [b](javascript:alert(1)", "https://x.example/a%29%20%5Bb%5D%28javascript:alert%281%29"),
    ('https://x.example/"onmouseover="alert(1)', "https://x.example/%22onmouseover=%22alert%281%29"),
    ("javascript:alert(1)", "#"),
    (" JavaScript:alert(1)", "#"),
    ("java\nscript:alert(1)", "#"),
    ("data:text/html,<script>alert(1)</script>", "#"),
    ("vbscript:msgbox", "#"),
    ("mailto:info@voorbeeld.example", "mailto:info@voorbeeld.example"),
    ("tel:+318002000", "tel:+318002000"),
    ("../hulp/fier.md", "../hulp/fier.md"),
])
def test_md_url(url: str, expected: str) -> None:
    assert md_url(url) == expected


@pytest.mark.parametrize("value", ["\x3cscript\x3e", 'a "quote" \\x3c', "x\n---\ntitle: y",
                                   "'single' : colon # hash", "\u2028"])
def test_front_matter_is_dumped_not_formatted(value: str) -> None:
    import yaml

    text = front_matter(title=value, description="d", search={"exclude": True})
    assert text.startswith("---\n") and text.endswith("---\n")
    data = yaml.safe_load(text.strip("-\n"))
    assert data == {"title": value, "description": "d", "search": {"exclude": True}}


# --- the validator ---------------------------------------------------------------------

@pytest.fixture
def tree(fixture_tree: Path, monkeypatch) -> Path:
    monkeypatch.chdir(fixture_tree)  # messages name files relative to the project
    return fixture_tree


def _put(tree: Path, file: str, old: str, new: str) -> None:
    path = tree / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(tree: Path) -> list:
    return validate_tree(tree / "data", today=TODAY, docs_dir=tree / "docs")[1]


# YAML double-quoted values, so escapes such as \x3c are decoded by the YAML reader.
REFUSED_VALUES = [
    (r"<script>alert(1)</script>", "H001"),
    (r"\x3cscript\x3ealert(1)\x3c/script\x3e", "H001"),
    (r'\"><img src=x onerror=alert(1)>', "H001"),
    (r"Hulp <!--<script>", "H001"),
    (r"Hulp <!-- open", "H001"),
    (r"&lt;script&gt;alert(1)&lt;/script&gt;", "H001"),
    (r"<b>vet</b>", "H001"),
    (r"[klik](javascript:alert(1))", "H002"),
    (r"[klik](JaVa\tScRiPt:alert(1))", "H002"),
    (r"zie data:text/html;base64,PHNjcmlwdD4=", "H002"),
    (r"Hulp\u202eenil", "H003"),
    (r"Hulp\u200fenil", "H003"),
    # NUL and other C0 controls are refused when the file is read (Y008, test_hostile_input).
]
# (file, line, text to replace with `key: "{}"`)
DATA_FIELDS = [
    (ORG, 2, "name: Hulplijn Test", 'name: "{}"'),
    (ORG, 4, "description: Een hulplijn voor de tests.", 'description: "{}"'),
    (ORG, 13, "    label: Bel gratis", '    label: "{}"'),
    (ROUTE, 2, "title: Direct gevaar", 'title: "{}"'),
    (ROUTE, 3, "situation: Er is nu gevaar.", 'situation: "{}"'),
    (ROUTE, 7, "  - do: Bel de hulplijn.", '  - do: "{}"'),
    (MUNI, 3, "  note: Testgegevens.", '  note: "{}"'),
    (MUNI, 6, "    name: Noord", '    name: "{}"'),
    (MUNI, 19, "    name: Stad B", '    name: "{}"'),
]


@pytest.mark.parametrize("value, code", REFUSED_VALUES)
@pytest.mark.parametrize("file, line, old, new", DATA_FIELDS)
def test_hostile_data_is_refused_with_file_and_line(tree: Path, value: str, code: str,
                                                    file: str, line: int, old: str,
                                                    new: str) -> None:
    _put(tree, file, old, new.format(value))
    found = [p for p in _problems(tree) if p.code.startswith("H")]
    assert found, f"{value} in {file} not refused"
    assert {(p.path, p.line, p.code) for p in found} == {(file, line, code)}, \
        [p.format_text() for p in found]


# In data, entity-encoded tags and <...> autolinks are refused too (H001): data is text.
@pytest.mark.parametrize("value", [v for v in TRICKY if not v.startswith(("&lt;", "<"))])
def test_tricky_text_in_data_is_allowed(tree: Path, value: str) -> None:
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    _put(tree, ORG, "description: Een hulplijn voor de tests.",
         f'description: "{quoted}"')
    assert not [p for p in _problems(tree) if p.code.startswith("H")]


REFUSED_PAGES = [
    ("<script>alert(1)</script>", "H004", 10),
    ("Tekst\n\n<iframe src=\"https://x.example\"></iframe>", "H004", 12),
    ("<object data=\"x.swf\"></object>", "H004", 10),
    ("<svg onload=\"alert(1)\"></svg>", "H004", 10),
    ("<style>body{display:none}</style>", "H004", 10),
    ("<img src=\"x.png\" alt=\"\" onerror=\"alert(1)\">", "H005", 10),
    ("<div style=\"display:none\">x</div>", "H005", 10),
    ("<a href=\"javascript:alert(1)\">klik</a>", "H002", 10),
    ("<a href=\"&#106;avascript:alert(1)\">klik</a>", "H002", 10),
    ("[klik](javascript:alert(1))", "H002", 10),
    ("[klik]( javascript:alert(1) )", "H002", 10),
    ("![beeld](data:image/svg+xml;base64,PHN2Zz4=)", "H002", 10),
    ("Zie [hier][x].\n\n[x]: javascript:alert(1)", "H002", 12),
    ("<javascript:alert(1)>", "H002", 10),
    ("Tekst\n<!-- nooit gesloten\n\nMeer tekst.", "H006", 11),
]


@pytest.mark.parametrize("body, code, line", REFUSED_PAGES)
def test_hostile_page_is_refused_with_file_and_line(tree: Path, body: str, code: str,
                                                    line: int) -> None:
    _put(tree, PAGE, "Zie de [bron]", body + "\n\nZie de [bron]")
    found = [p for p in _problems(tree) if p.code.startswith("H")]
    assert (PAGE, line, code) in {(p.path, p.line, p.code) for p in found}, \
        [p.format_text() for p in found]


@pytest.mark.parametrize("body", [
    "Regel<br>met een breuk, <span class=\"x\" lang=\"en\">tekst</span>.",
    "<details markdown>\n<summary>Meer</summary>\n\nTekst.\n</details>",
    "Zo schrijf je het niet: `<script>alert(1)</script>` en `[x](javascript:y)`.",
    "```html\n<script>alert(1)</script>\n<!-- open\n```",
    "<!-- een gesloten notitie voor de redactie -->",
    "[veilig](https://voorbeeld.example/) en [intern](../index.md#kop)",
    "Open data: een CSV-bestand.",
])
def test_harmless_page_markup_is_allowed(tree: Path, body: str) -> None:
    _put(tree, PAGE, "Zie de [bron]", body + "\n\nZie de [bron]")
    found = [p for p in _problems(tree) if p.code.startswith("H")]
    assert not found, [p.format_text() for p in found]


@pytest.mark.parametrize("field, value, line", [
    ("title", "Test</title><script>alert(1)</script>", 2),
    ("title", "'&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;'", 2),
    ("description", "\"<img src=x onerror=alert(1)>\"", 3),
])
def test_html_in_page_title_or_description_is_refused(tree: Path, field: str,
                                                      value: str, line: int) -> None:
    old = {"title": "title: Test", "description":
           "description: De eerste pagina van de testgegevens."}[field]
    _put(tree, PAGE, old, f"{field}: {value}")
    found = [p for p in _problems(tree) if p.code.startswith("H")]
    assert {(p.path, p.line, p.code) for p in found} == {(PAGE, line, "H007")}, \
        [p.format_text() for p in found]


def test_the_shipped_site_has_no_hostile_markup() -> None:
    from .conftest import ROOT

    problems = validate_tree(ROOT / "data", today=BUILD_DAY, docs_dir=ROOT / "docs")[1]
    assert not [p.format_text() for p in problems if p.code.startswith("H")]
