"""`portal new`: each new file passes `portal validate` without errors, warns until its
example text is replaced, refuses an id that exists or is not valid, and a new
organisation becomes a page of the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.build import generate_site
from portal.checks.validate import has_errors, validate_tree
from portal.cli import main

from .conftest import TODAY

# (command arguments, file written, audience or None)
NEW = [
    (["organisation", "nieuwe-hulp"], "data/organisations/nieuwe-hulp.yml", None),
    (["organisatie", "nieuwe-hulp"], "data/organisations/nieuwe-hulp.yml", None),
    (["route", "nieuwe-route"], "data/routes/nieuwe-route.yml", None),
    (["page", "nieuwe-pagina"], "docs/nieuwe-pagina.md", "all"),
    (["pagina", "nieuwe-pagina", "--map", "jeugd"], "docs/jeugd/nieuwe-pagina.md", "all"),
    (["page", "nieuwe-pagina", "--section", "youth"], "docs/youth/nieuwe-pagina.md", "youth"),
]


def _validate(tree: Path):
    return validate_tree(tree / "data", today=TODAY, docs_dir=tree / "docs")[1]


@pytest.mark.parametrize(("args", "written", "audience"), NEW, ids=lambda v: str(v))
def test_new_file_passes_validate_without_errors(fixture_tree: Path, monkeypatch, capsys,
                                                 args, written, audience) -> None:
    monkeypatch.chdir(fixture_tree)
    for folder in ("jeugd", "youth"):
        (fixture_tree / "docs" / folder).mkdir()
        (fixture_tree / "docs" / folder / "index.md").write_text(
            (fixture_tree / "docs" / "index.md").read_text(encoding="utf-8"))
    assert main(["new", *args, "--today", "2026-11-29"]) == 0
    assert f"Gemaakt: {written}." in capsys.readouterr().err
    text = (fixture_tree / written).read_text(encoding="utf-8")
    assert "# " in text and "VUL IN" in text  # Dutch comments and example text
    if audience:
        assert f"audience: {audience}\n" in text and "last_reviewed: 2026-11-29\n" in text
    problems = _validate(fixture_tree)
    assert not has_errors(problems), [p.format_text() for p in problems]
    # Only warnings: the example text (P007), for an organisation "never verified" (F001),
    # for a route "not in the Wegwijzer" (R008, where it is reported) until
    # data/wegwijzer.yml names it.
    assert {p.code for p in problems} <= {"P007", "F001", "R008"}
    assert {p.path for p in problems if p.code != "R008"} == {written}
    assert "P007" in {p.code for p in problems}
    assert has_errors(problems, strict=True)  # cannot be published as it is


def test_filled_in_organisation_has_no_warning_but_freshness(fixture_tree: Path,
                                                             monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    assert main(["new", "organisation", "nieuwe-hulp", "--today", "2026-11-29"]) == 0
    path = fixture_tree / "data" / "organisations" / "nieuwe-hulp.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("VUL IN de naam van de organisatie", "Nieuwe Hulp")
    text = text.replace("VUL IN wat de organisatie doet, in een of twee korte zinnen",
                        "Nieuwe Hulp helpt jongeren.")
    text = text.replace("VUL IN waar de gegevens vandaan komen", "Telefonisch gevraagd.")
    path.write_text(text, encoding="utf-8")
    assert [p.code for p in _validate(fixture_tree)] == ["F001"]


@pytest.mark.parametrize(("args", "message"), [
    (["organisation", "hulplijn"], "data/organisations/hulplijn.yml bestaat al"),
    (["route", "direct-gevaar"], "data/routes/direct-gevaar.yml bestaat al"),
    (["page", "index"], "docs/index.md bestaat al"),
    (["page", "jongeren"], "docs/jongeren.md bestaat al"),
])
def test_existing_id_is_refused(fixture_tree: Path, monkeypatch, capsys, args,
                                message) -> None:
    monkeypatch.chdir(fixture_tree)
    before = {p: p.read_bytes() for p in fixture_tree.rglob("*") if p.is_file()}
    assert main(["new", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("portal new: fout: ") and message in err
    assert "Kies een ander id" in err
    assert {p: p.read_bytes() for p in fixture_tree.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(("args", "message"), [
    (["organisation", "Hulplijn"], "is geen geldig id"),
    (["organisation", "hulp_lijn"], "is geen geldig id"),
    (["route", "nieuwe--route"], "is geen geldig id"),
    (["page", "pagina-"], "is geen geldig id"),
    (["page", "../buiten"], "is geen geldig id"),
    (["organisation", "index"], "is al een pagina van de site"),
    (["organisation", "regio"], "is al een pagina van de site"),
    (["page", "hulp"], "is al een onderdeel van de site"),
    (["page", "nieuw", "--map", "onbekend"], "map 'onbekend' bestaat niet"),
    (["page", "nieuw", "--map", "../data"], "map '../data' bestaat niet"),
])
def test_invalid_id_or_folder_is_refused(fixture_tree: Path, monkeypatch, capsys, args,
                                         message) -> None:
    monkeypatch.chdir(fixture_tree)
    before = sorted(fixture_tree.rglob("*"))
    assert main(["new", *args]) == 2
    assert message in capsys.readouterr().err
    assert sorted(fixture_tree.rglob("*")) == before


def test_unknown_kind_and_missing_data_are_wrong_use(tmp_path: Path, monkeypatch,
                                                     capsys) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(["new", "gemeente", "venlo"])
    assert exc.value.code == 2
    assert main(["new", "organisation", "nieuw"]) == 2
    assert "map met gegevens niet gevonden" in capsys.readouterr().err


def test_new_organisation_and_route_become_pages(fixture_tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    assert main(["new", "organisation", "nieuwe-hulp", "--today", "2026-11-29"]) == 0
    assert main(["new", "route", "nieuwe-route", "--today", "2026-11-29"]) == 0
    generated = generate_site(fixture_tree / "data", today=TODAY,
                              docs_dir=fixture_tree / "docs")
    files = {f.uri: f for f in generated.files}
    page = files["hulp/nieuwe-hulp.md"]
    assert page.source == fixture_tree / "data" / "organisations" / "nieuwe-hulp.yml"
    assert "# VUL IN de naam van de organisatie" in page.content
    assert "(nieuwe-hulp.md)" in files["hulp/index.md"].content
    assert "wat-kan-ik-doen/nieuwe-route.md" in files
    assert "nieuwe-hulp" in generated.portal.organisations
