"""Search that understands Dutch (portal/data/dutch.py, portal/pages/search.py): the stemmer, the
word forms, the editors' synonym file, the expanded index of a real build, and the
query set of tests/search_queries.yml. The ranking itself is tested in Chromium
(tests/browser/test_search.py)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from portal.data.dutch import WORD, inflections, key, stem
from portal.data.synonyms import Group, load_synonyms, parse_groups
from portal.pages.search import Vocabulary, expand_index, mentioned, uncovered

from .conftest import ROOT, build_fixture, fixture_project

QUERIES = ROOT / "tests" / "search_queries.yml"
SEP = r"[\s\-,:;!?=\[\]()\"/]+"


def indexed_tokens(index: dict) -> list[tuple[str, set[str]]]:
    """Each location with the tokens the theme indexes for it, in all its fields."""
    sep = re.compile(index["config"]["separator"])
    fields = list(index["config"]["fields"])
    out = []
    for doc in index["docs"]:
        text = " ".join(str(doc.get(f, "")) for f in fields)
        out.append((doc["location"], {t for t in sep.split(re.sub("<[^>]*>", " ", text).lower())
                                      if t}))
    return out


def findable(index: dict | list, query: str) -> set[str]:
    """Locations that the theme's query would return: every typed word is a prefix query,
    without stemming, and a location matching any of them is a result."""
    docs = indexed_tokens(index) if isinstance(index, dict) else index
    words = query.lower().split()
    return {loc for loc, tokens in docs if any(t.startswith(w) for w in words for t in tokens)}


# --- the Dutch Snowball stemmer (snowballstemmer's dutch_porter; on the 1,816 words of
# docs/ and data/ it gave the same stems as the hand-written stemmer it replaced)

@pytest.mark.parametrize(("word", "expected"), [
    ("signalen", "signal"), ("signaal", "signal"), ("dochters", "dochter"),
    ("loverboys", "loverboy"), ("meldingen", "melding"), ("melden", "meld"),
    ("uitbuiting", "uitbuit"), ("veiligheid", "veilig"), ("gemeenten", "gemeent"),
    ("scholen", "schol"), ("school", "schol"), ("vrienden", "vriend"),
    ("hulpverlening", "hulpverlen"), ("kinderen", "kinder"), ("mogelijk", "mogelijk"),
    ("lichamelijk", "licham"), ("één", "een"), ("ja", "ja"),
    # Where snowballstemmer's newer "dutch" algorithm differs from lunr's and NLTK's
    # ("dutch_porter"): these keep the index's forms as the browser's search expects them.
    ("aangerand", "aangerand"), ("accounts", "account"), ("alleen", "allen"),
    ("aanspreken", "aansprek"), ("algemeen", "algemen"), ("afgesproken", "afgesprok"),
])
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(("a", "b", "same"), [
    ("meisje", "meisjes", True), ("foto", "foto's", True), ("signaal", "signalen", True),
    ("dochter", "dochters", True), ("melden", "melding", False), ("hulp", "helpen", False),
])
def test_key_relates_forms_of_one_word(a: str, b: str, same: bool) -> None:
    assert (key(a) == key(b)) is same


@pytest.mark.parametrize(("word", "expected"), [
    ("signaal", {"signalen"}), ("signalen", {"signaal"}), ("dochter", {"dochters"}),
    ("meisje", {"meisjes"}), ("foto", {"foto's", "fotos"}), ("foto's", {"foto", "fotos"}),
    ("school", {"scholen"}), ("scholen", {"school"}), ("vriend", {"vrienden"}),
    ("gemeente", {"gemeenten", "gemeentes"}), ("pooier", {"pooiers"}),
    ("probleem", {"problemen"}), ("organisatie", {"organisaties"}),
    ("krijgt", set()), ("veilig", set()), ("jongeren", set()), ("gecontroleerd", set()),
    ("voor", set()), ("bel", set()), ("112", set()),
])
def test_inflections(word: str, expected: set[str]) -> None:
    assert inflections(word) == expected


def test_names_get_no_plural() -> None:
    assert inflections("limburg") == {"limburgen"}
    assert inflections("limburg", proper=True) == set()


# --- the pure index functions ----------------------------------------------------------

@pytest.mark.parametrize(("candidates", "present", "expected"), [
    ({"signaal"}, ["signalen"], ["signaal"]),
    ({"signal"}, ["signalen"], []),  # a prefix of a present word: found already
    ({"dochter", "dochters"}, ["moeder"], ["dochters"]),  # "dochters" finds both
    ({"loverboy"}, ["(loverboy)"], ["loverboy"]),  # punctuation kept in the token
    ({"hulp"}, ["hulp"], []),
    (set(), ["x"], []),
])
def test_uncovered(candidates: set[str], present: list[str], expected: list[str]) -> None:
    assert uncovered(candidates, present) == expected


GROUPS = parse_groups({"groups": [
    {"terms": ["melden", "aangifte doen", "meldpunt"]},
    {"terms": ["loverboy", "pooier"]},
]})


@pytest.mark.parametrize(("text", "compounds", "expected"), [
    ("ik wil iets melden", True, [0]),
    ("ik wil aangifte doen", True, [0]),
    ("ik doe aangifte", True, []),  # a phrase counts only in its order
    ("een melding", True, []),  # melding is another word than melden
    ("signalen van loverboyproblematiek", True, [1]),  # the start of a compound
    ("signalen van loverboyproblematiek", False, []),
    ("de loverboys en het meldpunt", True, [0, 1]),
])
def test_mentioned(text: str, compounds: bool, expected: list[int]) -> None:
    found = mentioned(GROUPS, WORD.findall(text), compounds)
    assert [GROUPS.index(g) for g in found] == expected


def _index(*docs: tuple[str, str, str]) -> dict:
    return {"config": {"lang": ["nl"], "separator": SEP, "pipeline": ["stopWordFilter"],
                       "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": [{"location": loc, "title": title, "text": text}
                     for loc, title, text in docs]}


SMALL = _index(
    ("signalen/", "Signalen", "<p>Let op deze signalen bij uw dochter.</p>"),
    ("signalen/#school", "Op school", "<p>Ze spijbelt.</p>"),
    ("politie/", "Melden bij de politie", "<p>Bel de politie.</p>"),
    ("privé/", "Een privévenster", "<p>Gebruik een privévenster.</p>"),
    ("over/", "Over", "<p>Een pooier (loverboy) buit meisjes uit.</p>"),
)


@pytest.mark.parametrize(("query", "groups", "expected"), [
    ("signaal", [], {"signalen/"}),
    ("signalen", [], {"signalen/"}),
    ("dochters", [], {"signalen/"}),
    ("meisje", [], {"over/"}),
    ("loverboys", [], {"over/"}),  # "(loverboy)" in the text
    ("privevenster", [], {"privé/"}),
    ("aangifte", [], set()),
    ("aangifte", GROUPS, {"politie/"}),
    ("aangifte doen", GROUPS, {"politie/"}),
    ("loverboy", GROUPS, {"over/"}),
    ("scholen", [], {"signalen/#school"}),
])
def test_expanded_index_finds_forms_and_synonyms(query: str, groups: list[Group],
                                                 expected: set[str]) -> None:
    assert findable(expand_index(SMALL, groups), query) == expected


def test_expand_index_adds_weighted_fields_and_leaves_its_input_alone() -> None:
    before = json.dumps(SMALL, sort_keys=True)
    out = expand_index(SMALL, GROUPS)
    assert json.dumps(SMALL, sort_keys=True) == before
    assert out["config"]["fields"] == {
        "title": {"boost": 1000.0}, "text": {"boost": 1.0}, "title_forms": {"boost": 1000.0},
        "text_forms": {"boost": 1.0}, "title_synonyms": {"boost": 100.0}}
    docs = {d["location"]: d for d in out["docs"]}
    assert docs["signalen/"]["title"] == "Signalen"  # what the theme shows is unchanged
    assert "signaal" in docs["signalen/"]["title_forms"].split()
    # "aangiften" is added, and finds "aangifte" too (every typed word is a prefix).
    assert docs["politie/"]["title_synonyms"].split().count("aangiften") == 1
    assert expand_index(out, GROUPS) == out  # running twice changes nothing


def test_a_word_two_groups_of_a_title_lead_to_counts_twice() -> None:
    groups = parse_groups({"groups": [{"terms": ["melden", "aangifte"]},
                                      {"terms": ["politie", "aangifte"]}]})
    docs = {d["location"]: d for d in expand_index(SMALL, groups)["docs"]}
    assert docs["politie/"]["title_synonyms"].split().count("aangiften") == 2


def test_vocabulary_spots_names() -> None:
    vocab = Vocabulary.of(_index(("a/", "Hulp in Limburg", "<p>Limburg en venlo</p>"),
                                 ("b/", "Venlo", "")).get("docs"), [])
    # "Hulp" only starts a title here; "venlo" is written in lower case once.
    assert vocab.names == {"hulp", "limburg"}


# --- the editors' synonym file ---------------------------------------------------------

def test_shipped_synonyms_load_and_hold_the_required_groups() -> None:
    groups, problems = load_synonyms(ROOT / "data" / "zoekwoorden.yml")
    assert problems == []
    words = [g.words() for g in groups]

    def together(*terms: str) -> bool:
        return any(set(terms) <= w for w in words)

    assert together("loverboy", "lover", "boy", "loverboys", "pooier", "mensenhandelaar",
                    "uitbuiting", "uitgebuit", "loverbooy", "loverbojs")
    assert together("melden", "melding", "aangifte", "doen", "meldpunt")
    assert together("sexting", "naaktfoto", "nudes")
    assert together("hulp", "helpen")


@pytest.mark.parametrize(("text", "code", "line"), [
    ("groups:\n  - terms: [a, b]\n    notes: x\n", "S001", 3),
    ("groups:\n  - woorden: [a, b]\n", "S001", 2),
    ("groups:\n  - terms: a\n", "S004", 2),
    ("groups: [\n", "Y001", 2),
    ("groups: []\n", "S004", 1),
])
def test_broken_synonym_file_gives_dutch_problems(tmp_path: Path, text: str, code: str,
                                                 line: int) -> None:
    path = tmp_path / "zoekwoorden.yml"
    path.write_text(text, encoding="utf-8")
    groups, problems = load_synonyms(path)
    assert groups == []
    assert (code, line) in [(p.code, p.line) for p in problems], problems


def test_missing_synonym_file_means_no_synonyms(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path / "zoekwoorden.yml") == ([], [])


# --- a real build of the fixture site with the theme's search --------------------------

PAGE = """---
title: Zorgen
description: Een testpagina voor ouders met zorgen over hun dochter.
audience: parents
owner: Meldpunt Aanpak Loverboys Limburg - redactie
last_reviewed: 2026-11-29
---
# Zorgen om uw dochter

Ziet u signalen? Zij heeft een nieuwe vriend die haar cadeaus geeft.
"""


@pytest.fixture
def search_project(tmp_path: Path) -> Path:
    project = fixture_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - search:\n      lang: nl\n"),
                      encoding="utf-8")
    (project / "docs" / "zorgen.md").write_text(PAGE, encoding="utf-8")
    # Only the page under test speaks of signals: the fixture's decision aid and agenda,
    # whose texts do too, are left out of this project.
    (project / "data" / "beslishulp.yml").unlink()
    shutil.rmtree(project / "data" / "agenda")
    return project


def _built_index(project: Path) -> dict:
    result = build_fixture(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((project / "out" / "search" / "search_index.json").read_text())


def test_adding_a_synonym_changes_the_built_index(search_project: Path) -> None:
    index = _built_index(search_project)
    assert findable(index, "signaal") == {"zorgen/"}  # forms without any synonym file
    assert findable(index, "dochters") == {"zorgen/"}
    assert findable(index, "bakvis") == set()
    (search_project / "data" / "zoekwoorden.yml").write_text(
        "groups:\n  - terms: [dochter, bakvis]\n", encoding="utf-8")
    index = _built_index(search_project)
    assert findable(index, "bakvis") == {"zorgen/"}
    assert findable(index, "bakvissen") == set()  # only the words and forms given


def test_broken_synonym_file_stops_the_build(search_project: Path) -> None:
    (search_project / "data" / "zoekwoorden.yml").write_text(
        "groups:\n  - terms: [dochter, bakvis]\n    uitleg: x\n", encoding="utf-8")
    result = build_fixture(search_project)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "er is niets gepubliceerd" in log  # found by the data check, as in `portal validate`
    assert "zoekwoorden.yml:3:5: S001" in log and "Traceback" not in log


def test_site_without_search_still_builds(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    shutil.copy(ROOT / "data" / "zoekwoorden.yml", project / "data")
    result = build_fixture(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "out" / "search").exists()


# --- the shipped site -------------------------------------------------------------------

def test_shipped_index_is_expanded_without_a_stemmer(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    config = index["config"]
    # A stemmer would stem the added forms again, and the theme skips it for the prefix
    # queries it makes of every typed word: the forms replace it.
    assert config["pipeline"] == ["stopWordFilter"]
    assert {"title_forms", "text_forms", "title_synonyms"} <= set(config["fields"])
    assert sum("text_forms" in d for d in index["docs"]) > len(index["docs"]) / 2
    boosts = {d["location"]: d.get("boost") for d in index["docs"] if "#" not in d["location"]}
    for page in ("youth/", "parents/", "professionals/", "youth/wat-kun-je-doen/",
                 "parents/wat-kunt-u-doen/", "youth/wat-is-een-loverboy/", "hulp/"):
        assert boosts[page] > 1, page
    # Not the Meldcode page: boosted, it came before the youth page for "loverboy".
    assert boosts["professionals/meldcode/"] is None


def _queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def test_query_set_is_well_formed(built_site: Path) -> None:
    rows = _queries()
    assert len(rows) >= 30
    assert len({r["query"] for r in rows}) == len(rows)
    for who in ("youth", "parents", "professionals"):
        assert sum(r["who"] == who for r in rows) >= 8, who
    for row in rows:
        assert (built_site / row["page"] / "index.html").is_file(), row


def test_every_query_finds_its_page_in_the_index(built_site: Path) -> None:
    """The quick check behind the browser test: some entry of the expected page matches
    at least one word of the query, as the theme's prefix query would."""
    index = indexed_tokens(json.loads((built_site / "search" / "search_index.json").read_text()))
    missing = []
    for row in _queries():
        if row["page"] not in {loc.split("#")[0] for loc in findable(index, row["query"])}:
            missing.append(row["query"])
    assert missing == []


def test_villages_find_their_municipality_in_the_built_site(built_site: Path) -> None:
    """The places of data/municipalities.yml are on their municipality's built page and
    in its entries of the search index; the villages the issue names find that page only
    (the browser test ranks them)."""
    from html import unescape

    from portal.data.yamlsource import load_yaml

    municipalities = load_yaml(ROOT / "data" / "municipalities.yml").data["municipalities"]
    index = indexed_tokens(json.loads((built_site / "search" / "search_index.json").read_text()))
    with_places = [m for m in municipalities if m.get("places")]
    assert len(with_places) >= 5
    for muni in with_places:
        html = unescape((built_site / "gemeenten" / muni["id"] / "index.html").read_text())
        own = [tokens for loc, tokens in index if loc.startswith(f"gemeenten/{muni['id']}/")]
        for place in muni["places"]["names"]:
            assert place in html, (muni["id"], place)
            words = re.split(SEP, place.lower())
            assert any(set(words) <= tokens for tokens in own), (muni["id"], place)
    for village, page in (("blerick", "venlo"), ("tegelen", "venlo"),
                          ("hoensbroek", "heerlen"), ("swalmen", "roermond")):
        assert {loc.split("#")[0] for loc in findable(index, village)} == {f"gemeenten/{page}/"}
