"""The shape of the code: the layers of the pipeline and the MkDocs boundary, declared as
import-linter contracts in pyproject.toml ([tool.importlinter]) and checked here on the
real tree and on copies with a forbidden import planted, so a broken contract is seen to
fail. (No line cap per module: it split code by size, not by role.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from mkdocs.config import load_config

from .conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYERS = "Layers of the pipeline"
MKDOCS_ONLY_IN_PLUGIN = "Only the MkDocs plugin imports MkDocs or its theme"


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """lint-imports on `project` (its pyproject.toml and its portal/, found first on the
    path), without import-linter's cache folder."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(project / "pyproject.toml")],
        cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
        capture_output=True, text=True, timeout=120)


def test_the_contracts_hold_on_the_real_tree() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_no_contract_ignores_an_import() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert {c["type"] for c in contracts} == {"layers", "forbidden"}
    assert not [c["name"] for c in contracts if "ignore_imports" in c]


@pytest.mark.parametrize(("module", "planted", "contract"), [
    # The data layer reaching up into the pages (the example).
    ("data/model.py", "from ..pages import render", LAYERS),
    # Exports are below pages: the pages may show JSON-LD, exports may not use templates.
    ("exports/opendata.py", "from ..pages.render import make_environment", LAYERS),
    # A check that needs the built site or an editor's tool.
    ("checks/rules.py", "from ..sitecheck import linkcheck", LAYERS),
    # The core stays free of MkDocs, its theme and its plugins.
    ("pages/render.py", "import mkdocs.plugins", MKDOCS_ONLY_IN_PLUGIN),
    ("build.py", "from material import plugins", MKDOCS_ONLY_IN_PLUGIN),
])
def test_a_planted_import_breaks_its_contract(tmp_path: Path, module: str, planted: str,
                                              contract: str) -> None:
    shutil.copytree(ROOT / "portal", tmp_path / "portal",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    assert lint_imports(tmp_path).returncode == 0  # the copy holds before the planting
    path = tmp_path / "portal" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{planted}  # planted\n",
                    encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert len(broken) == 1 and broken[0].startswith(contract), result.stdout
    assert "Contracts: 1 kept, 1 broken." in result.stdout


def test_plugin_is_registered_and_watches_the_data(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["portal"]
    config = plugin.on_config(config)
    assert str(ROOT / "data") in config.watch
    assert config.extra["portal_crisis"] == {"label": "Bel 112", "tel": "112", "shown": "112"}
