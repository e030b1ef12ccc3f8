"""Opening days as people write them, in Dutch and English, from one grouping of runs."""

from __future__ import annotations

import pytest

from portal.data.text import _day_ranges, day_runs


@pytest.mark.parametrize(
    ("days", "runs", "dutch"),
    [
        (("MO", "TU", "WE", "TH", "FR"), [("MO", "FR")], "maandag t/m vrijdag"),
        (("SA",), [("SA", "SA")], "zaterdag"),
        (("MO", "WE", "TH", "SU"), [("MO", "MO"), ("WE", "TH"), ("SU", "SU")],
         "maandag, woensdag t/m donderdag en zondag"),
        (("FR", "MO"), [("MO", "MO"), ("FR", "FR")], "maandag en vrijdag"),
    ],
)
def test_day_runs_and_dutch_ranges(days, runs, dutch) -> None:
    assert day_runs(days) == runs
    assert _day_ranges(days) == dutch
