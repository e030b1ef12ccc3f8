"""The wording of data values that pages, exports and reports share, in Dutch and English:
dates ("3 maart 2026"), lists ("a, b en c") and opening hours ("maandag t/m vrijdag
09:00–17:00"). Month and day names and list patterns come from Babel's CLDR data; only
the words for a run of days ("t/m", "to") and for "always open" are the project's.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, get_day_names
from babel.lists import format_list

from .model import DAYS, Channel

_DAY_ORDER = list(DAYS)  # MO … SU, Babel's order (Monday = 0)
# English for newcomers in the Netherlands: British usage, no serial comma ("a, b and c").
LOCALES = {"nl": "nl", "en": "en_GB"}
_THROUGH = {"nl": "t/m", "en": "to"}
_ALWAYS = {"nl": "Dag en nacht (24/7)", "en": "Day and night (24/7)"}


def format_day(iso: str, language: str = "nl") -> str:
    """'2026-03-03' -> '3 maart 2026' (nl) or '3 March 2026' (en)."""
    return format_date(date.fromisoformat(iso), "d MMMM y", locale=LOCALES[language])


def format_items(items: list[str] | tuple[str, ...], language: str = "nl") -> str:
    """['a', 'b', 'c'] -> 'a, b en c' (nl) or 'a, b and c' (en); [] -> ''."""
    return format_list(list(items), locale=LOCALES[language]) if items else ""


def day_name(code: str, language: str = "nl") -> str:
    """'MO' -> 'maandag' / 'Monday'."""
    return get_day_names("wide", locale=LOCALES[language])[_DAY_ORDER.index(code)]


def nl_date(iso: str) -> str:
    return format_day(iso, "nl")


def nl_list(items: list[str] | tuple[str, ...]) -> str:
    return format_items(items, "nl")


def day_ranges(days: tuple[str, ...], language: str = "nl") -> str:
    """('MO','TU','WE','TH','FR') -> 'maandag t/m vrijdag'; gaps give separate parts."""
    name = {code: day_name(code, language) for code in days}
    return format_items([name[a] if a == b else f"{name[a]} {_THROUGH[language]} {name[b]}"
                         for a, b in day_runs(days)], language)


def hours(channel: Channel, language: str = "nl") -> str:
    """Opening hours in the given language, or '' when the data has none."""
    if channel.always_open:
        return _ALWAYS[language]
    return "; ".join(f"{day_ranges(o.days, language)} {o.opens_at}–{o.closes_at}"
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
