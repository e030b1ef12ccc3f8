"""The one reader of the Markdown pages in docs/: front matter and body, line by line,
as MkDocs reads them, for every check of a page and for the contact references.

MkDocs opens a page as UTF-8 with a byte-order mark dropped and every line break (CRLF,
CR, LF) read as LF; then a YAML block between a first line `---` and a line `---` or
`...` is the front matter. This reader does the same, so a page saved on Windows or
with a BOM is read like any other (the validator still refuses the BOM itself, Y006).
Line numbers are those of the file, so a message points where the editor looks; columns
count from the first character an editor sees.

The front matter is read with the position-keeping YAML reader of the data files
(yamlsource.load_yaml_text), so a page's keys have the same positions and dates the same
type as in data/. Fenced code (``` or ~~~, closed by a fence of the same character at
least as long) and code spans are told apart from prose, so the editors' guide can show
the syntax of what the checks look for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, NamedTuple

from .yamlsource import Document, YamlError, load_yaml_text, read_source

BOM = "\ufeff"
# What MkDocs builds as a page: a name ending in ".md", in lower case (it copies "X.MD"
# as a file, unread and unchecked).
PAGE_SUFFIX = ".md"
# `---` on the very first line, the block, then `---` or `...` on a line of its own.
FRONT = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
FRONT_LINE = 2  # the YAML text starts on the line after the opening `---`
_BREAK = re.compile(r"\r\n?")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A web address as Markdown shows it: an autolink `<https://...>` or a bare address.
WEB_ADDRESS = re.compile(r"<https?://[^>]*>|https?://\S+|www\.\S+")
# A code span: a run of backticks, closed by a run of exactly as many.
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")

Kind = Literal["front", "fence", "code", "text"]


class Line(NamedTuple):
    """One line of a page: its number in the file, its text (no line break) and what it
    is: front matter (with its `---` lines), a code fence, code inside one, or text."""

    number: int
    text: str
    kind: Kind


@dataclass(frozen=True)
class MarkdownPage:
    text: str  # as MkDocs reads it: no BOM, every line break "\n"
    path: Path = Path("pagina.md")
    bom: bool = False  # the file starts with a byte-order mark
    front: str | None = None  # the YAML text of the front matter; None: no block
    body_line: int = 1  # the first line after the front matter

    @cached_property
    def lines(self) -> list[Line]:
        """Every line of the page, each with its kind."""
        found: list[Line] = []
        fence = ""  # the fence of the open code block ("" outside one)
        for number, text in enumerate(self.text.split("\n"), start=1):
            if number < self.body_line:
                found.append(Line(number, text, "front"))
                continue
            opening = _FENCE.match(text)
            if fence:
                closes = opening is not None and opening.group(1)[0] == fence[0] \
                    and len(opening.group(1)) >= len(fence) and not text[opening.end():].strip()
                found.append(Line(number, text, "fence" if closes else "code"))
                fence = "" if closes else fence
            elif opening is not None:
                fence = opening.group(1)
                found.append(Line(number, text, "fence"))
            else:
                found.append(Line(number, text, "text"))
        if found and not found[-1].text and self.text.endswith("\n"):
            found.pop()  # the line break that ends the last line starts no new line
        return found

    def body(self) -> list[Line]:
        """The lines after the front matter."""
        return self.lines[self.body_line - 1:]

    def prose(self) -> Iterator[Line]:
        """The text lines of the body (no code blocks), with code spans blanked: every
        character of a code span, backticks too, becomes a space (columns are kept)."""
        for line in self.body():
            if line.kind == "text":
                yield Line(line.number, blank_code_spans(line.text), "text")

    def front_matter(self) -> Document | None:
        """The front matter as a Document (positions relative to the YAML text; add
        FRONT_LINE - 1 for the line in the file), or None when the page has no block.
        Raises YamlError (lines relative to the YAML text)."""
        if self.front is None:
            return None
        return load_yaml_text(self.front, self.path, first_line=FRONT_LINE)

    @cached_property
    def meta(self) -> dict[str, Any]:
        """The front matter as a dict; {} when there is none or it cannot be read."""
        try:
            doc = self.front_matter()
        except YamlError:
            return {}
        return doc.data if doc is not None and isinstance(doc.data, dict) else {}


# `page.en.md`: a page in a second language (mkdocs-static-i18n, suffix structure).
_LANGUAGE_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")


def page_language(name: str) -> str:
    """'hulp/index.en.md' -> 'en'; a page without a language suffix (or `.nl.md`) is
    Dutch: 'nl'."""
    match = _LANGUAGE_SUFFIX.search(name)
    return match.group(1) if match else "nl"


def parse_markdown(text: str, path: Path = Path("pagina.md")) -> MarkdownPage:
    """A page from its text as read from the file (a BOM and CR line breaks allowed)."""
    bom = text.startswith(BOM)
    text = _BREAK.sub("\n", text[1:] if bom else text)
    match = FRONT.match(text)
    if match is None:
        return MarkdownPage(text, path, bom)
    body_line = text.count("\n", 0, match.end()) + 1 + (not match.group(0).endswith("\n"))
    return MarkdownPage(text, path, bom, match.group(1), body_line)


def read_markdown(path: Path) -> MarkdownPage:
    """One page file, read as the data files are (yamlsource.read_source: never through a
    symbolic link, at most its size limit, UTF-8). Raises YamlError (Y005, Y013, Y014)."""
    return parse_markdown(read_source(path), path)


def markdown_files(docs_dir: Path) -> list[Path]:
    """Every page under `docs_dir`, in path order (folders behind a link are not walked)."""
    return sorted(docs_dir.rglob(f"*{PAGE_SUFFIX}"))


def read_markdown_tree(docs_dir: Path) -> Iterator[MarkdownPage]:
    """Every page under `docs_dir` that can be read, in path order. One that cannot (a
    link, not UTF-8, too large) is left out: the front matter check reports it."""
    for path in markdown_files(docs_dir):
        try:
            yield read_markdown(path)
        except YamlError:
            continue


def split_lines(text: str, *, keepends: bool = False) -> list[str]:
    """`text` cut into lines where Markdown sees line breaks (CRLF, CR, LF; not the
    other characters str.splitlines() breaks at), so line numbers agree with this reader."""
    lines, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        lines.append(text[start:m.end() if keepends else m.start()])
        start = m.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def blank_code_spans(line: str) -> str:
    """`line` with each code span replaced by as many spaces."""
    if "`" not in line:
        return line
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
