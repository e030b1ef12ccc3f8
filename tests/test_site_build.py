"""Real build of the shipped site into a temporary folder, asserting on the HTML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.description: str | None = None
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "title":
            self._in_title = True
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        for attr in ("href", "src"):
            if a.get(attr) and tag in ("a", "link", "script", "img"):
                self.links.append(a[attr])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _pages(site: Path) -> dict[Path, _Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    return pages


def test_home_page_is_built(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    for section in ("youth", "parents", "professionals"):
        assert (built_site / section / "index.html").is_file()


def test_every_page_has_a_title_and_its_own_description(built_site: Path) -> None:
    pages = {p: v for p, v in _pages(built_site).items() if p.name != "404.html"}
    assert len(pages) >= 10
    for path, page in pages.items():
        assert page.title.strip(), path
        assert page.description and len(page.description) >= 50, path
    descriptions = [p.description for p in pages.values()]
    assert len(set(descriptions)) == len(descriptions), "descriptions must be unique"


def test_crisis_line_on_every_page_right_after_the_skip_link(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'href="tel:112"' in html, path
        body = html[html.index("<body"):]
        crisis = body.index("portal-crisis")
        # Nothing focusable between the top of the body and the crisis line but the skip link.
        before = body[:crisis]
        assert before.count("<a ") <= 1 and "<button" not in before, path


def test_every_internal_link_resolves(built_site: Path) -> None:
    pages = _pages(built_site)
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site root
                target = built_site / unquote(parts.path).lstrip("/")
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(built_site)} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(built_site)} -> {link} (anker)")
    assert broken == []


_EXTERNAL_ASSET = re.compile(
    r'<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc="(?:https?:)?//'
    r'|<link\b(?![^>]*rel="(?:canonical|alternate)")[^>]*\bhref="(?:https?:)?//'
)


def test_no_google_fonts_or_third_party_assets(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        assert not _EXTERNAL_ASSET.search(html), (path, _EXTERNAL_ASSET.search(html))


def test_third_party_asset_check_can_fail() -> None:
    assert _EXTERNAL_ASSET.search('<script src="https://cdn.example.com/x.js"></script>')
    assert _EXTERNAL_ASSET.search('<link rel="stylesheet" href="//fonts.example.com/a.css">')
    assert not _EXTERNAL_ASSET.search('<link rel="canonical" href="https://example.nl/">')


def test_search_uses_dutch(built_site: Path) -> None:
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["nl"]' in index.replace(" ", "")
