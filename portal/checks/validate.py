"""Validate the data tree: load every YAML file against its schema (load.py), then the
rules that span files (ids, contacts, references, safety, freshness) and the Markdown
pages (front matter, typed contacts, contact references, plain Dutch on youth and parent
pages, example text left by `portal new`), and the editors' search synonyms. Every
problem of a run is collected; nothing stops at the first one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..data.load import DataTree, find_symlinks, load_tree
from ..data.synonyms import SYNONYMS_FILE, load_synonyms
from ..messages import Problem, Severity
from . import rules
from .agenda import check_agenda
from .beslishulp import check_beslishulp
from .docsfiles import check_docs_files
from .frontmatter import check_page_files, validate_pages
from .htmlscan import check_data_markup, check_pages_markup
from .keten import check_keten
from .lists import check_lists
from .markdown_scan import scan_markdown_tree
from .placeholders import validate_placeholders
from .places import check_places
from .readability import check_readability_tree
from .references import check_references
from .safety import check_safety
from .wegwijzer import check_wegwijzer


def validate_tree(
    data_dir: Path, *, today: date, docs_dir: Path | None = None
) -> tuple[DataTree, list[Problem]]:
    """Every problem in `data_dir` (and the Markdown under `docs_dir`), sorted by place."""
    problems: list[Problem] = []
    tree = load_tree(data_dir, problems, today)
    # A page no check can read (Y005, Y014) or a symbolic link under docs/ (G004, never
    # followed): then no page is read, and only the files are listed (issue 13).
    unreadable = check_page_files(docs_dir) if docs_dir is not None and docs_dir.is_dir() else []
    problems += unreadable
    if unreadable or (docs_dir is not None and find_symlinks(docs_dir)):
        problems += check_docs_files(docs_dir)  # G004 names each link
        docs_dir = None
    problems += rules.check_organisations(tree.organisations)
    problems += check_references(tree)
    problems += check_places(tree)  # a village belongs to one municipality
    problems += check_wegwijzer(tree, docs_dir)  # the Wegwijzer's questions and answers
    problems += check_beslishulp(tree, docs_dir)  # the professionals' decision aid
    problems += check_lists(tree, docs_dir)  # signals and steps after a report, once
    problems += check_keten(tree)  # the chain map: sources and ids (data/keten.yml)
    problems += check_agenda(tree)  # events: end after start, a place, links (data/agenda/)
    problems += rules.check_freshness(tree.organisations, today)
    problems += rules.check_texts(tree)
    problems += rules.check_characters(tree)  # line breaks in one-line values
    problems += check_safety(tree)  # no address where victims stay (issue 13)
    problems += check_data_markup(tree.documents())  # HTML, scripts: data is plain text
    problems += validate_placeholders(tree.documents(), docs_dir)  # left by `portal new`
    problems += load_synonyms(data_dir / SYNONYMS_FILE)[1]  # the build reads it too
    if docs_dir is not None and docs_dir.is_dir():
        problems += check_docs_files(docs_dir)  # only pages, images and PDFs (G codes)
        problems += validate_pages(docs_dir, today)  # front matter, page.schema.json
        problems += scan_markdown_tree(docs_dir, tree.channel_index())
        problems += check_pages_markup(docs_dir)  # raw HTML: harmless tags only
        problems += check_readability_tree(docs_dir, tree=tree)  # plain Dutch, youth/parents
    return tree, sorted(set(problems))


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    return any(strict or p.severity is Severity.ERROR for p in problems)
