"""P007: every "VUL IN" (fill in) that a scaffold of `portal new` left in a data file or a
page is a warning until an editor replaces it, so an unfinished file can be previewed
but not published with --strict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..data.markdown import read_markdown_tree
from ..data.yamlsource import Document, walk_strings
from ..messages import Problem, display_path

PLACEHOLDER = re.compile(r"\bVUL[ -]IN\b")


def validate_placeholders(documents: Iterable[Document],
                          docs_dir: Path | None = None) -> list[Problem]:
    """P007 for every "VUL IN" left in a data file or a page (warnings)."""
    problems = []
    for doc in documents:
        if doc.text and "VUL" not in doc.text:
            continue  # most files: one look at the raw text, no walk through the data
        for path, text in walk_strings(doc.data):
            if PLACEHOLDER.search(text):
                problems.append(doc.problem(path, "P007", f"Nog niet ingevuld: '{text}'."))
    if docs_dir is not None and docs_dir.is_dir():
        for page in read_markdown_tree(docs_dir):
            for lineno, line, kind in page.lines:
                if kind == "front" and line.lstrip().startswith("#"):
                    continue  # a YAML comment in the front matter is never shown
                if found := PLACEHOLDER.search(line):
                    problems.append(Problem(display_path(page.path), lineno, found.start() + 1,
                                            "P007", f"Nog niet ingevuld: '{line.strip()}'."))
    return problems
