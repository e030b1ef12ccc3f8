"""One declaration per field: the JSON Schemas in portal/schemas/ declare each field once,
with the annotations (x-text, x-one-line, x-label, x-widget) that drive the free-text
scans, the web editor and the scaffolds, and the typed records (portal/data/model.py)
agree with them. A field added to a copy of the schemas shows up in all three; a schema
and a model that disagree are reported."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from portal.checks.rules import check_characters, check_texts
from portal.data.load import DataTree
from portal.data.model import RECORD_SCHEMAS, Organisation, check_model_schema
from portal.data.schema import SCHEMA_DIR, SchemaSet
from portal.data.yamlsource import load_yaml
from portal.editors.decap import SchemaNotSupported, load_schemas, render_decap_config
from portal.editors.scaffold import generate_new

from .conftest import FIXTURES

NEW_FIELD = {
    "x-label": "Bereikbaarheid", "x-text": True, "x-widget": "text",
    "$ref": "common.schema.json#/$defs/text",
    "description": "Hoe je de organisatie bereikt als je slecht ziet of hoort.",
}


def _schemas_with(tmp_path: Path, name: str, prop: dict) -> Path:
    """A copy of the real schemas with `prop` added to organisations as `name`."""
    folder = tmp_path / "schemas"
    shutil.copytree(SCHEMA_DIR, folder)
    file = folder / "organisation.schema.json"
    schema = json.loads(file.read_text(encoding="utf-8"))
    schema["properties"][name] = prop
    file.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def _tree_with(tmp_path: Path, extra: str) -> DataTree:
    """A data tree of one organisation (the fixture's hulplijn) with `extra` lines."""
    folder = tmp_path / "data" / "organisations"
    folder.mkdir(parents=True)
    text = (FIXTURES / "data" / "organisations" / "hulplijn.yml").read_text(encoding="utf-8")
    path = folder / "hulplijn.yml"
    path.write_text(text.rstrip("\n") + "\n" + extra, encoding="utf-8")
    return DataTree(tmp_path / "data", organisations={"hulplijn": load_yaml(path)})


def _decap_field(config: dict, collection: str, name: str) -> dict:
    fields = next(c for c in config["collections"] if c["name"] == collection)["fields"]
    return next(f for f in fields if f["name"] == name)


# --- a new x-text field reaches the web editor, the text scan and the scaffold ----------

def test_a_new_text_field_reaches_editor_scan_and_scaffold(tmp_path: Path) -> None:
    folder = _schemas_with(tmp_path, "bereikbaarheid", NEW_FIELD)
    schemas = SchemaSet.load(folder)

    # The web editor: a field with the schema's Dutch label and widget.
    field = _decap_field(render_decap_config(load_schemas(folder), "o/r"),
                         "organisations", "bereikbaarheid")
    assert field == {"name": "bereikbaarheid", "label": "Bereikbaarheid", "required": False,
                     "hint": NEW_FIELD["description"], "widget": "text"}

    # The validator's free-text scan: a typed number and address in the new field.
    tree = _tree_with(tmp_path, "bereikbaarheid: Bel 043 604 5777 of mail info@example.nl\n")
    found = check_texts(tree, schemas)
    assert {p.code for p in found} == {"M001", "M002"}, [p.format_text() for p in found]
    assert {p.line for p in found} == {len(tree.organisations["hulplijn"].text.splitlines())}
    # The real schemas do not know the field: it is not text there (S001 reports the key).
    assert check_texts(tree) == []

    # The scaffold: the new field, with its label and description, as an optional comment.
    new = generate_new("organisation", "nieuwe-hulp", data_dir=tmp_path / "data",
                       docs_dir=tmp_path, today=date(2026, 11, 29), schemas=schemas)
    text = new.path.read_text(encoding="utf-8")
    assert "# Bereikbaarheid (mag weg): Hoe je de organisatie bereikt als je slecht ziet" in text
    assert "\n# bereikbaarheid: VUL IN bereikbaarheid\n" in text
    # Without the field in the schemas, the scaffold does not have it.
    other = generate_new("organisation", "andere-hulp", data_dir=tmp_path / "data",
                         docs_dir=tmp_path, today=date(2026, 11, 29))
    assert "bereikbaarheid" not in other.path.read_text(encoding="utf-8")


def test_a_new_required_text_field_is_filled_in_by_the_scaffold(tmp_path: Path) -> None:
    folder = _schemas_with(tmp_path, "motto", {**NEW_FIELD, "x-label": "Motto"})
    schemas = SchemaSet.load(folder)
    schemas.files["organisation.schema.json"]["required"].append("motto")
    (tmp_path / "data" / "organisations").mkdir(parents=True)
    new = generate_new("organisation", "nieuwe-hulp", data_dir=tmp_path / "data",
                       docs_dir=tmp_path, today=date(2026, 11, 29), schemas=schemas)
    assert "\nmotto: VUL IN motto\n" in new.path.read_text(encoding="utf-8")


def test_a_new_one_line_field_refuses_a_line_break(tmp_path: Path) -> None:
    one_line = {**NEW_FIELD, "x-one-line": True}
    schemas = SchemaSet.load(_schemas_with(tmp_path, "bereikbaarheid", one_line))
    tree = _tree_with(tmp_path, 'bereikbaarheid: "Eerste regel\\ntweede regel"\n')
    assert [p.code for p in check_characters(tree, schemas)] == ["E001"]
    assert check_characters(tree) == []  # not one-line (nor known) in the real schemas


# --- the shipped schemas declare what the tools need --------------------------------------

def test_every_text_property_says_whether_it_is_free_text() -> None:
    """A property that takes any text ($defs/text) says whether a reader sees it as
    prose (x-text: true: scanned for typed contacts) or not; a new one cannot be
    forgotten by the scan."""
    schemas = SchemaSet.load()
    missing = []
    for file in schemas.files:
        for path, node in schemas.walk(file):
            texts = ("common.schema.json", "/$defs/text") in node.refs
            if texts and path and "x-text" not in node.schema:
                missing.append(f"{file}: {'.'.join(path)}")
    assert missing == []


def test_every_field_of_the_web_editor_has_a_dutch_label() -> None:
    config = render_decap_config(load_schemas(), "o/r")
    unlabelled = []

    def walk(fields: list[dict], where: str) -> None:
        for f in fields:
            if f["label"] == f["name"] and f["name"] != "id":
                unlabelled.append(f"{where}.{f['name']}")
            walk(f.get("fields", []), f"{where}.{f['name']}")

    for collection in config["collections"]:
        walk(collection["fields"], collection["name"])
    assert unlabelled == []
    cost = _decap_field(config, "organisations", "channels")["fields"]
    assert next(f for f in cost if f["name"] == "cost")["label"] == "Kosten van bellen"


def test_the_text_scan_covers_the_shipped_free_text() -> None:
    schemas = SchemaSet.load()
    texts = schemas.annotated("organisation.schema.json", "x-text")
    assert {("name",), ("description",), ("channels", "*", "label"),
            ("channels", "*", "cost", "description"), ("verified", "note")} <= texts
    # Machine values have their own checks and are not free text.
    assert not texts & {("id",), ("website",), ("channels", "*", "value"),
                        ("source", "url"), ("address", "postal_code")}
    assert ("municipalities", "*", "roles", "*", "unknown") in \
        schemas.annotated("municipalities.schema.json", "x-text")


# --- the typed records follow the schemas -------------------------------------------------

def test_records_and_schemas_agree() -> None:
    assert check_model_schema() == []
    for file, _ in RECORD_SCHEMAS.values():
        assert file in SchemaSet.load().files


def test_a_schema_property_without_attribute_is_reported(tmp_path: Path) -> None:
    schemas = SchemaSet.load(_schemas_with(tmp_path, "bereikbaarheid", NEW_FIELD))
    assert check_model_schema(schemas) == [
        "organisation.schema.json: bereikbaarheid heeft geen attribuut in Organisation"]


def test_a_flattened_block_must_be_read_whole(tmp_path: Path) -> None:
    """A new key inside a block that the record flattens (service_area) is reported too."""
    folder = tmp_path / "schemas"
    shutil.copytree(SCHEMA_DIR, folder)
    schemas = SchemaSet.load(folder)
    area = schemas.files["organisation.schema.json"]["$defs"]["service_area"]
    area["properties"]["note"] = {"$ref": "common.schema.json#/$defs/text"}
    assert check_model_schema(schemas) == [
        "organisation.schema.json: service_area.note heeft geen attribuut in Organisation"]


def test_an_attribute_without_schema_property_is_reported() -> None:
    extra = dataclasses.make_dataclass(
        "Organisation", [("bereikbaarheid", str | None, dataclasses.field(default=None))],
        bases=(Organisation,), frozen=True)
    records = {extra: RECORD_SCHEMAS[Organisation]}
    assert check_model_schema(records=records) == [
        "Organisation.bereikbaarheid leest bereikbaarheid, maar organisation.schema.json kent "
        "die sleutel niet"]


@pytest.mark.parametrize("record", sorted(RECORD_SCHEMAS, key=lambda c: c.__name__),
                         ids=lambda c: c.__name__)
def test_each_record_is_checked_against_some_properties(record: type) -> None:
    """No record maps to an empty part of a schema (a wrong path would pass silently)."""
    file, base = RECORD_SCHEMAS[record]
    schemas = SchemaSet.load()
    below = [p for p in schemas.property_paths(file) if p[:len(base)] == base
             and len(p) > len(base)]
    assert below, (record.__name__, file, base)


def test_an_unknown_widget_is_refused(tmp_path: Path) -> None:
    folder = _schemas_with(tmp_path, "bereikbaarheid", {**NEW_FIELD, "x-widget": "kaart"})
    with pytest.raises(SchemaNotSupported, match="x-widget 'kaart'"):
        render_decap_config(load_schemas(folder), "o/r")
