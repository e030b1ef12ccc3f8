"""`portal new`: start a new organisation, route, event (data/agenda/) or page from a
commented template.

The templates in portal/editors/templates/new/ explain in Dutch what to fill in. A new
file already passes `portal validate` without errors: every text an editor still has to
write says "VUL IN", and validate_placeholders (portal/checks/placeholders.py) warns
(P007) until each one is replaced, so an unfinished file can be previewed but not
published with --strict.

An organisation or a route lists every property of its schema, in the schema's order:
the templates word the usual ones themselves, and any other (a field added to the schema)
is written from the schema's `x-label` and `description` by `_field.yml.j2`, so a new
field needs no change here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..data.load import SLUG
from ..data.schema import SchemaSet, schema_path, shipped_schemas
from ..messages import display_path

KINDS = {"organisation": "organisation", "organisatie": "organisation", "route": "route",
         "event": "event", "bijeenkomst": "event", "page": "page", "pagina": "page"}
# The data folder and schema of each kind of data file.
FOLDERS = {"organisation": "organisations", "route": "routes", "event": "agenda"}
SCHEMAS = {"organisation": "organisation", "route": "route", "event": "agenda"}
DEFAULT_OWNER = "Meldpunt Aanpak Loverboys Limburg - redactie"
# Ids whose generated page would collide with an overview page or folder of the site.
RESERVED = {
    "organisation": {"index", "regio"},
    "route": {"index"},
    "event": set(),  # events make no page of their own
    "page": {"hulp", "gemeenten", "wat-kan-ik-doen", "wegwijzer", "open-data", "redactie",
             "search", "assets"},
}
SECTION_AUDIENCE = {"youth": "youth", "parents": "parents", "professionals": "professionals"}


class ScaffoldError(Exception):
    """The new file cannot be written (wrong use, exit status 2); the message is Dutch."""


@dataclass(frozen=True)
class NewFile:
    path: Path
    kind: str  # organisation, route or page


@dataclass(frozen=True)
class Field:
    """A top-level property of a schema, as the scaffold writes it."""

    name: str
    label: str  # x-label, Dutch
    hint: str  # description, Dutch
    required: bool
    string: bool


def schema_fields(kind: str, schemas: SchemaSet) -> list[Field]:
    """The top-level properties of the schema of `kind`, in the schema's order."""
    file = schema_path(kind).name
    schema = schemas.files[file]
    required = set(schema.get("required", ()))
    out = []
    for name, prop in schema.get("properties", {}).items():
        node = schemas.resolve(prop, file).schema
        out.append(Field(name, node.get("x-label", name), node.get("description", ""),
                         name in required, node.get("type") == "string"))
    return out


def _environment() -> Environment:
    # Plain text (YAML and Markdown): no HTML escaping. Block tags take no line of their
    # own (trim_blocks, lstrip_blocks), so the templates can loop over the schema's fields.
    return Environment(loader=PackageLoader("portal.editors", "templates/new"), autoescape=False,
                       keep_trailing_newline=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def _target(kind: str, new_id: str, data_dir: Path, docs_dir: Path,
            section: str | None) -> tuple[Path, str]:
    """The file to write and the audience a page or route starts with."""
    if kind in FOLDERS:
        if not data_dir.is_dir():
            raise ScaffoldError(f"map met gegevens niet gevonden: {data_dir}")
        folder = data_dir / FOLDERS[kind]
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
                 section: str | None = None, schemas: SchemaSet | None = None) -> NewFile:
    """Write the new file from its template; raise ScaffoldError (in Dutch) on wrong use.
    `schemas`: the schemas whose fields an organisation or a route lists (portal/schemas/)."""
    kind = KINDS.get(kind, kind)
    if kind not in RESERVED:
        raise ScaffoldError(f"'{kind}' kan niet: kies organisation, route, event of page.")
    if not SLUG.fullmatch(new_id):
        raise ScaffoldError(f"'{new_id}' is geen geldig id. Gebruik alleen kleine letters, "
                            "cijfers en streepjes, bijv. veilig-thuis-zuid-limburg.")
    if kind != "page" and new_id in RESERVED[kind]:
        raise ScaffoldError(f"'{new_id}' is al een pagina van de site. Kies een ander id.")
    target, audience = _target(kind, new_id, data_dir, docs_dir, section)
    suffix = "md" if kind == "page" else "yml"
    fields = [] if kind == "page" else schema_fields(SCHEMAS[kind],
                                                      schemas or shipped_schemas())
    # An event starts four weeks ahead: a day the editor changes, never one in the past.
    text = _environment().get_template(f"{kind}.{suffix}.j2").render(
        id=new_id, today=today.isoformat(), audience=audience, owner=DEFAULT_OWNER,
        fields=fields, event_day=(today + timedelta(days=28)).isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # never overwrite, even in a race
        out.write(text)
    return NewFile(target, kind)
