"""Dates, lists and day names in Dutch and English come from Babel (portal/data/text.py)."""

from __future__ import annotations

import pytest

from portal.data.text import day_name, format_day, format_items


@pytest.mark.parametrize(("iso", "language", "expected"), [
    ("2026-03-03", "nl", "3 maart 2026"), ("2026-03-03", "en", "3 March 2026"),
    ("2026-12-31", "nl", "31 december 2026"), ("2026-05-01", "en", "1 May 2026"),
])
def test_format_day(iso: str, language: str, expected: str) -> None:
    assert format_day(iso, language) == expected


@pytest.mark.parametrize(("items", "language", "expected"), [
    ([], "nl", ""), (["a"], "nl", "a"), (["a", "b"], "nl", "a en b"),
    (["a", "b", "c"], "nl", "a, b en c"), (["a", "b", "c"], "en", "a, b and c"),
    (("x", "y"), "en", "x and y"),
])
def test_format_items(items, language: str, expected: str) -> None:
    assert format_items(items, language) == expected


@pytest.mark.parametrize(("code", "nl", "en"), [
    ("MO", "maandag", "Monday"), ("WE", "woensdag", "Wednesday"), ("SU", "zondag", "Sunday"),
])
def test_day_name(code: str, nl: str, en: str) -> None:
    assert (day_name(code, "nl"), day_name(code, "en")) == (nl, en)
