"""The MkDocs plugin over the small fixture data tree: a real `mkdocs build` in tmp_path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import build_fixture, fixture_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return fixture_project(tmp_path)


def test_generated_pages_and_exports(project: Path) -> None:
    result = build_fixture(project)
    assert result.returncode == 0, result.stderr
    out = project / "out"
    for page in ("hulp/index.html", "hulp/hulplijn/index.html", "hulp/opvang/index.html",
                 "wat-kan-ik-doen/direct-gevaar/index.html", "gemeenten/index.html",
                 "gemeenten/stad-a/index.html", "gemeenten/stad-b/index.html",
                 "wegwijzer/index.html", "wegwijzer/jongere/index.html",
                 "open-data/contacts.csv", "open-data/hsds/organizations.json",
                 "open-data/vcard/hulplijn.vcf"):
        assert (out / page).is_file(), page


def test_hand_written_page_wins(project: Path) -> None:
    assert build_fixture(project).returncode == 0
    html = (project / "out" / "hulp" / "regio-noord" / "index.html").read_text()
    assert "Met de hand geschreven" in html and "Regionaal Team Noord" not in html


def test_references_render_name_number_and_link(project: Path) -> None:
    assert build_fixture(project).returncode == 0
    html = (project / "out" / "index.html").read_text()
    assert re.search(r'<a href="hulp/hulplijn/">Hulplijn Test</a>: '
                     r'<a class="portal-contact" href="tel:\+318002000">0800 2000</a>', html)
    assert '<a href="hulp/regio-noord/">Regionaal Team Noord</a>' in html


def test_unknown_reference_fails_with_file_and_line(project: Path) -> None:
    page = project / "docs" / "index.md"
    page.write_text(page.read_text() + "\nZie ook [[hulplijnn]].\n")
    result = build_fixture(project)
    assert result.returncode != 0
    assert "docs/index.md:12:9: R001" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "out" / "index.html").exists()


def test_data_error_stops_the_build_with_the_validators_message(project: Path) -> None:
    org = project / "data" / "organisations" / "hulplijn.yml"
    org.write_text(org.read_text().replace("value: 0800-2000", "value: 0800-20"))
    result = build_fixture(project)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "hulplijn.yml:12:5: C001" in log and "er is niets gepubliceerd" in log
    assert "Traceback" not in log


def test_edit_links_of_generated_pages_point_to_yaml(project: Path) -> None:
    # Edit links are in preview builds only (tests/test_preview.py: none in a public one).
    assert build_fixture(project, preview=True).returncode == 0
    out = project / "out"
    org = (out / "hulp" / "hulplijn" / "index.html").read_text()
    assert 'href="https://example.org/repo/edit/main/data/organisations/hulplijn.yml"' in org
    route = (out / "wat-kan-ik-doen" / "direct-gevaar" / "index.html").read_text()
    assert "edit/main/data/routes/direct-gevaar.yml" in route
    directory = (out / "hulp" / "index.html").read_text()
    # An overview lists a whole folder: its link opens the folder's listing.
    assert 'href="https://example.org/repo/tree/main/data/organisations" title="Wijzig deze ' \
        'pagina"' in directory
    routes = (out / "wat-kan-ik-doen" / "index.html").read_text()
    assert "https://example.org/repo/tree/main/data/routes" in routes
    report = (out / "redactie" / "actualiteit" / "index.html").read_text()
    assert 'rel="edit"' not in report  # made from the dates of every file: nothing to edit
    index = (out / "index.html").read_text()
    assert "edit/main/docs/index.md" in index


def test_templates_can_be_overridden(project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "directory.md.j2").write_text(
        "---\ntitle: Eigen lijst\ndescription: Een eigen sjabloon voor de lijst van "
        "organisaties, als test.\n---\n# Eigen lijst\n")
    assert build_fixture(project).returncode == 0
    assert "Eigen lijst" in (project / "out" / "hulp" / "index.html").read_text()


def test_jsonld_on_organisation_page_parses(project: Path) -> None:
    assert build_fixture(project).returncode == 0
    html = (project / "out" / "hulp" / "hulplijn" / "index.html").read_text()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["name"] == "Hulplijn Test"
    assert data["contactPoint"][0]["telephone"] == "+318002000"


def test_fallback_is_stated_on_the_municipality_page(project: Path) -> None:
    assert build_fixture(project).returncode == 0
    html = (project / "out" / "gemeenten" / "stad-b" / "index.html").read_text()
    # A short line at the contact, the explanation once in its own section after it.
    note = re.search(r'<em class="portal-fallback">(.*?)</em>', html).group(1)
    assert note == 'Niet zeker voor Stad B, zie <a href="#niet-zeker">onder</a>.'
    explanation = "Niet bekend welk team hier werkt. Onbekend, bel de hulplijn."
    assert html.count(explanation) == 1
    assert html.index(note) < html.index("Wat we niet zeker weten") < html.index(explanation)
    stad_a = (project / "out" / "gemeenten" / "stad-a" / "index.html").read_text()
    assert "portal-fallback" not in stad_a and "niet-zeker" not in stad_a
