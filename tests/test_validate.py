"""The validator: the fixture tree is valid, and each broken input fails with the right
code, file and line (one rule per case)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portal.checks.validate import has_errors, validate_tree
from portal.cli import main

from .conftest import BUILD_DAY, ROOT, TODAY
from .test_hostile_input import HOSTILE

ORG = "data/organisations/hulplijn.yml"
REG = "data/organisations/regio-noord.yml"
OPV = "data/organisations/opvang.yml"
ROUTE = "data/routes/direct-gevaar.yml"
MUNI = "data/municipalities.yml"
ROLES = "data/roles.yml"
WEG = "data/wegwijzer.yml"
SIG = "data/signals.yml"
AFTER = "data/after-report.yml"
AID = "data/beslishulp.yml"
EVENT = "data/agenda/training-signalen-stad-a.yml"  # the agenda (tests/test_agenda.py)
LISTS = "docs/signalen.md"  # audience: parents; shows both lists
LISTS_EN = "docs/signalen.en.md"
YOUTH = "docs/jongeren.md"
PAGE = "docs/index.md"  # audience: all  # audience: youth, so the plain-Dutch check (T) reads it

# (case, file to break, text to replace, replacement, expected code, expected line,
#  [file the problem is reported in, when not the broken one])
BROKEN = [
    ("yaml-syntax", ORG, "name: Hulplijn Test", "name: Hulplijn: Test", "Y001", 2),
    ("yaml-tab", ORG, "  scope: national", "\tscope: national", "Y007", 8),
    ("duplicate-key", ORG, "kind: helpline\n", "kind: helpline\nkind: helpline\n", "Y002", 4),
    ("not-a-mapping", ORG, None, "- alleen\n- een lijst\n", "Y003", 1),
    ("unknown-key", ORG, "website:", "webiste:", "S001", 6),
    ("unknown-channel-key", ORG, "    free: true", "    gratis: true", "S001", 15),
    ("missing-key", ORG, "kind: helpline\n", "", "S002", 1),
    ("bad-enum", ORG, "kind: helpline", "kind: hulplijn", "S003", 3),
    ("bad-audience", ORG, "audiences: [youth, parents]", "audiences: [jongeren]", "S003", 5),
    ("wrong-type", ORG, "    free: true", "    free: ja", "S004", 15),
    ("bad-date", ORG, "read: 2026-11-01", "read: 1-11-2026", "S005", 27),
    ("bad-time", ORG, '"17:00"', '"5 uur"', "S005", 24),
    ("bad-schedule", ORG, "schedule: 24/7", "schedule: altijd", "S003", 14),
    ("step-org-and-role", ROUTE, "    role: regioteam",
     "    organisation: hulplijn\n    role: regioteam", "S009", 10),
    ("id-not-filename", ORG, "id: hulplijn", "id: hulplijn-twee", "I001", 1),
    ("id-not-slug", ORG, "id: hulplijn", "id: Hulplijn", "I003", 1),
    ("duplicate-channel", ORG, "  - id: mail", "  - id: telefoon", "I002", 17),
    ("duplicate-municipality", MUNI, "id: stad-b", "id: stad-a", "I002", 18),
    ("bad-phone", ORG, "value: 0800-2000", "value: 0800-20", "C001", 12),
    ("short-phone-invalid", ORG, "value: 0800-2000", "value: 999", "C001", 12),
    ("bad-email", ORG, "value: info@example.nl", "value: info@@example", "C002", 19),
    ("http-website", ORG, "website: https://www.example.nl", "website: http://www.example.nl",
     "C003", 6),
    ("relative-url", ORG, "url: https://www.example.nl/contact", "url: /contact", "C003", 26),
    ("email-in-phone-channel", ORG, "value: 0800-2000", "value: info@example.nl", "C004", 12),
    # C005-C009, E001-E002: the phone policy and hostile contact values (issue 13; more in
    # test_hostile_contacts.py)
    ("premium-number", ORG, "value: 0800-2000", "value: 0906-1234", "C005", 12),
    ("phone-kind-not-in-table", ORG, "value: 0800-2000", "value: 1400", "C006", 12),
    ("0900-without-cost", ORG, "value: 0800-2000", "value: 0900-8844", "C007", 12),
    ("email-hidden-copy", ORG, "value: info@example.nl",
     "value: info@example.nl?bcc=x@example.org", "C008", 19),
    ("space-in-url", ORG, "url: https://www.example.nl/contact",
     "url: https://www.example.nl/con tact", "C009", 26),
    ("line-break-in-label", ORG, "label: Bel gratis", 'label: "Bel\\ngratis"', "E001", 13),
    ("unwritable-in-label", ORG, "label: Bel gratis", 'label: "Bel gratis\\uffff"', "E002",
     13),
    ("unknown-org-in-step", ROUTE, "organisation: hulplijn", "organisation: hulplijnn", "R001", 8),
    ("unknown-channel-in-step", ROUTE, "channel: telefoon\n  - do: Bel het team",
     "channel: chat\n  - do: Bel het team", "R002", 9),
    ("role-channel-missing", REG, "id: telefoon", "id: bellen", "R002", 12, ROUTE),
    ("unknown-role", ROUTE, "role: regioteam", "role: jeugdteam", "R003", 11),
    ("role-not-resolved", MUNI, "    roles:\n      regioteam: regio-noord\n", "", "R004", 13),
    ("role-to-unknown-org", MUNI, "regioteam: regio-noord", "regioteam: regio-nord", "R001", 8),
    ("unknown-region", MUNI, "region: noord\n", "region: noorden\n", "R005", 17),
    ("subregion-elsewhere", MUNI, "region: zuid\n", "region: noord\n", "R005", 21),
    ("unknown-area-municipality", REG, "  scope: regions\n  regions: [noord]",
     "  scope: municipalities\n  municipalities: [stad-c]", "R006", 8),
    # The Wegwijzer's questions (data/wegwijzer.yml, issue 15)
    ("unknown-route-in-wegwijzer", WEG, "        then:\n",
     "        routes: [bestaat-niet]\n        then:\n", "R007", 20),
    ("route-not-in-wegwijzer", WEG, "urgency: acute", "urgency: today", "R008", 1),
    ("unknown-org-in-wegwijzer", WEG, "organisation: hulplijn\n", "organisation: hulplijnn\n",
     "R001", 18),
    ("unknown-channel-in-wegwijzer", WEG, "channel: telefoon", "channel: fax", "R002", 19),
    ("unknown-page-in-wegwijzer", WEG, "page: index.md", "page: bestaat-niet.md", "L001",
     23),
    ("answer-without-channel", WEG, "          channel: telefoon\n", "", "S002", 15),
    ("wegwijzer-english-missing", WEG, "          do_en: Call the helpline.\n", "", "K005", 16),
    # Texts kept once in data/ and shown where a page asks (portal/checks/lists.py)
    # J: the decision aid (data/beslishulp.yml)
    ("aid-unknown-next", AID, "    yes: melden", "    yes: meldn", "J001", 28),
    ("aid-loop", AID, "    no: hulp", "    no: vermoeden", "J002", 29),
    ("aid-unreachable", AID, "    no: afsluiten", "    no: hulp", "J003", 31),
    ("aid-unknown-source", AID, "    sources: [kader]\n    yes: onveilig",
     "    sources: [kadr]\n    yes: onveilig", "K004", 21),
    ("aid-unknown-organisation", AID,
     "      do: Meld bij de hulplijn.\n      organisation: hulplijn",
     "      do: Meld bij de hulplijn.\n      organisation: hulplijnn", "R001", 47),
    ("aid-unknown-page", AID, "    page: index.md", "    page: bestaat-niet.md", "L001", 16),
    ("unknown-list", LISTS, "[[lijst signalen]]", "[[lijst signaal]]", "K001", 13),
    ("unknown-setting-in-line", LISTS, "[[lijst signalen]]", "[[lijst signalen thuis]]",
     "K002", 13),
    ("unknown-setting-of-signal", SIG, "  - setting: school\n", "  - setting: thuis\n",
     "K002", 41),
    ("list-without-audience", LISTS_EN, "audience: parents", "audience: all", "K003", 13),
    ("unknown-source-id", AFTER, "    sources: [werkwijze]\n  - wording:\n      parents",
     "    sources: [werkwijz]\n  - wording:\n      parents", "K004", 16),
    ("english-missing", SIG, "      parents: Someone asks your child for nude photos.\n", "",
     "K005", 13, LISTS_EN),
    ("list-empty-for-audience", LISTS, "[[lijst signalen]]", "[[lijst signalen school]]",
     "K006", 13),
    ("weak-sources-only", SIG, "    sources: [bron-a]\n  - setting: online",
     "    sources: [bron-zwak]\n  - setting: online", "K008", 34),
    ("shelter-address", OPV, "channels: []",
     "address:\n  street: Straat 1\n  postal_code: 1234 AB\n  city: Stad A\nchannels: []",
     "B001", 9),
    ("shelter-walk-in", OPV, "channels: []",
     "channels:\n  - id: inloop\n    type: walk-in\n    value: Straat 1\n    label: Kom langs",
     "B001", 11),
    ("houses-victims-flag", ORG, "kind: helpline\n",
     "kind: helpline\nhouses_victims: true\naddress:\n  street: Straat 1\n"
     "  postal_code: 1234 AB\n  city: Stad\n", "B001", 5),
    # B002-B012: no address where victims stay (portal/checks/safety.py; more in test_safety.py)
    ("shelter-street", OPV, "description: Een plek waar jongeren wonen.",
     "description: Kerkstraat 12.", "B002", 4),
    ("shelter-postcode", OPV, "description: Een plek waar jongeren wonen.",
     "description: Postcode 6211 AB.", "B003", 4),
    ("shelter-house-number", OPV, "description: Een plek waar jongeren wonen.",
     "description: Huisnummer 12.", "B004", 4),
    ("shelter-coordinates", OPV, "description: Een plek waar jongeren wonen.",
     'description: "50.85, 5.69"', "B005", 4),
    ("shelter-map-link", OPV, "description: Een plek waar jongeren wonen.",
     "description: Zie https://maps.app.goo.gl/abc.", "B006", 4),
    ("shelter-place", OPV, "description: Een plek waar jongeren wonen.",
     "description: Een plek in Stad A.", "B007", 4),
    ("shelter-one-municipality", OPV, "  scope: regions\n  regions: [noord]",
     "  scope: municipalities\n  municipalities: [stad-a]", "B008", 7),
    ("shelter-channel-to-a-place", OPV, "channels: []",
     "channels:\n  - id: formulier\n    type: webform\n    value: https://maps.app.goo.gl/a\n"
     "    label: Stuur een bericht", "B009", 12),
    ("postcode-elsewhere", ORG, "description: Een hulplijn voor de tests.",
     "description: Postcode 6211 AB.", "B010", 4),
    ("street-elsewhere", ROUTE, "do: Bel de hulplijn.", "do: Kom naar de Kerkstraat 12.",
     "B011", 7),
    ("shelter-source-names-place", OPV, "  url: https://www.example.nl/opvang",
     "  url: https://www.example.nl/opvang-stad-a", "B012", 11),
    ("html-in-data", ORG, "name: Hulplijn Test", 'name: "Hulp <b>x</b>"', "H001", 2),
    ("script-address-in-data", ORG, "description: Een hulplijn voor de tests.",
     'description: "[x](javascript:alert(1))"', "H002", 4),
    ("control-in-data", ORG, "description: Een hulplijn voor de tests.",
     'description: "Een\\u202e hulplijn"', "H003", 4),
    ("tag-in-page", PAGE, "# Test", "# Test\n\n<iframe></iframe>", "H004", 10),
    ("attribute-in-page", PAGE, "# Test", '# Test\n\n<span onclick="x">a</span>', "H005", 10),
    ("open-comment-in-page", PAGE, "# Test", "# Test\n\n<!-- open", "H006", 10),
    ("html-in-title", PAGE, "title: Test", "title: Test <b>x</b>", "H007", 2),
    ("phone-in-markdown", PAGE, "# Test", "# Test\n\nBel 0800-2000 voor hulp.", "M001", 10),
    ("emergency-in-markdown", PAGE, "# Test", "# Test\n\nBel 112 bij gevaar.", "M001", 10),
    ("email-in-markdown", PAGE, "# Test", "# Test\n\nMail info@example.nl.", "M002", 10),
    ("phone-in-step-text", ROUTE, "do: Bel de hulplijn.", "do: Bel 0800-2000.", "M001", 7),
    ("email-in-description", ORG, "description: Een hulplijn voor de tests.",
     "description: Mail info@example.nl.", "M002", 4),
    ("sentence-too-long", YOUTH, "Je staat er niet alleen voor.",
     "Je staat er niet alleen voor, want er zijn veel mensen die je willen helpen en die je "
     "graag een keer willen spreken als jij dat wil.", "T001", 12),
    ("page-hard-to-read", YOUTH, "Twijfel je over iemand? Praat er dan over.\n"
     "Je staat er niet alleen voor.",
     "Je staat er niet alleen voor, want er zijn veel mensen die je graag willen helpen als "
     "je dat wil.\nJe mag zelf kiezen met wie je praat en wat je wel of niet aan hen wilt "
     "vertellen. Het kan een vriend zijn, of je vader of moeder, of iemand die je goed kent "
     "van school.\nZij kunnen met je mee naar de plek waar je hulp krijgt, en dan blijven ze "
     "daar bij je.", "T002", 9),
    ("many-long-words", YOUTH, "Je staat er niet alleen voor.",
     "Hulpverleners en jongerenwerkers helpen je.", "T003", 9),
    # P: the front matter of a page, and example text left by `portal new`
    ("no-front-matter", PAGE, None, "# Test\n\nGeen front matter.\n", "P001", 1),
    ("front-matter-not-a-mapping", PAGE, None, "---\nAlleen een zin.\n---\n# Test\n", "P001",
     1),
    ("unknown-front-matter-key", PAGE, "audience: all\n", "audience: all\nauteur: Jan\n",
     "P002", 5),
    ("missing-front-matter-key", PAGE, "audience: all\n", "", "P003", 2),
    ("bad-page-audience", PAGE, "audience: all", "audience: iedereen", "P004", 4),
    ("bad-search-boost", PAGE, "audience: all\n", "audience: all\nsearch:\n  boost: veel\n",
     "P004", 6),
    ("bad-review-date", PAGE, "last_reviewed: 2026-11-01", "last_reviewed: 1-11-2026", "P005",
     6),
    ("no-such-review-date", PAGE, "last_reviewed: 2026-11-01", "last_reviewed: 2026-02-30",
     "P005", 6),
    ("personal-owner", PAGE, "owner: Meldpunt Aanpak Loverboys Limburg - redactie",
     "owner: Jan Jansen", "P006", 5),
    ("placeholder-in-data", ORG, "name: Hulplijn Test", "name: VUL IN de naam", "P007", 2),
    ("placeholder-in-page", PAGE, "# Test", "# Test\n\nVUL IN de tekst.", "P007", 10),
    ("never-verified", ORG, "verified:\n  date: 2026-10-01\n  team: Redactie Meldpunt\n", "",
     "F001", 1),
    ("verified-too-old", REG, "date: 2026-06-01", "date: 2025-06-01", "F002", 18),
    ("bad-synonym-group", "data/zoekwoorden.yml", None,
     "groups:\n  - terms: [melden, aangifte]\n    notes: x\n", "S001", 3),
    ("place-is-a-municipality", MUNI, "    region: noord\n",
     "    region: noord\n    places:\n      names: [Dorp A, Stad B]\n"
     "      source: {url: https://www.example.nl/dorpen, read: 2026-11-01}\n", "I004", 19),
    # Q: the agenda (data/agenda/); one event of the fixture data broken per case.
    ("event-no-such-day", EVENT, "date: 2027-01-19\n  time: \"19:30\"",
     "date: 2027-02-30\n  time: \"19:30\"", "D001", 8),
    ("event-bad-time", EVENT, '"19:30"', '"half acht"', "S005", 9),
    ("event-end-before-start", EVENT, '"21:30"', '"18:00"', "Q001", 10),
    ("event-online-and-municipality", EVENT, "  municipality: stad-a\n",
     "  municipality: stad-a\n  online: true\n", "Q002", 13),
    ("event-no-place", EVENT, "  municipality: stad-a\n", "  {}\n", "S002", 13),
    ("event-unknown-municipality", EVENT, "municipality: stad-a", "municipality: stad-c",
     "R006", 14),
    ("event-http-registration", EVENT, "registration: https://www.example.nl/aanmelden",
     "registration: http://www.example.nl/aanmelden", "C003", 16),
    ("event-low-source", EVENT, "confidence: high", "confidence: low", "Q003", 21),
]


def _break(tree: Path, file: str, old: str | None, new: str) -> Path:
    path = tree / file
    if old is None:  # the whole file, new or replaced
        text = new
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


def _run(tree: Path):
    return validate_tree(tree / "data", today=TODAY, docs_dir=tree / "docs")[1]


def test_fixture_tree_is_valid(fixture_tree: Path) -> None:
    assert _run(fixture_tree) == []


@pytest.mark.parametrize("row", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_input_fails_with_code_file_and_line(fixture_tree: Path, monkeypatch, row):
    _case, file, old, new, code, line, *reported = row
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, file, old, new)
    problems = _run(fixture_tree)
    assert {p.code for p in problems} == {code}, [p.format_text() for p in problems]
    assert len(problems) == 1, [p.format_text() for p in problems]
    where = reported[0] if reported else file
    assert (problems[0].path, problems[0].line) == (where, line), problems[0].format_text()


def test_every_rule_has_a_broken_input() -> None:
    from portal.messages import CODES

    # L, A, U and X: the link checker's (internal, page structure, findability, external);
    # their broken inputs are in tests/test_linkcheck.py, test_pagecheck.py,
    # test_findable.py and test_external_links.py. G: files under docs/, whose broken
    # inputs (new files, symlinks) are in tests/test_docs_files.py.
    validator_codes = {c for c in CODES if not c.startswith(("L", "A", "U", "X", "G"))}
    # Hostile input (reading problems Y005-Y014, dates D001-D002): test_hostile_input.py.
    hostile = {row[4] for row in HOSTILE} | {"Y013"}
    # K007 (a list's data file removed): test_list_file_missing_is_reported below.
    # V: the chain map (data/keten.yml, which the fixture data has not): tests/test_chain.py.
    chain = {"V001", "V002"}
    assert {c[4] for c in BROKEN} | {"S009", "Y004", "K007"} | hostile | chain >= validator_codes


def test_all_problems_are_reported_not_only_the_first(fixture_tree: Path) -> None:
    _break(fixture_tree, ORG, "value: 0800-2000", "value: 0800-20")
    _break(fixture_tree, ORG, "value: info@example.nl", "value: info@@example")
    _break(fixture_tree, ROUTE, "role: regioteam", "role: jeugdteam")
    assert [p.code for p in _run(fixture_tree)] == ["C001", "C002", "R003"]


def test_missing_file_is_reported(fixture_tree: Path) -> None:
    (fixture_tree / ROLES).unlink()
    assert "Y004" in {p.code for p in _run(fixture_tree)}


def test_list_file_missing_is_reported(fixture_tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    (fixture_tree / AFTER).unlink()
    problems = _run(fixture_tree)
    assert [(p.code, p.path, p.line) for p in problems] == [("K007", LISTS, 17)]


def test_lists_are_optional_for_a_site_that_shows_none(fixture_tree: Path) -> None:
    for file in (AFTER, SIG, LISTS, LISTS_EN):
        (fixture_tree / file).unlink()
    assert _run(fixture_tree) == []


def test_warnings_fail_only_with_strict(fixture_tree: Path) -> None:
    _break(fixture_tree, REG, "date: 2026-06-01", "date: 2025-06-01")
    problems = _run(fixture_tree)
    assert not has_errors(problems)
    assert has_errors(problems, strict=True)


def test_today_is_passed_in_not_read_from_the_calendar(fixture_tree: Path) -> None:
    from datetime import date

    # The day the fixture's sources were read: an earlier day would make them future (D002).
    early = validate_tree(fixture_tree / "data", today=date(2026, 11, 1))[1]
    late = validate_tree(fixture_tree / "data", today=date(2027, 7, 1))[1]
    assert early == []
    assert {p.code for p in late} == {"F002"}


@pytest.mark.parametrize(
    ("args", "status"),
    [
        ([], 0),
        (["--strict", "--today", "2027-12-01"], 1),
        (["--today", "2027-12-01"], 0),
        (["--today", "morgen"], 2),
        (["--onbekend"], 2),
    ],
)
def test_cli_exit_status(fixture_tree: Path, monkeypatch, capsys, args, status) -> None:
    monkeypatch.chdir(fixture_tree)
    try:
        code = main(["validate", "--today", "2026-11-29", *args])
    except SystemExit as exc:  # argparse exits on wrong use
        code = exc.code
    assert code == status
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err


def test_cli_invalid_data_exit_1_and_github_format(fixture_tree: Path, monkeypatch, capsys):
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, ORG, "value: 0800-2000", "value: 0800-20")
    assert main(["validate", "--today", "2026-11-29", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"::error file={ORG},line=12,col=5,title=C001 ")


def test_cli_missing_data_dir_is_wrong_use(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    assert "niet gevonden" in capsys.readouterr().err


def test_text_format_is_path_line_column_code(fixture_tree: Path, monkeypatch, capsys):
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, ORG, "website:", "webiste:")
    main(["validate", "--today", "2026-11-29"])
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"{ORG}:6:1: S001 fout: Onbekende sleutel 'webiste'. Bedoelde je ")


def test_shipped_data_is_valid() -> None:
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        _, problems = validate_tree(ROOT / "data", today=BUILD_DAY, docs_dir=ROOT / "docs")
    finally:
        os.chdir(cwd)
    assert not has_errors(problems), [p.format_text() for p in problems]


def test_code_table_in_contributing_is_current(capsys) -> None:
    assert main(["codes"]) == 0
    table = capsys.readouterr().out
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"<!-- codes:start -->\n{table}<!-- codes:end -->" in guide


COMMANDS = ["validate", "generate", "check-links", "codes", "leesbaarheid", "new", "report"]
ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:",
           "the following", "unrecognized", "invalid choice", "choose from", "argument ")


@pytest.mark.parametrize("argv", [["--help"], *[[c, "--help"] for c in COMMANDS],
                                  ["--bogus"], ["new"], ["validate", "--format", "xml"],
                                  ["check-links", "--retries", "9"]])
def test_the_command_speaks_dutch(capsys, argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        main(argv)
    out = capsys.readouterr()
    text = out.out + out.err
    assert "gebruik: portal" in text
    assert not [w for w in ENGLISH if w in text], text


# --- the villages of a municipality (data/municipalities.yml, places) --------------------

PLACES_SOURCE = "      source: {url: https://www.example.nl/dorpen, read: 2026-11-01}\n"


def _places(names: str, source: str = PLACES_SOURCE, region: str = "noord") -> str:
    return f"    region: {region}\n    places:\n      names: {names}\n{source}"


# (case, replacement for stad-a's region line, or (stad-a's, stad-b's), code, line, words
#  the Dutch message must contain)
BAD_PLACES = [
    ("names-not-a-list", _places("Dorp A"), "S004", 19, ["names"]),
    ("no-names", _places("[]"), "S004", 19, ["places.names", "leeg"]),
    ("same-place-twice", _places("[Dorp A, Dorp A]"), "S009", 19, ["twee keer"]),
    ("place-without-source", _places("[Dorp A]", source=""), "S002", 18, ["source"]),
    ("source-bad-date", _places("[Dorp A]", PLACES_SOURCE.replace("2026-11-01", "1-11-2026")),
     "S005", 20, ["1-11-2026"]),
    ("empty-place", _places('[Dorp A, ""]'), "S004", 19, ["places.names", "leeg"]),
    ("own-name", _places("[Dorp A, stad a]"), "I004", 19, ["stad a", "stad-a", "zelf"]),
    ("other-municipality", _places("[Stad B]"), "I004", 19, ["Stad B", "stad-b"]),
    ("place-of-two-municipalities",
     (_places("[Dorp A]"), _places("[Dorp C, dorp a]", region="zuid")), "I004", 25,
     ["dorp a", "stad-b", "stad-a"]),
]


def test_places_are_declared_once_in_the_municipality_schema() -> None:
    """One declaration (municipalities.schema.json, a municipality's `places`), read by
    one record attribute pair; no other schema has a key of that name."""
    from dataclasses import fields

    from portal.data.model import Municipality, yaml_path
    from portal.data.schema import shipped_schemas

    schemas = shipped_schemas()
    declared = sorted((file, path) for file in schemas.files
                      for path in schemas.property_paths(file) if "places" in path)
    assert declared == [
        ("municipalities.schema.json", ("municipalities", "*", "places")),
        ("municipalities.schema.json", ("municipalities", "*", "places", "names")),
        ("municipalities.schema.json", ("municipalities", "*", "places", "source")),
        *[("municipalities.schema.json", ("municipalities", "*", "places", "source", key))
          for key in ("note", "read", "url")],
    ]
    assert {yaml_path(f) for f in fields(Municipality) if "places" in f.name} == {
        ("places", "names"), ("places", "source")}


@pytest.mark.parametrize("row", BAD_PLACES, ids=[r[0] for r in BAD_PLACES])
def test_bad_places_fail_in_dutch_with_file_and_line(fixture_tree: Path, monkeypatch, row):
    _case, new, code, line, words = row
    monkeypatch.chdir(fixture_tree)
    path = fixture_tree / MUNI
    text = path.read_text(encoding="utf-8")
    first, second = new if isinstance(new, tuple) else (new, None)
    text = text.replace("    region: noord\n", first, 1)
    if second is not None:
        text = text.replace("    region: zuid\n", second, 1)
    path.write_text(text, encoding="utf-8")
    problems = _run(fixture_tree)
    assert [(p.code, p.path, p.line) for p in problems] == [(code, MUNI, line)], \
        [p.format_text() for p in problems]
    message = problems[0].format_text()
    assert all(w in message for w in words), message
    assert not [w for w in ENGLISH if w in message.lower()], message


def test_good_places_pass(fixture_tree: Path) -> None:
    path = fixture_tree / MUNI
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    region: noord\n", _places("[Dorp A, \"'t Veld\"]"), 1)
                    .replace("    region: zuid\n", _places("[Dorp C]", region="zuid"), 1),
                    encoding="utf-8")
    assert _run(fixture_tree) == []
