"""The front matter of the pages in docs/, checked like the data files.

Every Markdown page starts with a YAML block between two `---` lines: title, description,
audience, owner (a team from common.schema.json, never a person) and last_reviewed, plus
the few keys of the theme a page may use (portal/schemas/page.schema.json). The block is
read with the same positional reader as data/ and checked with the same schema machinery,
so messages and columns come out alike; lines are those of the Markdown file, and the
schema's S-codes become the page codes P002-P006.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from .messages import Problem, display_path
from .schema import validate_schema
from .yamlsource import Document, YamlError, load_yaml_text

# As MkDocs reads it: `---` on the very first line, the block, then `---` or `...`.
FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)
OFFSET = 1  # the YAML text starts on the line after the opening `---`
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODES = {"S001": "P002", "S002": "P003"}  # unknown and missing keys, whatever the key
_KEY_CODES = {"owner": "P006", "last_reviewed": "P005"}  # any other problem of these keys


def load_front_matter(text: str, path: Path) -> Document | None:
    """The front matter as a Document (positions relative to the YAML text), or None
    when the page has no block. Raises YamlError (lines relative to the YAML text)."""
    match = FRONT.match(text)
    if match is None:
        return None
    return load_yaml_text(match.group(1), path)


def read_page_meta(path: Path) -> dict[str, Any]:
    """The front matter of one page as a dict; {} when it is missing or unreadable."""
    try:
        doc = load_front_matter(path.read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError, YamlError):
        return {}
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def validate_page(text: str, path: Path, where: str | None = None) -> list[Problem]:
    """Every front matter problem of one page, at its line in the Markdown file."""
    where = where or display_path(path)
    try:
        doc = load_front_matter(text, path)
    except YamlError as exc:
        return [Problem(where, exc.line + OFFSET, exc.column, "Y001",
                        f"{exc.reason} (in de front matter).")]
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
    problems += _check_date(doc, where, problems)
    return problems


def _check_date(doc: Document, where: str, found: list[Problem]) -> list[Problem]:
    """A last_reviewed of the right form that is not a day of the calendar (2026-02-30)."""
    value = doc.data.get("last_reviewed")
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        return []
    try:
        date.fromisoformat(value)
    except ValueError:
        line, col = doc.positions.of(("last_reviewed",))
        problem = Problem(where, line + OFFSET, col, "P005",
                          f"'{value}' bij 'last_reviewed' is geen bestaande datum.")
        return [] if any(p.code == "P005" for p in found) else [problem]
    return []


def validate_pages(docs_dir: Path) -> list[Problem]:
    """The front matter of every page under `docs_dir`."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(display_path(path), 1, 1, "Y001",
                                    f"Het bestand is geen UTF-8 ({exc.reason})."))
            continue
        problems += validate_page(text, path)
    return problems
