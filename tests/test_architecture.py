"""The shape of the code: the core is free of MkDocs.

(No line cap per module: it split code by size, not by role. The developers' guide asks
for layers declared as import-linter contracts instead; that is issue 14's work.)"""

from __future__ import annotations

import ast

import pytest
from mkdocs.config import load_config

from .conftest import ROOT

PACKAGE = ROOT / "portal"
ADAPTER = "mkdocs_plugin.py"  # the one module that knows MkDocs


@pytest.mark.parametrize("module", sorted(p.name for p in PACKAGE.glob("*.py")
                                           if p.name != ADAPTER))
def test_core_does_not_import_mkdocs(module: str) -> None:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] in ("mkdocs", "material")}


def test_plugin_is_registered_and_watches_the_data(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["portal"]
    config = plugin.on_config(config)
    assert str(ROOT / "data") in config.watch
    assert config.extra["portal_crisis"] == {"label": "Bel 112", "tel": "112", "shown": "112"}
