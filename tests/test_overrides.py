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
