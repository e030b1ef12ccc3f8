"""Copies of theme partials in overrides/ differ from the theme's own only where they
mean to, so a theme update that changes the partial is noticed."""

from __future__ import annotations

import re
from pathlib import Path

import material

from .conftest import ROOT

THEME = Path(material.__file__).parent / "templates"
COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def test_search_partial_only_names_the_dialog() -> None:
    ours = COMMENT.sub("", (ROOT / "overrides/partials/search.html").read_text())
    theirs = COMMENT.sub("", (THEME / "partials/search.html").read_text())
    named = ' aria-label="{{ lang.t(\'search\') }}"'
    assert named in ours
    assert ours.replace(named, "", 1) == theirs


def test_palette_script_keeps_the_theme_script_unchanged() -> None:
    # Ours adds what the theme's main script would do at startup (it loads at first use),
    # from a file: only the theme's script is inline (its hash is in
    # portal/sitecheck/csp_allowlist.json).
    ours = (ROOT / "overrides/partials/javascripts/palette.html").read_text()
    theirs = COMMENT.sub("", (THEME / "partials/javascripts/palette.html").read_text())
    assert theirs.strip() in ours
    assert ours.count("<script>") == 1
    assert "<script src=\"{{ 'assets/palette-start.js' | url }}\"></script>" in ours


def test_the_theme_scripts_block_starts_with_its_bundle() -> None:
    # overrides/main.html makes the first <script src= of this block inert.
    base = (THEME / "base.html").read_text()
    block = base.split("{% block scripts %}", 1)[1]
    assert block.lstrip().startswith("<script src=\"{{ 'assets/javascripts/bundle.")
