"""One entry point for any engine: validate the data, build the portal and produce every
generated file (pages as Markdown, open data, the editors' freshness page). The MkDocs
plugin and `portal generate` both call `generate_site`; changing the engine means a new
adapter, not a new core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .checks.rules import FRESHNESS
from .checks.validate import has_errors, validate_tree
from .data.load import DataTree
from .data.model import Portal, build_portal
from .editors.freshness import FRESHNESS_URI, collect_pages, collect_records, render_page
from .exports.opendata import export_files
from .messages import Problem
from .pages.contactrefs import expand_references
from .pages.generator import GeneratedFile, PageGenerator
from .pages.lists import expand_lists
from .pages.render import make_environment


class GenerationError(Exception):
    """The data has errors: nothing may be generated. Carries the validator's problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(p.severity == 'error' for p in problems)} fout(en) in de gegevens")
        self.problems = problems


@dataclass
class Generated:
    portal: Portal
    files: list[GeneratedFile]
    problems: list[Problem] = field(default_factory=list)  # warnings only


def _load(data_dir: Path, *, today: date, docs_dir: Path | None,
          strict: bool) -> tuple[DataTree, Portal, list[Problem]]:
    tree, problems = validate_tree(data_dir, today=today, docs_dir=docs_dir)
    if has_errors(problems, strict=strict):
        raise GenerationError(problems)
    return tree, build_portal(tree), problems


def generate_site(data_dir: Path, *, today: date, docs_dir: Path | None = None,
                  templates_dir: Path | None = None, strict: bool = False) -> Generated:
    tree, portal, problems = _load(data_dir, today=today, docs_dir=docs_dir, strict=strict)
    env = make_environment(templates_dir)
    # A record not read or checked for longer than this gets a calm note on its page.
    env.globals["review_due_before"] = (today - FRESHNESS).isoformat()
    files = PageGenerator(portal, env, today).generate()
    files += [GeneratedFile(uri, content) for uri, content in export_files(portal).items()]
    # The editors' freshness page (no source file: it is made from the dates of all).
    root = data_dir.parent
    items = collect_records(tree, root)
    if docs_dir is not None and docs_dir.is_dir():
        items += collect_pages(docs_dir, root)
    files.append(GeneratedFile(FRESHNESS_URI, render_page(items, today)))
    return Generated(portal, files, problems)


def expand_page(markdown: str, portal: Portal, uri: str, meta: dict | None = None) -> str:
    """A hand-written page as any engine gets it: its `[[organisation/channel]]`
    references and its `[[lijst ...]]` lines filled in from data/ (both doors call this;
    `meta`: the front matter, where the engine has taken it off `markdown`)."""
    return expand_lists(expand_references(markdown, portal.organisations, uri), portal, uri,
                        meta)


def docs_files(docs_dir: Path, portal: Portal) -> list[GeneratedFile]:
    """Every file of the hand-written docs/ as it goes to the engine: Markdown pages with
    their `[[…]]` references filled in (checked by the validator before), other files as
    they are. With the generated files, this is a complete docs folder for any engine."""
    files = []
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        uri = path.relative_to(docs_dir).as_posix()
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8-sig")
            files.append(GeneratedFile(uri, expand_page(text, portal, uri), path))
        else:
            files.append(GeneratedFile(uri, path.read_bytes(), path))
    return files


def write_files(files: list[GeneratedFile], outdir: Path) -> int:
    """Write the files below `outdir`; a file whose content is already there is left as
    it is, so that its date does not change and an engine watching the folder (or
    rebuilding only what changed) sees only the files that did. Of two files with one
    address the later wins (a hand-written page over a generated one), and only it is
    written. Returns how many were written."""
    written = 0
    for f in {f.uri: f for f in files}.values():
        target = outdir / f.uri
        content = f.content if isinstance(f.content, bytes) else f.content.encode("utf-8")
        try:
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written += 1
    return written
