"""The editors' synonym file (data/zoekwoorden.yml): groups of words and phrases that
should find each other in the site's search. Read here, beside the other data, because
both the validator (portal/checks/) and the search index (portal/pages/search.py) use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..messages import Problem
from .dutch import WORD
from .load import read_document

SCHEMA_KIND = "zoekwoorden"
SYNONYMS_FILE = "zoekwoorden.yml"  # in the data folder, kept by the editors


@dataclass(frozen=True)
class Group:
    """Words and phrases that should find each other, each as a tuple of lowercase words."""

    terms: tuple[tuple[str, ...], ...]

    def words(self) -> set[str]:
        return {word for term in self.terms for word in term}


def parse_groups(data: dict) -> list[Group]:
    """The groups of a (schema-valid) zoekwoorden document."""
    groups = []
    for raw in data.get("groups", []):
        terms = tuple(tuple(WORD.findall(str(t).lower())) for t in raw["terms"])
        groups.append(Group(tuple(t for t in terms if t)))
    return groups


def load_synonyms(path: Path) -> tuple[list[Group], list[Problem]]:
    """Read and check the editors' synonym file; a missing file means no synonyms."""
    if not path.is_file():
        return [], []
    problems: list[Problem] = []
    doc = read_document(path, SCHEMA_KIND, problems)
    if doc is None or problems:
        return [], problems
    return parse_groups(doc.data), []
