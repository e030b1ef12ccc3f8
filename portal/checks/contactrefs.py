"""Contact references in Markdown: `[[organisation]]` or `[[organisation/channel]]`.

An editor writes the id; the build writes the name, the number or address, and the link,
from data/ alone. So a changed number is changed in one place. References inside code
(backticks or fenced blocks) are left alone, so the guide can show the syntax.

Here: finding references and checking their ids (R001, R002); writing them into a page is
portal/pages/contactrefs.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ..data.markdown import MarkdownPage, blank_code_spans, parse_markdown
from ..messages import Problem

REFERENCE = re.compile(r"\[\[\s*([a-z0-9-]+)(?:/([a-z0-9-]+))?\s*\]\]")


class Reference(NamedTuple):
    """A reference at its line and column (1-based) in the page, as the page reader counts
    lines (portal/data/markdown.py: split_lines)."""

    line: int
    column: int
    organisation: str
    channel: str | None
    text: str


def find_references(markdown: str | MarkdownPage) -> Iterator[Reference]:
    """Every reference outside code (front matter included: a title may cite one)."""
    page = markdown if isinstance(markdown, MarkdownPage) else parse_markdown(markdown)
    for lineno, line, kind in page.lines:
        if kind in ("fence", "code") or "[[" not in line:
            continue
        prose = blank_code_spans(line)
        for m in REFERENCE.finditer(prose):
            yield Reference(lineno, m.start() + 1, m.group(1), m.group(2), m.group(0))


def check_references(
    markdown: str | MarkdownPage, where: str, channels: dict[str, tuple[str, list[str] | None]]
) -> list[Problem]:
    """Problems for references to unknown ids; `channels` maps organisation id to its
    name and channel ids."""
    problems = []
    for ref in find_references(markdown):
        if ref.organisation not in channels:
            problems.append(Problem(where, ref.line, ref.column, "R001",
                                    f"Verwijzing {ref.text}: organisatie '{ref.organisation}' "
                                    "bestaat niet."))
            continue
        name, ids = channels[ref.organisation]
        if ref.channel and ids is not None and ref.channel not in ids:
            problems.append(Problem(where, ref.line, ref.column, "R002",
                                    f"Verwijzing {ref.text}: '{name}' heeft geen kanaal "
                                    f"'{ref.channel}' (wel: {', '.join(ids) or 'geen'})."))
    return problems
