"""The fast readers agree with the slow, positional ones they stand in for."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.data.schema import fast_check, validator
from portal.data.yamlsource import _compose, load_yaml_text

from .conftest import FIXTURES, ROOT
from .test_validate import BROKEN

KIND = {"organisations": "organisation", "routes": "route", "roles.yml": "roles",
        "municipalities.yml": "municipalities", "zoekwoorden.yml": "zoekwoorden",
        "wegwijzer.yml": "wegwijzer", "signals.yml": "signals",
        "after-report.yml": "after-report", "keten.yml": "keten",
        "beslishulp.yml": "beslishulp", "agenda": "agenda"}
FILES = sorted([*(ROOT / "data").rglob("*.yml"), *(FIXTURES / "data").rglob("*.yml")])


def _kind(path: Path) -> str:
    return KIND.get(path.name) or KIND[path.parent.name]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_and_slow_yaml_read_the_same_data(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_yaml_text(text, path).data == _compose(text, path)[0]


@pytest.mark.parametrize(
    "text",
    ["value: 112\n", "a: 2026-01-01\n", "free: yes\n", "free: True\n", "x: 0800\n",
     "x: 1.5\n", "a: 1\na: 2\n", "a: '24/7'\n", "---\na: b\n", "a: [1, b]\n"],
)
def test_fast_and_slow_yaml_agree_on_tricky_scalars(text: str) -> None:
    slow = _compose(text, Path("x.yml"))[0]  # every case is one plain document
    assert load_yaml_text(text, Path("x.yml")).data == slow
    assert all(not isinstance(v, int | float) or isinstance(v, bool) for v in slow.values())


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_compiled_schema_check_agrees_with_jsonschema_on_valid_data(path: Path) -> None:
    data = load_yaml_text(path.read_text(encoding="utf-8"), path).data
    kind = _kind(path)
    assert list(validator(kind).iter_errors(data)) == []
    fast_check(kind)(data)  # raises if it disagrees


@pytest.mark.parametrize("row", [r for r in BROKEN if r[4].startswith("S")], ids=lambda r: r[0])
def test_compiled_schema_check_rejects_every_schema_error(row) -> None:
    _case, file, old, new, *_ = row
    path = FIXTURES / file
    text = new if old is None else path.read_text(encoding="utf-8").replace(old, new, 1)
    data = load_yaml_text(text, path).data
    kind = _kind(path)
    assert list(validator(kind).iter_errors(data))
    with pytest.raises(Exception):  # noqa: B017 - fastjsonschema's own exception type
        fast_check(kind)(data)
