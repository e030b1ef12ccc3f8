"""Escaping for the generated Markdown: every value from data/ reaches a page as text.

Generated pages are Markdown that MkDocs turns into HTML, so a value must be safe twice:
as HTML (`<`, `&`, quotes become entities) and as Markdown (no link, emphasis, attribute
list `{...}`, table cell `|`, heading or list that the value did not mean). Hand-made,
because no kept library escapes for Python-Markdown with its extensions: markupsafe does
the HTML half, and the Markdown half backslash-escapes exactly the characters that
Python-Markdown (with `tables`, which MkDocs always loads) unescapes again
(`Markdown.ESCAPED_CHARS`), so the visitor sees the literal value. Characters that have
no backslash escape there (`=`, `~`, `^`, `:` at the start of a line) become numeric
entities.

The Jinja environment of the generated pages (render.py) applies `md_inline` to every
`{{ ... }}` of a `.md.j2` template by construction (Jinja's `finalize`); templates mark
what they wrote themselves as Markup. URLs go through `md_url`, front matter through a
YAML dumper (`front_matter`), never through string formatting.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import yaml
from markupsafe import Markup, escape

# Always escaped: what starts emphasis, code, links, attribute lists and table cells, or
# closes a heading (`#`), wherever it stands in a line; each is in Python-Markdown's
# ESCAPED_CHARS (`|` through `tables`, which MkDocs always loads).
_MD_ALWAYS = re.compile(r"([\\`*_{}\[\]#|])")
# Only at the start of a line, where they begin a list, quote, rule, admonition or
# setext heading (`-`, `+`, `!` have a backslash escape; `=`, `~`, `^`, `:` do not and
# become numeric entities); `1.` would begin a numbered list.
_LINE_START = {"-": "\\-", "+": "\\+", "!": "\\!", "=": "&#61;", "~": "&#126;",
               "^": "&#94;", ":": "&#58;"}
_NUMBERED = re.compile(r"^(\d+)\.")
# C0/C1 controls, line and paragraph separators, and bidirectional overrides: never
# part of a value shown on a page (the validator refuses them; this is the last guard).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s*[\r\n]+\s*")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;"}


def md_inline(value: object) -> Markup:
    """One line of text, escaped for HTML and Markdown: shows exactly as written."""
    if isinstance(value, Markup):
        return value
    text = _SPACE.sub(" ", _CONTROL.sub("", str(value)))
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = "".join(_HTML.get(ch, ch) for ch in text)
    text = text.lstrip()  # four spaces at the start of a line would make a code block
    if text[:1] in _LINE_START:
        text = _LINE_START[text[0]] + text[1:]
    return Markup(_NUMBERED.sub(r"\1\\.", text))


def md_block(value: object) -> Markup:
    """Text that may hold paragraphs (a blank line): each paragraph escaped as one line,
    so no line of it can start a list, heading, code block or definition."""
    if isinstance(value, Markup):
        return value
    paragraphs = re.split(r"\n[ \t]*\n", _CONTROL.sub("", str(value)).strip())
    return Markup("\n\n".join(md_inline(p) for p in paragraphs if p.strip()))


_URL_SCHEMES = ("https", "http", "mailto", "tel")
# Kept as they are in a Markdown link target; everything else is percent-encoded, so a
# value cannot close the target `)`, add a title `"`, or break out with `<`, `>`, space.
_URL_SAFE = "-._~:/?#@!$&*+,;=%"


def md_url(value: object) -> Markup:
    """A link target for Markdown: http(s), mailto: or tel:, or a relative path; any
    other scheme (javascript:, data:, ...) becomes '#', which goes nowhere."""
    if isinstance(value, Markup):
        return value
    text = _CONTROL.sub("", str(value)).strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return Markup("#")
    if scheme and scheme not in _URL_SCHEMES:
        return Markup("#")
    return Markup(quote(text, safe=_URL_SAFE + "'").replace("'", "%27"))


def front_matter(**fields: object) -> Markup:
    """A YAML front matter block, written by the YAML dumper: any value stays a string
    (no `\\x3c` escapes or quotes that end the value, no extra keys)."""
    data = {k: (str(v) if isinstance(v, Markup) else v) for k, v in fields.items()}
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return Markup(f"---\n{dumped}---\n")


def escape_meta(meta: dict) -> None:
    """Front matter as the theme needs it: mkdocs-material prints `page.meta.title`,
    `description` and other keys without escaping (MkDocs' theme environment does not
    autoescape), into `<title>`, attributes and the navigation. Every top-level text
    becomes Markup escaped for HTML, once (Markup is left as it is)."""
    for key, value in meta.items():
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = Markup(escape(value))


def unescape_text(value: object) -> object:
    """The plain text of a value that `escape_meta` escaped (for the feed, which
    escapes for XML itself); anything else as it is."""
    return value.unescape() if isinstance(value, Markup) else value
