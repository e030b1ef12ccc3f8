"""JSON Schema -> Decap CMS fields, for the web editor's config.yml (portal/editors/decap.py).

Every property of an object schema becomes one field, in schema order, with `required`
from the schema's `required` list and a widget from the property's shape: enum -> select,
boolean -> boolean, array -> list (of objects: their fields; else one field), object ->
object, the shared date -> datetime (date only), string -> string or text (sentences),
number -> number, and a choice between shapes (oneOf/anyOf) -> hidden (kept as it is).
The label is the property's `x-label` and a string's widget its `x-widget` ("text" for
sentences), both declared in the schema beside the property (portal/data/schema.py).
A pattern becomes Decap's pattern check, with the description as its Dutch message. A
shape with no widget raises SchemaNotSupported, so a schema change cannot slip past.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..data.schema import Resolved, SchemaSet

DATE_FORMAT = "YYYY-MM-DD"
STRING_WIDGETS = frozenset({"string", "text", "markdown"})


class SchemaNotSupported(ValueError):
    """A schema shape that has no Decap widget; the schema or this module must change."""


def _options(schema: dict) -> list:
    """Select options; 'value = uitleg' pairs in the description become the labels."""
    explained = dict(re.findall(r"([\w-]+) = ([^,;.]+)", schema.get("description", "")))
    if not explained:
        return list(schema["enum"])
    return [{"label": f"{explained[str(v)].strip()} ({v})" if str(v) in explained else str(v),
             "value": v} for v in schema["enum"]]


def is_date(schema: dict, ref_name: str | None) -> bool:
    return schema.get("format") == "date" or ref_name == "date"


def _resolve(s: SchemaSet, schema: dict, file: str) -> Resolved:
    try:
        return s.resolve(schema, file)
    except ValueError as exc:  # a $ref that leads back to itself
        raise SchemaNotSupported(str(exc)) from exc


def _field(name: str, schema: dict, file: str, required: bool, s: SchemaSet) -> dict:
    resolved = _resolve(s, schema, file)
    schema, file, ref_name = resolved.schema, resolved.file, resolved.ref_name
    # The Dutch label is the schema's x-label; a key without one is shown as it is (the
    # tests require one on every field of the shipped schemas).
    field: dict = {"name": name, "label": schema.get("x-label", name), "required": required}
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
        items, items_file, _, _ = _resolve(s, schema.get("items", {}), file)
        if items.get("type") == "object":
            field["fields"] = _fields(items, items_file, s)
        else:
            field["field"] = _field(name, schema["items"], file, True, s)
            field["field"].pop("hint", None)
            field["field"]["label"] = field["label"]  # an item has no label of its own
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
        widget = schema.get("x-widget", "string")  # "text": sentences, in a larger box
        if widget not in STRING_WIDGETS:
            raise SchemaNotSupported(f"{file}: '{name}' heeft x-widget '{widget}'; kies uit "
                                     f"{', '.join(sorted(STRING_WIDGETS))}")
        field["widget"] = widget
        if "pattern" in schema:
            message = resolved.pattern_hint or "Deze waarde heeft niet de juiste vorm."
            field["pattern"] = [schema["pattern"], message]
    elif kind == "number":
        field.update(widget="number", value_type="float")
    else:
        raise SchemaNotSupported(f"{file}: '{name}' heeft een vorm zonder widget: {schema}")
    return field


def _fields(schema: dict, file: str, s: SchemaSet) -> list[dict]:
    required = set(schema.get("required", ()))
    return [_field(name, prop, file, name in required, s)
            for name, prop in schema.get("properties", {}).items()]


def schema_fields(schemas: Mapping[str, dict], file: str) -> list[dict]:
    """The Decap fields of every top-level property of schemas[file], in schema order."""
    return _fields(schemas[file], file, SchemaSet(schemas))
