"""Every built page is valid HTML: the W3C Nu Html Checker (vnu-jar from npm, run with
Debian's headless JRE, both installed by scripts/test) finds no error in any page of the
session build, and the theme templates copied into overrides/ for that differ from the
theme's own only where they mean to."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import material
import pytest

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
THEME = Path(material.__file__).parent / "templates"
THEME_NOTE = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
OUR_NOTE = re.compile(r"\A\{#-.*?-#\}\n", re.S)

# Messages of the checker that are wrong about a page, each with why and where that is
# known. Keep this empty unless the checker itself is at fault: fix the page instead.
FALSE_POSITIVES: dict[str, str] = {}


def run_vnu(files: list[Path]) -> list[dict]:
    """The checker's errors for these files, in one Java process (one start for all)."""
    assert files, "geen HTML-bestanden om te controleren"
    java = shutil.which("java")
    assert java, "geen java: scripts/test installeert Debians default-jre-headless"
    assert VNU.is_file(), f"{VNU} ontbreekt: scripts/test installeert vnu-jar (npm ci)"
    result = subprocess.run(
        # One short run: the JIT's first tier only, about half the CPU of the default
        # (13.7 -> 7.2 s for the shipped site); the checker's deep schema needs the stack.
        [java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--errors-only",
         "--format", "json", "--stdout",
         *map(str, files)],
        capture_output=True, text=True, timeout=900)
    # Exit 1 means "errors found"; anything else but 0 is the checker failing to run.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stdout)["messages"]


def report(messages: list[dict], root: Path) -> str:
    """The errors grouped by message, most frequent first, with a count and example pages."""
    pages: dict[str, list[str]] = defaultdict(list)
    extracts: dict[str, str] = {}
    for m in messages:
        text = m.get("message", "?")
        where = m.get("url", "?").removeprefix("file:")
        where = str(Path(where).relative_to(root)) if where.startswith(str(root)) else where
        pages[text].append(f"{where}:{m.get('lastLine', '?')}")
        extracts.setdefault(text, " ".join(m.get("extract", "").split())[:160])
    lines = [f"{len(messages)} fout(en) in {len({m.get('url') for m in messages})} pagina's:"]
    for text, where in sorted(pages.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"- {len(where)}x {text}\n    bijv. {', '.join(where[:3])}"
                     f"\n    {extracts[text]}")
    return "\n".join(lines)


def test_vnu_finds_the_errors_of_an_invalid_page(tmp_path: Path) -> None:
    # The theme's markup before overrides/ fixed it: shows that the check can fail and
    # that report() names each message with its count and page.
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body>\n'
        '<input type="checkbox" id="__drawer" autocomplete="off">\n'
        '<label for="__drawer" tabindex="">Menu</label>\n'
        '<label for="__toc">Inhoud</label>\n'
        '</body></html>\n', encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text(
        '<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body>\n'
        '<form id="__toggles" autocomplete="off" hidden></form>\n'
        '<input type="checkbox" id="__drawer" form="__toggles">\n'
        '<label for="__drawer">Menu</label>\n'
        '</body></html>\n', encoding="utf-8")
    messages = run_vnu([bad, good])
    assert {m["url"].removeprefix("file:") for m in messages} == {str(bad)}
    text = report(messages, tmp_path)
    assert "Attribute “autocomplete” is only allowed" in text
    assert "Bad value “” for attribute “tabindex” on element “label”" in text
    assert "must be the ID of a non-hidden form control" in text
    assert "bad.html:3" in text


def test_every_built_page_is_valid_html(built_site: Path) -> None:
    files = sorted(built_site.rglob("*.html"))
    names = {str(f.relative_to(built_site)) for f in files}
    # Every kind of page is among them: Dutch, English, the 404 page, generated pages
    # (municipalities, organisations) and the forwarding pages of the short addresses.
    assert {"index.html", "en/index.html", "404.html", "gemeenten/heerlen/index.html",
            "en/hulp/index.html", "jongeren/index.html"} <= names
    assert any(n.startswith("hulp/") for n in names)
    messages = [m for m in run_vnu(files) if m.get("message") not in FALSE_POSITIVES]
    assert not messages, report(messages, built_site)


@pytest.mark.browser
def test_an_open_drawer_is_closed_again_on_going_back(browser, nginx) -> None:
    # The theme's autocomplete="off" kept Chromium from bringing back the toggles' state
    # on going back; without it (invalid on a checkbox) it did. overrides/base.html gives
    # them a form owner with autocomplete="off" instead.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.add_init_script(
            "addEventListener('pageshow', e => { window.__fromCache = e.persisted; });")
        page.goto(f"{nginx}/over-het-meldpunt/")
        page.click("label.md-header__button[for=__drawer]")
        assert page.evaluate("__drawer.checked")
        assert page.evaluate("__drawer.form.getAttribute('autocomplete')") == "off"
        page.goto(f"{nginx}/")
        page.go_back()
        # From the back/forward cache the page keeps its state (as with the theme's own
        # markup): this test is about a page loaded again.
        assert page.evaluate("window.__fromCache") is False
        assert page.evaluate("[__drawer.checked, __search.checked]") == [False, False]
    finally:
        context.close()


# The theme templates copied into overrides/ for valid HTML: each still equals the theme's
# own but for the change its opening comment explains, so a theme update that changes
# one of them (or the bundle's file name in base.html) is noticed here.
COPIES = {
    "base.html": [
        ('<form id="__toggles" autocomplete="off" hidden></form>\n    '
         '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
         'form="__toggles">',
         '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
         'autocomplete="off">'),
        ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
         'form="__toggles">',
         '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
         'autocomplete="off">'),
    ],
    "partials/nav-item.html": [
        ('          <label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"'
         '{% if not is_section %} tabindex="0"{% endif %}>',
         '          {% set tabindex = "0" if not is_section %}\n'
         '          <label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" '
         'tabindex="{{ tabindex }}">'),
        ('              <label class="md-nav__link {{ class }}" for="{{ path }}" '
         'id="{{ path }}_label"{% if not is_section %} tabindex="0"{% endif %}>',
         '              {% set tabindex = "0" if not is_section %}\n'
         '              <label class="md-nav__link {{ class }}" for="{{ path }}" '
         'id="{{ path }}_label" tabindex="{{ tabindex }}">'),
    ],
    "partials/toc.html": [
        ('    {#- The "__toc" toggle is written by partials/nav-item.html for a page that is '
         'a leaf\n        of the navigation; pages outside it (generated pages, not_in_nav) '
         'have none. -#}\n'
         '    <label class="md-nav__title"{% if nav and page in nav.pages %} '
         'for="__toc"{% endif %}>',
         '    <label class="md-nav__title" for="__toc">'),
    ],
}


@pytest.mark.parametrize("name", sorted(COPIES))
def test_overridden_theme_template_differs_only_where_it_means_to(name: str) -> None:
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    assert OUR_NOTE.match(ours), f"overrides/{name} opens with a comment saying why"
    ours = OUR_NOTE.sub("", ours, count=1)
    for changed, original in COPIES[name]:
        assert ours.count(changed) == 1, changed
        ours = ours.replace(changed, original)
    theirs = (THEME / name).read_text(encoding="utf-8").removeprefix(THEME_NOTE)
    assert ours == theirs, (f"the theme's {name} changed: copy it to overrides/{name} "
                            "again and make the change of its opening comment")
