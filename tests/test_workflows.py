"""The GitHub workflows, the pull-request template and the pre-commit hooks: they parse,
they call only scripts and `portal` subcommands that exist, the pull-request checks and
.ci/run end in the same scripts/test, and the Markdown linter passes on docs/ and fails
on broken Markdown."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from portal.cli import build_parser

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PYMARKDOWN = ROOT / ".venv" / "bin" / "pymarkdown"
OPERATORS = {";", "&&", "||", "|", "&", "(", ")"}
KEYWORDS = {"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "exec",
            "time"}


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script, as words: lines joined at a trailing
    backslash, split at operators, without redirections and leading keywords."""
    found: list[list[str]] = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words: list[str] = []
        tokens = list(lexer)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token in OPERATORS:
                found.append(words)
                words = []
            elif set(token) <= set("<>&") or re.fullmatch(r"\d[<>]&?", token):
                i += 1  # a redirection: skip its target too
            elif not words and token in KEYWORDS:
                pass
            else:
                words.append(token)
            i += 1
        found.append(words)
    return [w for w in found if w and not re.fullmatch(r"\w+=.*", w[0])]


def check_command(words: list[str]) -> str | None:
    """Why a command that names a script of this repository or `portal` is wrong, or None."""
    program = words[0]
    if program.startswith("scripts/") or program.startswith(".ci/"):
        path = ROOT / program
        if not path.is_file() or not os.access(path, os.X_OK):
            return f"{program}: geen uitvoerbaar script"
    elif program in (".venv/bin/portal", "portal"):
        try:
            build_parser().parse_args(words[1:])
        except SystemExit:
            return f"{' '.join(words)}: geen geldige portal-opdracht"
    return None


def _steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(job, step) for job, spec in workflow["jobs"].items() for step in spec["steps"]]


def _runs(workflow: dict) -> list[list[str]]:
    return [cmd for _, step in _steps(workflow) if "run" in step for cmd in commands(step["run"])]


def test_there_are_three_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {"pr.yml", "deploy.yml", "links.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses_and_pins_actions_by_major_version(path: Path) -> None:
    workflow = _load(path)
    assert workflow["name"] and workflow["on"] and workflow["jobs"]
    for job, step in _steps(workflow):
        assert ("uses" in step) != ("run" in step), (job, step)
        if "uses" in step:
            assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_calls_only_existing_scripts_and_subcommands(path: Path) -> None:
    runs = _runs(_load(path))
    ours = [c for c in runs if c[0].startswith(("scripts/", ".venv/bin/portal"))]
    assert ours, "every workflow builds with scripts/"
    assert [check_command(c) for c in ours] == [None] * len(ours)


def test_command_check_can_fail() -> None:
    assert commands("a=1\nscripts/build && .venv/bin/portal validate --format github > x") == [
        ["scripts/build"], [".venv/bin/portal", "validate", "--format", "github"]]
    assert commands("if [ -x y ]; then exec scripts/test -q; fi  # note") == [
        ["[", "-x", "y", "]"], ["scripts/test", "-q"]]
    assert check_command(["scripts/bestaat-niet"])
    assert check_command(["scripts/_env.sh"])  # exists, but not executable
    assert check_command([".venv/bin/portal", "valideer"])
    assert check_command([".venv/bin/portal", "validate", "--format", "xml"])
    assert check_command([".venv/bin/portal", "check-links", "--external", "--json"]) is None


def _ci_run() -> list[list[str]]:
    return commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))


def test_pull_requests_and_ci_end_in_the_same_scripts_test() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "pr.yml")
    assert "pull_request" in workflow["on"]
    runs = _runs(workflow)
    assert runs[-1] == ["scripts/test"] and _ci_run()[-1] == ["scripts/test"]
    assert ["scripts/build"] in runs
    assert [".venv/bin/portal", "validate", "--format", "github"] in runs
    assert runs.index(["scripts/build"]) < runs.index(
        [".venv/bin/portal", "validate", "--format", "github"])  # the build installs portal


def test_deploy_builds_with_scripts_build_and_publishes_site() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = [step for _, step in _steps(workflow)]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    assert ["scripts/build"] in _runs(workflow)
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_link_workflow_is_weekly_and_keeps_its_report() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "links.yml")
    assert workflow["on"]["schedule"] and "workflow_dispatch" in workflow["on"]
    assert "pull_request" not in workflow["on"]  # needs the network: never on a PR
    runs = _runs(workflow)
    check = next(c for c in runs if c[:2] == [".venv/bin/portal", "check-links"])
    assert "--external" in check and "--json" in check
    assert runs.index(["scripts/build"]) < runs.index(check)
    steps = [s for _, s in _steps(workflow)]
    run = next(s["run"] for s in steps if "check-links" in s.get("run", ""))
    assert "|| status=$?" in run  # broken links (exit 1) do not fail the job
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] in run


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", text, re.M)
    assert len(boxes) >= 5
    for needle in ("bron", "portal validate", "B1", "adres", "bekeken"):
        assert needle.lower() in text.lower(), needle


# --- pre-commit ---------------------------------------------------------------------------

def _hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"] * len(config["repos"])
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_hooks_are_local_and_their_entries_exist() -> None:
    hooks = {h["id"]: h for h in _hooks()}
    assert set(hooks) == {"portal-validate", "pymarkdown"}
    for hook in hooks.values():
        assert hook["language"] == "system"
        entry = shlex.split(hook["entry"])
        assert (ROOT / entry[0]).is_file() and os.access(ROOT / entry[0], os.X_OK), entry
        assert check_command(entry) is None
    validate = hooks["portal-validate"]
    assert validate["pass_filenames"] is False
    assert re.search(validate["files"], "data/organisations/fier.yml")
    assert re.search(validate["files"], "docs/youth/index.md")
    assert not re.search(validate["files"], "portal/cli/__init__.py")
    markdown = hooks["pymarkdown"]
    assert re.search(markdown["files"], "docs/youth/index.md")
    assert not re.search(markdown["files"], "README.md")


def _lint(*paths: Path) -> subprocess.CompletedProcess:
    """The pre-commit hook's command, run from the repository root like pre-commit does."""
    entry = shlex.split(next(h for h in _hooks() if h["id"] == "pymarkdown")["entry"])
    return subprocess.run([str(ROOT / entry[0]), *entry[1:], *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True)


def test_markdown_linter_passes_on_the_shipped_docs() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    result = _lint(*pages)
    assert result.returncode == 0, result.stdout + result.stderr


MKDOCS_PAGE = """---
title: Voorbeeld
description: Een pagina met wat MkDocs anders doet dan CommonMark.
audience: youth
---

# Voorbeeld

{long_line}

!!! warning "Let op"

    Tekst in de waarschuwing, vier spaties ingesprongen.

- Een punt
    - Een punt daaronder, vier spaties ingesprongen

```sh
scripts/build
```
"""

MKDOCS_PAGE = MKDOCS_PAGE.replace("{long_line}", "Een heel lange regel met een [keuze](index.md)"
                                  "{ .portal-choice } en een verwijzing naar "
                                  "[[veilig-thuis/telefoon]], één zin per regel.")

BROKEN_PAGE = "#Kop zonder spatie\n\n\n\nTekst met spaties aan het eind   \n* a\n- b\n"


def test_markdown_linter_accepts_mkdocs_syntax(tmp_path: Path) -> None:
    page = tmp_path / "mkdocs.md"
    page.write_text(MKDOCS_PAGE, encoding="utf-8")
    result = _lint(page)
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdown_linter_fails_on_broken_markdown(tmp_path: Path) -> None:
    page = tmp_path / "kapot.md"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    result = _lint(page)
    assert result.returncode != 0
    for rule in ("MD018", "MD012", "MD009", "MD004"):  # missing space, blanks, list style
        assert rule in result.stdout, rule


# --- the trust boundary of a pull request (issue 13) ------------------------------------

def test_deploy_publishes_no_web_editor() -> None:
    """GitHub Pages gets site/ alone; the web editor lives on its own host (nginx)."""
    workflow = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    steps = [step for _, step in _steps(workflow)]
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload")]
    assert [s["with"]["path"] for s in uploads] == ["site"]
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert "admin" not in text and "build/" not in text


def test_pull_requests_list_the_changed_contact_values() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "pr.yml")
    steps = [step for _, step in _steps(workflow)]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit is there to compare with
    step = next(s for s in steps if "contactwijzigingen" in s.get("run", ""))
    command = next(c for c in commands(step["run"]) if "contactwijzigingen" in c)
    assert command[:2] == [".venv/bin/portal", "contactwijzigingen"]
    assert check_command(command) is None
    assert "--format" in command and command[command.index("--format") + 1] == "github"
    # The base commit comes in through the environment, never pasted into the script.
    assert "${{" not in step["run"]
    assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert step.get("if") == "${{ !cancelled() }}"
    runs = _runs(workflow)
    assert runs.index(["scripts/build"]) < runs.index(command)  # the build installs portal


# --- CODEOWNERS -------------------------------------------------------------------------

MAINTAINERS = "@meldpunt-aanpak-loverboys-limburg/beheerders"


def _owners(path: str) -> list[str]:
    """The owners of a repository path by .github/CODEOWNERS: the last matching line wins,
    patterns as in .gitignore (GitHub's rules)."""
    import pathspec

    owners: list[str] = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *who = line.split()
        if pathspec.GitIgnoreSpec.from_lines([pattern]).match_file(path):
            owners = who
    return owners


@pytest.mark.parametrize(("path", "owned"), [
    ("portal/cli/__init__.py", True), ("mkdocs.yml", True), ("overrides/main.html", True),
    (".github/workflows/pr.yml", True), (".github/CODEOWNERS", True),
    ("deploy/nginx/meldpunt.conf", True), ("scripts/build", True), ("package.json", True),
    ("requirements/build.lock", True), ("tests/conftest.py", True), ("README.md", True),
    ("CONTRIBUTING.md", True), ("data/schemas-ish.txt", False),
    ("docs/assets/quick-exit.js", True), ("docs/assets/portal.css", True),
    ("data/organisations/fier.yml", False), ("data/roles.yml", False),
    ("docs/youth/index.md", False), ("docs/index.md", False),
    ("docs/assets/images/foto.png", False),
])
def test_codeowners_covers_everything_outside_data_and_docs(path: str, owned: bool) -> None:
    assert _owners(path) == ([MAINTAINERS] if owned else [])


def test_every_tracked_file_outside_data_and_docs_has_an_owner() -> None:
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True,
                           text=True, check=True).stdout.splitlines()
    unowned = [f for f in files if not f.startswith(("data/", "docs/")) and not _owners(f)]
    assert files and unowned == []
    scripts = [f for f in files if f.startswith("docs/assets/") and f.endswith((".js", ".css"))]
    assert scripts and all(_owners(f) == [MAINTAINERS] for f in scripts)


def test_codeowners_team_belongs_to_the_repository_owner() -> None:
    repo_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split(
        "\nnav:")[0].replace("!!python", ""))["repo_url"]
    assert MAINTAINERS.startswith("@" + repo_url.rstrip("/").split("/")[-2] + "/")


def test_readme_lists_the_branch_protection() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Branch protection", 1)[1].split("\n## ", 1)[0]
    section = " ".join(section.split())  # lines wrap anywhere
    for needle in ("Require a pull request before merging", "Require review from Code Owners",
                   "Dismiss stale pull request approvals", "Require status checks to pass",
                   "Gegevens, bouw, links en tests", "Do not allow bypassing",
                   "Allow force pushes", "Allow deletions", "CODEOWNERS"):
        assert needle in section, needle
