"""The agenda as an iCalendar feed (RFC 5545), agenda/agenda.ics, made with the
`icalendar` package: one VEVENT per event, its start and end with TZID Europe/Amsterdam
and the VTIMEZONE that defines it (so a calendar shows the Dutch wall-clock time in
summer and in winter), a UID that stays the same while the event's id does, and DTSTAMP
the build's day. Without events it is still a valid, empty VCALENDAR.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from icalendar import Calendar, vText
from icalendar import Event as VEvent

from ..data.agenda import KINDS, TIMEZONE, Event

ICS_URI = "agenda/agenda.ics"
UID_DOMAIN = "agenda.meldpunt-portal.invalid"  # a UID is an id, not an address to visit


def event_uid(event: Event) -> str:
    return f"{event.id}@{UID_DOMAIN}"


def render_ics(events: tuple[Event, ...] | list[Event], *, today: date,
               place_names: dict[str, str], calendar_name: str) -> bytes:
    """The calendar of `events`; `place_names`: municipality id -> name."""
    cal = Calendar()
    cal.add("prodid", "-//Meldpunt Aanpak Loverboys Limburg//Agenda//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar_name)
    cal.add("x-wr-timezone", TIMEZONE)
    stamp = datetime.combine(today, time(), tzinfo=UTC)
    for event in events:
        item = VEvent()
        item.add("uid", event_uid(event))
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts)
        item.add("dtend", event.ends)
        item.add("summary", event.title)
        where = "Online" if event.place.online else \
            place_names.get(event.place.municipality or "", event.place.municipality or "")
        item.add("location", vText(where))
        lines = [f"{KINDS[event.kind]} van {event.organiser}."]
        if event.summary:
            lines.append(event.summary)
        lines.append(f"Aanmelden: {event.registration}")
        item.add("description", "\n".join(lines))
        item.add("url", event.registration)
        item.add("categories", [KINDS[event.kind]])
        cal.add_component(item)
    if events:
        cal.add_missing_timezones()
    return cal.to_ical()
