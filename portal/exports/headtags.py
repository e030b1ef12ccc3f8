"""Small rewrites of a built page's <head> (tidy_head does all of them).

Structured data (JSON-LD) is written by the page templates next to the content it
describes, but belongs in <head>: the theme's instant navigation re-creates every script
inside the content as an executable script (it copies the text, not the type), so a
JSON-LD block there would be run as JavaScript (and blocked by the page's CSP).

The per-page language links (<link rel="alternate" hreflang>, from mkdocs-static-i18n)
are removed: the theme fetches "sitemap.xml" next to every alternate link's address,
which for a page address is a 404 on every page load. Search engines get the same links
from sitemap.xml (xhtml:link), and visitors from the language switch.
"""

from __future__ import annotations

import re

_HREFLANG = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_JSONLD = re.compile(r'<script type="application/ld\+json">.*?</script>\n?', re.S)


def move_jsonld_to_head(html: str) -> str:
    """The page with every JSON-LD block moved to the end of <head>, in page order."""
    blocks = _JSONLD.findall(html)
    if not blocks:
        return html
    head_end = html.find("</head>")
    if head_end < 0 or all(html.find(b) < head_end for b in blocks):
        return html
    body = _JSONLD.sub("", html[head_end:])
    moved = "".join(b if b.endswith("\n") else b + "\n" for b in blocks
                    if html.find(b) > head_end)
    return html[:head_end] + moved + body


def remove_hreflang_links(html: str) -> str:
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return _HREFLANG.sub("", html[:head_end]) + html[head_end:]


def tidy_head(html: str) -> str:
    return remove_hreflang_links(move_jsonld_to_head(html))
