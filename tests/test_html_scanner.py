"""The one HTML scanner (portal/data/markup.py): tags and attributes as a browser reads
them (any quoting, entities decoded), plain text, elements, and the site memo that must
change nothing but line numbers."""

from __future__ import annotations

import pytest

from portal.data.markup import elements, plain_text, scan_html, tokens_text

# (id, HTML, the first start tag's name and attributes)
TAGS = [
    ("double", '<a href="x/">', "a", (("href", "x/"),)),
    ("single", "<a href='x/'>", "a", (("href", "x/"),)),
    ("none", "<a href=x/>", "a", (("href", "x/"),)),
    ("no-value", "<details open>", "details", (("open", None),)),
    ("upper-case", "<IMG SRC='a.png' ALT=Logo>", "img", (("src", "a.png"), ("alt", "Logo"))),
    ("entity", '<a href="?a=1&amp;b=2" title="&quot;x&#39;">', "a",
     (("href", "?a=1&b=2"), ("title", "\"x'"))),
    ("spaces", '<a  href = "x"\n  rel = edit >', "a", (("href", "x"), ("rel", "edit"))),
    ("self-closing", "<br/>", "br", ()),
    ("quote-in-other-quote", "<a title='zeg \"hoi\"' href=\"it's\">", "a",
     (("title", 'zeg "hoi"'), ("href", "it's"))),
    ("twice", '<a href="1" href="2">', "a", (("href", "1"), ("href", "2"))),
]


@pytest.mark.parametrize(("markup", "name", "attrs"), [r[1:] for r in TAGS],
                         ids=[r[0] for r in TAGS])
def test_tags_and_attributes(markup: str, name: str, attrs: tuple) -> None:
    start = next(t for t in scan_html(markup).tokens if t.kind == "start")
    assert (start.name, start.attrs) == (name, attrs)
    assert start.attr(attrs[0][0]) == (attrs[0][1] or "") if attrs else True


@pytest.mark.parametrize(("markup", "kinds", "rest"), [
    ("a <b>c</b>", ["text", "start", "text", "end"], ""),
    ("<!-- x --><!DOCTYPE html><?php ?>", ["comment", "declaration", "declaration"], ""),
    ("tekst <!-- open", ["text"], "<!-- open"),
    ("<a href='x", [], "<a href='x"),
    ("<script>if (a < b) {}</script>", ["start", "text", "end"], ""),
])
def test_tokens_and_what_is_left_open(markup: str, kinds: list[str], rest: str) -> None:
    scan = scan_html(markup)
    assert [t.kind for t in scan.tokens] == kinds
    assert scan.rest == rest


def test_positions() -> None:
    scan = scan_html("<p>\n  <a href=x>\n</p>\n<!-- open")
    assert [(t.name, t.line, t.column) for t in scan.tokens if t.kind != "text"] == \
        [("p", 1, 1), ("a", 2, 3), ("p", 3, 1)]
    assert (scan.rest, scan.rest_line) == ("<!-- open", 4)


@pytest.mark.parametrize(("fragment", "text"), [
    ("Bel <strong>gratis</strong>", "Bel gratis"),
    ("<span>Naar</span> B &amp; C", "Naar B & C"),
    ("A&nbsp;B", "A\xa0B".replace("\xa0", " ")),  # no-break space folds like a space
    ("a<br>b", "a b"),
    ("<p>a</p><p>b</p>", "a b"),
    ("<p>a</p>\n  <p>b</p>", "a b"),
    ("<b>Bel</b>\n<b>nu</b>", "Bel nu"),
    ("Ver<em>sterk</em>t<!-- x -->e <a href=x>link</a>.", "Versterkte link."),
    ("tekst<script>var x = '<b>'</script> verder", "tekst verder"),
    ("<style>p { }</style>tekst<!-- nee -->", "tekst"),
    ("geen html", "geen html"),
    ("1 < 2 &lt; 3", "1 < 2 < 3"),
    ("  veel \n  ruimte ", "veel ruimte"),
])
def test_plain_text(fragment: str, text: str) -> None:
    assert plain_text(fragment) == text


def test_elements_nest_and_keep_their_text() -> None:
    tokens = scan_html("<article><h1>Titel <a href=x><img alt=Logo> link</a></h1>"
                       "<p><a href='y'>Twee</a></p></article><a href=z>open").tokens
    found = elements(tokens, frozenset({"a", "h1"}), frozenset({"article"}))
    assert [(e.start.name, e.text) for e in found] == [
        ("article", ""), ("h1", "Titel link"), ("a", "link"), ("a", "Twee"), ("a", "open")]
    assert [t.name for t in found[2].inner] == ["img"]
    assert found[0].end == len(tokens) - 3 and found[-1].end == len(tokens)


def _shown(tokens: list) -> list:
    """The tokens without white-space text (which a memo scan may keep at a line start)
    and without line numbers."""
    return [t._replace(line=0) for t in tokens if t.kind != "text" or t.name.strip()]


def test_a_memo_changes_nothing_but_line_numbers() -> None:
    page = ("<html>\n  <nav><a href='/'>Start</a></nav>\n<script>\nvar a = '<a href=x>';\n"
            "</script>\n<p title='twee\nregels'>{}</p>\n <b>x</b>\n<b>y</b>\n<!-- open")
    memo: dict = {}
    for body in ("Een", "Twee &amp; drie", "Een"):
        alone, shared = scan_html(page.format(body)), scan_html(page.format(body), memo)
        assert _shown(alone.tokens) == _shown(shared.tokens)
        assert tokens_text(alone.tokens) == tokens_text(shared.tokens)
        assert alone.rest == shared.rest == "<!-- open"
    assert "  <nav><a href='/'>Start</a></nav>" in memo  # a line on its own is shared
    assert not any("script" in line or "title=" in line for line in memo)  # these run on
