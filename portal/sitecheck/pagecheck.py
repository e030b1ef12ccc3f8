"""Structure checks of a built page that a screen-reader user depends on: headings in
order (one h1, no level skipped), every image with an alt text (or marked as decoration
with role="presentation"), and every link with
a name that makes sense out of context (no "klik hier", no empty link).

Run by `portal check-links` on each page it already reads, so the build gates on them.
Only the page's own content (<article>) is checked for headings and images; the theme's
header, navigation and footer are checked by axe in the browser tests. The page is read
by the one HTML scanner (portal/data/markup.py), so attributes in single quotes or none
count like any other.
"""

from __future__ import annotations

import re
from functools import cache

from ..data.markup import Element, Token, elements, scan_html

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CONTENT = frozenset({"article"})  # check_content() needs elements(tokens, HEADINGS, CONTENT)
_DECORATION = frozenset({"presentation", "none"})
_NAMING = ("aria-label", "title")  # attributes that name a link without visible text

# Link texts that say nothing when a screen reader lists the links of a page.
VAGUE_LINK_TEXTS = frozenset({
    "klik hier", "hier", "klik", "lees meer", "lees verder", "meer", "meer info",
    "meer informatie", "link", "deze link", "deze pagina", "ga verder", "verder",
    "click here", "here", "read more", "more", "this page",
})


def check_structure(page: str | list[Token]) -> list[tuple[str, str]]:
    """(code, Dutch detail) for each structure problem in a page's content."""
    tokens = scan_html(page).tokens if isinstance(page, str) else page
    return check_content(tokens, elements(tokens, HEADINGS, CONTENT))


def check_content(tokens: list[Token], found: list[Element]) -> list[tuple[str, str]]:
    """check_structure() on a page already read: `found` holds at least its HEADINGS
    and CONTENT elements (elements(tokens, HEADINGS, CONTENT))."""
    article = next((e for e in found if e.start.name == "article"), None)
    if article is None:
        return []
    headings = [e for e in found if e.start.name in HEADINGS
                and article.index < e.index < article.end]
    images = [t for t in tokens[article.index:article.end]
              if t.kind == "start" and t.name == "img"]
    return _check_headings(headings) + _check_images(images)


def _check_headings(headings: list[Element]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    levels = [(int(e.start.name[1]), e.text) for e in headings]
    h1 = [title for level, title in levels if level == 1]
    if len(h1) != 1:
        found.append(("A003", f"De pagina heeft {len(h1)} koppen van niveau 1 (#); "
                              "precies één is nodig."))
    previous = 0
    for level, title in levels:
        if previous and level > previous + 1:
            found.append(("A003", f"Kop '{title}' is niveau {level} na niveau {previous}: "
                                  f"er is een niveau overgeslagen."))
        previous = level
    return found


def _check_images(images: list[Token]) -> list[tuple[str, str]]:
    found = []
    for img in images:
        # An empty alt is only right for decoration, which the editor marks explicitly.
        if not (img.attr("alt") or "").strip() and img.attr("role") not in _DECORATION:
            found.append(("A004", f"Afbeelding '{img.attr('src', '?')}' heeft geen "
                                  "alt-tekst."))
    return found


def check_link_name(link: Element) -> tuple[str, str] | None:
    """A problem with the accessible name of a link (an <a> element), or None."""
    if not link.text:
        if any(_names(tag) for tag in (link.start, *link.inner)):
            return None
        return "A002", "Link zonder tekst: een schermlezer kan niet zeggen waar hij heen gaat."
    return _check_text(link.text)


def _names(tag: Token) -> bool:
    """Whether a tag gives the link around it a name: aria-label or title, or an image's
    alt text."""
    names = (*_NAMING, "alt") if tag.name == "img" else _NAMING
    return any((tag.attr(name) or "").strip() for name in names)


@cache  # the theme's navigation repeats the same link texts on every page
def _check_text(text: str) -> tuple[str, str] | None:
    words = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    if words in VAGUE_LINK_TEXTS:
        return "A001", f"Linktekst '{text}' zegt niet waar de link heen gaat."
    return None
