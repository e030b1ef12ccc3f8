"""Hostile markup in data and pages: refused by the validator with file and line.

- Data (every string value of every file under data/, not a list of keys): the pages
  show data as text, so any HTML tag or comment in a value is a mistake or an attack
  (H001); so is a `javascript:`, `data:` or `vbscript:` address (H002) and an invisible
  control or direction character (H003). Values are also checked after decoding HTML
  entities, so `&lt;script&gt;` is found as well.
- Pages in docs/: raw HTML only from a short list of harmless tags and attributes (H004,
  H005), no event handler (`on...=`), no dangerous address in a link, image or HTML
  attribute (H002), no comment left open, which would hide the rest of the page (H006);
  the front matter's title and description hold no HTML at all (H007).

The one HTML scanner (portal/data/markup.py, Python's own html.parser: the rules a
browser uses to find tags, comments and attributes) reads the markup, and the one page
reader (portal/data/markdown.py) the page. Code spans and fenced code blocks are left
out of the page scan, so the editors' guide can show the syntax.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..data.markdown import FRONT_LINE, MarkdownPage, parse_markdown, read_markdown_tree
from ..data.markup import Scan, scan_html
from ..data.yamlsource import Document, YamlError, walk_strings
from ..messages import Problem, display_path

# Harmless tags a page may write itself (layout and text; no script, frame, form,
# object, style, SVG or meta).
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul",
})
ALLOWED_ATTRIBUTES = frozenset({
    "alt", "class", "colspan", "datetime", "dir", "height", "href", "id", "lang",
    "loading", "markdown", "open", "rel", "rowspan", "scope", "src", "start", "tabindex",
    "title", "width",
})
_URL_ATTRIBUTES = frozenset({"href", "src"})
# A scheme that runs or embeds code, after the spaces and controls a browser ignores.
_BAD_SCHEME = re.compile(r"^(?:javascript:|vbscript:|data:(?:[a-z-]+/|[,;]))", re.I)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
# In running text: a scheme anywhere, once the tabs and line breaks that browsers ignore
# inside an address are gone (`java\tscript:`).
_SCRIPT_ADDRESS = re.compile(r"(?<![a-z])(?:javascript:|vbscript:|data:[a-z-]+/)", re.I)
_BROKEN_BY = re.compile(r"[\t\r\n\x00]+")
# (Line and paragraph separators are E001's, in the one-line values where they matter.)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f"
                      "\u202a-\u202e\u2066-\u2069]")
# Markdown link and image targets, autolinks and reference definitions.
_MD_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]*)|<([a-z][a-z0-9+.-]*:[^>\s]*)>"
                         r"|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.I | re.M)


def dangerous_url(value: str) -> bool:
    """True for an address that would run or embed code (javascript:, data:, vbscript:),
    however it is spelled: entities decoded, spaces and controls removed."""
    return bool(_BAD_SCHEME.match(_IGNORED_IN_URL.sub("", html.unescape(value))))


def _markup(scan: Scan) -> list:
    """The tags, comments and declarations of a scan (not its end tags or text)."""
    return [t for t in scan.tokens if t.kind not in ("end", "text")]


# --- data ------------------------------------------------------------------------------

def check_data_markup(docs: Iterable[Document]) -> list[Problem]:
    """H001-H003 for every string value of every data file."""
    out = []
    for doc in docs:
        for path, value in walk_strings(doc.data):
            out += _check_value(doc, path, value)
    return out


def _check_value(doc: Document, path: tuple[Any, ...], value: str) -> list[Problem]:
    problems = []
    if _CONTROL.search(value):
        char = _CONTROL.search(value).group(0)
        problems.append(doc.problem(path, "H003", f"De tekst bevat een onzichtbaar teken "
                                    f"(U+{ord(char):04X}) dat de tekst anders laat lezen "
                                    "of tonen dan hij er staat."))
    for text in dict.fromkeys((value, html.unescape(value))):
        if "<" not in text:
            continue
        scan = scan_html(text)
        markup = _markup(scan) or [t for t in scan.tokens if t.kind == "end"]
        if markup or scan.rest.startswith("<!--"):
            what = "een HTML-commentaar" if (not markup or markup[0].kind == "comment") else \
                f"HTML ('<{markup[0].name}>')"
            problems.append(doc.problem(path, "H001", f"De tekst bevat {what}. Gegevens "
                                        "worden als gewone tekst getoond; HTML is niet "
                                        "toegestaan."))
            break
    if _SCRIPT_ADDRESS.search(_BROKEN_BY.sub("", html.unescape(value))):
        problems.append(doc.problem(path, "H002", "De tekst bevat een adres dat een script "
                                    "uitvoert of inbedt (javascript:, data: of vbscript:)."))
    return problems


# --- pages ------------------------------------------------------------------------------

def check_page_markup(text: str | MarkdownPage, where: str) -> list[Problem]:
    """H002, H004-H007 for one Markdown page (its text as read from the file, or as read
    by the page reader)."""
    page = text if isinstance(text, MarkdownPage) else parse_markdown(text, Path(where))
    problems = _check_front_matter(page, where)
    lines = list(page.prose())
    prose = "\n".join(line.text for line in lines)
    numbers = [line.number for line in lines]

    def line_of(parser_line: int) -> int:
        return numbers[min(parser_line, len(numbers)) - 1] if numbers else 1

    scan = scan_html(prose)
    for token in _markup(scan):
        at, col = line_of(token.line), token.column
        if token.kind == "declaration":
            problems.append(Problem(where, at, col, "H004",
                                    f"'<!{token.name[:20]}...>' is niet toegestaan in een "
                                    "pagina."))
        elif token.kind == "start":
            tag = token.name
            if tag not in ALLOWED_TAGS:
                problems.append(Problem(where, at, col, "H004",
                                        f"HTML-element <{tag}> is niet toegestaan in een "
                                        "pagina."))
            for name, value in token.attrs:
                if name.startswith("on") or name not in ALLOWED_ATTRIBUTES:
                    problems.append(Problem(where, at, col, "H005",
                                            f"Attribuut '{name}' op <{tag}> is niet "
                                            "toegestaan."))
                elif name in _URL_ATTRIBUTES and value and dangerous_url(value):
                    problems.append(Problem(where, at, col, "H002",
                                            f"Adres '{value[:40]}' voert een script uit of "
                                            "bedt iets in."))
    if scan.rest.startswith("<!--"):
        problems.append(Problem(where, line_of(scan.rest_line), 1, "H006",
                                "Een HTML-commentaar '<!--' wordt niet gesloten met '-->'; "
                                "de rest van de pagina zou verdwijnen."))
    for line in lines:
        for m in _MD_TARGETS.finditer(line.text):
            target = next(g for g in m.groups() if g is not None)
            if dangerous_url(target):
                problems.append(Problem(where, line.number, m.start() + 1, "H002",
                                        f"Link naar '{target[:40]}': een adres dat een "
                                        "script uitvoert of iets inbedt is niet toegestaan."))
    return problems


def _check_front_matter(page: MarkdownPage, where: str) -> list[Problem]:
    try:
        doc = page.front_matter()
    except YamlError:
        return []  # reported by the front matter check (Y001)
    if doc is None or not isinstance(doc.data, dict):
        return []
    problems = []
    for key, name in (("title", "titel"), ("description", "beschrijving")):
        value = doc.data.get(key)
        if not isinstance(value, str):
            continue
        decoded = html.unescape(value)
        scan = scan_html(decoded) if "<" in decoded else Scan([], "", 0)
        if _markup(scan) or any(t.kind == "end" for t in scan.tokens) \
                or scan.rest.startswith("<"):
            line, col = doc.positions.of((key,))
            problems.append(Problem(where, line + FRONT_LINE - 1, col, "H007",
                                    f"De {name} bevat HTML; schrijf gewone tekst."))
    return problems


def check_pages_markup(docs_dir: Path) -> list[Problem]:
    problems = []
    for page in read_markdown_tree(docs_dir):
        problems += check_page_markup(page, display_path(page.path))
    return problems
