"""Find phone numbers and e-mail addresses typed directly into Markdown pages and into
the text of the data (names, labels, titles, descriptions, steps, notes), and numbers of a
kind the phone policy refuses (0906, 0909, ...) wherever they are written.

Contacts live in the channels of data/organisations/ alone, so a changed number changes
in one place. Link targets
and bare URLs are blanked first (keeping columns), so digits in a source URL such as
`/2021/02/11/` are not mistaken for a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..data.contacts import Phone, parse_phone
from ..data.markdown import WEB_ADDRESS, read_markdown_tree, split_lines
from ..messages import Problem, display_path
from .contactrefs import check_references

_URLS = re.compile(rf"\]\([^)]*\)|{WEB_ADDRESS.pattern}")  # link targets, web addresses
# Dutch numbers as people type them: 0800-2000, 043 604 5777, 06-12345678, +31 6 ...,
# and the service numbers 0800/0900/0906/0909 with four to seven digits.
_PHONE = re.compile(
    r"(?<![\w/.-])(?:\+31[ -]?|0)\d{1,3}(?:[ -]{0,3}\d){5,9}(?![\w/-])"
    r"|(?<![\w/.-])0[89]0[069](?:[ -]{0,3}\d){4,7}(?![\w/-])"
)
# Short emergency and service numbers only count after a verb of calling or texting
# (Dutch, or English on the translated pages `name.en.md`): 112, 113, 116 111, 14 043.
_SHORT = re.compile(r"\b(?:bel|bellen|belt|sms|sms'en|app|call|text)\s+"
                    r"(116 ?\d{3}|14 ?0\d{2,3}|1\d{2,5})\b", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A number as a link target (`[Bel ons](tel:...)`): link targets are blanked before the
# number search, so a tel: target is read on its own. (A mailto: target holds an address
# that _EMAIL finds as it is.)
_TEL_LINK = re.compile(r"(?<![\w.+-])tel:([^\s)\"'<>\]]+)", re.I)


@dataclass(frozen=True)
class Found:
    """A phone number or e-mail address typed into a text (1-based line and column)."""

    line: int
    column: int
    text: str
    phone: Phone | None  # None: an e-mail address


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def find_contacts(text: str, first_line: int = 1) -> Iterator[Found]:
    """Every valid Dutch number (of any kind) and e-mail address written in `text`."""
    for lineno, line in enumerate(split_lines(text), start=first_line):
        for m in _EMAIL.finditer(line):
            yield Found(lineno, m.start() + 1, m.group(0), None)
        clean = _URLS.sub(_blank, _EMAIL.sub(_blank, line))
        for m in _TEL_LINK.finditer(line):
            phone = parse_phone(unquote(m.group(1)))
            if phone is not None and not clean[m.start(1)].strip():  # in a blanked target
                yield Found(lineno, m.start() + 1, m.group(0), phone)
        numbers = [(m.start(), m.group(0)) for m in _PHONE.finditer(clean)]
        numbers += [(m.start(1), m.group(1)) for m in _SHORT.finditer(clean)]
        for start, written in sorted(numbers):
            phone = parse_phone(written)
            if phone is not None:
                yield Found(lineno, start + 1, written, phone)


def scan_markdown(text: str, where: str, first_line: int = 1, *,
                  own: frozenset[str] = frozenset(), typed: bool = True) -> list[Problem]:
    """Contacts typed into `text`: M001/M002, or C005 for a number of a refused kind
    (0906, 0909, ...), which no text may hold. `own`: numbers (as dialled, `Phone.tel`)
    the text may name, such as a channel's own number in its label. `typed=False` reports
    refused numbers only (a source's note may quote the page it cites)."""
    problems = []
    for found in find_contacts(text, first_line):
        phone = found.phone
        if phone is not None and phone.kind is not None and phone.kind.refused:
            problems.append(Problem(where, found.line, found.column, "C005",
                                    f"Telefoonnummer '{found.text}' is een "
                                    f"{phone.kind.name.lower()} ({phone.kind.prefix}): "
                                    f"{phone.kind.why}"))
        elif not typed or (phone is not None and phone.tel in own):
            continue
        elif phone is not None:
            problems.append(Problem(where, found.line, found.column, "M001",
                                    f"Telefoonnummer '{found.text}' staat direct in de "
                                    "tekst."))
        else:
            problems.append(Problem(where, found.line, found.column, "M002",
                                    f"E-mailadres '{found.text}' staat direct in de tekst."))
    return problems


def scan_markdown_tree(
    docs_dir: Path, channels: dict[str, tuple[str, list[str] | None]]
) -> list[Problem]:
    """Typed contacts and unknown contact references in every page under `docs_dir`."""
    problems = []
    for page in read_markdown_tree(docs_dir):
        # Front matter and body, code too: a number in a code block is still on the site.
        problems += scan_markdown(page.text, display_path(page.path))
        problems += check_references(page, display_path(page.path), channels)
    return problems
