"""Open-data exports: HSDS 3.0 against the official schema (unknown properties forbidden),
the CSV, vCards read back by a real vCard parser, and schema.org JSON-LD."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
import vobject
from jsonschema import Draft7Validator, FormatChecker

from portal.data.load import load_tree
from portal.data.model import build_portal
from portal.exports.opendata import (
    CSV_COLUMNS,
    contacts_csv,
    export_files,
    hsds_organizations,
    jsonld_organisation,
    stable_id,
    vcard,
)

from .conftest import ROOT

HSDS = Path(__file__).parent / "hsds" / "compiled" / "organization.json"


def _forbid_unknown(schema):
    """additionalProperties: false on every object schema (the spec's own strict check)."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


@pytest.fixture(scope="module")
def portal():
    return build_portal(load_tree(ROOT / "data", []))


@pytest.fixture(scope="module")
def hsds_validator():
    schema = _forbid_unknown(json.loads(HSDS.read_text(encoding="utf-8")))
    return Draft7Validator(schema, format_checker=FormatChecker())


def test_hsds_export_validates_against_official_schema(portal, hsds_validator):
    organizations = hsds_organizations(portal)
    assert len(organizations) == len(portal.organisations)
    for org in organizations:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in hsds_validator.iter_errors(org)]
        assert errors == [], org["name"]


def test_hsds_check_can_fail(portal, hsds_validator):
    org = hsds_organizations(portal)[0]
    org["unknown_field"] = 1
    org["id"] = "not-a-uuid"
    messages = " ".join(e.message for e in hsds_validator.iter_errors(org))
    assert "unknown_field" in messages and "not-a-uuid" in messages


def test_hsds_ids_are_stable_uuids(portal):
    first, second = hsds_organizations(portal), hsds_organizations(portal)
    assert first == second
    assert first[0]["id"] == stable_id(next(iter(portal.organisations)))


def test_hsds_phone_numbers_match_data(portal):
    by_name = {o["name"]: o for o in hsds_organizations(portal)}
    numbers = [p["number"] for s in by_name["Veilig Thuis Zuid-Limburg"]["services"]
               for p in s.get("phones", [])]
    assert numbers == ["0800 2000"]


def test_contacts_csv_has_one_row_per_channel(portal):
    rows = list(csv.DictReader(io.StringIO(contacts_csv(portal))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(o.channels) for o in portal.organisations.values())
    vt = [r for r in rows if r["organisatie_id"] == "veilig-thuis-zuid-limburg"]
    assert {r["link"] for r in vt} == {"tel:+318002000",
                                       "mailto:meldpuntmensenhandel@veiligthuiszl.nl"}


def test_vcards_parse_with_a_real_parser(portal):
    for org in portal.organisations.values():
        card = vobject.readOne(vcard(org))
        assert card.fn.value == org.name
        tels = [t.value for t in card.contents.get("tel", [])]
        expected = [c.phone.tel for c in org.channels if c.type in ("phone", "whatsapp")]
        assert tels == expected
        emails = [e.value for e in card.contents.get("email", [])]
        assert emails == [c.value for c in org.channels if c.type == "email"]


def test_vcard_folds_long_lines_and_escapes(portal):
    org = portal.organisations["veilig-thuis-zuid-limburg"]
    text = vcard(org)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert vobject.readOne(text).note.value == org.description


def test_jsonld_organisation(portal):
    data = jsonld_organisation(portal.organisations["comensha"])
    assert data["@type"] == "Organization"
    points = {p.get("telephone") or p.get("email"): p for p in data["contactPoint"]}
    assert points["+31334481186"]["hoursAvailable"][0]["dayOfWeek"][0] == "Monday"
    assert "info@comensha.nl" in points


def test_export_files_cover_every_organisation(portal):
    files = export_files(portal)
    assert "open-data/hsds/organizations.json" in files and "open-data/contacts.csv" in files
    assert {f"open-data/vcard/{o}.vcf" for o in portal.organisations} <= set(files)


def test_cost_of_a_number_is_the_hsds_fees_description():
    from portal.data.model import Channel, Organisation, Portal, Source

    channel = Channel("t", "phone", "0900-8844", "Bel", free=False, cost="lokaal tarief")
    org = Organisation(
        id="o", name="O", kind="helpline", description="D", audiences=("youth",),
        scope="national", regions=(), municipalities=(), area_description=None,
        channels=(channel,), source=Source("https://www.example.nl", "2026-11-01"))
    (service,) = hsds_organizations(Portal(organisations={"o": org}))[0]["services"]
    assert service["fees_description"] == "lokaal tarief"


def test_shipped_csv_has_no_cell_a_spreadsheet_would_run(portal):
    for row in csv.reader(io.StringIO(contacts_csv(portal))):
        assert not [cell for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
