"""WCAG 2.1 AA in a real browser: axe-core finds no violation on any built page, on a
phone and a desktop, in light and dark, as it first appears and, for each kind of page,
after the theme's script has run (it loads at first use); a page with a missing alt text
or too little contrast makes the same check fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .sweep import sweep_pages

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


# One page of each kind, and the pages with tables (the theme's script wraps them). The
# editors' page (/redactie/actualiteit/) is in preview builds only, not in this public one.
# An audience's landing page is here once (/youth/), in Dutch and in English (/en/); the
# Wegwijzer's page has the answers that open in place.
KINDS = ["/", "/youth/", "/parents/signalen/", "/hulp/fier/", "/gemeenten/maastricht/",
         "/wat-kan-ik-doen/zorgen-om-mijn-kind/", "/wegwijzer/ouder/", "/nieuws/",
         "/toegankelijkheid/", "/open-data/", "/materialen/", "/en/"]


def test_no_axe_violation_after_the_theme_script_ran(nginx) -> None:
    found = sweep_pages(nginx, KINDS, workers=2, first_use=True)
    assert found.axe == {}, _report(found.axe)
    assert found.console == [] and found.csp == [] and found.outside == []


BREAKS = {
    # An image without alt text: fails in every variant.
    "image-alt": ('</article>', '<img src="../assets/geen-alt.png"></article>'),
    # Light grey text on white: fails in the light scheme.
    "color-contrast": ('</article>', '<p class="portal-test-grey">Grijze tekst</p></article>'),
}


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_a_broken_page_fails_the_check(built_site: Path, tmp_path: Path, serve, rule) -> None:
    shutil.copytree(built_site, tmp_path / "site")
    page = tmp_path / "site" / "youth" / "index.html"
    old, new = BREAKS[rule]
    html = page.read_text(encoding="utf-8")
    assert old in html
    page.write_text(html.replace(old, new, 1), encoding="utf-8")
    css = tmp_path / "site" / "assets" / "portal.css"
    css.write_text(css.read_text() + "\n.portal-test-grey { color: #bbb; }\n")
    found = sweep_pages(serve(tmp_path / "site"), ["/youth/"], workers=1)
    hits = [hit for hits in found.axe.values() for hit in hits if hit.startswith(rule + ":")]
    assert hits, _report(found.axe)
    assert "/youth/ [desktop, licht]" in found.axe
