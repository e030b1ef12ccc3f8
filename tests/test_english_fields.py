"""English beside the Dutch texts of an organisation (issue 16): `description_en` and a
channel's `schedule_note_en`, declared once in the schema with `x-english`, and the
`languages` claims (you can talk in English, an interpreter is possible), each of which
the schema gives its own source. The English help directory shows the English text where
the data has it and the Dutch text marked "(in Dutch)" where it does not; every part of
a contact line is separated in the text itself."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from portal.checks.validate import validate_tree
from portal.data.model import Organisation, Portal, in_language, load_record
from portal.data.schema import SchemaSet
from portal.pages.generator import PageGenerator
from portal.pages.i18n import MARK_LABELS
from portal.pages.render import make_environment

from .conftest import TODAY

ORG = "data/organisations/hulplijn.yml"
AFTER_DESCRIPTION = "description: Een hulplijn voor de tests.\n"
AFTER_CHANNEL = "    anonymous: true\n"  # the last line of the fixture's phone channel
SOURCE = ("    source:\n      url: https://www.example.nl/english\n"
          "      read: 2026-11-01\n")


def _languages(body: str) -> str:
    return AFTER_DESCRIPTION + "languages:\n" + body


# --- the schema: what an editor may write, and what it refuses ----------------------------

# (case, text put in place of the anchor, the anchor, expected codes)
SCHEMA_CASES = [
    ("description-en", AFTER_DESCRIPTION + "description_en: A helpline for the tests.\n",
     AFTER_DESCRIPTION, set()),
    ("schedule-note-en", AFTER_CHANNEL + "    schedule_note: Elke dag.\n"
     "    schedule_note_en: Every day.\n", AFTER_CHANNEL, set()),
    ("english-with-source", _languages("  english:\n" + SOURCE), AFTER_DESCRIPTION, set()),
    ("interpreter-with-detail", _languages(
        "  interpreter:\n    detail: Bij de aangifte.\n"
        "    detail_en: When you report a crime.\n" + SOURCE), AFTER_DESCRIPTION, set()),
    ("both-claims", _languages("  english:\n" + SOURCE + "  interpreter:\n" + SOURCE),
     AFTER_DESCRIPTION, set()),
    # A claim cannot exist without its source, and its source has a web address.
    ("claim-is-only-true", _languages("  english: true\n"), AFTER_DESCRIPTION, {"S004"}),
    ("claim-without-source", _languages("  english:\n    detail: Ja.\n"), AFTER_DESCRIPTION,
     {"S002"}),
    ("source-without-url", _languages(
        "  interpreter:\n    source:\n      read: 2026-11-01\n      note: Gehoord.\n"),
     AFTER_DESCRIPTION, {"S002"}),
    ("source-without-date", _languages(
        "  english:\n    source:\n      url: https://www.example.nl/english\n"),
     AFTER_DESCRIPTION, {"S002"}),
    ("unknown-language", _languages("  french:\n" + SOURCE),
     AFTER_DESCRIPTION, {"S001"}),
    ("empty-english-description", AFTER_DESCRIPTION + 'description_en: ""\n',
     AFTER_DESCRIPTION, {"S004"}),
    # The English texts are free text too: no typed phone number (the channel has it).
    ("phone-in-english-description", AFTER_DESCRIPTION +
     "description_en: Call 0800-2000 for help.\n", AFTER_DESCRIPTION, {"M001"}),
    ("phone-in-english-note", AFTER_CHANNEL + "    schedule_note: Elke dag.\n"
     "    schedule_note_en: Or call 0800-2000.\n", AFTER_CHANNEL, {"M001"}),
]


@pytest.mark.parametrize(("new", "anchor", "codes"), [c[1:] for c in SCHEMA_CASES],
                         ids=[c[0] for c in SCHEMA_CASES])
def test_the_schema_accepts_english_and_refuses_a_claim_without_source(
        fixture_tree: Path, monkeypatch, new: str, anchor: str, codes: set[str]) -> None:
    monkeypatch.chdir(fixture_tree)
    path = fixture_tree / ORG
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    path.write_text(text.replace(anchor, new, 1), encoding="utf-8")
    problems = validate_tree(fixture_tree / "data", today=TODAY,
                             docs_dir=fixture_tree / "docs")[1]
    assert {p.code for p in problems} == codes, [p.format_text() for p in problems]
    assert all(p.path == ORG for p in problems)


def test_the_english_siblings_are_declared_once_in_the_schema() -> None:
    schemas = SchemaSet.load()
    file = "organisation.schema.json"
    assert schemas.english(file, ("description",)) == "description_en"
    assert schemas.english(file, ("channels", "*", "schedule_note")) == "schedule_note_en"
    for claim in ("english", "interpreter"):
        assert schemas.english(file, ("languages", claim, "detail")) == "detail_en"
    # Only prose has an English sibling: names and contact values do not.
    assert schemas.english(file, ("name",)) is None
    assert schemas.english(file, ("channels", "*", "value")) is None


# --- the pages: English where the data has it, Dutch marked where it does not --------------

BASE = {
    "id": "hulplijn", "name": "Hulplijn Test", "kind": "helpline",
    "description": "Een hulplijn voor de tests.", "audiences": ["youth"],
    "service_area": {"scope": "national"},
    "channels": [{"id": "telefoon", "type": "phone", "value": "0800-2000",
                  "label": "Bel gratis", "free": True, "anonymous": True,
                  "schedule_note": "Elke dag bereikbaar."}],
    "source": {"url": "https://www.example.nl/contact", "read": "2026-11-01"},
}
CLAIM_SOURCE = {"url": "https://www.example.nl/english", "read": "2026-11-01"}


def _org(**changes) -> Organisation:
    raw, changes = copy.deepcopy(BASE), copy.deepcopy(changes)
    channel = changes.pop("channel", {})
    raw["channels"][0].update(channel)
    raw.update(changes)
    return load_record(Organisation, raw)


def _pages(org: Organisation) -> tuple[str, str]:
    """The English directory and the Dutch page of the organisation, as Markdown."""
    generator = PageGenerator(Portal(organisations={org.id: org}), make_environment())
    return generator.directory_en().content, generator.organisation(org.id).content


# (case, changes to the record, in the English directory, not in it, on the Dutch page)
PAGE_CASES = [
    ("dutch-only", {},
     ['<span lang="nl">Een hulplijn voor de tests.</span> *(in Dutch)*',
      'You can stay anonymous. <span lang="nl">Elke dag bereikbaar.</span> *(in Dutch)*'],
     ["You can talk in English", "An interpreter is possible", "English possible"],
     []),
    ("english-description", {"description_en": "A helpline for the tests."},
     ["for young people.\nA helpline for the tests.\n"],
     ["Een hulplijn voor de tests."],
     ["Een hulplijn voor de tests."]),
    ("english-note", {"channel": {"schedule_note_en": "You can reach it every day."}},
     ["· Free of charge · You can stay anonymous. You can reach it every day.\n"],
     ["Elke dag bereikbaar"],
     ["Elke dag bereikbaar."]),
    ("english-claim", {"languages": {"english": {
        "detail": "Ook per vertaalprogramma.", "detail_en": "Also with a translation app.",
        "source": CLAIM_SOURCE}}},
     ["- **English**: You can talk in English. Also with a translation app.\n",
      "helpline, by phone · English possible\n"],
     ["Ook per vertaalprogramma", "An interpreter is possible"],
     ["- **Engels**: Je kunt Engels praten. Ook per vertaalprogramma.\n",
      "- [https://www.example.nl/english](https://www.example.nl/english)"]),
    ("interpreter-dutch-detail", {"languages": {"interpreter": {
        "detail": "Bij de aangifte.", "source": CLAIM_SOURCE}}},
     ['- **Interpreter**: An interpreter is possible. <span lang="nl">Bij de aangifte.</span>'
      ' *(in Dutch)*', "· interpreter possible\n"],
     ["You can talk in English"],
     ["- **Tolk**: Een tolk is mogelijk. Bij de aangifte.\n"]),
    ("claim-without-detail", {"languages": {"english": {"source": CLAIM_SOURCE}}},
     ["- **English**: You can talk in English.\n"],
     ["You can talk in English. <span", "An interpreter is possible"],
     ["- **Engels**: Je kunt Engels praten.\n"]),
]


@pytest.mark.parametrize(("changes", "shown", "not_shown", "dutch"),
                         [c[1:] for c in PAGE_CASES], ids=[c[0] for c in PAGE_CASES])
def test_the_english_directory_shows_english_where_the_data_has_it(
        changes: dict, shown: list[str], not_shown: list[str], dutch: list[str]) -> None:
    english, page = _pages(_org(**changes))
    for text in shown:
        assert text in english
    for text in not_shown:
        assert text not in english
    for text in dutch:
        assert text in page


@pytest.mark.parametrize("changes", [c[1] for c in PAGE_CASES], ids=[c[0] for c in PAGE_CASES])
def test_no_part_of_a_contact_line_runs_into_the_next(changes: dict) -> None:
    """Issue 16 saw "You can stay anonymousElke dag bereikbaar": a mark followed by the
    note with only a <br> between. Each part now ends in " · " or ". " in the text."""
    english, _ = _pages(_org(**changes))
    line = next(li for li in english.splitlines() if li.startswith("- **Phone**"))
    for label in MARK_LABELS["en"].values():
        for following in re.findall(re.escape(label) + r"(.?)", line):
            assert following in (" ", ".", ""), (label, line)
    assert "<br>" not in line


def test_in_language_reads_the_sibling_the_schema_declares() -> None:
    org = _org(description_en="A helpline.", channel={"schedule_note_en": "Every day."})
    assert in_language(org, "description", "en") == "A helpline."
    assert in_language(org, "description", "nl") == "Een hulplijn voor de tests."
    assert in_language(org.channels[0], "schedule_note", "en") == "Every day."
    assert in_language(_org(), "description", "en") is None
    claim = _org(languages={"interpreter": {"detail": "Ja.", "detail_en": "Yes.",
                                            "source": CLAIM_SOURCE}}).languages.interpreter
    assert in_language(claim, "detail", "en") == "Yes."
