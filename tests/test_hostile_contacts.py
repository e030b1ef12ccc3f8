"""Hostile contact data (issue 13): every class of bad contact value, label or name is
refused by `portal validate` with a code, file and line, or is carried harmlessly by the
links and exports (vCard, CSV, HSDS JSON, Atom feed) when it somehow gets past.

Table-driven: each row breaks the fixture tree in one place and names the one code the
validator must give, at the line where the value is.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
import vobject

from portal.checks.validate import validate_tree
from portal.data import contacts
from portal.data.model import Channel, Organisation, Portal, Source
from portal.exports.feed import Post, render_atom
from portal.exports.opendata import contacts_csv, export_files, hsds_organizations, vcard
from portal.messages import CODES, Severity

from .conftest import ROOT, TODAY

ORG = "data/organisations/hulplijn.yml"
ROUTE = "data/routes/direct-gevaar.yml"
PHONE = "value: 0800-2000"  # line 12 of ORG
LABEL = "label: Bel gratis"  # line 13
MAIL = "type: email\n    value: info@example.nl"  # value on line 19
MAIL_LABEL = "label: Mail ons"  # line 20
COST = ("\n    cost:\n      description: lokaal tarief\n      source:\n"
        "        url: https://www.example.nl/kosten\n        read: 2026-11-01")


def _chat(url: str) -> str:
    return f"type: chat\n    value: {url}"


# (case, file, text to replace, replacement, expected code, expected line)
HOSTILE = [
    # Phone numbers by policy: refused kinds (C005), kinds not in the table (C006)
    ("premium-0906", ORG, PHONE, "value: 0906-1234", "C005", 12),
    ("premium-0909", ORG, PHONE, "value: 0909-123456", "C005", 12),
    ("personal-084", ORG, PHONE, "value: 084-1234567", "C005", 12),
    ("personal-087", ORG, PHONE, "value: 087-1234567", "C005", 12),
    ("pager-066", ORG, PHONE, "value: 066-1234567", "C005", 12),
    ("machine-097", ORG, PHONE, "value: 097-012345678", "C005", 12),
    ("short-not-in-table", ORG, PHONE, "value: 1400", "C006", 12),
    ("premium-0906-whatsapp", ORG, "type: phone\n    value: 0800-2000",
     "type: whatsapp\n    value: 0906-1234", "C005", 12),
    # a 0900 number needs its cost with a source: without, a warning
    ("0900-without-cost", ORG, PHONE, "value: 0900-8844", "C007", 12),
    # numbers in labels, names, titles and notes are scanned like channel values
    ("premium-in-label", ORG, LABEL, "label: Bel 0906-1234 voor hulp", "C005", 13),
    ("premium-in-name", ORG, "name: Hulplijn Test", "name: Hulplijn 0909-1234", "C005", 2),
    ("premium-in-title", ROUTE, "title: Direct gevaar", "title: Bel 0906-1234", "C005", 2),
    ("premium-in-source-note", ORG, "read: 2026-11-01",
     "read: 2026-11-01\n  note: Of bel 0906-1234.", "C005", 28),
    ("premium-in-notes", ORG, "verified:", "notes: Bel 0909-1234.\nverified:", "C005", 28),
    ("other-number-in-label", ORG, LABEL, "label: Bel 0800-1234", "M001", 13),
    ("premium-tel-link-in-page", "docs/index.md", "# Test", "# Test\n\n[Bel ons](tel:0906-1234)",
     "C005", 10),
    ("tel-link-in-page", "docs/index.md", "# Test", "# Test\n\n[Bel ons](tel:+318002000)",
     "M001", 10),
    # no line break or other control character in a value, label or name
    ("newline-in-chat", ORG, MAIL, _chat('"https://chat.example.nl\\nTEL:0906-1234"'),
     "E001", 19),
    ("newline-in-phone", ORG, PHONE, 'value: "0800-2000\\nEMAIL:x@evil.example"', "E001",
     12),
    ("newline-in-email", ORG, "value: info@example.nl",
     'value: "info@example.nl\\r\\nBCC: x@evil.example"', "E001", 19),
    # (the smuggled number is reported too)
    ("newline-in-label", ORG, MAIL_LABEL, 'label: "Mail ons\\nTEL:0906-1234"', ("C005", "E001"),
     20),
    ("line-separator-in-website", ORG, "website: https://www.example.nl",
     'website: "https://www.example.nl\\u2028"', "E001", 6),
    ("nonchar-in-notes", ORG, "verified:", 'notes: "Geen \\ufffe teken."\nverified:',
     "E002", 28),
    ("nonchar-in-label", ORG, LABEL, 'label: "Bel gratis\\uffff"', "E002", 13),
    # e-mail: no URL query, percent sign, ampersand or display name
    ("email-hidden-bcc", ORG, "value: info@example.nl",
     "value: info%40evil.example?bcc=x@example.nl", "C008", 19),
    ("email-ampersand", ORG, "value: info@example.nl", "value: info&cc=x@example.nl", "C008",
     19),
    ("email-query-after-domain", ORG, "value: info@example.nl",
     "value: info@example.nl?bcc=x@evil.example", "C008", 19),
    ("email-display-name", ORG, "value: info@example.nl", 'value: "Hulp <info@example.nl>"',
     "C008", 19),
    # web addresses: no whitespace, no characters outside a URL, no user part before the host
    ("space-in-chat", ORG, MAIL, _chat("https://chat.example.nl/a b"), "C009", 19),
    ("tab-in-chat", ORG, MAIL, _chat('"https://chat.example.nl/\\tx"'), "E001", 19),
    ("quote-in-webform", ORG, MAIL, 'type: webform\n    value: \'https://x.example.nl/"><b>\'',
     "C009", 19),
    ("userinfo-in-chat", ORG, MAIL, _chat("https://www.example.nl@evil.example/"), "C009", 19),
]

# Accepted numbers: the fixture stays free of problems with each of these as its number.
ACCEPTED = ["112", "113", "116 111", "116111", "116 123", "14 043", "14043", "14 0475",
            "0800-0113", "0800-2000", "085-1234567", "088-1234567", "06-12345678",
            "043-6045777", "+31 43 604 5777", "0900-8844" + COST]


def _break(tree: Path, file: str, old: str, new: str) -> None:
    path = tree / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _run(tree: Path):
    return validate_tree(tree / "data", today=TODAY, docs_dir=tree / "docs")[1]


@pytest.mark.parametrize("row", HOSTILE, ids=[r[0] for r in HOSTILE])
def test_hostile_contact_is_refused_with_code_file_and_line(fixture_tree, monkeypatch, row):
    _case, file, old, new, code, line = row
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, file, old, new)
    problems = _run(fixture_tree)
    # Other rules (H: HTML in data, B: safety) may see the same value; these are ours.
    ours = [(p.code, p.path, p.line) for p in problems if p.code[0] in "CEM"]
    codes = code if isinstance(code, tuple) else (code,)
    assert ours == [(c, file, line) for c in codes], [p.format_text() for p in problems]


# Invisible characters that reorder or hide text: refused (by H003 of the markup check or
# by E001 here); which code does not matter here, only that the value cannot pass.
INVISIBLE = [
    ("bidi-override-in-name", "name: Hulplijn Test", 'name: "Hulplijn \\u202eTest"', 2),
    ("escape-in-description", "description: Een hulplijn voor de tests.",
     'description: "Een hulplijn \\e[31m voor de tests."', 4),
    ("nul-in-description", "description: Een hulplijn voor de tests.",
     'description: "Een hulplijn\\0 voor de tests."', 4),
    ("bidi-in-phone", PHONE, 'value: "0800-\\u202e2000"', 12),
    ("zero-width-in-email", "value: info@example.nl", 'value: "info@exa\\u200bmple.nl"', 19),
]


@pytest.mark.parametrize("row", INVISIBLE, ids=[r[0] for r in INVISIBLE])
def test_invisible_character_is_refused(fixture_tree, monkeypatch, row) -> None:
    _case, old, new, line = row
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, ORG, old, new)
    problems = _run(fixture_tree)
    assert [p for p in problems if p.severity is Severity.ERROR and p.line == line], \
        [p.format_text() for p in problems]


def test_every_new_contact_code_has_a_hostile_input() -> None:
    new = {"C005", "C006", "C007", "C008", "C009", "E001", "E002"}
    assert new <= set(CODES)
    assert {c for row in HOSTILE for c in (row[4] if isinstance(row[4], tuple) else (row[4],))} \
        >= new


@pytest.mark.parametrize("number", ACCEPTED)
def test_accepted_numbers_pass(fixture_tree, monkeypatch, number) -> None:
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, ORG, PHONE, f"value: {number}")
    assert _run(fixture_tree) == []


def test_own_number_in_label_is_allowed(fixture_tree, monkeypatch) -> None:
    # "Bel 112" on the 112 channel names the number the button dials: not a second copy.
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, ORG, LABEL, "label: Bel 0800 2000")
    assert _run(fixture_tree) == []


def test_0900_warning_does_not_fail_validate(fixture_tree, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, ORG, PHONE, "value: 0900-8844")
    (problem,) = _run(fixture_tree)
    assert problem.severity is Severity.WARNING
    assert "0900" in problem.detail and "cost" in problem.detail


def test_kind_not_in_table_names_the_table(fixture_tree, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, ORG, PHONE, "value: 1400")
    (problem,) = _run(fixture_tree)
    assert "CONTRIBUTING.md" in problem.detail and "tabel" in problem.detail


# --- the policy table ---------------------------------------------------------------

# written, key of the row it falls in, accepted
KINDS = [
    ("112", "emergency", True),
    ("113", "suicide-prevention", True),
    ("116 111", "harmonised-116", True),
    ("116000", "harmonised-116", True),
    ("14 043", "municipal", True),
    ("14 0475", "municipal", True),
    ("0800-0113", "freephone", True),
    ("0900-0101", "premium-information", True),
    ("085-1234567", "location-free", True),
    ("088-1234567", "company", True),
    ("06-12345678", "mobile", True),
    ("043-6045777", "geographic", True),
    ("020-1234567", "geographic", True),
    ("0906-1234", "premium-adult", False),
    ("0909-1234", "premium-entertainment", False),
    ("084-1234567", "personal", False),
    ("087-1234567", "personal", False),
    ("066-1234567", "pager", False),
    ("097-012345678", "machine", False),
]


@pytest.mark.parametrize(("written", "key", "accepted"), KINDS)
def test_numbers_fall_in_their_row_of_the_policy(written, key, accepted) -> None:
    phone = contacts.parse_phone(written)
    assert phone is not None and phone.kind is not None
    assert (phone.kind.key, phone.kind.refused) == (key, not accepted)


def test_policy_table_is_complete_and_dutch() -> None:
    keys = {row.key for row in contacts.PHONE_POLICY}
    assert keys == {k for _, k, _ in KINDS}
    for row in contacts.PHONE_POLICY:
        assert row.name and row.prefix and row.why.endswith(".")


def test_phone_table_in_contributing_is_the_code_table() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = contacts.render_phone_table()
    assert f"{contacts.PHONES_START}\n{table}{contacts.PHONES_END}" in guide
    for row in contacts.PHONE_POLICY:
        assert row.why in table


# --- links are built from parsed values -------------------------------------------------

HOSTILE_VALUES = [
    "0800-2000\nTEL:0906-1234", "0906-1234", "0909-1234", "066-1234567", "1400",
    "info%40evil.example?bcc=x@example.nl", "info@example.nl?bcc=x@evil.example",
    "Hulp <info@example.nl>", "info@example.nl\r\nBCC: x@evil.example", "a&b@example.nl",
    "https://chat.example.nl\nTEL:0906-1234", "https://chat.example.nl/a b",
    "https://www.example.nl@evil.example/", "javascript:alert(1)", "data:text/html,<b>",
    'https://x.example.nl/"><script>alert(1)</script>', "https://x.example.nl/\u202e",
    "//evil.example/", "https://x.example.nl\\@evil.example/",
]
SAFE_HREF = re.compile(r"|tel:\+?\d{3,15}|mailto:[A-Za-z0-9.%+_-]+@[a-z0-9.-]+"
                       r"|https://wa\.me/\d+|https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?")


def _channel(kind: str, value: str) -> Channel:
    return Channel(id="x", type=kind, value=value, label="Label")


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize("kind", ["phone", "whatsapp", "email", "chat", "webform"])
def test_hostile_value_cannot_reach_href(kind, value) -> None:
    channel = _channel(kind, value)
    assert channel.href == "", channel.href
    assert "\n" not in channel.shown and "\r" not in channel.shown


@pytest.mark.parametrize(
    ("kind", "value", "href"),
    [
        ("phone", "0800-0113", "tel:+318000113"),
        ("phone", "113", "tel:113"),
        ("phone", "116 111", "tel:116111"),
        ("phone", "14 043", "tel:14043"),
        ("phone", "112", "tel:112"),
        ("whatsapp", "06-12345678", "https://wa.me/31612345678"),
        ("email", "Info@Example.NL", "mailto:info@example.nl"),
        ("email", "jürgen@example.de", "mailto:j%C3%BCrgen@example.de"),
        ("email", "info@bücher.example", "mailto:info@xn--bcher-kva.example"),
        ("chat", "https://www.chatmetfier.nl", "https://www.chatmetfier.nl"),
        ("chat", "https://bücher.example/ä?x=1", "https://xn--bcher-kva.example/%C3%A4?x=1"),
    ],
)
def test_href_is_built_from_the_parsed_value(kind, value, href) -> None:
    channel = _channel(kind, value)
    assert channel.href == href
    assert SAFE_HREF.fullmatch(channel.href)


def test_refused_kind_gets_no_tel_link() -> None:
    phone = contacts.parse_phone("0906-1234")
    assert phone is not None and phone.kind.refused
    assert _channel("phone", "0906-1234").href == ""


# --- exports carry hostile text harmlessly -----------------------------------------------

EVIL_NAME = "Evil\r\nTEL:0906-1234\nEMAIL:x@evil.example\\;,"
EVIL_TEXT = "Tekst; met, komma\\ en\nTEL:0906-1234\r\nEND:VCARD\nBEGIN:VCARD\x1b\x00 eind"


def _hostile_portal() -> Portal:
    source = Source("https://www.example.nl", "2026-11-01")
    channels = (
        Channel("telefoon", "phone", "0800-2000", "=HYPERLINK(\"https://evil.example\")"),
        Channel("premium", "phone", "0906-1234", "+1+1"),
        Channel("mail", "email", "info@example.nl\nTEL:0906-1234", "-2+3"),
        Channel("mail2", "email", "Info@Example.NL", "@SUM(A1)"),
        Channel("chat", "chat", "https://chat.example.nl\nTEL:0906-1234", "\tTab"),
        Channel("web", "webform", "https://www.example.nl/formulier,a;b", "\rCR"),
    )
    org = Organisation(
        id="evil", name=EVIL_NAME, kind="helpline", description=EVIL_TEXT,
        audiences=("youth",), scope="national", regions=(), municipalities=(),
        area_description=None, channels=channels, source=source,
        website="https://www.example.nl\nEMAIL:x@evil.example", notes=None)
    return Portal(organisations={"evil": org})


def test_vcard_of_hostile_values_has_no_extra_properties() -> None:
    text = vcard(_hostile_portal().organisations["evil"])
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    card = vobject.readOne(text)
    names = sorted(line.name.lower() for line in card.lines())
    assert names == ["email", "fn", "n", "note", "org", "tel", "uid", "url", "version"]
    assert card.tel.value == "+318002000"
    assert card.email.value == "info@example.nl"
    assert card.url.value == "https://www.example.nl/formulier,a;b"
    assert card.fn.value == "Evil\nTEL:0906-1234\nEMAIL:x@evil.example\\;,"
    assert card.note.value == "Tekst; met, komma\\ en\nTEL:0906-1234\nEND:VCARD\nBEGIN:VCARD eind"


def test_vcard_of_shipped_data_round_trips() -> None:
    from portal.data.load import load_tree
    from portal.data.model import build_portal

    for org in build_portal(load_tree(ROOT / "data", [])).organisations.values():
        card = vobject.readOne(vcard(org))
        assert card.fn.value == org.name and card.note.value == org.description


def test_csv_cells_that_could_be_formulas_are_neutralised() -> None:
    rows = list(csv.DictReader(io.StringIO(contacts_csv(_hostile_portal()), newline="")))
    labels = [r["label"] for r in rows]
    assert labels == ["'=HYPERLINK(\"https://evil.example\")", "'+1+1", "'-2+3", "'@SUM(A1)",
                      "'\tTab", "'\rCR"]
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    # a hostile value gives no link
    assert [r["link"] for r in rows] == ["tel:+318002000", "", "", "mailto:info@example.nl",
                                         "", "https://www.example.nl/formulier,a;b"]


@pytest.mark.parametrize("name", ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_neutralises_a_hostile_name(name) -> None:
    org = dataclasses.replace(_hostile_portal().organisations["evil"], name=name)
    rows = list(csv.DictReader(io.StringIO(contacts_csv(Portal(organisations={"evil": org})),
                                           newline="")))
    assert {r["organisatie"] for r in rows} == {"'" + name}


def test_csv_keeps_an_international_number_as_text() -> None:
    source = Source("https://www.example.nl", "2026-11-01")
    org = Organisation(
        id="o", name="O", kind="helpline", description="D", audiences=("youth",),
        scope="national", regions=(), municipalities=(), area_description=None,
        channels=(Channel("t", "phone", "+31 43 604 5777", "Bel"),), source=source)
    (row,) = csv.DictReader(io.StringIO(contacts_csv(Portal(organisations={"o": org}))))
    assert row["waarde"] == "'+31 43 604 5777" and row["link"] == "tel:+31436045777"


def test_hsds_json_of_hostile_values_is_valid_json() -> None:
    portal = _hostile_portal()
    text = export_files(portal)["open-data/hsds/organizations.json"]
    text.encode("utf-8")
    (org,) = json.loads(text)
    assert org["name"] == EVIL_NAME
    services = {s["name"]: s for s in org["services"]}
    assert "email" not in services["-2+3"] and "url" not in services["\tTab"]
    assert "phones" not in services["+1+1"]
    assert org["email"] == "info@example.nl" and "website" not in org
    assert hsds_organizations(portal) == [org]


def test_atom_feed_drops_characters_xml_forbids() -> None:
    hostile = "Titel\x00\x0b\x1b\ufffe\uffff met </title><script>x</script> & tekens"
    post = Post(title=hostile, url="https://www.example.nl/nieuws/a/",
                published=datetime(2026, 11, 1, tzinfo=UTC), summary="Sa\x08menvatting",
                categories=("cat\x0c",))
    text = render_atom([post], title="Nieuws\x01", feed_url="https://www.example.nl/feed.xml",
                       home_url="https://www.example.nl/", author="Meldpunt\x7f")
    root = ET.fromstring(text.encode("utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = root.find("a:entry", ns)
    assert entry.find("a:title", ns).text == \
        "Titel met </title><script>x</script> & tekens"
    assert entry.find("a:summary", ns).text == "Samenvatting"
    assert entry.find("a:category", ns).get("term") == "cat"
    assert root.find("a:title", ns).text == "Nieuws"
