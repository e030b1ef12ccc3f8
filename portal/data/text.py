"""The Dutch wording of data values that pages, exports and reports share: dates
("3 maart 2026"), lists ("a, b en c") and opening hours ("maandag t/m vrijdag 09:00–17:00").
The English twins are in portal/pages/i18n.py.
"""

from __future__ import annotations

from datetime import date

from .model import DAYS, Channel

_DAY_ORDER = list(DAYS)

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def nl_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def nl_list(items: list[str] | tuple[str, ...]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _day_ranges(days: tuple[str, ...]) -> str:
    """('MO','TU','WE','TH','FR') -> 'maandag t/m vrijdag'; gaps give separate parts."""
    return nl_list([DAYS[a] if a == b else f"{DAYS[a]} t/m {DAYS[b]}"
                    for a, b in day_runs(days)])


def hours(channel: Channel) -> str:
    """Opening hours in Dutch, or '' when the data has none."""
    if channel.always_open:
        return "Dag en nacht (24/7)"
    return "; ".join(f"{_day_ranges(o.days)} {o.opens_at}–{o.closes_at}"
                     for o in channel.openings)


def day_runs(days) -> list[tuple[str, str]]:
    """('MO','TU','WE','FR') -> [('MO','WE'), ('FR','FR')]: runs of consecutive days."""
    idx = sorted(_DAY_ORDER.index(d) for d in days)
    runs, start = [], idx[0]
    for prev, cur in zip(idx, [*idx[1:], None], strict=True):
        if cur is None or cur != prev + 1:
            runs.append((_DAY_ORDER[start], _DAY_ORDER[prev]))
            start = cur if cur is not None else start
    return runs
