"""On every built page, in Chromium: no request leaves 127.0.0.1, no cookie is set, no
console error and no CSP violation. A page with one third-party asset fails the check."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest

from .sweep import SWEEP_PARTS, page_paths, sweep_pages, sweep_part

pytestmark = pytest.mark.browser


def test_the_sweep_takes_every_page_once(built_site) -> None:
    """The parts of the sweep (site_sweep) together hold every built page, each once: all
    pages of the sitemap, the English ones, and an unknown address for the 404 page."""
    paths = page_paths(built_site)
    parts = [sweep_part(paths, part) for part in range(SWEEP_PARTS)]
    assert sorted(p for part in parts for p in part) == sorted(set(paths))
    assert all(parts)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = {urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert len(listed) > 50 and listed <= set(paths), sorted(listed - set(paths))[:10]
    assert {"/", "/en/", "/bestaat-niet/"} <= set(paths)
    assert {"/materialen/", "/materialen/banner/"} <= set(paths)


def test_every_page_stays_on_the_site(site_sweep) -> None:
    assert site_sweep.pages > 0
    expected_404 = "the server responded with a status of 404"
    console = [m for m in site_sweep.console if expected_404 not in m]
    assert (site_sweep.outside, site_sweep.cookies, console, sorted(site_sweep.csp)) == (
        [], [], [], [])


@pytest.mark.parametrize("keep_csp", [True, False], ids=["with-csp", "without-csp"])
def test_a_third_party_asset_makes_the_check_fail(built_site, tmp_path, serve, keep_csp) -> None:
    shutil.copytree(built_site, tmp_path / "site")
    page = tmp_path / "site" / "index.html"
    html = page.read_text().replace(
        "</body>", '<img src="https://cdn.example.com/pixel.png" alt=""></body>')
    if not keep_csp:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page.write_text(html)
    found = sweep_pages(serve(tmp_path / "site"), ["/"], workers=1, axe=False)
    if keep_csp:  # the page's own policy blocks the request before it is made
        assert any("img-src" in v and "cdn.example.com" in v for v in found.csp)
    else:  # without it, the request is caught on its way out
        assert found.outside == ["https://cdn.example.com/pixel.png"]
