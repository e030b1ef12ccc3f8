"""The agenda (data/agenda/, issue 17): events render on /agenda/ per audience or on the
archive page, decided on the build's day; the iCalendar feed parses with `icalendar` and
keeps the Dutch wall-clock time in summer and in winter; upcoming events are in the news
feed; `portal new event` starts a file that validates; a site without events shows an
honest empty state. Broken events (a day that does not exist, end before start, unknown
municipality, http link, ...) are rows of BROKEN in tests/test_validate.py."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import yaml

from portal.checks.validate import has_errors, validate_tree
from portal.cli import main
from portal.data.agenda import RECORD_SCHEMAS, first_anchor
from portal.data.model import build_portal, check_model_schema
from portal.exports.feed import event_posts, render_atom
from portal.exports.ical import ICS_URI, render_ics
from portal.pages.generator import AGENDA, AGENDA_ARCHIVE, PageGenerator
from portal.pages.render import make_environment

from .conftest import ROOT, TODAY

WINTER = "training-signalen-stad-a"  # 2027-01-19 19:30-21:30, professionals, Stad A
SUMMER = "voorlichting-ouders-online"  # 2027-06-15 20:00-21:15, parents and professionals
PAST = "netwerk-voorbij"  # 2026-10-06 13:00-16:00, Stad A: over on TODAY (2026-11-29)
EMPTY = "Er staan nu geen trainingen of bijeenkomsten voor {} in de agenda."


def _portal(tree: Path):
    parsed, problems = validate_tree(tree / "data", today=TODAY)
    assert not has_errors(problems), [p.format_text() for p in problems]
    return build_portal(parsed)


def _agenda(tree: Path, today: date = TODAY) -> dict[str, str | bytes]:
    files = PageGenerator(_portal(tree), make_environment(), today).agenda()
    return {f.uri: f.content for f in files}


def _section(page: str, heading: str) -> str:
    """The text of one `## heading` section of a generated page."""
    start = page.index(f"## {heading} ")
    end = page.find("\n## ", start + 1)
    return page[start:end if end != -1 else None]


def test_records_follow_the_schema() -> None:
    assert check_model_schema(records=RECORD_SCHEMAS) == []


def test_ics_parses_and_keeps_dutch_time_in_summer_and_winter(fixture_tree: Path) -> None:
    cal = icalendar.Calendar.from_ical(_agenda(fixture_tree)[ICS_URI])
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"{i}@agenda.meldpunt-portal.invalid" for i in (WINTER, SUMMER,
                                                                            PAST)}
    expected = {WINTER: ((2027, 1, 19, 19, 30), (2027, 1, 19, 21, 30), 1),
                SUMMER: ((2027, 6, 15, 20, 0), (2027, 6, 15, 21, 15), 2),
                PAST: ((2026, 10, 6, 13, 0), (2026, 10, 6, 16, 0), 2)}
    for event_id, (start, end, offset) in expected.items():
        event = events[f"{event_id}@agenda.meldpunt-portal.invalid"]
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert event["DTEND"].params["TZID"] == "Europe/Amsterdam"
        begins, ends = event["DTSTART"].dt, event["DTEND"].dt
        assert str(begins.tzinfo) == str(ends.tzinfo) == "Europe/Amsterdam"
        assert begins.replace(tzinfo=None) == datetime(*start)  # the wall-clock time
        assert ends.replace(tzinfo=None) == datetime(*end)
        assert begins.utcoffset() == timedelta(hours=offset)  # CET in winter, CEST in summer
        assert event["DTSTAMP"].dt == datetime(2026, 11, 29, tzinfo=UTC)  # the build's day
    assert str(events[f"{SUMMER}@agenda.meldpunt-portal.invalid"]["LOCATION"]) == "Online"
    assert str(events[f"{WINTER}@agenda.meldpunt-portal.invalid"]["LOCATION"]) == "Stad A"


def test_uid_stays_when_the_event_changes(fixture_tree: Path) -> None:
    path = fixture_tree / "data" / "agenda" / f"{WINTER}.yml"
    before = icalendar.Calendar.from_ical(_agenda(fixture_tree)[ICS_URI])
    path.write_text(path.read_text(encoding="utf-8").replace('"19:30"', '"19:00"'),
                    encoding="utf-8")
    after = icalendar.Calendar.from_ical(_agenda(fixture_tree)[ICS_URI])
    assert [str(e["UID"]) for e in before.walk("VEVENT")] == \
        [str(e["UID"]) for e in after.walk("VEVENT")]
    moved = next(e for e in after.walk("VEVENT") if str(e["UID"]).startswith(WINTER))
    assert moved["DTSTART"].dt.hour == 19 and moved["DTSTART"].dt.minute == 0


def test_past_event_is_in_the_archive_not_on_the_agenda(fixture_tree: Path) -> None:
    files = _agenda(fixture_tree)
    page, archive = files[AGENDA], files[AGENDA_ARCHIVE]
    assert "Netwerkbijeenkomst keten" not in page and "Netwerkbijeenkomst keten" in archive
    assert "dinsdag 6 oktober 2026, 13:00 tot 16:00 uur" in archive
    assert "Aanmelden" not in archive  # no registration for what is over
    professionals = _section(page, "Voor professionals")
    assert "Training signalen herkennen" in professionals
    assert "dinsdag 19 januari 2027, 19:30 tot 21:30 uur · Stad A" in professionals
    assert "(https://www.example.nl/aanmelden/training)" in professionals
    parents = _section(page, "Voor ouders")
    assert "Voorlichting voor ouders" in parents and "Training signalen" not in parents
    assert "dinsdag 15 juni 2027, 20:00 tot 21:15 uur · online" in parents
    assert _section(page, "Voor jongeren").strip().endswith(EMPTY.format("jongeren"))


def test_the_build_day_decides_what_is_past(fixture_tree: Path) -> None:
    """The day after the winter training, a build (the daily scheduled one) moves it."""
    files = _agenda(fixture_tree, today=date(2027, 1, 20))
    assert "Training signalen herkennen" in files[AGENDA_ARCHIVE]
    assert "Training signalen herkennen" not in files[AGENDA]
    assert EMPTY.format("professionals") not in files[AGENDA]  # the summer one is still there
    on_the_day = _agenda(fixture_tree, today=date(2027, 1, 19))
    assert "Training signalen herkennen" in on_the_day[AGENDA]


def test_site_without_events_has_an_honest_empty_agenda(fixture_tree: Path) -> None:
    shutil.rmtree(fixture_tree / "data" / "agenda")  # the shipped data has no folder yet
    files = _agenda(fixture_tree)
    for audience in ("professionals", "ouders", "jongeren"):
        assert EMPTY.format(audience) in files[AGENDA]
    assert "Er staan nog geen bijeenkomsten in het archief." in files[AGENDA_ARCHIVE]
    cal = icalendar.Calendar.from_ical(files[ICS_URI])
    assert cal.name == "VCALENDAR" and str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    assert cal.walk("VEVENT") == []


def test_empty_calendar_is_a_valid_vcalendar() -> None:
    text = render_ics((), today=TODAY, place_names={}, calendar_name="Agenda")
    assert text.startswith(b"BEGIN:VCALENDAR\r\n") and text.endswith(b"END:VCALENDAR\r\n")
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []


def test_upcoming_events_are_in_the_news_feed(fixture_tree: Path) -> None:
    portal = _portal(fixture_tree)
    posts = event_posts(portal.agenda, today=TODAY, site_url="https://meldpunt.example/")
    atom = render_atom(posts, title="Nieuws", feed_url="https://meldpunt.example/f.xml",
                       home_url="https://meldpunt.example/nieuws/", author="Meldpunt")
    assert "<title>Training signalen herkennen</title>" in atom
    assert f"https://meldpunt.example/agenda/#{WINTER}-professionals" in atom
    assert "<title>Voorlichting voor ouders</title>" in atom
    assert "Netwerkbijeenkomst keten" not in atom  # over on the build's day
    # Each link's anchor is a heading of /agenda/.
    page = _agenda(fixture_tree)[AGENDA]
    for event in portal.agenda[1:]:
        assert f"{{ #{first_anchor(event)} }}" in page


def test_new_event_validates_and_lands_on_the_agenda(fixture_tree: Path, monkeypatch,
                                                     capsys) -> None:
    monkeypatch.chdir(fixture_tree)
    assert main(["new", "event", "nieuwe-training", "--today", "2026-11-29"]) == 0
    written = "data/agenda/nieuwe-training.yml"
    assert f"Gemaakt: {written}." in capsys.readouterr().err
    problems = validate_tree(fixture_tree / "data", today=TODAY)[1]
    assert not has_errors(problems), [p.format_text() for p in problems]
    assert {(p.path, p.code) for p in problems} == {(written, "P007")}
    path = fixture_tree / written
    text = path.read_text(encoding="utf-8")
    for old, new in (("VUL IN de naam van de bijeenkomst", "Training voor mentoren"),
                     ("VUL IN wie de bijeenkomst geeft", "Testorganisatie"),
                     ("https://VUL-IN.invalid/aanmelden", "https://www.example.nl/mentoren"),
                     ("https://VUL-IN.invalid/agenda", "https://www.example.nl/agenda"),
                     ("VUL IN de titel van de pagina", "Testorganisatie, agenda")):
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert validate_tree(fixture_tree / "data", today=TODAY)[1] == []
    assert yaml.safe_load(text)["start"]["date"] == date(2026, 12, 27)  # four weeks ahead
    page = _agenda(fixture_tree)[AGENDA]
    assert "Training voor mentoren" in _section(page, "Voor professionals")


def test_deploy_runs_daily_so_past_events_move_without_a_push() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml")
                              .read_text(encoding="utf-8"))
    on = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads on: as True
    [cron] = [entry["cron"] for entry in on["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month, weekday) == ("*", "*", "*") and int(hour) < 22  # the Dutch same day


@pytest.mark.parametrize("path", ["agenda/index.html", "agenda/archief/index.html",
                                  "agenda/agenda.ics"])
def test_agenda_is_in_the_built_site(built_site: Path, path: str) -> None:
    target = built_site / path
    assert target.is_file()
    if path.endswith(".ics"):
        assert icalendar.Calendar.from_ical(target.read_bytes()).name == "VCALENDAR"
    elif path == "agenda/index.html":
        html = target.read_text(encoding="utf-8")
        assert 'href="agenda.ics"' in html and 'href="archief/"' in html
