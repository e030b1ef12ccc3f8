"""Find phone numbers and e-mail addresses typed directly into Markdown pages and into
the free text of the data (descriptions, steps, notes).

Contacts live in the channels of data/organisations/ alone, so a changed number changes
in one place. Link targets
and bare URLs are blanked first (keeping columns), so digits in a source URL such as
`/2021/02/11/` are not mistaken for a number.
"""

from __future__ import annotations

import re
from pathlib import Path

from .contactrefs import check_references
from .contacts import parse_phone
from .messages import Problem, display_path

_URLS = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+|www\.\S+")
# Dutch numbers as people type them: 0800-2000, 043 604 5777, 06-12345678, +31 6 ...
_PHONE = re.compile(
    r"(?<![\w/.-])(?:\+31[ -]?|0)\d{1,3}(?:[ -]{0,3}\d){5,9}(?![\w/-])"
    r"|(?<![\w/.-])0[89]00[ -]{0,3}\d{4}(?:\d{3})?(?![\w/-])"
)
# Short emergency and service numbers only count after a verb of calling or texting
# (Dutch, or English on the translated pages `name.en.md`).
_SHORT = re.compile(r"\b(?:bel|bellen|belt|sms|sms'en|app|call|text)\s+(112|1\d{2,5})\b",
                    re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def scan_markdown(text: str, where: str, first_line: int = 1) -> list[Problem]:
    problems = []
    for lineno, line in enumerate(text.splitlines(), start=first_line):
        for m in _EMAIL.finditer(line):
            problems.append(Problem(where, lineno, m.start() + 1, "M002",
                                    f"E-mailadres '{m.group(0)}' staat direct in de tekst."))
        clean = _URLS.sub(_blank, _EMAIL.sub(_blank, line))
        for m in _PHONE.finditer(clean):
            if parse_phone(m.group(0)) is not None:
                problems.append(Problem(where, lineno, m.start() + 1, "M001",
                                        f"Telefoonnummer '{m.group(0)}' staat direct in de "
                                        "tekst."))
        for m in _SHORT.finditer(clean):
            if parse_phone(m.group(1)) is not None:
                problems.append(Problem(where, lineno, m.start(1) + 1, "M001",
                                        f"Telefoonnummer '{m.group(1)}' staat direct in de "
                                        "tekst."))
    return problems


def scan_markdown_tree(
    docs_dir: Path, channels: dict[str, tuple[str, list[str] | None]]
) -> list[Problem]:
    """Typed contacts and unknown contact references in every page under `docs_dir`."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        problems += scan_markdown(text, display_path(path))
        problems += check_references(text, display_path(path), channels)
    return problems
