"""The professionals' decision aid (data/beslishulp.yml, /professionals/beslishulp/): every
path through the questions, walked in the built page, ends at the action that the
Meldcode's afwegingskader gives for it (the table below is taken from the afwegingskader,
not from the data); the place is asked at most once on a path, and only where the contact
differs; a duplicate id is caught (the other broken inputs: tests/test_validate.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from portal.checks.validate import validate_tree

from .conftest import ROOT, TODAY

# The afwegingskader's five questions (Meldcode, steps 4 and 5; facts.md, sources
# pricoh.nl and handelingsprotocol.nl): 1 a suspicion? no: close. 2 acute or structural
# unsafety? yes: report to Veilig Thuis. 3 can I offer or organise effective help? no:
# report. 4 do those involved accept it? no: report. 5 does it give results in time? no:
# report (again); yes: help and follow.
EXPECTED = {
    (False,): "afsluiten",
    (True, True): "melden",
    (True, False, False): "melden",
    (True, False, True, False): "melden",
    (True, False, True, True, False): "melden",
    (True, False, True, True, True): "hulp",
}
ZUID_LIMBURG_REPORT = "mailto:meldpuntmensenhandel@veiligthuiszl.nl"


def _paths(node: Tag, answers: tuple[bool, ...] = ()) -> list[tuple[tuple[bool, ...], Tag]]:
    """(answers, outcome) for every path below `node`: its outcome, or its two answers."""
    outcome = node.find("div", class_="portal-outcome", recursive=False)
    if outcome is not None:
        return [(answers, outcome)]
    yes, no = node.find_all("details", class_="portal-answer", recursive=False)
    assert (yes["data-answer"], yes.summary.get_text(strip=True)) == ("ja", "Ja")
    assert (no["data-answer"], no.summary.get_text(strip=True)) == ("nee", "Nee")
    return _paths(yes, (*answers, True)) + _paths(no, (*answers, False))


@pytest.fixture(scope="module")
def page(built_site: Path) -> BeautifulSoup:
    html = (built_site / "professionals" / "beslishulp" / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def test_every_path_ends_at_the_action_of_the_afwegingskader(page) -> None:
    paths = _paths(page.find("div", class_="portal-beslishulp"))
    assert {answers: outcome["data-outcome"] for answers, outcome in paths} == EXPECTED
    assert len(paths) == len(EXPECTED)  # no path twice


def test_each_outcome_starts_with_one_main_action_and_asks_the_place_once(page) -> None:
    for answers, outcome in _paths(page.find("div", class_="portal-beslishulp")):
        places = outcome.find_all("details", class_="portal-place")
        assert not [p for p in places if p.find("details", class_="portal-place")], answers
        # One main action for whoever reads it: before the place, or in each place.
        outside = [b for b in outcome.select(".md-button--primary")
                   if not b.find_parent("details", class_="portal-place")]
        for place in places or [outcome]:
            inside = place.select(".md-button--primary") if places else []
            assert len(outside) + len(inside) == 1, (answers, place.get("data-place"))
        if outcome["data-outcome"] != "melden":
            assert not places, answers  # the same number everywhere: no place asked
            continue
        # A report goes to the Meldpunt of the young person's region: asked here, once.
        zuid = outcome.find("details", attrs={"data-place": "zuid-limburg"})
        assert "Heerlen" in zuid.summary.get_text()
        assert zuid.find("a", href=ZUID_LIMBURG_REPORT) or outcome.find(
            "a", href=ZUID_LIMBURG_REPORT, class_="md-button--primary"), answers


def test_nothing_is_a_link_form_or_anchor(page) -> None:
    aid = page.find("div", class_="portal-beslishulp")
    assert not aid.find(["form", "input", "select"])
    assert not [s for s in aid.find_all("summary") if s.find("a")]
    local = [a["href"] for a in aid.find_all("a")
             if not a["href"].startswith(("https://", "http://", "tel:", "mailto:"))]
    assert local and not [h for h in local if "?" in h or "#" in h], local


def test_a_duplicate_id_is_caught(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", tmp_path / "data")
    aid = tmp_path / "data" / "beslishulp.yml"
    text = aid.read_text(encoding="utf-8")
    aid.write_text(text.replace("  - id: onveilig", "  - id: vermoeden"), encoding="utf-8")
    _tree, problems = validate_tree(tmp_path / "data", today=TODAY)
    assert [p.line for p in problems if p.code == "I002"] == [24]
