"""Small rewrites of a built page's <head>.

Structured data (JSON-LD) is written by the page templates next to the content it
describes, but belongs in <head>: the theme's instant navigation re-creates every script
inside the content as an executable script (it copies the text, not the type), so a
JSON-LD block there would be run as JavaScript (and blocked by the page's CSP).
"""

from __future__ import annotations

import re

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
