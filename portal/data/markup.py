"""The one HTML scanner: a page or a fragment of HTML as a list of tokens (start tags with
their attributes, end tags, text, comments, declarations), each with its line and column.

Every place that reads HTML uses it: the hostile-markup check of the pages in docs/, the
link and structure checks of the built site, and every "HTML to plain text". It is
Python's own `html.parser`, a real tokenizer that follows the rules a browser uses to
find tags, comments and attributes: attribute values in double quotes, single quotes or
none, entities (`&amp;`, `&#39;`) decoded, tag and attribute names in lower case. It is
in the standard library; lxml or selectolax would be faster but are no dependency.

`html.parser` is slow next to regular expressions, but a built site repeats the same
header, navigation and footer on every page, so a scan can share a memo: a line that the
parser reads completely on its own (no tag, comment or script running on into the next
line) is parsed once per site, and the next page that holds it gets its tokens. On the
770 pages of the built site (27 MB) that takes the parser from 7.8 to 1.0 s of CPU, and
the whole link check from 1.3 s (with the regular expressions it replaces) to 3.0 s.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import NamedTuple

# Elements whose content a reader never sees as text.
HIDDEN = frozenset({"script", "style", "template"})
# Elements inside a line of text: their tags part no words ("Ver<em>sterk</em>t").
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
                    "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
                    "strong", "sub", "sup", "time", "u", "var"})


class Token(NamedTuple):
    """One thing the scanner found. `kind` is "start" (also for `<br/>`), "end", "text",
    "comment" or "declaration" (white space right after a block tag is left out: the tag
    already parts the words); `name` the tag name in lower case for "start" and "end",
    the text itself otherwise (entities decoded); `attrs` the attributes of a start tag
    as written, in order, names in lower case, values decoded (None: no value)."""

    kind: str
    name: str
    attrs: tuple[tuple[str, str | None], ...]
    line: int  # 1-based
    column: int  # 1-based

    def attr(self, name: str, default: str | None = None) -> str | None:
        """The value of the first attribute `name` ("" when it has no value)."""
        for key, value in self.attrs:
            if key == name:
                return value if value is not None else ""
        return default


class Scan(NamedTuple):
    tokens: list[Token]
    rest: str  # what the parser kept back at the end: an open comment or tag ("" if none)
    rest_line: int  # the line where `rest` starts


class _Tokenizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self.after_block = False  # the last token is a tag that is not INLINE

    def _add(self, kind: str, name: str, attrs=()) -> None:
        line, col = self.getpos()
        self.tokens.append(Token(kind, name, tuple(attrs), line, col + 1))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)
        self.after_block = tag not in INLINE

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._add("end", tag)
        self.after_block = tag not in INLINE

    def handle_data(self, data):
        # White space after a block tag parts no words the tag does not part already;
        # leaving it out spares every reader of the tokens most of a page's text tokens.
        if not (self.after_block and data.isspace()):
            self._add("text", data)
            self.after_block = False

    def handle_comment(self, data):
        self._add("comment", data)

    def handle_decl(self, decl):
        self._add("declaration", decl)

    def handle_pi(self, data):
        self._add("declaration", data)

    def unknown_decl(self, data):
        self._add("declaration", data)

    @property
    def clean(self) -> bool:
        """Everything fed is read, and no script or style runs on."""
        return not self.rawdata and self.cdata_elem is None


def scan_html(text: str, memo: dict[str, tuple[Token, ...]] | None = None) -> Scan:
    """The tokens of `text`. Nothing is kept back but an unfinished comment or tag at the
    end (`Scan.rest`), which a browser would read to the end of the page.

    `memo` (one dict for the pages of one site) remembers the tokens of the lines that
    stand alone; such a scan keeps no line numbers (every token has line 0), as copying
    each token to set its line would cost what the memo saves."""
    if memo is None:
        parser = _Tokenizer()
        parser.feed(text)
        return Scan(parser.tokens, parser.rawdata, _rest_line(parser))
    tokens: list[Token] = []
    parser = None  # a parser reading a construct that runs over more than one line
    lines = text.split("\n")  # the parser counts lines by "\n" alone
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if parser is None:
            known = memo.get(line) if number < last else None  # the key: line and its "\n"
            if known is not None:
                tokens += known
                continue
            parser, start = _Tokenizer(), number
        parser.feed(line + "\n" if number < last else line)
        if parser.clean:
            found = tuple(t._replace(line=0) for t in parser.tokens)
            if start == number < last:  # a line on its own: the same on every page
                memo[line] = found
            tokens += found
            parser = None
    if parser is None:
        return Scan(tokens, "", 0)
    return Scan(tokens + [t._replace(line=0) for t in parser.tokens], parser.rawdata, 0)


def _rest_line(parser: _Tokenizer) -> int:
    return parser.getpos()[0] if parser.rawdata else 0


def plain_text(fragment: str) -> str:
    """A fragment of HTML as a reader reads it: tags, comments and scripts left out (a
    tag that is not INLINE, such as <p> or <br>, as a space), entities decoded, white
    space folded."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    return tokens_text(scan_html(fragment).tokens)


def tokens_text(tokens: list[Token]) -> str:
    """The plain text of a run of tokens, as plain_text() reads it."""
    parts, hidden = [], 0
    for token in tokens:
        if token.kind == "text":
            if not hidden:
                parts.append(token.name)
        elif token.kind not in ("start", "end"):
            continue  # a comment or declaration shows nothing
        elif token.name in HIDDEN:
            hidden = max(0, hidden + (1 if token.kind == "start" else -1))
        elif token.name not in INLINE:
            parts.append(" ")
    return _fold(parts)


class Element(NamedTuple):
    """An element found by elements(): where its start and end tag stand in the token
    list (`end` is len(tokens) when it is never closed), its start tag, its plain text
    and the start tags inside it."""

    index: int
    end: int
    start: Token
    text: str
    inner: tuple[Token, ...]


def elements(tokens: list[Token], names: frozenset[str],
             bounds: frozenset[str] = frozenset()) -> list[Element]:
    """Every element whose tag is in `names` or `bounds`, in the order they start: one
    pass over the tokens, however the elements nest. Of those in `bounds` only where they
    start and end is kept (no text, no inner tags), which costs nothing per token."""
    found: dict[int, Element] = {}
    open_: list[tuple[int, list[str] | None, list[Token]]] = []  # (index, text, inner tags)
    wanted = names | bounds
    collecting = hidden = 0  # open elements whose text is kept; open <script> and the like
    for index, token in enumerate(tokens):
        kind, name = token.kind, token.name
        if kind == "text":
            if collecting and not hidden:
                for _, parts, _ in open_:
                    if parts is not None:
                        parts.append(name)
            continue
        tag = kind in ("start", "end")
        if tag and name in HIDDEN:
            hidden = hidden + 1 if kind == "start" else max(0, hidden - 1)
        if collecting and tag:  # as in tokens_text()
            space = " " if name not in INLINE else ""
            for _, parts, inner in open_:
                if parts is not None:
                    parts.append(space)
                    if kind == "start":
                        inner.append(token)
        if not tag or name not in wanted:
            continue
        if kind == "start":
            keep = name in names
            open_.append((index, [] if keep else None, []))
            collecting += keep
            continue
        at = next((i for i in range(len(open_) - 1, -1, -1)
                   if tokens[open_[i][0]].name == name), None)
        if at is not None:
            first, parts, inner = open_.pop(at)
            collecting -= parts is not None
            found[first] = _element(tokens, first, index, parts, inner)
    for first, parts, inner in open_:  # never closed: to the end of the page
        found[first] = _element(tokens, first, len(tokens), parts, inner)
    return [found[i] for i in sorted(found)]


def _element(tokens: list[Token], first: int, end: int, parts: list[str] | None,
             inner: list[Token]) -> Element:
    return Element(first, end, tokens[first], _fold(parts or []), tuple(inner))


def _fold(parts: list[str]) -> str:
    return " ".join("".join(parts).split())
