"""Lighthouse 12.2.3 (npm, run with Debian's Chromium through its Node API,
tests/browser/lighthouse_pages.mjs) on five kinds of page, mobile settings, served by the
real nginx: accessibility, best practices and SEO 100,
performance at least 95 (one run per page, or the median of three when the first is
below); the first visit to a youth page transfers at most 250 KB. The scores are written
to build/lighthouse.json."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ..conftest import CHROMIUM, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.lighthouse]

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "/",
    "jongeren": "/youth/",
    "organisatie": "/hulp/fier/",
    "gemeente": "/gemeenten/maastricht/",
    "route": "/wat-kan-ik-doen/zorgen-om-mijn-kind/",
}
MINIMUM = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0, "performance": 0.95}
YOUTH_BUDGET = 250 * 1024  # bytes over the wire, compressed


SCRIPT = Path(__file__).with_name("lighthouse_pages.mjs")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]


def run_lighthouse(pages: dict[str, str], folder: Path) -> dict[str, dict]:
    """Lighthouse on each page (name -> URL), one Node process and one Chromium for all:
    name -> its report."""
    if not LIGHTHOUSE.exists():
        pytest.fail("lighthouse ontbreekt: scripts/test installeert het met npm ci")
    result = subprocess.run(
        ["node", str(SCRIPT), str(folder), *(f"{name}={url}" for name, url in pages.items())],
        env={**os.environ, "CHROME_PATH": CHROMIUM,
             "LIGHTHOUSE_CHROME_FLAGS": json.dumps(CHROME_FLAGS)},
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return {name: json.loads((folder / f"{name}.json").read_text()) for name in pages}


def failing_audits(report: dict) -> list[str]:
    failing = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{category['id']}/{audit['id']}: {audit.get('displayValue', '')}")
    return failing


RUNS = 3  # Lighthouse's own advice on variance: several runs, judge the median one


def median_reports(pages: dict[str, str], folder: Path) -> dict[str, dict]:
    """One run of each page; for a page whose performance is below the minimum, two more
    and its median run (a run that meets every minimum needs no second opinion: the
    median only keeps one slow run from failing the test)."""
    first = run_lighthouse(pages, folder / "run-0")
    found = {}
    for name, report in first.items():
        if report["categories"]["performance"]["score"] >= MINIMUM["performance"]:
            found[name] = report
            continue
        runs = [report] + [run_lighthouse({name: pages[name]}, folder / f"run-{i}")[name]
                           for i in range(1, RUNS)]
        runs.sort(key=lambda r: r["categories"]["performance"]["score"])
        found[name] = runs[RUNS // 2]
    return found


@pytest.fixture(scope="module")
def reports(nginx, tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("lighthouse")
    for run in range(RUNS):
        (folder / f"run-{run}").mkdir()
    found = median_reports({name: nginx + path for name, path in PAGES.items()}, folder)
    summary = {name: {**{k: v["score"] for k, v in r["categories"].items()},
                      "bytes": r["audits"]["total-byte-weight"]["numericValue"]}
               for name, r in found.items()}
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "lighthouse.json").write_text(json.dumps(summary, indent=2))
    print("\nLighthouse:", json.dumps(summary, indent=1))
    return found


@pytest.mark.parametrize("name", PAGES)
def test_lighthouse_scores(reports, name) -> None:
    scores = {k: v["score"] for k, v in reports[name]["categories"].items()}
    low = {k: scores[k] for k, minimum in MINIMUM.items() if scores[k] < minimum}
    assert not low, f"{name}: {low}; {failing_audits(reports[name])}"


def test_first_visit_to_a_youth_page_is_small(reports) -> None:
    weight = reports["jongeren"]["audits"]["total-byte-weight"]
    assert weight["numericValue"] <= YOUTH_BUDGET, [
        (item["url"], item["totalBytes"]) for item in weight["details"]["items"]]
