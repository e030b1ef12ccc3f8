"""JSON Schema -> Decap CMS fields, for the web editor's config.yml (portal/editors/decap.py).

Every property of an object schema becomes one field, in schema order, with `required`
from the schema's `required` list and a widget from the property's shape: enum -> select,
boolean -> boolean, array -> list (of objects: their fields; else one field), object ->
object, the shared date -> datetime (date only), string -> string or text (sentences),
number -> number, and a choice between shapes (oneOf/anyOf) -> hidden (kept as it is).
A pattern becomes Decap's pattern check, with the description as its Dutch message. A
shape with no widget raises SchemaNotSupported, so a schema change cannot slip past.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Strings that editors write as sentences get a multi-line text box.
LONG_TEXT = frozenset({"description", "summary", "situation", "do", "note", "notes",
                       "explanation", "schedule_note"})

# Dutch labels of the (English) keys; a key missing here is shown as it is.
LABELS = {
    "id": "Id (korte naam)", "name": "Naam", "kind": "Soort",
    "houses_victims": "Biedt opvang of verblijf", "description": "Beschrijving",
    "audiences": "Voor wie", "audience": "Voor wie", "website": "Website",
    "service_area": "Werkgebied", "scope": "Reikwijdte", "regions": "Regio's",
    "municipalities": "Gemeenten", "address": "Adres", "street": "Straat en huisnummer",
    "postal_code": "Postcode", "city": "Plaats", "channels": "Kanalen", "type": "Soort kanaal",
    "value": "Nummer, adres of webadres", "label": "Tekst op de knop",
    "schedule": "Openingstijden", "schedule_note": "Toelichting op de openingstijden",
    "free": "Gratis", "anonymous": "Anoniem mogelijk", "source": "Bron",
    "url": "Webadres", "read": "Gelezen op", "note": "Toelichting",
    "verified": "Gecontroleerd bij de organisatie", "date": "Datum", "team": "Team",
    "notes": "Opmerking voor de site", "title": "Titel", "situation": "Situatie",
    "urgency": "Hoe dringend", "summary": "Samenvatting", "steps": "Stappen",
    "do": "Wat je doet", "organisation": "Organisatie (id)", "role": "Rol (id)",
    "channel": "Kanaal (id)", "owner": "Eigenaar (team)",
    "last_reviewed": "Laatst helemaal nagelezen", "search": "Zoeken",
    "boost": "Hoger in de zoekresultaten", "exclude": "Niet vindbaar", "hide": "Verbergen",
    "template": "Sjabloon", "icon": "Pictogram", "status": "Label in de navigatie",
    "subtitle": "Ondertitel", "robots": "Zoekmachines", "body": "Tekst",
    "byday": "Dagen", "opens_at": "Open vanaf (UU:MM)", "closes_at": "Dicht om (UU:MM)",
}

DATE_FORMAT = "YYYY-MM-DD"


class SchemaNotSupported(ValueError):
    """A schema shape that has no Decap widget; the schema or this module must change."""


class _Schemas:
    def __init__(self, schemas: Mapping[str, dict]):
        self.schemas = schemas

    def resolve(self, schema: dict, file: str) -> tuple[dict, str, str | None, str | None]:
        """(schema with every $ref followed, the file it lives in, the name of the last
        definition followed, the description that belongs to its pattern)."""
        merged, ref_name = dict(schema), None
        pattern_hint = merged.get("description") if "pattern" in merged else None
        seen = set()
        while "$ref" in merged:
            ref = merged.pop("$ref")
            target_file, _, pointer = ref.partition("#")
            file = target_file or file
            if (file, pointer) in seen:
                raise SchemaNotSupported(f"{file}#{pointer}: kringverwijzing")
            seen.add((file, pointer))
            target = self.schemas[file]
            for part in filter(None, pointer.split("/")):
                target = target[part]
            ref_name = pointer.rsplit("/", 1)[-1]
            if "pattern" in target and pattern_hint is None:
                pattern_hint = target.get("description")
            merged = {**target, **merged}  # the referring schema's annotations win
        return merged, file, ref_name, pattern_hint


def _options(schema: dict) -> list:
    """Select options; 'value = uitleg' pairs in the description become the labels."""
    explained = dict(re.findall(r"([\w-]+) = ([^,;.]+)", schema.get("description", "")))
    if not explained:
        return list(schema["enum"])
    return [{"label": f"{explained[str(v)].strip()} ({v})" if str(v) in explained else str(v),
             "value": v} for v in schema["enum"]]


def is_date(schema: dict, ref_name: str | None) -> bool:
    return schema.get("format") == "date" or ref_name == "date"


def _field(name: str, schema: dict, file: str, required: bool, s: _Schemas) -> dict:
    schema, file, ref_name, pattern_hint = s.resolve(schema, file)
    field: dict = {"name": name, "label": LABELS.get(name, name), "required": required}
    if schema.get("description"):
        field["hint"] = schema["description"]
    kind = schema.get("type")
    if isinstance(kind, list):  # e.g. ["number", "string"]: a number typed as text
        kind = "number" if "number" in kind else kind[0]
    if kind is None and ("oneOf" in schema or "anyOf" in schema) and "enum" not in schema:
        # A choice between shapes (e.g. schedule: "24/7" or a list of days) has no Decap
        # widget. The field is kept as it is in the file; it is edited in git.
        field.pop("hint", None)
        field["widget"] = "hidden"
    elif "enum" in schema:
        field.update(widget="select", options=_options(schema))
    elif kind == "boolean":
        field["widget"] = "boolean"
    elif kind == "array":
        field["widget"] = "list"
        items, items_file, _, _ = s.resolve(schema.get("items", {}), file)
        if items.get("type") == "object":
            field["fields"] = _fields(items, items_file, s)
        else:
            field["field"] = _field(name, schema["items"], file, True, s)
            field["field"].pop("hint", None)
        if schema.get("minItems"):
            field["min"] = schema["minItems"]
    elif kind == "object":
        if "properties" not in schema:
            raise SchemaNotSupported(f"{file}: '{name}' is een object zonder vaste sleutels")
        field.update(widget="object", fields=_fields(schema, file, s))
    elif is_date(schema, ref_name):
        # Date only, and in UTC so that no time zone moves the date a day.
        field.update(widget="datetime", format=DATE_FORMAT, date_format=DATE_FORMAT,
                     time_format=False, picker_utc=True)
    elif kind == "string":
        field["widget"] = "text" if name in LONG_TEXT else "string"
        if "pattern" in schema:
            message = pattern_hint or "Deze waarde heeft niet de juiste vorm."
            field["pattern"] = [schema["pattern"], message]
    elif kind == "number":
        field.update(widget="number", value_type="float")
    else:
        raise SchemaNotSupported(f"{file}: '{name}' heeft een vorm zonder widget: {schema}")
    return field


def _fields(schema: dict, file: str, s: _Schemas) -> list[dict]:
    required = set(schema.get("required", ()))
    return [_field(name, prop, file, name in required, s)
            for name, prop in schema.get("properties", {}).items()]


def schema_fields(schemas: Mapping[str, dict], file: str) -> list[dict]:
    """The Decap fields of every top-level property of schemas[file], in schema order."""
    return _fields(schemas[file], file, _Schemas(schemas))
