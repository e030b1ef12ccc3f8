"""Benchmark: `portal validate` over 5,000 generated organisations.

Peer in the same run: the straightforward validator, i.e. each file read with the same
YAML loader and checked with the reference `jsonschema` implementation (iter_errors of a
Draft202012Validator), without positions, phone parsing or cross-file rules. Prints the
portal's time, the peer's time and their ratio. Run: .venv/bin/python benchmarks/validate_5000.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.checks.validate import validate_tree  # noqa: E402
from portal.data.schema import validator  # noqa: E402
from portal.data.yamlsource import load_yaml  # noqa: E402

N = 5000
ORG = """\
# yaml-language-server: $schema=../../portal/schemas/organisation.schema.json
id: org-{i}
name: Organisatie {i}
kind: helpline
description: Een organisatie die helpt, nummer {i} in de benchmark.
audiences: [youth, parents, professionals]
website: https://www.example{i}.nl
service_area:
  scope: regions
  regions: [zuid-limburg]
channels:
  - id: telefoon
    type: phone
    value: "043-{num:07d}"
    label: Bel ons
    schedule: "24/7"
    free: true
    anonymous: false
  - id: mail
    type: email
    value: info@example{i}.nl
    label: Mail ons
    schedule:
      - byday: [MO, TU, WE, TH, FR]
        opens_at: "09:00"
        closes_at: "17:00"
source:
  url: https://www.example{i}.nl/contact
  read: 2026-11-01
verified:
  date: 2026-10-01
  team: Redactie Meldpunt
"""


def make_tree(folder: Path) -> None:
    (folder / "organisations").mkdir(parents=True)
    (folder / "routes").mkdir()
    for name in ("roles.yml", "municipalities.yml"):
        shutil.copy(ROOT / "data" / name, folder / name)
    for org in (ROOT / "data" / "organisations").glob("*.yml"):
        shutil.copy(org, folder / "organisations" / org.name)
    for i in range(N):
        text = ORG.format(i=i, num=6000000 + i)
        (folder / "organisations" / f"org-{i}.yml").write_text(text, encoding="utf-8")


def peer(folder: Path) -> int:
    check = validator("organisation")
    errors = 0
    for path in sorted((folder / "organisations").glob("*.yml")):
        data = load_yaml(path).data
        errors += sum(1 for _ in check.iter_errors(data))
    return errors


def best_of(runs: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        make_tree(folder)
        ours, (_, problems) = best_of(3, lambda: validate_tree(folder, today=date(2026, 11, 29)))
        errors = [p for p in problems if p.severity == "error"]
        assert not errors, errors[:3]
        theirs, _ = best_of(3, lambda: peer(folder))
    print(f"organisations: {N} generated (+ the shipped data)")
    print(f"portal validate (all rules, positions): {ours:.2f} s")
    print(f"peer: load + jsonschema only:          {theirs:.2f} s")
    print(f"ratio peer/portal: {theirs / ours:.2f}x  (target: portal under 2 s)")


if __name__ == "__main__":
    main()
