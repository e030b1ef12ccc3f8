"""The agenda: trainings, e-learning, information evenings and network meetings, one file
each in data/agenda/ (portal/schemas/agenda.schema.json), as typed records.

Dates and times in the files are the wall-clock time in the Netherlands; `starts` and
`ends` give them as aware datetimes in Europe/Amsterdam, so summer and winter time come
from the time-zone database, never from a fixed offset. Whether an event is past is
decided against the build's day (`split_events`), so a daily build moves it to the
archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date

from .dates import day_text
from .load import DataTree
from .model import NOT_IN_YAML, ClaimSource, load_record

TIMEZONE = "Europe/Amsterdam"
ZONE = ZoneInfo(TIMEZONE)
AUDIENCE_SLUGS = {"youth": "jongeren", "parents": "ouders", "professionals": "professionals"}
# The sections of /agenda/, in this order (two pages in all: each page costs test time).
SECTIONS = (("professionals", "Voor professionals"), ("parents", "Voor ouders"),
            ("youth", "Voor jongeren"))
KINDS = {"training": "Training", "e-learning": "E-learning", "voorlichting": "Voorlichting",
         "netwerk": "Netwerkbijeenkomst"}


@dataclass(frozen=True)
class Moment:
    """A day (JJJJ-MM-DD) and a wall-clock time (UU:MM) in the Netherlands."""

    date: str
    time: str

    def at(self) -> datetime:
        day = date.fromisoformat(day_text(self.date))
        hour, minute = (int(part) for part in self.time.split(":"))
        return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


@dataclass(frozen=True)
class Place:
    """Online, or a municipality of data/municipalities.yml: never an address."""

    online: bool | None = None
    municipality: str | None = None


@dataclass(frozen=True)
class Event:
    """One event of the agenda."""

    id: str
    title: str
    kind: str
    audiences: tuple[str, ...]
    start: Moment
    end: Moment
    place: Place
    organiser: str
    registration: str
    source: ClaimSource
    summary: str | None = None
    file: Path | None = NOT_IN_YAML

    @property
    def starts(self) -> datetime:
        return self.start.at()

    @property
    def ends(self) -> datetime:
        return self.end.at()

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


# Which part of agenda.schema.json each record reads (for check_model_schema).
RECORD_SCHEMAS = {
    Event: ("agenda.schema.json", ()),
    Moment: ("agenda.schema.json", ("start",)),
    Place: ("agenda.schema.json", ("place",)),
}


def build_agenda(tree: DataTree) -> tuple[Event, ...]:
    """The events of a tree that validated without errors, earliest first."""
    events = [load_record(Event, doc.data, file=doc.path) for doc in tree.agenda.values()]
    return tuple(sorted(events, key=lambda e: (e.starts, e.id)))


def split_events(events: tuple[Event, ...], today: date) -> tuple[list[Event], list[Event]]:
    """(upcoming, past) on the build's day: an event is past once its last day is before
    `today`; the archive lists the latest first."""
    upcoming = [e for e in events if e.ends.date() >= today]
    past = [e for e in events if e.ends.date() < today]
    return upcoming, past[::-1]


def event_anchor(event: Event, audience: str) -> str:
    """The anchor of an event in an audience's section of /agenda/."""
    return f"{event.id}-{AUDIENCE_SLUGS[audience]}"


def first_anchor(event: Event) -> str:
    """The anchor of the first section of /agenda/ that lists the event."""
    return event_anchor(event, next(a for a, _ in SECTIONS if a in event.audiences))


def _day(moment: datetime) -> str:
    return format_date(moment.date(), "EEEE d MMMM y", locale="nl")


def when_text(event: Event) -> str:
    """'dinsdag 19 januari 2027, 19:30 tot 21:30 uur' (Dutch time, as written)."""
    start, end = event.starts, event.ends
    if start.date() == end.date():
        return f"{_day(start)}, {start:%H:%M} tot {end:%H:%M} uur"
    return f"{_day(start)} {start:%H:%M} uur tot {_day(end)} {end:%H:%M} uur"
