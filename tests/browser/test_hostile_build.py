"""Issue 13: text from data that passes the validator but looks like Markdown or HTML
(emphasis, links, attribute lists with event handlers, table pipes, quotes, `<` and `&`)
is carried as text. The fixture site is built twice, with plain text and with the tricky
text in every text field (organisation, channel, route, step, region, municipality, a
page's front matter); in Chromium every page of the tricky build has the same elements
and attributes as the plain one, its text holds each tricky value literally, no script
from data runs and the page's CSP reports no violation."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES
from .support import Watch, open_context, violations, watch_page

pytestmark = pytest.mark.browser

ORG = "data/organisations/hulplijn.yml"
ROUTE = "data/routes/direct-gevaar.yml"
MUNI = "data/municipalities.yml"
PAGE = "docs/jongeren.md"

# (marker, file, text in the fixture, replacement with {} for the value)
FIELDS = [
    ("NAAM", ORG, "name: Hulplijn Test", "name: {}"),
    ("OMSCHRIJVING", ORG, "description: Een hulplijn voor de tests.", "description: {}"),
    ("LABEL", ORG, "    label: Bel gratis", "    label: {}"),
    ("TOELICHTING", ORG, "    label: Mail ons", "    label: Mail ons\n    schedule_note: {}"),
    ("NOTITIE", ORG, "website: https://www.example.nl",
     "website: https://www.example.nl\nnotes: {}"),
    ("ROUTETITEL", ROUTE, "title: Direct gevaar", "title: {}"),
    ("SITUATIE", ROUTE, "situation: Er is nu gevaar.", "situation: {}\nsummary: {}"),
    ("STAP", ROUTE, "  - do: Praat met iemand die je vertrouwt.", "  - do: {}"),
    ("REGIO", MUNI, "    name: Noord", "    name: {}"),
    ("DEELREGIO", MUNI, "        name: Heuvelland", "        name: {}"),
    ("GEMEENTE", MUNI, "    name: Stad B", "    name: {}"),
    ("PAGINATITEL", PAGE, "title: Voor jongeren", "title: {}"),
]


def tricky(marker: str) -> str:
    return (f"{marker} *vet* _schuin_ `code` [link](https://voorbeeld.example/) "
            '{: tabindex="0" autofocus onfocus="window.__pwned = 1"} a | b '
            "& C < D > \"E\" 'F' \\*x\\* #")


def plain(marker: str) -> str:
    return f"{marker} gewone tekst"


def _build(tmp: Path, value) -> Path:
    project = tmp / "project"
    shutil.copytree(FIXTURES / "site", project)
    shutil.copytree(FIXTURES / "data", project / "data")
    shutil.copy(FIXTURES / "docs" / "jongeren.md", project / PAGE)
    for marker, file, old, new in FIELDS:
        path = project / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (file, old)
        # A JSON string is a YAML double-quoted string: the value arrives as written.
        quoted = json.dumps(value(marker), ensure_ascii=False)
        path.write_text(text.replace(old, new.replace("{}", quoted)), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
         str(project / "out")], cwd=project, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "out"


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    return (_build(tmp_path_factory.mktemp("plain"), plain),
            _build(tmp_path_factory.mktemp("tricky"), tricky))


SHAPE = """() => [...new Set([...document.querySelectorAll('*')].map(e =>
  e.tagName + '[' + e.getAttributeNames().sort().join(',') + ']'))].sort()"""
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(e =>
  e.getAttributeNames().filter(a => a.startsWith('on')).map(a => e.tagName + ' ' + a))"""


def test_tricky_text_is_carried_as_text(builds, browser, serve) -> None:
    plain_site, tricky_site = builds
    pages = sorted(str(p.relative_to(tricky_site).parent) for p in tricky_site.rglob("index.html")
                   if p.relative_to(tricky_site).parts[0] not in ("assets", "search"))
    assert len(pages) >= 15, pages  # the fixture site has 18
    plain_url, tricky_url = serve(plain_site), serve(tricky_site)
    watch = Watch()
    # The shape of the pages as the server sends them: without scripts, which change the
    # page with its layout (the theme adds a title to a label that does not fit).
    static = open_context(browser, watch, java_script_enabled=False)
    live = open_context(browser, watch)
    shape_page, live_page = static.new_page(), live.new_page()
    watch_page(live_page, watch)
    texts, titles, differences = [], [], []
    for path in pages:
        suffix = "" if path == "." else path + "/"
        shape_page.goto(f"{plain_url}/{suffix}")
        expected = shape_page.evaluate(SHAPE)
        shape_page.goto(f"{tricky_url}/{suffix}")
        shape = shape_page.evaluate(SHAPE)
        if shape != expected:
            differences.append((path, sorted(set(shape) ^ set(expected))))
        texts.append(shape_page.evaluate("document.body.textContent"))
        titles.append(shape_page.title() + " " + (shape_page.get_attribute(
            'meta[name="description"]', "content") or ""))
        live_page.goto(f"{tricky_url}/{suffix}")
        live_page.wait_for_timeout(50)  # an autofocus handler would have run by now
        assert live_page.evaluate("window.__pwned") is None, path
        assert live_page.evaluate(HANDLERS) == [], path
        assert violations(live_page) == [], path
    static.close()
    live.close()
    assert differences == [], differences
    everything = "\n".join(texts)
    for marker, *_ in FIELDS:
        assert tricky(marker) in everything, marker
    # Titles and descriptions come from front matter the generator wrote (organisation,
    # route, municipality pages) or an editor wrote (the youth page).
    for marker in ("NAAM", "ROUTETITEL", "GEMEENTE", "PAGINATITEL"):
        assert any(tricky(marker) in t for t in titles), marker
    assert watch.console_errors == [] and watch.outside == []
