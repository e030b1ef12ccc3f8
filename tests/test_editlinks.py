"""edit_url: which address "Wijzig deze pagina" gets for a generated page's source."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.editors.editlinks import EDIT_FEATURE, PACKAGE, edit_url, set_edit_links

REPO = "https://github.com/org/portal"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("data/organisations/fier.yml", f"{REPO}/edit/main/data/organisations/fier.yml"),
        ("data/organisations", f"{REPO}/tree/main/data/organisations"),
        (None, None),
    ],
)
def test_sources_in_the_project(tmp_path: Path, source: str | None, expected: str | None) -> None:
    (tmp_path / "data" / "organisations").mkdir(parents=True)
    (tmp_path / "data" / "organisations" / "fier.yml").write_text("id: fier\n")
    path = tmp_path / source if source else None
    assert edit_url(path, tmp_path, REPO, "edit/main/docs/") == expected


def test_a_template_of_the_package_links_into_portal(tmp_path: Path) -> None:
    url = edit_url(PACKAGE / "pages" / "templates" / "materials", tmp_path, REPO, None)
    assert url == f"{REPO}/tree/main/portal/pages/templates/materials"


def test_outside_the_project_or_without_repository_no_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders.yml"
    elsewhere.write_text("")
    assert edit_url(elsewhere, tmp_path / "project", REPO, None) is None
    assert edit_url(PACKAGE / "templates", tmp_path, None, None) is None


def test_edit_links_are_switched_on_only_in_a_preview() -> None:
    features = ["navigation.top", EDIT_FEATURE, EDIT_FEATURE]
    set_edit_links(features, preview=False)  # whatever mkdocs.yml says: off in public
    assert features == ["navigation.top"]
    set_edit_links(features, preview=True)
    assert features == ["navigation.top", EDIT_FEATURE]
    set_edit_links(features, preview=True)  # once
    assert features == ["navigation.top", EDIT_FEATURE]
