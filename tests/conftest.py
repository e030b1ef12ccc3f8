"""Shared fixtures: a copy of the small valid data tree in tests/fixtures/, per test."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 29)


@pytest.fixture
def fixture_tree(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/{data,docs}; returns the folder holding both."""
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    return tmp_path
