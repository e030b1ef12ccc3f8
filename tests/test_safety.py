"""Issue 13, "no address where victims stay": hostile strings put into each text field of
a shelter record (each field x each pattern) are refused with the right code, file and
line; ordinary text is not; elsewhere a postcode or street address is a warning; and the
whole chain (`portal validate`, `portal generate`) refuses such a record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portal.checks.validate import has_errors, validate_tree
from portal.data.load import load_tree
from portal.messages import Severity

from .conftest import BUILD_DAY, ROOT, TODAY

OPV = "data/organisations/opvang.yml"  # kind: residential-care
ORG = "data/organisations/hulplijn.yml"
REG = "data/organisations/regio-noord.yml"
ROUTE = "data/routes/direct-gevaar.yml"
MUNI = "data/municipalities.yml"

# A webform channel for the shelter, so that its label, note and value can be broken.
CHANNEL = ("channels:\n"
           "  - id: formulier\n"
           "    type: webform\n"
           "    value: https://www.example.nl/contact\n"
           "    label: Stuur een bericht\n"
           "    schedule_note: Wij lezen berichten op werkdagen.\n")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON is one) for any hostile string."""
    return json.dumps(text, ensure_ascii=False)


# Field -> (text to find, text to put there; {s} is the quoted hostile string). The line
# expected is the line where the replacement's last line starts (the key's line).
FIELDS = {
    "name": ("name: Opvang Test", "name: {s}"),
    "description": ("description: Een plek waar jongeren wonen.", "description: {s}"),
    "service_area.description": ("  regions: [noord]\n",
                                 "  regions: [noord]\n  description: {s}\n"),
    "website": ("audiences: [professionals]\n", "audiences: [professionals]\nwebsite: {s}\n"),
    "channel.label": ("channels: []\n",
                      CHANNEL.replace("label: Stuur een bericht", "label: {s}")),
    "channel.schedule_note": ("channels: []\n", CHANNEL.replace(
        "schedule_note: Wij lezen berichten op werkdagen.", "schedule_note: {s}")),
    "channel.value": ("channels: []\n",
                      CHANNEL.replace("value: https://www.example.nl/contact", "value: {s}")),
    "source.note": ("  read: 2026-11-01\n", "  read: 2026-11-01\n  note: {s}\n"),
    "verified.note": ("  team: Redactie Meldpunt\n", "  team: Redactie Meldpunt\n  note: {s}\n"),
    "notes": ("  team: Redactie Meldpunt\n", "  team: Redactie Meldpunt\nnotes: {s}\n"),
}

# (case, hostile string, what it is): every one names where the victims stay.
PATTERNS = [
    ("street", "Kerkstraat 12", "street"),
    ("street-letter", "Stationsplein 3a", "street"),
    ("street-range", "Heerlerweg 12-14", "street"),
    ("street-lower", "wij zitten aan de wilhelminasingel 98", "street"),
    ("street-abbrev", "Kerkstr. 5", "street"),
    ("street-allee", "Sint Servaasallée 7 B", "street"),
    ("street-berg", "Cauberg 12", "street"),
    ("postcode", "6211 AB", "postcode"),
    ("postcode-joined", "6211AB", "postcode"),
    ("postcode-lower", "6211ab", "postcode"),
    ("street-full-width", "Kerkstraat １２", "street"),
    ("housenr", "huisnummer 12", "housenr"),
    ("housenr-nr", "nr. 7", "housenr"),
    ("coords-decimal", "50.85, 5.69", "coords"),
    ("coords-precise", "50.851368;5.690972", "coords"),
    ("coords-dms", "50°51'N 5°41'O", "coords"),
    ("coords-pluscode", "RJ4P+2V", "coords"),
    ("maps-google", "https://www.google.com/maps/place/Kerk", "maplink"),
    ("maps-app", "https://maps.app.goo.gl/abc123", "maplink"),
    ("maps-googl", "https://goo.gl/maps/xyz", "maplink"),
    ("maps-osm", "https://www.openstreetmap.org/node/123", "maplink"),
    ("maps-bing", "https://www.bing.com/maps?q=kerk", "maplink"),
    ("maps-apple", "https://maps.apple.com/?q=kerk", "maplink"),
    ("maps-waze", "https://waze.com/ul?q=kerk", "maplink"),
    ("maps-geo-uri", "geo:50.85,5.69", "maplink"),
    ("maps-what3words", "https://what3words.com/filled.count.soap", "maplink"),
    ("maps-w3w-slashes", "///filled.count.soap", "maplink"),
    ("place-municipality", "Maastricht", "place"),
    ("place-municipality-2", "in Venlo", "place"),
    ("place-village", "Cadier en Keer", "place"),
    ("place-part-of-name", "Sittard", "place"),
    ("place-before-aan-de", "Valkenburg", "place"),
    ("place-ambiguous-word", "wonen in Echt", "place"),
    ("place-in-url", "https://www.opvang-venlo.nl", "place"),
]

CODE = {"street": "B002", "postcode": "B003", "housenr": "B004", "coords": "B005",
        "maplink": "B006", "place": "B007"}


def expected_code(field: str, kind: str) -> str:
    if field == "channel.value" and kind != "place":
        return "B009"  # a channel that leads to a location
    if field == "source.note" and kind == "place":
        return "B012"  # a citation that names the place: its own message, an error too
    return CODE[kind]


def put(tree: Path, file: str, old: str, new: str, hostile: str | None = None) -> int:
    """Replace `old` by `new` in `file`, with `{s}` in `new` as the quoted `hostile`
    string; return the line of `{s}` (the broken key), or of the end of `new`."""
    path = tree / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    start = text.index(old)
    mark = new.index("{s}") if hostile is not None else len(new.rstrip("\n"))
    if hostile is not None:
        new = new.replace("{s}", q(hostile))
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, start) + new[:mark].count("\n") + 1


# Real names in the fixture's municipalities file: the check reads the places from there.
LIMBURG = ["Maastricht", "Venlo", "Sittard-Geleen", "Valkenburg aan de Geul", "Echt-Susteren",
           "Beek"]


def limburg(tree: Path) -> Path:
    path = tree / MUNI
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Heuvelland", "name: Maastricht-Heuvelland")
    text = text.replace("name: Zuid\n", "name: Zuid-Limburg\n")
    text += "".join(f"  - id: {n.lower().replace(' ', '-')}\n    name: {n}\n    region: noord\n"
                    for n in LIMBURG)
    path.write_text(text, encoding="utf-8")
    return tree


def problems_of(tree: Path) -> list:
    # Pages are left out (they take most of the time); the chain test below runs them.
    return validate_tree(tree / "data", today=TODAY)[1]


def safety_codes(problems) -> set[str]:
    return {p.code for p in problems if p.code.startswith("B")}


CASES = [(f, *p) for f in FIELDS for p in PATTERNS]


@pytest.mark.parametrize(("field", "case", "hostile", "kind"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_shelter_refuses_location_in_every_field(fixture_tree: Path, monkeypatch,
                                                 field, case, hostile, kind) -> None:
    monkeypatch.chdir(limburg(fixture_tree))
    old, new = FIELDS[field]
    line = put(fixture_tree, OPV, old, new, hostile)
    code = expected_code(field, kind)
    problems = problems_of(fixture_tree)
    found = [p for p in problems if p.code == code]
    assert [(p.path, p.line) for p in found] == [(OPV, line)], \
        [p.format_text() for p in problems]
    assert "mensenhandelaren" in found[0].detail  # the message says why
    assert has_errors(problems)


# Ordinary text that must not be taken for a location (put in the shelter's description).
ORDINARY = [
    "Jongeren van 12 jaar en ouder.",
    "Bereikbaar 24/7.",
    "Gelezen op 2026-11-29.",
    "Sinds 1 januari 2026.",
    "Open van 09:00 tot 17:00 uur.",
    "Open van 9.00 tot 17.00 uur; za 10.00-12.30 uur.",
    "Bel 0800-2000 of 043-6045777.",
    "Bel 112 bij gevaar.",
    "Stap 2: praat met je mentor.",
    "In groep 7 en 8.",
    "Artikel 273f van het Wetboek van Strafrecht.",
    "In 2019 en 2020.",
    "Na vergadering 3 beslist het team.",
    "Kosten: € 1,50 per minuut; zo'n 1,5 uur reizen.",
    "Versie 2.0 van de meldcode (2013).",
    "Drie op de 10 jongeren; week 2 en week 3.",
    "Echt waar, je bent welkom.",
    "Jongeren uit Zeeland, Brabant en Limburg.",
    "Werkgebied Zuid-Limburg, Parkstad en Maastricht-Heuvelland.",
    "Samen met Veilig Thuis Zuid-Limburg en De Kindertelefoon.",
    "Kijk op https://www.example.nl/contact voor meer.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_not_a_location(fixture_tree: Path, monkeypatch, text) -> None:
    monkeypatch.chdir(limburg(fixture_tree))
    put(fixture_tree, OPV, "description: Een plek waar jongeren wonen.", f"description: {q(text)}")
    put(fixture_tree, ORG, "description: Een hulplijn voor de tests.", f"description: {q(text)}")
    assert safety_codes(problems_of(fixture_tree)) == set()


@pytest.mark.parametrize(("area", "line"), [
    ("  scope: municipalities\n  municipalities: [stad-a]", 7),
    ("  scope: municipalities\n  municipalities: [stad-a, stad-b]", 7),
])
def test_shelter_serves_at_least_a_region(fixture_tree: Path, monkeypatch, area, line) -> None:
    monkeypatch.chdir(fixture_tree)
    put(fixture_tree, OPV, "  scope: regions\n  regions: [noord]", area)
    problems = problems_of(fixture_tree)
    assert [(p.code, p.path, p.line) for p in problems] == [("B008", OPV, line)], \
        [p.format_text() for p in problems]


@pytest.mark.parametrize("area", ["  scope: province", "  scope: national",
                                  "  scope: outside-limburg", "  scope: regions\n"
                                  "  regions: [zuid]"])
def test_shelter_area_of_a_region_or_more_is_fine(fixture_tree: Path, monkeypatch,
                                                  area) -> None:
    monkeypatch.chdir(fixture_tree)
    put(fixture_tree, OPV, "  scope: regions\n  regions: [noord]", area)
    assert problems_of(fixture_tree) == []


@pytest.mark.parametrize(("channel", "line"), [
    (CHANNEL.replace("https://www.example.nl/contact", "https://maps.app.goo.gl/abc"), 12),
    (CHANNEL.replace("type: webform", "type: chat").replace(
        "https://www.example.nl/contact", "https://www.google.nl/maps/@50.85,5.69,17z"), 12),
])
def test_shelter_publishes_no_channel_to_a_location(fixture_tree: Path, monkeypatch,
                                                    channel, line) -> None:
    monkeypatch.chdir(fixture_tree)
    put(fixture_tree, OPV, "channels: []\n", channel)
    problems = problems_of(fixture_tree)
    assert ("B009", OPV, line) in {(p.code, p.path, p.line) for p in problems}
    assert has_errors(problems)


@pytest.mark.parametrize(("new", "line"), [
    ("address:\n  street: Straat 1\n  postal_code: 1234 AB\n  city: Stad A\nchannels: []", 9),
    ("channels:\n  - id: inloop\n    type: walk-in\n    value: Straat 1\n    label: Kom langs",
     11),
])
def test_safety_module_covers_address_key_and_walk_in(fixture_tree: Path, monkeypatch,
                                                      new, line) -> None:
    """B001 (the old rule in rules.py) comes from portal.checks.safety too, with one message per
    place: the address block and the walk-in channel are not reported again per line."""
    from portal.checks.safety import check_safety

    monkeypatch.chdir(fixture_tree)
    put(fixture_tree, OPV, "channels: []", new)
    tree = load_tree(fixture_tree / "data", [])
    assert [(p.code, p.path, p.line) for p in check_safety(tree)] == [("B001", OPV, line)]


# Elsewhere (an organisation that houses no victims, a route, the municipalities): a
# postcode or street address in public text is a warning.
ELSEWHERE = [
    ("org-description", ORG, "description: Een hulplijn voor de tests.", "description: {s}"),
    ("org-label", ORG, "label: Bel gratis", "label: {s}"),
    ("team-description", REG, "description: Regionaal meldpunt voor de tests.",
     "description: {s}"),
    ("route-step", ROUTE, "  - do: Bel de hulplijn.", "  - do: {s}"),
    ("route-situation", ROUTE, "situation: Er is nu gevaar.", "situation: {s}"),
    ("municipality-unknown", MUNI, "unknown: Niet bekend welk team hier werkt.",
     "unknown: {s}"),
]
ELSEWHERE_PATTERNS = [("Kom naar de Kerkstraat 12.", "B011"), ("Postcode 6211 AB.", "B010"),
                      ("Heerlerweg 12-14", "B011")]
ELSEWHERE_CASES = [(*e, *p) for e in ELSEWHERE for p in ELSEWHERE_PATTERNS]


@pytest.mark.parametrize(("case", "file", "old", "new", "hostile", "code"), ELSEWHERE_CASES,
                         ids=[f"{c[0]}-{c[5]}-{i}" for i, c in enumerate(ELSEWHERE_CASES)])
def test_address_elsewhere_is_a_warning(fixture_tree: Path, monkeypatch, case, file, old, new,
                                        hostile, code) -> None:
    monkeypatch.chdir(fixture_tree)
    line = put(fixture_tree, file, old, new, hostile)
    problems = problems_of(fixture_tree)
    found = [p for p in problems if p.code.startswith("B")]
    assert [(p.code, p.path, p.line) for p in found] == [(code, file, line)], \
        [p.format_text() for p in problems]
    assert found[0].severity is Severity.WARNING
    assert not has_errors(problems)


def test_address_of_an_organisation_without_victims_is_allowed(fixture_tree: Path,
                                                               monkeypatch) -> None:
    """A police station or a team may publish its address and a walk-in channel."""
    monkeypatch.chdir(fixture_tree)
    put(fixture_tree, REG, "channels:\n",
        "address:\n  street: Kerkstraat 12\n  postal_code: 6211 AB\n  city: Stad A\n"
        "channels:\n  - id: inloop\n    type: walk-in\n    value: Kerkstraat 12, Stad A\n"
        "    label: Kom langs\n")
    assert problems_of(fixture_tree) == []


def run_portal(tree: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portal.cli", *args, "--today", "2026-11-29"],
                          cwd=tree, capture_output=True, text=True, timeout=120)


def test_whole_chain_refuses_a_smuggled_address(fixture_tree: Path) -> None:
    """`portal validate` exits 1 naming file and line; `portal generate` (the build's
    entry point) writes nothing: no page, search index, HSDS, CSV or vCard."""
    line = put(fixture_tree, OPV, "channels: []\n", CHANNEL.replace(
        "schedule_note: Wij lezen berichten op werkdagen.",
        "schedule_note: Kom langs op Kerkstraat 12, 6211 AB Stad."))
    result = run_portal(fixture_tree, "validate")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{OPV}:{line}:" in result.stdout and "B002" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr
    out = fixture_tree / "out"
    result = run_portal(fixture_tree, "generate", str(out))
    assert result.returncode == 1, result.stdout + result.stderr
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert written == []


def test_clean_tree_is_generated(fixture_tree: Path) -> None:
    """The control for the test above: the same command writes the fixture's site."""
    result = run_portal(fixture_tree, "generate", str(fixture_tree / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert any((fixture_tree / "out").rglob("*.md"))


def test_shipped_data_has_no_safety_errors(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    problems = validate_tree(ROOT / "data", today=BUILD_DAY)[1]
    errors = [p.format_text() for p in problems
              if p.code.startswith("B") and p.severity is Severity.ERROR]
    assert errors == []


@pytest.mark.parametrize(("hostile", "code"), [
    ("Ga naar de Kerkstraat 12.", "B002"), ("Postcode 6211 AB.", "B003"),
    ("De opvang in Maastricht.", "B007"), ("Zie https://maps.app.goo.gl/x", "B006")])
def test_route_step_to_a_shelter_is_held_to_its_rules(fixture_tree: Path, monkeypatch,
                                                      hostile, code) -> None:
    """A step that sends the reader to a shelter speaks about that place: an error, not
    the warning that other route text gets."""
    monkeypatch.chdir(limburg(fixture_tree))
    old = "  - do: Praat met iemand die je vertrouwt."
    line = put(fixture_tree, ROUTE, old, old + "\n  - do: {s}\n    organisation: opvang", hostile)
    problems = problems_of(fixture_tree)
    found = [p for p in problems if p.code.startswith("B")]
    assert [(p.code, p.path, p.line) for p in found] == [(code, ROUTE, line)], \
        [p.format_text() for p in problems]
    assert found[0].severity is Severity.ERROR and "Stap 4" in found[0].detail


def test_places_are_read_from_the_shipped_municipalities() -> None:
    """Every one of the 31 municipalities (and the parts of a joined name) is a place a
    shelter may not name; the regions and subregions are not."""
    from portal.checks.safety import load_places

    tree = load_tree(ROOT / "data", [])
    places = load_places(tree)
    names = [m["name"] for m in tree.municipalities.data["municipalities"]]
    assert len(names) == 31
    for name in names:
        assert places.find(f"De opvang ligt in {name}.") is not None, name
    for part in ("Sittard", "Geleen", "Gulpen", "Eijsden", "Valkenburg", "Horst"):
        assert places.find(f"De opvang ligt in {part}.") == part
    regions = [r["name"] for r in tree.municipalities.data["regions"]]
    regions += [s["name"] for r in tree.municipalities.data["regions"]
                for s in r.get("subregions", [])]
    assert places.find("Werkgebied: " + ", ".join(regions) + ".") is None
