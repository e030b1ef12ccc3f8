"""`portal new`: start a new organisation, route or page from a commented template.

The templates in portal/templates/new/ explain in Dutch what to fill in. A new file
already passes `portal validate` without errors: every text an editor still has to write
says "VUL IN", and validate_placeholders warns (P007) until each one is replaced, so an
unfinished file can be previewed but not published with --strict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from .frontmatter import FRONT
from .load import SLUG
from .messages import Problem, display_path
from .yamlsource import Document

PLACEHOLDER = re.compile(r"\bVUL[ -]IN\b")
KINDS = {"organisation": "organisation", "organisatie": "organisation", "route": "route",
         "page": "page", "pagina": "page"}
DEFAULT_OWNER = "Meldpunt Aanpak Loverboys Limburg - redactie"
# Ids whose generated page would collide with an overview page or folder of the site.
RESERVED = {
    "organisation": {"index", "regio"},
    "route": {"index"},
    "page": {"hulp", "gemeenten", "wat-kan-ik-doen", "wegwijzer", "open-data", "redactie",
             "search", "assets"},
}
SECTION_AUDIENCE = {"youth": "youth", "parents": "parents", "professionals": "professionals"}


class ScaffoldError(Exception):
    """The new file cannot be written (wrong use, exit status 2); the message is Dutch."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    kind: str


def _environment() -> Environment:
    # Plain text (YAML and Markdown): no HTML escaping.
    return Environment(loader=PackageLoader("portal", "templates/new"), autoescape=False,
                       keep_trailing_newline=True, undefined=StrictUndefined)


def _target(kind: str, new_id: str, data_dir: Path, docs_dir: Path,
            section: str | None) -> tuple[Path, str]:
    """The file to write and the audience a page or route starts with."""
    if kind in ("organisation", "route"):
        if not data_dir.is_dir():
            raise ScaffoldError(f"map met gegevens niet gevonden: {data_dir}")
        folder = data_dir / ("organisations" if kind == "organisation" else "routes")
        for existing in (folder / f"{new_id}.yml", folder / f"{new_id}.yaml"):
            if existing.exists():
                raise ScaffoldError(f"{display_path(existing)} bestaat al. Kies een ander id, "
                                    "of pas dat bestand aan.")
        return folder / f"{new_id}.yml", "parents"
    if not docs_dir.is_dir():
        raise ScaffoldError(f"map met pagina's niet gevonden: {docs_dir}")
    parts = [p for p in (section or "").replace("\\", "/").split("/") if p not in ("", ".")]
    folder = docs_dir.joinpath(*parts)
    if any(p == ".." for p in parts) or not folder.is_dir():
        sections = sorted(p.name for p in docs_dir.iterdir()
                          if p.is_dir() and any(p.glob("*.md")))
        choose = f"Kies uit: {', '.join(sections)}, " if sections else "Maak de map eerst, "
        raise ScaffoldError(f"map '{section}' bestaat niet in {docs_dir}. {choose}"
                            f"of laat --map weg voor {docs_dir} zelf.")
    if not parts and new_id in RESERVED["page"]:
        raise ScaffoldError(f"'{new_id}' is al een onderdeel van de site (/{new_id}/). "
                            "Kies een ander id.")
    target = folder / f"{new_id}.md"
    if target.exists():
        raise ScaffoldError(f"{display_path(target)} bestaat al. Kies een ander id, of pas "
                            "die pagina aan.")
    return target, SECTION_AUDIENCE.get(parts[0] if parts else "", "all")


def generate_new(kind: str, new_id: str, *, data_dir: Path, docs_dir: Path, today: date,
                 section: str | None = None) -> NewFile:
    """Write the new file from its template; raise ScaffoldError (in Dutch) on wrong use."""
    kind = KINDS.get(kind, kind)
    if kind not in RESERVED:
        raise ScaffoldError(f"'{kind}' kan niet: kies organisation, route of page.")
    if not SLUG.fullmatch(new_id):
        raise ScaffoldError(f"'{new_id}' is geen geldig id. Gebruik alleen kleine letters, "
                            "cijfers en streepjes, bijv. veilig-thuis-zuid-limburg.")
    if kind != "page" and new_id in RESERVED[kind]:
        raise ScaffoldError(f"'{new_id}' is al een pagina van de site. Kies een ander id.")
    target, audience = _target(kind, new_id, data_dir, docs_dir, section)
    suffix = "md" if kind == "page" else "yml"
    text = _environment().get_template(f"{kind}.{suffix}.j2").render(
        id=new_id, today=today.isoformat(), audience=audience, owner=DEFAULT_OWNER)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # never overwrite, even in a race
        out.write(text)
    return NewFile(target, kind)


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def validate_placeholders(documents: Iterable[Document],
                          docs_dir: Path | None = None) -> list[Problem]:
    """P007 for every "VUL IN" left in a data file or a page (warnings)."""
    problems = []
    for doc in documents:
        if doc.text and "VUL" not in doc.text:
            continue  # most files: one look at the raw text, no walk through the data
        for path, text in _strings(doc.data):
            if PLACEHOLDER.search(text):
                problems.append(doc.problem(path, "P007", f"Nog niet ingevuld: '{text}'."))
    if docs_dir is not None and docs_dir.is_dir():
        for page in sorted(docs_dir.rglob("*.md")):
            text = page.read_text(encoding="utf-8", errors="replace")
            front = FRONT.match(text)
            front_lines = text[:front.end()].count("\n") if front else 0
            for lineno, line in enumerate(text.splitlines(), start=1):
                if lineno <= front_lines and line.lstrip().startswith("#"):
                    continue  # a YAML comment in the front matter is never shown
                if found := PLACEHOLDER.search(line):
                    problems.append(Problem(display_path(page), lineno, found.start() + 1,
                                            "P007", f"Nog niet ingevuld: '{line.strip()}'."))
    return problems
