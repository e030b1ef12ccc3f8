"""Hostile input (issue 13): every bad data file or page is refused by `portal validate`
with a Dutch message naming file and line and exit status 1, the build (generate_site)
refuses it with the same problems, no Python traceback reaches the editor, nothing behind
a symbolic link is read, and no file under 1 MB takes more than 2 seconds or 200 MB.
Dates are read by one function: impossible days, and days in the future where the date
says when something was read or checked, are errors."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from portal.build import GenerationError, generate_site
from portal.checks.validate import validate_tree
from portal.cli import main
from portal.messages import CODES

from .conftest import FIXTURES, TODAY, build_fixture, fixture_project

ORG = "data/organisations/hulplijn.yml"  # line 2 name, 8 scope, 27 source.read, 29 verified.date
MUNI = "data/municipalities.yml"  # line 2 source.read
PAGE = "docs/index.md"  # lines 2-6 title .. last_reviewed, 8 "# Test"

# A "billion laughs": 9 levels of 9 aliases each, under 400 bytes, 387 million strings.
BOMB = "".join(
    f"{a}: &{a} [{', '.join([f'*{b}'] * 9) if b else ', '.join(['lol'] * 9)}]\n"
    for a, b in zip("abcdefghi", ["", *"abcdefgh"], strict=True))
DEEP_FLOW = "[" * 200 + "]" * 200
# notes: nested mappings; the root is level 1, so level 21 (one over the limit of 20) is
# the mapping on the 20th line after `notes:` (line 7 of the file: line 27).
DEEP_BLOCK = "notes:\n" + "".join(f"{'  ' * (k + 1)}k{k}:\n" for k in range(40)) \
    + "  " * 41 + "x: y\n"
BIG = "notes: >\n" + "  Een regel tekst die steeds terugkomt.\n" * 26000  # 990 kB: > 250 kB

def _x(*row):
    return row


# (case, file, text to replace (None: the whole file), replacement (str or bytes),
#  code, line, [pattern the message must match])
HOSTILE = [
    _x("alias-bomb", ORG, None, BOMB, "Y010", 1),
    _x("one-alias", ORG, "name: Hulplijn Test\n", "name: &naam Hulplijn Test\nnotes: *naam\n",
       "Y010", 2),
    _x("deep-flow-nesting", ORG, "description: Een hulplijn voor de tests.",
       f"description: {DEEP_FLOW}", "Y012", 4),
    _x("deep-block-nesting", ORG, "website: https://www.example.nl\n",
       "website: https://www.example.nl\n" + DEEP_BLOCK, "Y012", 27),
    _x("nul-byte", ORG, "name: Hulplijn Test", "name: Hulp\x00lijn Test", "Y008", 2,
       r"U\+0000"),
    _x("terminal-escape", ORG, "name: Hulplijn Test", "name: Hulp\x1b[2Jlijn Test", "Y008", 2),
    _x("delete-char", ORG, "name: Hulplijn Test", "name: Hulp\x7flijn Test", "Y008", 2),
    _x("escaped-nul", ORG, "name: Hulplijn Test", 'name: "Hulp\\0lijn Test"', "Y008", 2),
    _x("include-tag", ORG, "name: Hulplijn Test", "name: !include /etc/passwd", "Y011", 2),
    _x("python-tag", ORG, "name: Hulplijn Test",
       "name: !!python/object/apply:os.system ['echo hallo']", "Y011", 2),
    _x("standard-tag", ORG, "name: Hulplijn Test", "name: !!str Hulplijn Test", "Y011", 2),
    _x("tag-directive", ORG, None, "%TAG !e! tag:example.com,2000:\n---\nid: !e!x hulplijn\n",
       "Y011", 1),
    _x("not-utf8", ORG, "name: Hulplijn Test", "name: Caf\xe9 Test".encode("latin-1"), "Y005",
       2),
    _x("bom", ORG, "id: hulplijn", "\ufeffid: hulplijn", "Y006", 1, "byte-order mark"),
    _x("tab-indent", ORG, "  scope: national", "\tscope: national", "Y007", 8, "spaties"),
    # The text runs on to the next double quote, "09:00" on line 23.
    _x("unclosed-double-quote", ORG, "name: Hulplijn Test", 'name: "Hulplijn Test', "Y009", 2,
       r"regel 2\b.*regel 23\b"),
    _x("unclosed-single-quote", ORG, "name: Hulplijn Test", "name: 'Hulplijn Test", "Y009", 2,
       r"regel 2\b.*regel 3[01]\b"),
    _x("quote-closed-lines-later", ORG, "name: Hulplijn Test\nkind: helpline\n"
       "description: Een hulplijn voor de tests.",
       'name: "Hulplijn Test\nkind: helpline\ndescription: "Een hulplijn voor de tests."',
       "Y009", 2, r"regel 2\b.*regel 4\b"),
    _x("too-large", ORG, None, BIG, "Y014", 1),
    _x("impossible-read-date", ORG, "read: 2026-11-01", "read: 2026-02-30", "D001", 27,
       "2026-02-30"),
    _x("impossible-verified-date", ORG, "date: 2026-10-01", "date: 2026-04-31", "D001", 29),
    _x("impossible-municipal-date", MUNI, "read: 2026-11-01", "read: 2026-02-29", "D001", 2),
    _x("future-read-date", ORG, "read: 2026-11-01", "read: 2099-01-01", "D002", 27),
    _x("future-verified-date", ORG, "date: 2026-10-01", "date: 2099-10-01", "D002", 29),
    _x("future-channel-source", ORG, "    anonymous: true\n",
       "    anonymous: true\n    source:\n      url: https://www.example.nl/contact\n"
       "      read: 2026-12-01\n", "D002", 19),
    _x("future-municipal-date", MUNI, "read: 2026-11-01", "read: 2027-01-01", "D002", 2),
    _x("future-review-date", PAGE, "last_reviewed: 2026-11-01", "last_reviewed: 2099-01-01",
       "D002", 6),
    _x("impossible-news-date", PAGE, "last_reviewed: 2026-11-01\n",
       "last_reviewed: 2026-11-01\ndate: 2026-02-30\n", "D001", 7),
    _x("page-bom", PAGE, "---\ntitle", "\ufeff---\ntitle", "Y006", 1, "byte-order mark"),
    _x("page-nul-byte", PAGE, "# Test", "# Te\x00st", "Y008", 8),
    _x("page-not-utf8", PAGE, "# Test", "# Caf\xe9".encode("latin-1"), "Y005", 8),
    _x("page-alias", PAGE, "title: Test", "title: &t Test", "Y010", 2),
    _x("page-tag", PAGE, "title: Test", "title: !include /etc/passwd", "Y011", 2),
    _x("page-tab-indent", PAGE, "audience: all\n", "audience: all\nsearch:\n\texclude: true\n",
       "Y007", 6),
    _x("page-unclosed-quote", PAGE, "title: Test", 'title: "Test', "Y009", 2,
       r"regel 2\b.*regel 7\b"),
]
ROWS = HOSTILE

# Malformed YAML that is not one of the classes above: a Dutch message (Y001), never
# libyaml's English outside parentheses.
SYNTAX = [
    ("unclosed-list", "name: [Hulplijn Test"),
    ("unclosed-block", "name: {naam: Hulplijn"),
    ("colon-in-text", "name: Hulplijn: Test"),
    ("bad-indent", "name: Hulplijn Test\n   extra: x"),
    ("list-in-mapping", "name: Hulplijn Test\n- los"),
    ("bad-escape", 'name: "Hulp\\qlijn"'),
    ("anchor-without-name", "name: & Hulplijn"),
    ("two-documents", "name: Hulplijn Test\n---\nname: twee"),
    ("stray-indicator", "name: Hulplijn Test\n]"),
    ("block-scalar-indent", "name: |0\n  tekst"),
    ("half-surrogate-escape", 'name: "Hulp\\ud800lijn"'),
]
ENGLISH = re.compile(r"\b(found|expected|while|could not|cannot|not allowed|character|"
                     r"stream|scanning|parsing|mapping|sequence|token)\b", re.I)


def _break(tree: Path, file: str, old: str | None, new: str | bytes) -> None:
    path = tree / file
    if old is None:
        data = new.encode("utf-8") if isinstance(new, str) else new
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found: {old!r}"
        before, after = text.split(old, 1)
        middle = new if isinstance(new, bytes) else new.encode("utf-8")
        data = before.encode("utf-8") + middle + after.encode("utf-8")
    path.write_bytes(data)


def _validate(tree: Path):
    return validate_tree(tree / "data", today=TODAY, docs_dir=tree / "docs")[1]


def _dutch(detail: str) -> bool:
    return not ENGLISH.search(re.sub(r"\([^()]*\)", "", detail))


@pytest.mark.parametrize("row", HOSTILE, ids=[r[0] for r in HOSTILE])
def test_hostile_input_is_refused_with_code_file_and_line(fixture_tree: Path, monkeypatch,
                                                          row) -> None:
    _case, file, old, new, code, line, *pattern = row
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, file, old, new)
    problems = _validate(fixture_tree)
    texts = [p.format_text() for p in problems]
    assert [(p.code, p.path, p.line) for p in problems] == [(code, file, line)], texts
    assert _dutch(problems[0].detail), texts
    if pattern:
        assert re.search(pattern[0], problems[0].detail), texts


@pytest.mark.parametrize("row", HOSTILE, ids=[r[0] for r in HOSTILE])
def test_the_build_refuses_it_with_the_same_problems(fixture_tree: Path, monkeypatch,
                                                     row) -> None:
    _case, file, old, new, *_ = row
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, file, old, new)
    with pytest.raises(GenerationError) as caught:
        generate_site(fixture_tree / "data", today=TODAY, docs_dir=fixture_tree / "docs")
    assert caught.value.problems == _validate(fixture_tree)


@pytest.mark.parametrize("case", ["impossible-read-date", "alias-bomb", "include-tag"])
def test_the_mkdocs_build_stops_with_the_dutch_message(tmp_path: Path, case: str) -> None:
    _case, file, old, new, code, line, *_ = next(r for r in HOSTILE if r[0] == case)
    project = fixture_project(tmp_path)
    _break(project, file, old, new)
    result = build_fixture(project)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{file}:{line}:" in log and f" {code} fout: " in log, log
    assert "er is niets gepubliceerd" in log and "Traceback" not in log
    assert not (project / "out" / "index.html").exists()


def _portal(tree: Path, *args: str) -> subprocess.CompletedProcess:
    """The command line's own entry point (`portal`), run in this process in `tree`: its
    exit status and what it printed. In-process because a new interpreter costs about a
    second per call (the imports) and this file calls it 80 times; what an editor sees
    is the same, and an exception that escaped main() would fail the test here too. The
    heavy inputs run in a process of their own below, to measure its time and memory."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(tree), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        status = main(list(args))
    return subprocess.CompletedProcess(args, status, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("row", HOSTILE, ids=[r[0] for r in HOSTILE])
def test_portal_validate_exits_1_with_file_line_and_no_traceback(fixture_tree: Path,
                                                                 row) -> None:
    _case, file, old, new, code, line, *_ = row
    _break(fixture_tree, file, old, new)
    result = _portal(fixture_tree, "validate", "--today", TODAY.isoformat())
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert re.search(rf"^{re.escape(file)}:{line}:\d+: {code} fout: ", result.stdout, re.M), log
    assert "Traceback" not in log and "interne fout" not in log


def test_exit_status_2_is_only_for_wrong_use(fixture_tree: Path, monkeypatch, capsys) -> None:
    import portal.cli

    monkeypatch.chdir(fixture_tree)
    assert portal.cli.main(["validate", "--data", "geen-map"]) == 2
    with pytest.raises(SystemExit) as wrong:
        portal.cli.main(["validate", "--today", "2026-02-30"])
    assert wrong.value.code == 2
    _break(fixture_tree, ORG, "read: 2026-11-01", "read: 2026-02-30")
    assert portal.cli.main(["validate", "--today", TODAY.isoformat()]) == 1

    def bug(*_args, **_kwargs):
        raise RuntimeError("stuk")

    # A bug (no data input may cause one) is neither the editor's data (1) nor wrong use.
    monkeypatch.setattr(portal.cli, "validate_tree", bug)
    capsys.readouterr()
    assert portal.cli.main(["validate"]) == 3
    err = capsys.readouterr().err
    assert "interne fout (RuntimeError: stuk)" in err and "Traceback" not in err


@pytest.mark.parametrize(("case", "text"), SYNTAX, ids=[s[0] for s in SYNTAX])
def test_every_yaml_error_is_explained_in_dutch(fixture_tree: Path, monkeypatch, case,
                                                text) -> None:
    monkeypatch.chdir(fixture_tree)
    _break(fixture_tree, ORG, "name: Hulplijn Test", text)
    problems = _validate(fixture_tree)
    assert [p.path for p in problems] == [ORG], [p.format_text() for p in problems]
    assert problems[0].code.startswith("Y"), problems[0].format_text()
    assert _dutch(problems[0].detail), problems[0].format_text()


# --- Symbolic links: refused, and never followed (the secret is never read) ---------------

SECRET = "GEHEIM-buiten-de-repository"


def _outside(tree: Path) -> Path:
    """A folder next to data/ and docs/, standing for anything outside the repository."""
    outside = tree / "buiten"
    outside.mkdir(exist_ok=True)
    org = (FIXTURES / "data" / "organisations" / "hulplijn.yml").read_text(encoding="utf-8")
    (outside / "geheim.yml").write_text(org.replace("Hulplijn Test", SECRET), encoding="utf-8")
    page = (FIXTURES / "docs" / "index.md").read_text(encoding="utf-8")
    (outside / "geheim.md").write_text(page.replace("# Test", f"# {SECRET}"), encoding="utf-8")
    return outside


def _link_data_file(tree: Path) -> str:
    (tree / "data/organisations/geheim.yml").symlink_to(_outside(tree) / "geheim.yml")
    return "data/organisations/geheim.yml"


def _link_inside(tree: Path) -> str:
    (tree / "data/organisations/kopie.yml").symlink_to("hulplijn.yml")
    return "data/organisations/kopie.yml"


def _link_dangling(tree: Path) -> str:
    (tree / "data/organisations/weg.yml").symlink_to(tree / "nergens.yml")
    return "data/organisations/weg.yml"


def _link_loop(tree: Path) -> str:
    (tree / "data/organisations/a.yml").symlink_to("b.yml")
    (tree / "data/organisations/b.yml").symlink_to("a.yml")
    return "data/organisations/a.yml"


def _link_roles(tree: Path) -> str:
    outside = _outside(tree)
    shutil.move(tree / "data/roles.yml", outside / "roles.yml")
    (tree / "data/roles.yml").symlink_to(outside / "roles.yml")
    return "data/roles.yml"


def _link_folder(tree: Path) -> str:
    outside = _outside(tree)
    shutil.move(tree / "data/routes", outside / "routes")
    (tree / "data/routes").symlink_to(outside / "routes")
    (outside / "routes" / "geheim.yml").symlink_to(outside / "geheim.yml")
    return "data/routes"


def _link_page(tree: Path) -> str:
    (tree / "docs/geheim.md").symlink_to(_outside(tree) / "geheim.md")
    return "docs/geheim.md"


def _link_page_folder(tree: Path) -> str:
    (tree / "docs/extra").symlink_to(_outside(tree))
    return "docs/extra"


def _link_page_dangling(tree: Path) -> str:
    (tree / "docs/weg.md").symlink_to(tree / "nergens.md")
    return "docs/weg.md"


def _link_page_loop(tree: Path) -> str:
    (tree / "docs/a.md").symlink_to("b.md")
    (tree / "docs/b.md").symlink_to("a.md")
    return "docs/a.md"


def _link_image(tree: Path) -> str:
    # MkDocs would copy the target into the site.
    (tree / "docs/foto.png").symlink_to(_outside(tree) / "geheim.yml")
    return "docs/foto.png"


LINKS = [_link_data_file, _link_inside, _link_dangling, _link_loop, _link_roles, _link_folder,
         _link_page, _link_page_folder, _link_page_dangling, _link_page_loop, _link_image]


@pytest.mark.parametrize("make", LINKS, ids=lambda f: f.__name__[1:].replace("_", "-"))
def test_a_symbolic_link_is_refused_and_never_followed(fixture_tree: Path, make) -> None:
    where = make(fixture_tree)
    # Under docs/, links are refused with the other files that may not be published (G004).
    code = "G004" if where.startswith("docs/") else "Y013"
    result = _portal(fixture_tree, "validate", "--today", TODAY.isoformat())
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert re.search(rf"^{re.escape(where)}:1:1: {code} fout: ", result.stdout, re.M), log
    assert SECRET not in log
    assert "Traceback" not in log and "interne fout" not in log
    build = _portal(fixture_tree, "generate", str(fixture_tree / "uit"), "--today",
                    TODAY.isoformat())
    assert build.returncode == 1, build.stdout + build.stderr
    assert f"{where}:1:1: {code}" in build.stdout
    assert not (fixture_tree / "uit").exists()


# --- Time and memory ------------------------------------------------------------------------

# Runs `portal validate` as a grandchild, so the usage of that one process is measured.
MEASURE = """
import json, resource, subprocess, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a safety net for this machine
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"status": done.returncode, "wall": wall, "cpu": usage.ru_utime
                  + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                  "out": done.stdout + done.stderr}))
"""
HEAVY = ["alias-bomb", "deep-flow-nesting", "deep-block-nesting", "too-large"]
# Under the limit of 250 kB: 40,000 list items (refused: more than 10,000 values), and
# one text of 245 kB (read, then a misspelt key is found).
NEAR_LIMIT = [("many-values", ORG, "description: Een hulplijn voor de tests.",
               "description:\n" + "  - x\n" * 40000, "Y014", 1),
              ("long-text", ORG, "description: Een hulplijn voor de tests.\n",
               "description: " + "Een hulplijn voor de tests. " * 8700 + "\nwebsit: x\n",
               "S001", 5)]


@pytest.mark.parametrize("row", [r for r in ROWS if r[0] in HEAVY] + NEAR_LIMIT,
                         ids=[*HEAVY, *(r[0] for r in NEAR_LIMIT)])
def test_a_hostile_file_takes_under_2_seconds_and_200_mb(fixture_tree: Path, row) -> None:
    _case, file, old, new, code, line, *_ = row
    _break(fixture_tree, file, old, new)
    assert (fixture_tree / file).stat().st_size < 1_000_000 or code == "Y014"
    cmd = [sys.executable, "-c", MEASURE, sys.executable, "-m", "portal.cli", "validate",
           "--today", TODAY.isoformat()]
    result = subprocess.run(cmd, cwd=fixture_tree, capture_output=True, text=True,
                            timeout=120)
    measured = json.loads(result.stdout)
    assert measured["status"] == 1, measured["out"]
    assert f"{file}:{line}:" in measured["out"] and f" {code} fout: " in measured["out"]
    print(f"{row[0]}: {measured['wall']:.2f} s wall, {measured['cpu']:.2f} s cpu, "
          f"{measured['rss_mb']:.0f} MB")
    assert measured["rss_mb"] < 200, measured
    # The whole command, Python's start-up included. CPU time is what this input costs;
    # wall time on a busy test machine also counts the other workers, so it only has to
    # show that nothing hangs (the bomb took over a minute before).
    assert measured["cpu"] < 2.0, measured
    assert measured["wall"] < 20.0, measured


# --- Dates: one reader ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("2026-01-31", date(2026, 1, 31)), ("2024-02-29", date(2024, 2, 29)),
    ("2026-02-29", None), ("2026-02-30", None), ("2026-04-31", None), ("2026-13-01", None),
    ("2026-00-10", None), ("20261101", None), ("2026-W01-1", None), ("2026-1-1", None),
    (" 2026-01-31", None), ("2026-01-31\n", None), ("٢٠٢٦-٠١-٣١", None), (None, None),
    (20260131, None), (date(2026, 1, 31), None),
])
def test_parse_day_reads_only_real_days_written_as_yyyy_mm_dd(text, day) -> None:
    from portal.data.dates import parse_day

    assert parse_day(text) == day


def test_every_date_field_of_the_schemas_is_known() -> None:
    from portal.data.schema import day_fields

    found = {kind: day_fields(kind) for kind in
             ("organisation", "route", "roles", "municipalities", "page", "zoekwoorden")}
    expected = {
        "organisation": {("source", "read"): True, ("channels", "*", "source", "read"): True,
                         ("verified", "date"): True},
        "municipalities": {("source", "read"): True},
        "page": {("last_reviewed",): True, ("date",): False},  # a news post may be planned
    }
    for kind, fields in expected.items():
        assert fields.items() <= found[kind].items(), kind
    # A new kind of date field needs a decision: does it say when something was read or
    # checked (portal/data/dates.py READ_OR_CHECKED)?
    names = {field[-1] for fields in found.values() for field in fields}
    assert names <= {"read", "date", "last_reviewed"}, names


def test_new_codes_are_declared() -> None:
    used = {r[4] for r in ROWS} | {"Y013"}
    assert used <= set(CODES)
