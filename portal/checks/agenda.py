"""Checks of the events in data/agenda/ that their schema cannot express: the end comes
after the start (Q001), a place is online or a municipality, not both (Q002), the
municipality exists (R006), the registration link and the source are full web addresses
(C003, C009; registration over https), and a source that is only 'low' does not put an
event on the site (Q003). A postcode or street address typed into an event's text is a
warning (B010, B011): the schema has no field for an address, so none is published.
"""

from __future__ import annotations

from typing import Any

from ..data.dates import parse_day
from ..data.load import DataTree
from ..data.yamlsource import Document
from ..messages import Problem
from .rules import _check_url
from .safety import check_public_text


def _municipalities(tree: DataTree) -> set[Any] | None:
    """The ids of data/municipalities.yml; None when that file could not be read."""
    doc = tree.municipalities
    if doc is None or not isinstance(doc.data, dict):
        return None
    found = doc.data.get("municipalities")
    return {m.get("id") for m in found if isinstance(m, dict)} \
        if isinstance(found, list) else set()


def _moment(data: dict, key: str) -> tuple[Any, ...] | None:
    """(day, "UU:MM") of `start` or `end`, or None when the schema or D001 reports it."""
    value = data.get(key)
    if not isinstance(value, dict):
        return None
    day, clock = parse_day(value.get("date")), value.get("time")
    if day is None or not isinstance(clock, str) or len(clock) != 5:
        return None
    return day, clock


def check_event(doc: Document, municipalities: set[Any] | None) -> list[Problem]:
    data = doc.data
    out: list[Problem] = []
    start, end = _moment(data, "start"), _moment(data, "end")
    if start is not None and end is not None and end <= start:
        out.append(doc.problem(("end",), "Q001",
                               f"Het einde ({end[0].isoformat()} {end[1]}) ligt niet na het "
                               f"begin ({start[0].isoformat()} {start[1]})."))
    place = data.get("place")
    if isinstance(place, dict):
        if "online" in place and "municipality" in place:
            out.append(doc.problem(("place",), "Q002",
                                   "De plaats is 'online' én een gemeente; kies er één."))
        muni = place.get("municipality")
        if isinstance(muni, str) and municipalities is not None and muni not in municipalities:
            out.append(doc.problem(("place", "municipality"), "R006",
                                   f"Gemeente '{muni}' staat niet in data/municipalities.yml."))
    link = data.get("registration")
    if isinstance(link, str):
        out += _check_url(doc, ("registration",), link, f"Aanmelden '{link}'")
    source = data.get("source")
    if isinstance(source, dict):
        url = source.get("url")
        if isinstance(url, str):
            out += _check_url(doc, ("source", "url"), url, f"Bron '{url}'",
                              require_https=False)
        if source.get("confidence") == "low":
            out.append(doc.problem(("source", "confidence"), "Q003",
                                   f"'{data.get('title')}' heeft alleen een bron met "
                                   "zekerheid 'low' en komt zo niet in de agenda."))
    return out + check_public_text(doc)


def check_agenda(tree: DataTree) -> list[Problem]:
    """Problems of every event in data/agenda/ (none when the folder is absent)."""
    municipalities = _municipalities(tree)
    out: list[Problem] = []
    for doc in tree.agenda.values():
        if isinstance(doc.data, dict):
            out += check_event(doc, municipalities)
    return out
