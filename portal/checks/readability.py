"""Plain Dutch (B1) for the pages written for young people and parents.

A page with `audience: youth` or `audience: parents` in its front matter is read as its
reader reads it: headings (labels, not sentences), code, tables, HTML tags, link targets,
images and admonition markers are dropped, link text is kept, and a contact reference
`[[org/channel]]` counts as one short word. Each paragraph and list item is split into
sentences, each with the line of the Markdown file it starts on. Pages are read by the one
page reader (portal/data/markdown.py), so a page saved with CRLF line breaks or a
byte-order mark is checked like any other.

Per page: words per sentence, the Flesch-Douma reading ease (206.84 - 0.77 x syllables
per 100 words - 0.93 x words per sentence: the constants of textstat's "nl" mode, with
syllables from pyphen's Dutch hyphenation) and the share of long words. The
score uses our own sentences: textstat splits only at . ! ? (a list item has no full
stop) and leaves short sentences out of the count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..data.load import DataTree
from ..data.markdown import (
    CODE_SPAN,
    WEB_ADDRESS,
    MarkdownPage,
    parse_markdown,
    read_markdown_tree,
)
from ..data.markup import plain_text
from ..messages import Problem, display_path
from .contactrefs import REFERENCE
from .lists import fill_lists

CHECKED_AUDIENCES = frozenset({"youth", "parents"})


@dataclass(frozen=True)
class Thresholds:
    """The B1 limits, in one place (CONTRIBUTING.md explains them to editors)."""

    sentence_words: int = 20  # T001: a sentence with more words than this
    average_words: float = 13.0  # T002: a page averaging more words per sentence ...
    douma_min: float = 65.0  # T002: ... or scoring below this Flesch-Douma
    long_share: float = 0.08  # T003: a page with a larger share of long words
    long_syllables: int = 4  # a long word has this many syllables or more ...
    long_letters: int = 13  # ... or this many letters or more


B1 = Thresholds()
CONTACT_WORD = "hulp"  # what a contact reference counts as: one word of one syllable
WORST = 5  # the longest sentences shown per page

_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_DEFINITION = re.compile(r"^\s{0,3}:\s+")  # def_list: a term line, then ":   definition"
_SKIP_LINE = re.compile(  # tables, admonitions, tabs, link definitions, attr lists
    r"^\s*(?:\||!!!|\?\?\?|===[+!]?\s|\[[^\]]+\]:\s|\*\[|\{:?[^}]*\}\s*$|-{2}8<-)")
_COMMENT_OPEN = re.compile(r"<!--(?!.*-->)")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_INLINE = [  # (pattern, replacement), in this order
    (re.compile(rf"<!--.*?-->|{CODE_SPAN.pattern}"), " "),
    (REFERENCE, CONTACT_WORD),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)|\[\^[^\]]+\]"), " "),
    (re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),
    (WEB_ADDRESS, " "),  # (HTML tags: plain_text, at the end)
    (re.compile(r"\{:?\s*[.#][^}]*\}"), " "),
    (re.compile(r"\*+|~~|==|\^\^|(?<!\w)_+|_+(?!\w)"), ""),
]
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset(re.findall(r"\S+", "bijv bv b.v o.a enz etc d.w.z ca nr z.s.m i.p.v "
                                       "incl excl t.a.v evt m.b.t mevr dhr dr drs mr ing prof "
                                       "tel zgn vs a.u.b s.v.p"))
_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str
    words: int


@dataclass
class PageReport:
    """The measures of one page; `line` is its first heading (or line 1)."""

    path: str
    line: int = 1
    sentences: list[Sentence] = field(default_factory=list)
    words: int = 0
    syllables: int = 0
    long_words: list[tuple[str, int]] = field(default_factory=list)  # (word, line)

    @property
    def average(self) -> float:
        return self.words / len(self.sentences) if self.sentences else 0.0

    @property
    def douma(self) -> float:
        return douma(self.words, len(self.sentences), self.syllables)

    @property
    def long_share(self) -> float:
        return len(self.long_words) / self.words if self.words else 0.0

    def worst(self, count: int = WORST) -> list[Sentence]:
        return sorted(self.sentences, key=lambda s: (-s.words, s.line))[:count]


def douma(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """Flesch-Douma reading ease: 100 very easy, 60-70 plain, below 50 hard."""
    return 206.84 - 0.77 * (100 * n_syllables / n_words) - 0.93 * (n_words / n_sentences) \
        if n_words and n_sentences else 100.0


@cache
def _hyphenator():
    import pyphen  # imported late: only a run that checks a page pays for it
    return pyphen.Pyphen(lang="nl")


@cache
def syllables(word: str) -> int:
    """Syllables from pyphen's Dutch hyphenation: the count textstat's "nl" mode gave."""
    return len(_hyphenator().positions(word.lower())) + 1


def is_long(word: str, limits: Thresholds = B1) -> bool:
    letters = sum(ch.isalpha() for ch in word)
    return letters >= limits.long_letters or (
        letters > 0 and syllables(word) >= limits.long_syllables)


def is_checked(markdown: str | MarkdownPage, path: Path) -> bool:
    """A youth or parent page in Dutch (`name.en.md` of mkdocs-static-i18n is not)."""
    if path.name.count(".") > 1 and not path.name.endswith(".nl.md"):
        return False
    page = markdown if isinstance(markdown, MarkdownPage) else parse_markdown(markdown, path)
    value = page.meta.get("audience") or ()
    if not isinstance(value, (str, list)):
        return False
    return bool(({value} if isinstance(value, str) else set(map(str, value)))
                & CHECKED_AUDIENCES)


def strip_inline(text: str) -> str:
    """A line of Markdown as plain text: what a reader reads of it."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return plain_text(text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentences of plain `text` start and end."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if text[m.end():].lstrip()[:1].islower():
            continue  # "bijv. de politie", "nr. 3. daarna": not the end of a sentence
        before = text[start:m.start()].split()
        if m.group(0)[0] == "." and before and before[-1].lower().strip("(") in _ABBREVIATIONS:
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans
            if text[a:b].strip()]


def split_sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def blocks(markdown: str | MarkdownPage) -> tuple[list[list[tuple[int, str]]], int]:
    """Paragraphs and list items as lists of (line, plain text), and the first heading's
    line. Headings, tables, code, admonition markers and front matter are left out."""
    page = markdown if isinstance(markdown, MarkdownPage) else parse_markdown(markdown)
    found: list[list[tuple[int, str]]] = [[]]
    heading, comment = 0, False
    for lineno, line, kind in page.body():
        current = found[-1]
        if kind != "text":  # a code block ends the paragraph above
            if current:
                found.append([])
            continue
        if comment and "-->" not in line:
            continue
        if comment:  # the line that closes an HTML comment
            comment, line = False, line.split("-->", 1)[1]
        if _COMMENT_OPEN.search(line):
            comment, line = True, line.split("<!--", 1)[0]
        if current and _SETEXT.match(line):  # the paragraph above was a heading
            heading = heading or current[0][0]
            current.clear()
            continue
        if not line.strip() or any(p.match(line) for p in (_HEADING, _RULE, _SKIP_LINE)):
            heading = heading or (lineno if _HEADING.match(line) else 0)
            found.append([])
            continue
        item = _ITEM.match(line) or _DEFINITION.match(line)
        if item:
            if item.re is _DEFINITION:  # the term above is a label, like a heading
                next((block for block in reversed(found) if block), []).clear()
            found.append([])
            line = line[item.end():]
        text = strip_inline(_QUOTE.sub("", line))
        if text:
            found[-1].append((lineno, text))
    return [block for block in found if block], heading or 1


def sentences(markdown: str | MarkdownPage) -> tuple[list[Sentence], int]:
    """Every sentence of a page with the line it starts on, and the first heading's line."""
    found, heading = blocks(markdown)
    result = []
    for block in found:
        text, starts = "", []
        for lineno, piece in block:
            starts.append((len(text), lineno))
            text += piece + " "
        for a, b in sentence_spans(text):
            if count := len(_WORD.findall(text[a:b])):
                line = max(ln for offset, ln in starts if offset <= a)
                result.append(Sentence(line, text[a:b].strip(), count))
    return result, heading


def measure(markdown: str | MarkdownPage, path: str, limits: Thresholds = B1) -> PageReport:
    found, heading = sentences(markdown)
    pairs = [(word, s.line) for s in found for word in _WORD.findall(s.text)]
    return PageReport(path, heading, found, len(pairs), sum(syllables(w) for w, _ in pairs),
                      [(word, line) for word, line in pairs if is_long(word, limits)])


def quote(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def num(value: float, digits: int = 1) -> str:
    """A number as Dutch readers write it: 12,5."""
    return f"{value:.{digits}f}".replace(".", ",")


def check_page(report: PageReport, limits: Thresholds = B1) -> list[Problem]:
    problems = [Problem(report.path, s.line, 1, "T001", f"Zin van {s.words} woorden (meer "
                        f"dan {limits.sentence_words}): '{quote(s.text)}'.")
                for s in report.sentences if s.words > limits.sentence_words]
    if report.average > limits.average_words or report.douma < limits.douma_min:
        top, *rest = report.worst(3)
        more = "".join(f", regel {s.line} ({s.words} woorden)" for s in rest)
        problems.append(Problem(report.path, report.line, 1, "T002", (
            f"Flesch-Douma {num(report.douma, 0)} (minimaal {num(limits.douma_min, 0)}), "
            f"gemiddeld {num(report.average)} woorden per zin (hoogstens "
            f"{num(limits.average_words)}). Langste zinnen: regel {top.line} ({top.words} "
            f"woorden) '{quote(top.text, 60)}'{more}.")))
    if report.long_share > limits.long_share:
        examples = ", ".join(f"'{w}' (regel {line})" for w, line in report.long_words[:5])
        problems.append(Problem(report.path, report.line, 1, "T003", (
            f"{num(100 * report.long_share, 0)}% lange woorden (hoogstens "
            f"{num(100 * limits.long_share, 0)}%), bijvoorbeeld {examples}.")))
    return problems


def measure_tree(docs_dir: Path, limits: Thresholds = B1,
                 tree: DataTree | None = None) -> list[PageReport]:
    """A report for every checked page under `docs_dir`, in path order. With the data
    `tree`, a `[[lijst ...]]` line is read as the texts it shows (checks/lists.py)."""
    return [measure(fill_lists(page, tree), display_path(page.path), limits)
            for page in read_markdown_tree(docs_dir) if is_checked(page, page.path)]


def check_readability_tree(docs_dir: Path, limits: Thresholds = B1,
                           tree: DataTree | None = None) -> list[Problem]:
    """T001-T003 warnings for every youth and parent page under `docs_dir`."""
    return [p for report in measure_tree(docs_dir, limits, tree)
            for p in check_page(report, limits)]


def format_report(report: PageReport, limits: Thresholds = B1) -> list[str]:
    """The lines `portal leesbaarheid` prints for one page (Dutch, for editors)."""
    codes = ", ".join(sorted({p.code for p in check_page(report, limits)}))
    cap = limits.sentence_words

    def over(bad: bool, label: str = "te hoog") -> str:
        return f", {label}" if bad else ""

    return [
        f"{report.path}: " + (f"te moeilijk ({codes})" if codes else "in orde"),
        f"  Flesch-Douma {num(report.douma, 0)} (minimaal {num(limits.douma_min, 0)}"
        f"{over(report.douma < limits.douma_min, 'te laag')})",
        f"  {num(report.average)} woorden per zin (hoogstens {num(limits.average_words)}"
        f"{over(report.average > limits.average_words)}); {len(report.sentences)} zinnen",
        f"  {num(100 * report.long_share, 0)}% lange woorden (hoogstens "
        f"{num(100 * limits.long_share, 0)}%{over(report.long_share > limits.long_share)})",
        "  Langste zinnen:",
        *(f"    regel {s.line} ({s.words} woorden{over(s.words > cap, 'te lang')}): "
          f"{quote(s.text)}" for s in report.worst())]
