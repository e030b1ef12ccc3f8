"""The front matter of the pages in docs/, checked like the data files.

Every Markdown page starts with a YAML block between two `---` lines: title, description,
audience, owner (a team from common.schema.json, never a person) and last_reviewed, plus
the few keys of the theme a page may use (portal/schemas/page.schema.json). The block is
read with the same positional reader as data/ and checked with the same schema machinery,
so messages and columns come out alike; lines are those of the Markdown file, and the
schema's S-codes become the page codes P002-P006. A page is read by the one page reader
(portal/data/markdown.py: as MkDocs reads it, and as a data file is: never through a
symbolic link, within the size limit, UTF-8); a byte-order mark or a control character
anywhere in it is refused; its dates are read by dates.parse_day (schema.check_days).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..data.markdown import FRONT_LINE, markdown_files, parse_markdown, read_markdown
from ..data.schema import check_days, validate_schema
from ..data.yamlsource import CONTROL, Document, YamlError, control_reason, place, read_source
from ..messages import Problem, display_path

OFFSET = FRONT_LINE - 1  # the YAML text starts on the line after the opening `---`
_CODES = {"S001": "P002", "S002": "P003"}  # unknown and missing keys, whatever the key
_KEY_CODES = {"owner": "P006", "last_reviewed": "P005"}  # any other problem of these keys


def load_front_matter(text: str, path: Path) -> Document | None:
    """The front matter of a page's text as a Document (positions relative to the YAML
    text), or None when the page has no block. Raises YamlError (lines relative to the
    YAML text)."""
    return parse_markdown(text, path).front_matter()


def read_page_meta(path: Path) -> dict[str, Any]:
    """The front matter of one page as a dict; {} when it is missing or unreadable (or
    a symbolic link: never followed)."""
    try:
        return read_markdown(path).meta
    except YamlError:
        return {}


def _problem(where: str, exc: YamlError, offset: int = 0, note: str = "") -> Problem:
    reason = exc.reason[0].upper() + exc.reason[1:]
    return Problem(where, exc.line + offset, exc.column, exc.code, f"{reason}{note}.")


def validate_page(text: str, path: Path, where: str | None = None,
                  today: date | None = None) -> list[Problem]:
    """Every front matter problem of one page, at its line in the Markdown file; with
    `today`, a last_reviewed after today too."""
    where = where or display_path(path)
    if text.startswith("\ufeff"):
        return [Problem(where, 1, 1, "Y006", "De pagina begint met een byte-order mark (BOM, "
                        "het onzichtbare teken U+FEFF).")]
    if found := CONTROL.search(text):
        line, col = place(text, found.start())
        reason = control_reason(found.group())
        return [Problem(where, line, col, "Y008", reason[0].upper() + reason[1:] + ".")]
    try:
        doc = parse_markdown(text, path).front_matter()
    except YamlError as exc:
        return [_problem(where, exc, OFFSET, " (in de front matter)")]
    if doc is None:
        return [Problem(where, 1, 1, "P001", "De pagina begint niet met een blok front "
                        "matter tussen twee regels '---'.")]
    problems = [Problem(where, line + OFFSET, col, "Y002", f"Sleutel '{key_path[-1]}' staat "
                        "twee keer in de front matter.") for key_path, line, col in doc.duplicates]
    if not isinstance(doc.data, dict):
        return [*problems, Problem(where, 1, 1, "P001", "Het blok front matter bevat geen "
                                   "sleutels zoals 'title:'.")]
    found = validate_schema(doc, "page", where)
    # Which top-level key each problem is about, by its line (only composed on a problem).
    key_at_line = {doc.positions.of((key,))[0]: key for key in doc.data} if found else {}
    for problem in found:
        code = _CODES.get(problem.code) or _KEY_CODES.get(key_at_line.get(problem.line, ""),
                                                          "P004")
        problems.append(replace(problem, line=problem.line + OFFSET, code=code))
    for problem in check_days(doc, "page", where, today):
        # A last_reviewed that is no day has the page's own code (P005), once.
        if problem.code == "D001" and problem.line == doc.positions.of(("last_reviewed",))[0]:
            if any(p.code == "P005" for p in problems):
                continue
            problem = replace(problem, code="P005")
        problems.append(replace(problem, line=problem.line + OFFSET))
    return problems


def check_page_files(docs_dir: Path) -> list[Problem]:
    """The pages under `docs_dir` that no check can read: not UTF-8 (Y005) or too large
    (Y014). Symbolic links are docsfiles.py's (G004); none is read here."""
    problems = []
    for path in markdown_files(docs_dir):
        if path.is_symlink():
            continue
        try:
            read_source(path)
        except YamlError as exc:
            problems.append(_problem(display_path(path), exc))
    return problems


def validate_pages(docs_dir: Path, today: date | None = None) -> list[Problem]:
    """The front matter of every page under `docs_dir` (with `today`: no last_reviewed
    after today)."""
    problems: list[Problem] = []
    for path in markdown_files(docs_dir):
        try:
            text = read_source(path)
        except YamlError as exc:  # a link, not UTF-8, too large (as check_page_files says)
            problems.append(_problem(display_path(path), exc))
            continue
        problems += validate_page(text, path, today=today)
    return problems
