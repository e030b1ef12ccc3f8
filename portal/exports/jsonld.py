"""One way to write structured data (schema.org JSON-LD) into a page.

A JSON-LD block sits in a <script> element, whose text the browser reads as raw text
until `</script`; `<!--` followed by `<script` in that text makes the browser skip the
next `</script>` as well, so one description could swallow the rest of the page. Every
`<`, `>` and `&` is therefore written as a JSON escape (`\\u003c`), which JSON readers turn
back into the same character, so the text of the block holds no markup at all. U+2028
and U+2029 are escaped too: valid in JSON, but line ends for older JavaScript readers.
"""

from __future__ import annotations

import json

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
            0x2028: "\\u2028", 0x2029: "\\u2029"}


def render_jsonld(data: object) -> str:
    """JSON text of `data` that is safe as the content of a <script> element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


def render_jsonld_script(data: object) -> str:
    """A complete JSON-LD <script> element for `data`, ending in a line break."""
    return f'<script type="application/ld+json">{render_jsonld(data)}</script>\n'
