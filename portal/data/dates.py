"""Calendar days in the data and the pages, read by one function for validate and build.

Dates stay text when YAML is read (yamlsource.py); `parse_day` is the only place that
turns one into a `datetime.date`, so a day the validator accepts is a day the build can
use, and `2026-02-30` is refused once (D001) instead of crashing the build. Only the form
JJJJ-MM-DD is a day: ISO 8601's other spellings (`20260131`, week dates), which
`date.fromisoformat` also takes, are not.
"""

from __future__ import annotations

import re
from datetime import date

_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_day(value: object) -> date | None:
    """The day written as JJJJ-MM-DD, or None when `value` is not such a text or names no
    day of the calendar (2026-02-30)."""
    match = _DAY.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def day_text(value: object) -> str:
    """A validated day as the build writes it (JJJJ-MM-DD)."""
    day = parse_day(value)
    if day is None:  # the validator refuses it first (D001, S005); a bug if it gets here
        raise ValueError(f"geen bestaande datum: {value!r}")
    return day.isoformat()


# Date fields that say when something was read or checked (a path ends so): such a day
# cannot be after today (D002). A news post's `date` is when it appears: it may be planned.
READ_OR_CHECKED = (("read",), ("last_reviewed",), ("verified", "date"))


def is_read_or_checked(path: tuple[object, ...]) -> bool:
    return any(tuple(path[-len(end):]) == end for end in READ_OR_CHECKED)
