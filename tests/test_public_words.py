"""No internal words in the public site: "route", "rol", "terugval" and "openbare bron"
are the editors' and developers' words (data/routes/, roles.yml, the fallback of a role,
the source of a record). The built Dutch pages are read as a visitor sees them: the
visible text only, not addresses, attributes or scripts. The editors' pages (redactie/)
are not public text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

WORDS = re.compile(r"\b(routes?|rol|rollen|terugval\w*|openbare\s+bronn?e?n?)\b", re.IGNORECASE)
ADDRESS = re.compile(r"\S+://\S+|\bwww\.\S+|\S+@\S+")
INVISIBLE = {"script", "style", "template", "svg", "noscript", "head"}
EDITORS_ONLY = ("redactie/",)
# page (site-relative) -> words that may stand there, each with the reason.
ALLOWED: dict[str, dict[str, str]] = {}
# Text in other files, still to be reworded (none left: keep it empty).
PENDING: dict[str, set[str]] = {}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.parts: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag in INVISIBLE:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in INVISIBLE and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> tuple[str, str]:
    """The page's language and the text a visitor reads, without web and mail addresses."""
    parser = _VisibleText()
    parser.feed(html)
    return parser.lang, ADDRESS.sub(" ", " ".join(parser.parts))


def internal_words(html: str) -> list[str]:
    lang, text = visible_text(html)
    if not lang.startswith("nl"):
        return []
    return [m.group(0).lower() for m in WORDS.finditer(text)]


def test_the_scan_reads_what_a_visitor_reads() -> None:
    page = '<html lang="nl"><head><title>Route</title></head><body>{}</body></html>'
    assert internal_words(page.format("<p>Kies een route.</p>")) == ["route"]
    assert internal_words(page.format("<p>Welke <b>rol</b> heeft de gemeente?</p>")) == ["rol"]
    assert internal_words(page.format("<p>Uit een openbare\nbron.</p>")) == ["openbare\nbron"]
    assert internal_words(page.format(
        '<p class="portal-route-alarm"><a href="/wat-kan-ik-doen/route/">Bel</a></p>'
        "<script>var route = 1;</script><p>https://example.org/route/ rollator</p>")) == []
    assert internal_words('<html lang="en"><body><p>Your route</p></body></html>') == []


def test_no_internal_words_on_public_pages(built_site: Path) -> None:
    found: dict[str, list[str]] = {}
    for path in sorted(built_site.rglob("*.html")):
        page = path.relative_to(built_site).as_posix()
        if page.startswith(EDITORS_ONLY):
            continue
        words = [w for w in internal_words(path.read_text(encoding="utf-8"))
                 if w not in ALLOWED.get(page, {}) and w not in PENDING.get(page, set())]
        if words:
            found[page] = sorted(set(words))
    assert found == {}, "Interne woorden op publieke pagina's:\n" + "\n".join(
        f"  {page}: {', '.join(words)}" for page, words in found.items())
