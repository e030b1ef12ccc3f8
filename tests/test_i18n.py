"""English for newcomers (mkdocs-static-i18n): the English pages under /en/, the Dutch
pages unchanged, the language switch, no English copy of an untranslated page (links
go to the Dutch page),
the English help directory from data, and the checks that also hold for `name.en.md`.
Most tests read the one shared build of the shipped site (`built_site`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest

from portal.build import generate_site
from portal.checks.markdown_scan import scan_markdown
from portal.checks.readability import is_checked
from portal.data.model import in_language
from portal.pages.i18n import en_hours, language_of, link_untranslated
from portal.sitecheck.linkcheck import check_site

from .conftest import BUILD_DAY, FIXTURES, ROOT

TRANSLATED = ("", "contact/", "youth/", "youth/wat-is-een-loverboy/", "youth/signalen/",
              "youth/naaktfoto-gevraagd/", "youth/criminele-uitbuiting/",
              "youth/is-dit-nog-normaal/", "youth/wat-kun-je-doen/", "youth/als-je-belt/",
              "parents/", "parents/wat-is-een-loverboy/", "parents/signalen/",
              "parents/criminele-uitbuiting/", "parents/wat-kunt-u-doen/",
              "parents/als-u-belt/", "parents/praten-met-uw-kind/", "hulp/", "wegwijzer/")
_SWITCH = re.compile(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link">')
_TEL = re.compile(r'href="(tel:[^"]+|mailto:[^"]+)"')


def _read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _safety_bar(html: str) -> str:
    start = html.index('<div class="portal-safety')
    return html[start:html.index("</div>", start)]


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def _dutch_urls() -> list[str]:
    """The url of every hand-written Dutch page in docs/."""
    urls = []
    docs = ROOT / "docs"
    for path in sorted([*docs.glob("*.md"), *docs.glob("youth/*.md"),
                        *docs.glob("parents/*.md"), *docs.glob("professionals/*.md")]):
        if language_of(path.name) is None:
            rel = path.relative_to(ROOT / "docs").with_suffix("").as_posix()
            rel = rel.removesuffix("index")
            urls.append(rel + "/" if rel and not rel.endswith("/") else rel)
    return urls


@pytest.mark.parametrize("url", TRANSLATED)
def test_english_page_has_lang_en_and_the_english_safety_bar(built_site: Path, url) -> None:
    html = _read(built_site, "en/" + url)
    assert '<html lang="en"' in html
    bar = _safety_bar(html)
    assert ">Leave now<" in bar and "Emergency?" in bar
    assert '<a class="portal-crisis__call" href="tel:112">Call 112</a>' in bar
    assert "Snel weg" not in bar and "Acuut gevaar" not in bar
    assert 'name="robots"' not in html


def test_dutch_pages_stay_at_their_urls_in_dutch(built_site: Path) -> None:
    urls = _dutch_urls()
    assert len(urls) >= 15
    for url in urls:
        html = _read(built_site, url)
        assert '<html lang="nl"' in html, url
        bar = _safety_bar(html)
        assert ">Snel weg<" in bar and "Acuut gevaar?" in bar and ">Bel 112</a>" in bar, url
    # The theme's 404 page is written by every language's build: the Dutch one stays.
    assert '<html lang="nl"' in (built_site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", ["", "youth/", "youth/wat-is-een-loverboy/", "hulp/"])
def test_language_switch_links_both_ways(built_site: Path, url: str) -> None:
    base = "http://site.invalid/"

    def switch(page: str) -> dict[str, str]:
        found = _SWITCH.findall(_read(built_site, page))
        return {lang: urljoin(base + page, href) for href, lang in found}

    assert switch(url) == {"nl": base + url, "en": base + "en/" + url}
    assert switch("en/" + url) == {"nl": base + url, "en": base + "en/" + url}


def test_an_untranslated_page_is_not_built_in_english(built_site: Path) -> None:
    """Only translated pages exist under /en/; an English page's link to a page without a
    translation goes to the Dutch page, and the text says it is in Dutch."""
    english = sorted(p.relative_to(built_site / "en").parent.as_posix() + "/"
                     for p in (built_site / "en").rglob("index.html"))
    assert [u.removeprefix("./") for u in english] == sorted(TRANSLATED)
    assert not (built_site / "en" / "veilig-internetten").exists()
    youth = _article(_read(built_site, "en/youth/"))
    link = re.search(r'<a href="([^"]+)">Safe browsing</a>: how to visit this site more '
                     r'safely, also if someone checks your phone \(in Dutch\)', youth)
    assert link and urljoin("http://site.invalid/en/youth/", link.group(1)) == (
        "http://site.invalid/veilig-internetten/")
    # The switch on a Dutch page without a translation goes to the English home page.
    found = {lang: href for href, lang in _SWITCH.findall(_read(built_site,
                                                               "veilig-internetten/"))}
    assert found["en"] == "/en/"
    assert "/en/veilig-internetten/" not in (built_site / "sitemap.xml").read_text("utf-8")


@pytest.mark.parametrize(("markdown", "src", "url", "wanted"), [
    ("[Signs](signalen.md)", "youth/index.en.md", "en/youth/", "[Signs](../../youth/signalen/)"),
    ("[S](signalen.md#a)", "youth/index.en.md", "en/youth/", "[S](../../youth/signalen/#a)"),
    ("[Home](../index.md)", "youth/index.en.md", "en/youth/", "[Home](../index.md)"),
    ("[Help](hulp/fier.md)", "index.en.md", "en/", "[Help](../hulp/fier/)"),
    ("[All](gemeenten/index.md)", "index.en.md", "en/", "[All](../gemeenten/)"),
    ("[Site](https://example.org/a.md)", "index.en.md", "en/", "[Site](https://example.org/a.md)"),
    ("[Up](../../x.md)", "index.en.md", "en/", "[Up](../../x.md)"),
])
def test_links_to_pages_without_a_translation(markdown, src, url, wanted) -> None:
    built = {"index.md", "youth/index.md"}  # the translated pages of this table
    assert link_untranslated(markdown, src, url, built.__contains__) == wanted


def test_english_directory_lists_every_organisation_with_the_numbers_of_the_data(
        built_site: Path) -> None:
    portal = generate_site(ROOT / "data", today=BUILD_DAY).portal
    english = _read(built_site, "en/hulp/")
    sections = dict(re.findall(r'<h3 id="([a-z0-9-]+)">(.*?)(?=<h3 |<h2 |</article>)',
                               _article(english) + "</article>", re.S))
    assert set(sections) == set(portal.organisations)
    for org_id, org in portal.organisations.items():
        section = sections[org_id]
        assert org.name.replace("&", "&amp;") in section, org_id
        wanted = {c.href for c in org.channels if c.href}
        assert {h for h in wanted if h in section} == wanted, org_id
        # The same numbers and addresses as the Dutch page of the organisation.
        dutch = set(_TEL.findall(_article(_read(built_site, f"hulp/{org_id}/"))))
        assert set(_TEL.findall(section)) == dutch, org_id
        for channel in org.channels:
            if en_hours(channel):
                assert en_hours(channel) in section, (org_id, channel.id)
        # The English text where the data has it (x-english), else the Dutch one, marked.
        shown = " ".join(unescape(re.sub(r"<[^>]+>", "", section)).split())
        texts = [(org, "description")] + [(c, "schedule_note") for c in org.channels
                                          if c.schedule_note]
        for record, attribute in texts:
            wanted = in_language(record, attribute, "en")
            if wanted:
                assert " ".join(wanted.split()) in shown, (org_id, attribute)
            else:
                dutch = " ".join(getattr(record, attribute).split())
                assert f"{dutch} (in Dutch)" in shown and '<span lang="nl">' in section
        # You can talk in English, an interpreter: only where the data has the claim
        # (which the schema gives its source).
        claims = org.languages.claims() if org.languages else []
        assert ("You can talk in English" in section) == any(k == "english" for k, _ in claims)
        assert ("An interpreter is possible" in section) == \
            any(k == "interpreter" for k, _ in claims)
    assert "You can talk in English" in sections["helpwanted"]
    # No part of a contact line runs into the next in the page's text (issue 16 saw
    # "You can stay anonymousElke dag bereikbaar").
    text = unescape(re.sub(r"<[^>]+>", "", _article(english)))
    assert re.findall(r"(?:Free of charge|Not free|You can stay anonymous)[^ .\n]", text) == []


def test_search_index_stays_dutch(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["nl"]
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert {"en/" + url for url in TRANSLATED} <= pages
    assert "youth/signalen/" in pages
    assert [p for p in pages if p.startswith("en/") and p.removeprefix("en/")
            not in TRANSLATED] == []
    # Dutch word forms and synonyms are added to the Dutch pages only.
    assert not [d for d in index["docs"] if d["location"].startswith("en/") and
                any(k in d for k in ("title_forms", "text_forms"))]


def test_sitemap_has_hreflang_only_for_real_translations(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r'hreflang="en" href="[^"]*/en/youth/"', sitemap)
    assert re.search(r'hreflang="nl" href="[^"]*/youth/"', sitemap)
    assert "/en/hulp/fier/" not in sitemap and "/hulp/fier/" in sitemap


def test_english_pages_are_reachable_and_their_links_work(built_site: Path) -> None:
    assert [p for p in check_site(built_site) if p.path.startswith("en/")] == []


def test_english_pages_pass_the_page_checks() -> None:
    from portal.checks.frontmatter import validate_pages

    english = sorted((ROOT / "docs").rglob("*.en.md"))
    assert len(english) >= 5
    assert [p for p in validate_pages(ROOT / "docs") if ".en.md" in p.path] == []
    for path in english:
        text = path.read_text(encoding="utf-8")
        assert not is_checked(text, path), path  # the plain-Dutch check is for Dutch
        assert scan_markdown(text, str(path)) == [], path
        dutch = path.with_name(path.name.replace(".en.md", ".md"))
        assert dutch.is_file(), f"{path}: no Dutch page of the same name"


@pytest.mark.parametrize("text", ["Call 0800-2000 for help.", "Call 112 now.",
                                  "Mail meldpunt@example.nl."])
def test_a_typed_contact_in_an_english_page_is_found(text: str) -> None:
    problems = scan_markdown(text, "docs/youth/index.en.md")
    assert [p.code for p in problems] in (["M001"], ["M002"])
    assert "staat direct in de tekst" in problems[0].detail


def test_language_of() -> None:
    assert language_of("hulp/index.en.md") == "en" and language_of("hulp/index.md") is None
    assert language_of("youth/index.nl.md") is None


# --- the plugin with mkdocs-static-i18n on the small fixture site -------------------------

I18N = """  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      reconfigure_search: false
      languages:
        - {locale: nl, name: Nederlands, default: true, build: true}
        - {locale: en, name: English, build: true}
"""
ENGLISH_HOME = """---
title: Start
description: The home page of the test portal in English, with a link to the helpline.
audience: all
owner: Meldpunt Aanpak Loverboys Limburg - redactie
last_reviewed: 2026-11-01
---
# Start

Call [[hulplijn/telefoon]].
"""


@pytest.fixture
def i18n_project(tmp_path: Path) -> Path:
    project = tmp_path / "site-src"
    shutil.copytree(FIXTURES / "site", project)
    shutil.copytree(FIXTURES / "data", project / "data")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("\nmarkdown_extensions:",
                                                 "\n" + I18N + "markdown_extensions:"))
    (project / "docs" / "index.en.md").write_text(ENGLISH_HOME)
    return project


def _build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
         str(project / "out")], cwd=project, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def test_generated_pages_are_kept_in_both_languages(i18n_project: Path) -> None:
    result = _build(i18n_project)
    assert result.returncode == 0, result.stdout + result.stderr
    out = i18n_project / "out"
    for page in ("hulp/index.html", "hulp/hulplijn/index.html", "en/hulp/index.html",
                 "gemeenten/stad-a/index.html"):
        assert (out / page).is_file(), page
    # Generated pages without a translation are Dutch only.
    assert not (out / "en" / "hulp" / "hulplijn").exists()
    assert "Help and advice" in (out / "en" / "hulp" / "index.html").read_text()
    assert "Hulp en advies" in (out / "hulp" / "index.html").read_text()
    home = (out / "en" / "index.html").read_text()
    assert re.search(r'<a href="\.\./hulp/hulplijn/">Hulplijn Test</a>: '
                     r'<a class="portal-contact" href="tel:\+318002000">', home)


def test_a_typed_number_in_an_english_page_stops_the_build_in_dutch(
        i18n_project: Path) -> None:
    page = i18n_project / "docs" / "index.en.md"
    page.write_text(page.read_text() + "\nOr call 0800-2000.\n")
    result = _build(i18n_project)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/index.en.md:12:9: M001" in log and "er is niets gepubliceerd" in log
    assert not (i18n_project / "out" / "index.html").exists()
