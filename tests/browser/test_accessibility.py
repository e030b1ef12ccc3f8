"""WCAG 2.1 AA in a real browser: axe-core finds no violation on any built page, on a
phone in light and on a desktop in dark, and on one page of each kind in all four
variants (sweep._check_axe says why), as it first appears and after the theme's script
has run (it loads at first use); a page with a missing alt text or too little contrast,
in light or in dark, makes the same check fail."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import material
import pytest

from .sweep import KINDS, sweep_pages

pytestmark = pytest.mark.browser


def _report(found: dict[str, list[str]]) -> str:
    lines = []
    for where, hits in sorted(found.items())[:20]:
        lines.append(where)
        lines += [f"    {hit[:240]}" for hit in hits[:5]]
    return "\n".join(lines)


def test_no_axe_violation_on_any_page(site_sweep) -> None:
    # Every page is in one part: tests/browser/test_privacy.py checks the parts.
    assert site_sweep.pages > 0
    assert site_sweep.axe == {}, f"{len(site_sweep.axe)} pagina-varianten:\n" + _report(
        site_sweep.axe)


def test_no_axe_violation_after_the_theme_script_ran(nginx) -> None:
    found = sweep_pages(nginx, [k for k in KINDS if k != "/bestaat-niet/"], workers=2,
                        first_use=True)
    assert found.axe == {}, _report(found.axe)
    assert found.console == [] and found.csp == [] and found.outside == []


# (what breaks, added to the youth page's article; the variant that must find it: the
# article is checked in light on a phone and in dark on a desktop, see sweep._check_axe)
BREAKS = {
    # An image without alt text.
    "image-alt": ('<img src="../assets/geen-alt.png">', "telefoon, licht"),
    # Light grey text on white: fails in the light scheme.
    "color-contrast": ('<p class="portal-test-grey">Grijze tekst</p>', "telefoon, licht"),
    # Dark grey text, fine on white, on the dark scheme's background.
    "color-contrast-dark": ('<p class="portal-test-dark">Donkere tekst</p>', "desktop, donker"),
}
TEST_CSS = """
.portal-test-grey { color: #bbb; }
[data-md-color-scheme="slate"] .portal-test-dark { color: #3a3a3a; }
"""


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_a_broken_page_fails_the_check(built_site: Path, tmp_path: Path, serve, rule) -> None:
    shutil.copytree(built_site, tmp_path / "site")
    page = tmp_path / "site" / "youth" / "index.html"
    element, variant = BREAKS[rule]
    html = page.read_text(encoding="utf-8")
    assert "</article>" in html
    page.write_text(html.replace("</article>", element + "</article>", 1), encoding="utf-8")
    css = tmp_path / "site" / "assets" / "portal.css"
    css.write_text(css.read_text() + TEST_CSS)
    # As a page that is not one of KINDS: checked in two variants only.
    found = sweep_pages(serve(tmp_path / "site"), ["/youth/"], workers=1, full=())
    axe_rule = rule.removesuffix("-dark")
    assert [hit for hit in found.axe.get(f"/youth/ [{variant}]", [])
            if hit.startswith(axe_rule + ":")], _report(found.axe)


# What _check_axe (sweep.py) relies on: in the page's article, no style changes a colour or
# hides an element by the width of the screen, so the article is checked once per scheme.
# Width-dependent blocks of the theme's and the portal's stylesheets are scanned for a rule
# that reaches into the article (.md-typeset, .md-content) and sets a colour or hides.
_WIDTH_BLOCK = re.compile(r"@media[^{]*(?:min|max)-width[^{]*\{((?:[^{}]*\{[^{}]*\})*)\s*\}")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CHANGES = re.compile(r"(?:^|[;\s])(?:color|background(?:-color)?|opacity|visibility)\s*:"
                      r"|display\s*:\s*none|content-visibility")


def _width_dependent_article_rules(css: str) -> list[str]:
    found = []
    for block in _WIDTH_BLOCK.finditer(css):
        for selector, body in _RULE.findall(block.group(1)):
            if re.search(r"\.md-(typeset|content)\b", selector) and _CHANGES.search(body):
                found.append(f"{selector.strip()[:80]} {{{body.strip()[:80]}}}")
    return found


def test_the_article_looks_the_same_at_every_width_but_its_layout() -> None:
    from ..conftest import ROOT

    sheets = [ROOT / "docs" / "assets" / "portal.css",
              *Path(material.__file__).parent.glob("templates/assets/stylesheets/*.min.css")]
    assert len(sheets) >= 3
    found = [hit for sheet in sheets
             for hit in _width_dependent_article_rules(sheet.read_text(encoding="utf-8"))]
    assert found == [], found
    # The scan finds such a rule.
    assert _width_dependent_article_rules(
        "@media screen and (max-width: 40em) {.md-typeset .x {color: #777}}")
