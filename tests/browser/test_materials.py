"""The partners' banner in a real browser: pasted into a plain partner page on 127.0.0.1 it
passes axe-core, makes no request, sets no cookie and logs no error; on our own page the
preview looks the same under the site's Content-Security-Policy. The Materialen pages are
checked with every page (the page sweep, tests/browser/sweep.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .sweep import AXE, PHONE, RUN_AXE, WCAG_TAGS

pytestmark = pytest.mark.browser

PARTNER = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Basisschool De Linde</title>
<style>body {{ font-family: Georgia, serif; color: #222; }} a {{ color: #c00; }}
p {{ margin: 2em 0; font-size: 12px; }}</style></head>
<body><main><h1>Basisschool De Linde</h1><p>Welkom op onze website.</p>
{snippet}
<p>Meer nieuws van de school.</p></main></body>
</html>
"""

# Colours and weights; sizes are in rem, so they follow the root font size of the page
# (the theme's is 125 %), and only their ratio to the banner's own size is compared.
STYLE = """el => { const s = getComputedStyle(el);
  const base = parseFloat(getComputedStyle(el.closest('.meldpunt-banner')).fontSize);
  return [s.color, s.backgroundColor, s.fontWeight, parseFloat(s.fontSize) / base]; }"""


def _snippet(site: Path) -> str:
    page = (site / "materialen" / "banner" / "index.html").read_text(encoding="utf-8")
    code = re.search(r'<pre class="portal-banner-code"><code tabindex="0">(.*?)</code>', page,
                     re.S)
    return html.unescape(code.group(1))


def _styles(page) -> list:
    return [page.locator(sel).first.evaluate(STYLE) for sel in (
        ".meldpunt-banner", ".meldpunt-banner__title", ".meldpunt-banner__text",
        ".meldpunt-banner__link")]


def test_the_banner_on_a_partner_page(browser, built_site: Path, serve, tmp_path: Path,
                                      nginx: str) -> None:
    (tmp_path / "index.html").write_text(PARTNER.format(snippet=_snippet(built_site)),
                                         encoding="utf-8")
    base = serve(tmp_path)
    requests: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda r: (requests.append(r.request.url), r.continue_()))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(base + "/", wait_until="load")
    assert requests == [base + "/"]  # nothing but the partner's own page
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    assert page.evaluate(RUN_AXE, [WCAG_TAGS, False, False]) == []
    page.set_viewport_size(PHONE)
    assert page.evaluate(RUN_AXE, [WCAG_TAGS, False, False]) == []
    page.set_viewport_size({"width": 1280, "height": 800})
    assert context.cookies() == [] and errors == []
    # The link goes to our site (here: the test build's site_url, served by nginx).
    link = page.get_by_role("link", name=re.compile("Informatie en hulp"))
    assert urlsplit(link.get_attribute("href")).netloc == urlsplit(nginx).netloc
    partner = _styles(page)
    assert partner[0][1] == "rgb(74, 20, 140)"  # the banner's own colours, not the page's
    assert partner[3][0] == "rgb(255, 255, 255)"
    ours = context.new_page()
    ours.goto(nginx + "/materialen/banner/", wait_until="load")
    assert _styles(ours) == partner  # the preview under our CSP looks the same
    context.close()
