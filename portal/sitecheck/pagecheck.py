"""Structure checks of a built page that a screen-reader user depends on: headings in
order (one h1, no level skipped), every image with an alt text (or marked as decoration
with role="presentation"), and every link with
a name that makes sense out of context (no "klik hier", no empty link).

Run by `portal check-links` on each page it already reads, so the build gates on them.
Only the page's own content (<article>) is checked for headings and images; the theme's
header, navigation and footer are checked by axe in the browser tests.
"""

from __future__ import annotations

import html
import re
from functools import cache

_ARTICLE = re.compile(r"<article\b.*?</article>", re.S | re.I)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S | re.I)
_IMG = re.compile(r"<img\b([^>]*)>", re.I)
_ALT = re.compile(r'\salt\s*=\s*"\s*[^"\s]', re.I)
_DECORATION = re.compile(r'\srole\s*=\s*"(?:presentation|none)"', re.I)
_TAGS = re.compile(r"<[^>]+>")
_NAME = re.compile(r'\b(?:aria-label|title)\s*=\s*"([^"]+)"|<img\b[^>]*\balt="([^"]+)"', re.I)

# Link texts that say nothing when a screen reader lists the links of a page.
VAGUE_LINK_TEXTS = frozenset({
    "klik hier", "hier", "klik", "lees meer", "lees verder", "meer", "meer info",
    "meer informatie", "link", "deze link", "deze pagina", "ga verder", "verder",
    "click here", "here", "read more", "more", "this page",
})


def check_structure(text: str) -> list[tuple[str, str]]:
    """(code, Dutch detail) for each structure problem in a page's content."""
    article = _ARTICLE.search(text)
    if article is None:
        return []
    content = article.group(0)
    return _check_headings(content) + _check_images(content)


def _check_headings(content: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    levels = [(int(m.group(1)), _text(m.group(2))) for m in _HEADING.finditer(content)]
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


def _check_images(content: str) -> list[tuple[str, str]]:
    found = []
    for m in _IMG.finditer(content):
        # An empty alt is only right for decoration, which the editor marks explicitly.
        if not _ALT.search(m.group(1)) and not _DECORATION.search(m.group(1)):
            src = re.search(r'src="([^"]*)"', m.group(1))
            found.append(("A004", f"Afbeelding '{src.group(1) if src else '?'}' heeft geen "
                                  "alt-tekst."))
    return found


def check_link_name(text: str, inner: str, attrs: str) -> tuple[str, str] | None:
    """A problem with a link's accessible name, or None. `text` is the visible text,
    `inner` the raw HTML inside <a>, `attrs` the raw attributes of the <a> tag."""
    if not text:
        if _NAME.search(attrs) or _NAME.search(inner):
            return None
        return "A002", "Link zonder tekst: een schermlezer kan niet zeggen waar hij heen gaat."
    return _check_text(text)


@cache  # the theme's navigation repeats the same link texts on every page
def _check_text(text: str) -> tuple[str, str] | None:
    words = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    if words in VAGUE_LINK_TEXTS:
        return "A001", f"Linktekst '{text}' zegt niet waar de link heen gaat."
    return None


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())
