"""The core produces everything without MkDocs, and the plugin's options fail when
mkdocs.yml is loaded, not halfway through a build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from portal.cli import main

from .conftest import fixture_project


def test_generate_writes_complete_pages_without_mkdocs(tmp_path: Path, capsys) -> None:
    project = fixture_project(tmp_path)
    out = tmp_path / "out"
    code = main(["generate", str(out), "--data", str(project / "data"),
                 "--docs", str(project / "docs"), "--today", "2026-11-29"])
    assert code == 0, capsys.readouterr()
    page = (out / "index.md").read_text(encoding="utf-8")
    # The reference is filled in exactly as the plugin does it, linked from this page.
    assert "[[" not in page
    assert re.search(r"\[Hulplijn Test\]\(hulp/hulplijn\.md\): "
                     r"\[0800 2000\]\(tel:\+318002000\)\{ \.portal-contact \}", page)
    # The generated pages sit beside the hand-written ones; a hand-written one wins.
    assert (out / "hulp" / "hulplijn.md").is_file()
    assert "Met de hand geschreven" in (out / "hulp" / "regio-noord.md").read_text("utf-8")
    for md in out.rglob("*.md"):
        assert "[[" not in md.read_text(encoding="utf-8"), md


def test_generate_again_rewrites_only_what_changed(tmp_path: Path, capsys) -> None:
    """A second `portal generate` into the same folder leaves unchanged files alone (their
    dates stay), so that an engine watching the folder rebuilds only what changed."""
    project = fixture_project(tmp_path)
    out = tmp_path / "out"
    args = ["generate", str(out), "--data", str(project / "data"), "--docs",
            str(project / "docs"), "--today", "2026-11-29"]
    assert main(args) == 0, capsys.readouterr()
    before = {path: (path.stat().st_mtime_ns, path.read_bytes())
              for path in out.rglob("*") if path.is_file()}
    org = project / "data" / "organisations" / "hulplijn.yml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "name: Hulplijn Test", "name: Hulplijn Proef"), encoding="utf-8")
    assert main(args) == 0, capsys.readouterr()
    touched = {path.relative_to(out).as_posix() for path, (mtime, _) in before.items()
               if path.stat().st_mtime_ns != mtime}
    changed = {path.relative_to(out).as_posix() for path, (_, content) in before.items()
               if path.read_bytes() != content}
    assert touched == changed, sorted(touched ^ changed)
    assert {"hulp/hulplijn.md", "index.md"} <= changed  # its page; a page citing it
    assert len(changed) < len(before), "nothing left unchanged"


def _load(project: Path, **portal_options: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for key, value in portal_options.items():
        text = re.sub(rf"(?m)^(\s+){key}:.*$", rf"\g<1>{key}: {value}", text)
        if f"{key}: {value}" not in text:  # not in the fixture's mkdocs.yml yet
            text = text.replace("  - portal:\n", f"  - portal:\n      {key}: {value}\n")
    config.write_text(text, encoding="utf-8")
    load_config(config_file=str(config))


@pytest.mark.parametrize(("option", "value", "message"), [
    ("today", "gisteren", "geen datum"),
    ("today", '"2026-13-01"', "geen datum"),  # quoted: unquoted, YAML itself fails
    ("crisis_channel", "alarmnummer", "organisatie/kanaal"),
    ("crisis_channel", "a/b/c", "organisatie/kanaal"),
    ("data_dir", "bestaat-niet", "bestaat-niet"),
    ("templates_dir", "geen-map", "geen-map"),
    ("csp_allowlist", "geen-lijst.json", "geen-lijst.json"),
])
def test_a_wrong_option_fails_when_mkdocs_yml_is_loaded(tmp_path: Path, caplog, option: str,
                                                        value: str, message: str) -> None:
    project = fixture_project(tmp_path)
    with pytest.raises((ConfigurationError, Abort)):
        _load(project, **{option: value})
    assert message in caplog.text


def test_the_fixture_options_load(tmp_path: Path) -> None:
    """The same loading with good values passes, so the failures above are the values'."""
    project = fixture_project(tmp_path)
    _load(project, today="2026-11-29", crisis_channel="hulplijn/telefoon")
