"""`portal contactwijzigingen --base <ref>` (portal/editors/contactdiff.py): the contact values a
pull request changes, listed for the reviewers in the job summary and as annotations, so
that a swapped number cannot pass unseen. Tested on a temporary git repository made by the
test from the fixture data."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from portal.cli import main

from .conftest import FIXTURES

ORG = "data/organisations/hulplijn.yml"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A git repository with the fixture data committed on 'main'; the working tree is
    the pull request's version."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "data", root / "data")
    shutil.copytree(FIXTURES / "docs", root / "docs")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "-c", "user.name=Test", "-c", "user.email=t@example.org", "add", ".")
    _git(root, "-c", "user.name=Test", "-c", "user.email=t@example.org", "commit", "-q",
         "-m", "basis")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return root


def _edit(repo: Path, file: str, old: str, new: str) -> None:
    path = repo / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["contactwijzigingen", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _line_of(repo: Path, file: str, needle: str) -> int:
    lines = (repo / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_a_changed_number_is_an_annotation_on_its_line_and_in_the_summary(
        repo: Path, capsys, tmp_path: Path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _edit(repo, ORG, "value: 0800-2000", "value: 0800-2001")
    code, out, _ = _run(capsys, "--base", "main", "--format", "github")
    assert code == 0
    line = _line_of(repo, ORG, "0800-2001")
    annotations = [a for a in out.splitlines() if a.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith(f"::warning file={ORG},line={line},title=")
    assert "Hulplijn Test" in annotations[0] and "telefoon" in annotations[0]
    assert "0800-2000 → 0800-2001" in annotations[0]
    table = summary.read_text(encoding="utf-8")
    assert "| Hulplijn Test (hulplijn) | telefoon | waarde | 0800-2000 | 0800-2001 |" in table


def test_added_removed_and_renamed_are_listed(repo: Path, capsys) -> None:
    _edit(repo, ORG, "name: Hulplijn Test", "name: Hulplijn Anders")
    _edit(repo, ORG,
          "  - id: mail\n    type: email\n    value: info@example.nl\n    label: Mail ons\n",
          "  - id: app\n    type: whatsapp\n    value: 06-12345678\n    label: App ons\n")
    _edit(repo, ORG, "label: Bel gratis", "label: Bel 0906-1234")
    _edit(repo, ORG, "website: https://www.example.nl", "website: https://www.example.com")
    (repo / "data" / "organisations" / "regio-noord.yml").unlink()
    shutil.copy(repo / ORG, repo / "data" / "organisations" / "nieuw.yml")
    _edit(repo, "data/organisations/nieuw.yml", "id: hulplijn", "id: nieuw")
    code, out, _ = _run(capsys, "--base", "main")
    assert code == 0
    rows = {tuple(part.strip() for part in line.split(" | ")) for line in out.splitlines()}
    expected = {
        ("Hulplijn Anders (hulplijn)", "-", "naam", "Hulplijn Test", "Hulplijn Anders"),
        ("Hulplijn Anders (hulplijn)", "-", "website", "https://www.example.nl",
         "https://www.example.com"),
        ("Hulplijn Anders (hulplijn)", "mail", "kanaal weg", "email: info@example.nl", "-"),
        ("Hulplijn Anders (hulplijn)", "app", "kanaal nieuw", "-", "whatsapp: 06-12345678"),
        ("Hulplijn Anders (hulplijn)", "telefoon", "label", "Bel gratis", "Bel 0906-1234"),
    }
    assert expected <= rows, out
    assert any(r[0].endswith("(regio-noord)") and r[2] == "organisatie weg" for r in rows), out
    assert any(r[0].endswith("(nieuw)") and r[2] == "organisatie nieuw" for r in rows), out
    assert any(r[0].endswith("(nieuw)") and r[1] == "telefoon" and r[2] == "kanaal nieuw"
               and r[4] == "phone: 0800-2000" for r in rows), out


def test_nothing_changed_says_so(repo: Path, capsys, tmp_path: Path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _edit(repo, ORG, "description: Een hulplijn voor de tests.",
          "description: Een andere beschrijving.")  # not a contact value
    code, out, _ = _run(capsys, "--base", "main", "--format", "github")
    assert code == 0 and "::" not in out
    assert "Geen contactgegevens gewijzigd" in summary.read_text(encoding="utf-8")


def test_a_hostile_value_cannot_forge_annotations_or_table_rows(
        repo: Path, capsys, tmp_path: Path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _edit(repo, ORG, "value: 0800-2000",
          'value: "0800-2000\\n::error file=x::alles goed | a | b | c | d |<img src=x>"')
    _edit(repo, ORG, "value: info@example.nl", 'value: "info@exa\\u200bmple.nl"')
    code, out, _ = _run(capsys, "--base", "main", "--format", "github")
    assert code == 0
    lines = out.splitlines()
    assert all(not line.startswith("::error") for line in lines)
    assert len([line for line in lines if line.startswith("::warning")]) == 2
    table = summary.read_text(encoding="utf-8")
    rows = [r for r in table.splitlines() if r.startswith("| Hulplijn")]
    assert len(rows) == 2
    assert all(len(re.findall(r"(?<!\\)\|", r)) == 6 for r in rows), rows  # 5 cells
    assert "<img" not in table and "&lt;img" in table
    assert "\\u200b" in table  # the invisible character is shown


def test_an_unreadable_file_is_named_not_a_traceback(repo: Path, capsys) -> None:
    _edit(repo, ORG, "name: Hulplijn Test", "name: [Hulplijn")
    code, out, err = _run(capsys, "--base", "main")
    assert code == 0
    assert ORG in out and "niet te lezen" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize("ref", ["bestaat-niet", "--output=/tmp/x", "main:data"])
def test_a_wrong_base_is_wrong_use(repo: Path, capsys, ref: str) -> None:
    with pytest.raises(SystemExit) as exc:
        _run(capsys, f"--base={ref}")
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "portal contactwijzigingen" in err and "Traceback" not in err


def test_outside_a_git_repository_is_wrong_use(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(FIXTURES / "data", tmp_path / "los" / "data")
    monkeypatch.chdir(tmp_path / "los")
    with pytest.raises(SystemExit) as exc:
        _run(capsys, "--base", "main")
    assert exc.value.code == 2
    assert "git" in capsys.readouterr().err


def test_help_is_dutch(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["contactwijzigingen", "--help"])
    text = capsys.readouterr().out
    assert "gebruik: portal contactwijzigingen" in text and "--base" in text
    assert "usage" not in text and "show this help" not in text
