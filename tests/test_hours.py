"""Opening days as people write them, in Dutch and English, from one grouping of runs."""

from __future__ import annotations

import pytest

from portal.data.text import day_ranges, day_runs


@pytest.mark.parametrize(
    ("days", "runs", "dutch", "english"),
    [
        (("MO", "TU", "WE", "TH", "FR"), [("MO", "FR")], "maandag t/m vrijdag",
         "Monday to Friday"),
        (("SA",), [("SA", "SA")], "zaterdag", "Saturday"),
        (("MO", "WE", "TH", "SU"), [("MO", "MO"), ("WE", "TH"), ("SU", "SU")],
         "maandag, woensdag t/m donderdag en zondag",
         "Monday, Wednesday to Thursday and Sunday"),
        (("FR", "MO"), [("MO", "MO"), ("FR", "FR")], "maandag en vrijdag",
         "Monday and Friday"),
    ],
)
def test_day_runs_and_ranges(days, runs, dutch, english) -> None:
    assert day_runs(days) == runs
    assert day_ranges(days) == dutch
    assert day_ranges(days, "en") == english
