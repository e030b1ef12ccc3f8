"""The trust boundary for files under docs/ (portal/checks/docsfiles.py, codes G001-G008): a pull
request (from the web editor, a stolen account or a stranger's fork) may add Markdown and a
listed set of image and PDF types; SVG, HTML, scripts outside docs/assets/, files whose
bytes are not what their name says, symlinks and odd file names are refused by
`portal validate` with file:1 and a Dutch message, and so the build stops too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.checks.validate import has_errors, validate_tree

from .conftest import BUILD_DAY, FIXTURES, ROOT, TODAY

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
GIF = b"GIF89a" + b"\0" * 32
WEBP = b"RIFF\x24\0\0\0WEBPVP8 " + b"\0" * 32
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\0" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><script>localStorage.clear()</script>"


def _problems(tree: Path):
    return validate_tree(tree / "data", today=TODAY, docs_dir=tree / "docs")[1]


def _codes(tree: Path) -> list[tuple[str, int, str]]:
    return sorted((p.path, p.line, p.code) for p in _problems(tree) if p.code.startswith("G"))


def _add(tree: Path, rel: str, content: bytes) -> None:
    path = tree / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.parametrize(("rel", "content"), [
    ("assets/images/foto.png", PNG), ("assets/images/foto.jpg", JPEG),
    ("assets/images/FOTO.JPEG", JPEG), ("jongeren/plaatje.gif", GIF),
    ("assets/images/kaart.webp", WEBP), ("folders/brochure.pdf", PDF),
    ("assets/extra.css", b"body{}"), ("assets/extra.js", b"/* eigen script */"),
    ("sub/pagina.md", b"---\ntitle: x\n---\n"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_listed_types_pass(fixture_tree: Path, monkeypatch, rel: str, content: bytes) -> None:
    monkeypatch.chdir(fixture_tree)
    _add(fixture_tree, rel, content)
    assert _codes(fixture_tree) == []


# (case, file under docs/, content, expected code)
REFUSED = [
    ("svg", "assets/images/logo.svg", SVG, "G005"),
    ("svg-upper", "assets/images/LOGO.SVG", SVG, "G005"),
    ("svgz", "assets/images/logo.svgz", b"\x1f\x8b", "G005"),
    ("html", "assets/images/pagina.html", HTML, "G006"),
    ("htm", "info.htm", HTML, "G006"),
    ("xhtml", "info.xhtml", HTML, "G006"),
    ("shtml", "info.shtml", HTML, "G006"),
    ("exe", "assets/images/setup.exe", b"MZ", "G001"),
    ("xml", "feed.xml", b"<?xml version='1.0'?><x/>", "G001"),
    ("no-extension", "assets/images/LEESMIJ", b"tekst", "G001"),
    ("dotfile", ".htaccess", b"Options +Indexes", "G001"),
    ("double-extension", "assets/images/foto.png.html", HTML, "G006"),
    ("js-in-images", "assets/images/foto.js", b"alert(1)", "G002"),
    ("css-in-a-page-folder", "youth/stijl.css", b"body{}", "G002"),
    ("js-deeper-in-assets", "assets/js/x.js", b"alert(1)", "G002"),
    ("mjs", "assets/x.mjs", b"alert(1)", "G001"),
    ("md-upper", "PAGINA.MD", b"---\ntitle: x\n---\nBel 06-12345678.\n", "G001"),
    ("html-as-png", "assets/images/foto.png", HTML, "G003"),
    ("svg-as-jpg", "assets/images/foto.jpg", SVG, "G003"),
    ("pdf-not-pdf", "brochure.pdf", b"<html><body>phishing</body></html>", "G003"),
    ("png-as-gif", "plaatje.gif", PNG, "G003"),
    ("space-in-name", "assets/images/mijn foto.png", PNG, "G008"),
    ("non-ascii-name", "assets/images/fotö.png", PNG, "G008"),
    ("rtl-override-name", "assets/images/gnp\u202e.png", PNG, "G008"),
]


@pytest.mark.parametrize(("rel", "content", "code"), [r[1:] for r in REFUSED],
                         ids=[r[0] for r in REFUSED])
def test_other_files_are_refused_at_line_1(fixture_tree: Path, monkeypatch, rel: str,
                                          content: bytes, code: str) -> None:
    monkeypatch.chdir(fixture_tree)
    _add(fixture_tree, rel, content)
    problems = [p for p in _problems(fixture_tree) if p.code.startswith("G")]
    assert [(p.path, p.line, p.code) for p in problems] == [(f"docs/{rel}", 1, code)]
    assert has_errors(problems)
    text = problems[0].format_text()
    assert text.startswith(f"docs/{rel}:1:1: {code} fout: ")
    assert re.search(r"\b(de|het|een|mag|niet)\b", text) and " Tip: " in text  # Dutch


def test_a_large_image_is_refused(fixture_tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    _add(fixture_tree, "assets/images/groot.png", PNG + b"\0" * (10 * 1024 * 1024))
    _add(fixture_tree, "assets/images/klein.png", PNG + b"\0" * (1024 * 1024))
    assert _codes(fixture_tree) == [("docs/assets/images/groot.png", 1, "G007")]


# With a link under docs/, validate reads no page at all (portal/checks/validate.py), so a dangling
# link no longer stops the placeholder scan (portal/editors/scaffold.py).
@pytest.mark.parametrize("target", ["outside", "inside", "dangling", "folder"])
def test_a_symlink_is_refused_and_not_followed(fixture_tree: Path, monkeypatch,
                                               tmp_path_factory, target: str) -> None:
    monkeypatch.chdir(fixture_tree)
    secret = tmp_path_factory.mktemp("buiten") / "geheim.md"
    secret.write_text("---\ntitle: Geheim\n---\nGeheim\n", encoding="utf-8")
    link = fixture_tree / "docs" / "link.md"
    if target == "outside":
        link.symlink_to(secret)
    elif target == "inside":
        link.symlink_to(fixture_tree / "docs" / "index.md")
    elif target == "dangling":
        link.symlink_to(fixture_tree / "docs" / "bestaat-niet.md")
    else:
        link = fixture_tree / "docs" / "map"
        link.symlink_to(secret.parent, target_is_directory=True)
    rel = link.relative_to(fixture_tree).as_posix()
    assert _codes(fixture_tree) == [(rel, 1, "G004")]


def test_every_file_is_reported(fixture_tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(fixture_tree)
    for name in ("a.svg", "b.html", "c.exe"):
        _add(fixture_tree, f"assets/images/{name}", b"x")
    assert [c for _, _, c in _codes(fixture_tree)] == ["G005", "G006", "G001"]


def test_the_shipped_docs_pass() -> None:
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        problems = validate_tree(ROOT / "data", today=BUILD_DAY, docs_dir=ROOT / "docs")[1]
    finally:
        os.chdir(cwd)
    assert [p.format_text() for p in problems if p.code.startswith("G")] == []


def test_portal_validate_exits_1_and_the_build_stops(fixture_tree: Path) -> None:
    _add(fixture_tree, "assets/images/logo.svg", SVG)
    result = subprocess.run([sys.executable, "-c", "import sys; from portal.cli import main; "
                             "sys.exit(main(['validate']))"], cwd=fixture_tree,
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/assets/images/logo.svg:1:1: G005" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_codes_are_declared_in_dutch() -> None:
    from portal.messages import CODES, Severity

    for code in (f"G00{i}" for i in range(1, 9)):
        rule = CODES[code]
        assert rule.severity is Severity.ERROR
        assert rule.title and rule.hint and " de " in f" {rule.title} {rule.hint} ".lower()


def test_the_build_stops_before_publishing_a_refused_file(tmp_path: Path) -> None:
    project = tmp_path / "src"
    shutil.copytree(FIXTURES / "site", project)
    shutil.copytree(FIXTURES / "data", project / "data")
    (project / "docs" / "logo.svg").write_bytes(SVG)
    secret = tmp_path / "geheim.md"
    secret.write_text("---\ntitle: Geheim\n---\nGEHEIM\n", encoding="utf-8")
    (project / "docs" / "geheim.md").symlink_to(secret)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "out")],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in log
    assert "docs/logo.svg:1:1: G005" in log and "docs/geheim.md:1:1: G004" in log
    out = project / "out"
    assert not out.exists() or not [p for p in out.rglob("*")
                                    if p.suffix == ".svg" or "GEHEIM" in _text(p)]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
