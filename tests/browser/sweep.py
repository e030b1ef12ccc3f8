"""One pass over every built page in Chromium, shared by the privacy and accessibility
tests: each page is loaded once, then checked for requests leaving 127.0.0.1, console
errors, CSP violations and, with axe-core, WCAG 2.0/2.1 A and AA violations on a phone
and a desktop viewport, in the light and the dark colour scheme (every page on a phone in
light and on a desktop in dark, one page of each kind in all four: see _check_axe).

Loading a page costs more than checking it, so the variants are made in the loaded page:
the viewport is resized, and the dark scheme is switched on the way the theme's own
palette toggle does it. The dark scheme changes colours only, so in dark the colour rules
run; all rules run in light. The variants: on a phone (390 x 844), where most visitors
read it, and on a desktop (1280 x 800, with the theme's side columns), each in light and
dark.

Once the theme's script runs, it builds the whole search index in a worker; here the
index request is answered with the site's own search settings and no entries (the page
and its requests stay the same; tests/browser/test_search.py uses the real index).

Requests are recorded as the browser makes them, and those leaving 127.0.0.1 fail at a
closed proxy port; none is routed through Python but the search index's.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.request import urlopen

from ..conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from .support import OFFLINE_ARGS, Watch, recording_context_async, watch_page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """async ([tags, colourOnly, withoutArticle]) => {
  let only = {type: 'tag', values: tags};
  if (colourOnly) {
    const ids = axe.getRules(['cat.color'])
      .filter(r => r.tags.some(t => tags.includes(t))).map(r => r.ruleId);
    only = {type: 'rule', values: ids};
  }
  // ignorePseudo: by default the contrast rule gives up ("needs review", never a
  // violation) on text whose ancestors have large ::before/::after boxes, and finding them
  // asks for the computed style of every ancestor's pseudo-elements: about 40 % of the
  // rule's time on a desktop page. With it, that text gets a verdict as well.
  const checks = {'color-contrast': {options: {ignorePseudo: true}}};
  const where = withoutArticle ? {exclude: [['.md-content']]} : document;
  const result = await axe.run(where, {runOnly: only, checks, resultTypes: ['violations']});
  return result.violations.flatMap(v => v.nodes.map(n =>
    `${v.id}: ${n.target.join(' ')}: ${(n.failureSummary || '').split('\\n')[1] || ''}`.trim()));
}"""

# The theme's palette toggle copies these attributes from the chosen palette's input.
DARK = """() => {
  const input = document.querySelector('input[data-md-color-scheme="slate"]');
  if (!input) return false;  // a page without the theme (e.g. a redirect page)
  for (const key of ['scheme', 'primary', 'accent'])
    document.body.setAttribute('data-md-color-' + key, input.getAttribute('data-md-color-' + key));
  return true;
}"""

# The theme's script has run and started its page components (it wraps wide tables).
THEME_STARTED = """() => window.component$ !== undefined &&
  !document.documentElement.classList.contains('no-js') &&
  document.querySelectorAll('.md-typeset table:not([class])').length ===
  document.querySelectorAll('.md-typeset__scrollwrap table:not([class])').length"""

# Wait until the new layout and colours are drawn (and any remaining animation ended).
SETTLE = """async () => {
  document.body.getBoundingClientRect();  // start the transitions now
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const running = document.getAnimations()
    .filter(a => a.effect?.getTiming().iterations !== Infinity);
  await Promise.race([Promise.all(running.map(a => a.finished.catch(() => null))),
                      new Promise(resolve => setTimeout(resolve, 1000))]);
}"""


@dataclass
class Sweep:
    pages: int = 0
    outside: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    axe: dict[str, list[str]] = field(default_factory=dict)  # "page [variant]" -> findings


# One page of each kind, and the pages with tables (the theme's script wraps them): these
# are checked in all four variants (the others in two, see _check_axe). An audience's
# landing page is here once (/youth/), in Dutch and in English (/en/); the Wegwijzer's and
# the decision aid's pages have answers that open in place. The editors' page
# (/redactie/actualiteit/) is in preview builds only, not in the public one.
KINDS = ["/", "/youth/", "/parents/signalen/", "/hulp/fier/", "/gemeenten/maastricht/",
         "/wat-kan-ik-doen/zorgen-om-mijn-kind/", "/wegwijzer/ouder/", "/nieuws/",
         "/toegankelijkheid/", "/open-data/", "/materialen/", "/en/",
         "/professionals/beslishulp/", "/professionals/keten/", "/agenda/", "/bestaat-niet/"]


def sweep_pages(base: str, paths: list[str], *, workers: int = 4, axe: bool = True,
                first_use: bool = False, full: Collection[str] | None = None) -> Sweep:
    """Load every page once and check it. The theme's script loads at the first sign of use
    (assets/theme-on-demand.js): pages are checked as they first appear, or with
    first_use, after a mouse move has loaded and run the theme's script. `full`: the pages
    checked in all four variants (None: every page); the others in two (_check_axe)."""
    # In its own thread: another test's synchronous Playwright may own this thread's loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _sweep(base, paths, workers, axe, first_use,
                                               full)).result()


async def _sweep(base: str, paths: list[str], workers: int, axe: bool,
                 first_use: bool, full: Collection[str] | None) -> Sweep:
    from playwright.async_api import async_playwright

    watch, result = Watch(), Sweep(pages=len(paths))
    queue = list(reversed(paths))
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM,
                                          args=CHROMIUM_ARGS + OFFLINE_ARGS)
        # Reduced motion switches the theme's colour transitions off, so each variant is
        # measured in its final colours without waiting for fades.
        options = {"viewport": PHONE, "color_scheme": "light", "reduced_motion": "reduce"}
        # The theme's script, at first use, asks for the search index: answer it.
        answers = {"/search/search_index.json": _empty_index(base)} if first_use else None
        context = await recording_context_async(browser, watch, answers=answers, **options)
        if axe:  # registered once; Chromium adds it to every page it loads, before its CSP
            await context.add_init_script(path=str(AXE))

        async def worker() -> None:
            page = await context.new_page()
            watch_page(page, watch)
            while queue:
                path = queue.pop()
                await page.goto(base + path, wait_until="load")
                if first_use:
                    await page.mouse.move(20, 300)
                    await page.wait_for_function(THEME_STARTED)
                result.csp.extend(f"{path}: {v}" for v in await page.evaluate(
                    "window.__portalViolations || []"))
                if axe:
                    await _check_axe(page, path, result.axe, full is None or path in full)
            await page.close()

        await asyncio.gather(*(worker() for _ in range(workers)))
        result.cookies = [c["name"] for c in await context.cookies()]
        await browser.close()
    result.outside, result.console = watch.outside, watch.console_errors
    return result


def _empty_index(base: str) -> str:
    """The site's search index with its settings and without entries."""
    try:
        with urlopen(base + "/search/search_index.json", timeout=10) as response:
            config = json.load(response)["config"]
    except (OSError, ValueError, KeyError):
        return '{"config": {"lang": ["nl"]}, "docs": []}'
    return json.dumps({"config": config, "docs": []})


async def _check_axe(page, path: str, found: dict[str, list[str]], full: bool) -> None:
    """The variants in the order that needs the fewest changes of the page, from a phone
    in light: (name, viewport to set, script to run, colour rules only, without the
    article).

    The article (.md-content: the page's own text) is laid out for the width but keeps its
    colours and its elements on a phone and a desktop (no style of the theme or of
    portal.css changes a colour or hides an element in it by width: a test in
    test_accessibility.py scans for one), so it is checked once per scheme: in light on a
    phone, in dark on a desktop. Every page gets these two. What the width changes, the
    theme's header, menu (a drawer or a column), table of contents and footer, is one
    template with the page's title, headings and menu item in it: it is checked in the
    other two variants (desktop in light, phone in dark) on one page of each kind (`full`,
    KINDS), before and after the theme's script. The two variants on every page took about
    a quarter of the sweep's time."""
    if full:
        variants = (("telefoon, licht", None, None, False, False),
                    ("desktop, licht", DESKTOP, None, False, True),
                    ("desktop, donker", None, DARK, True, False),
                    ("telefoon, donker", PHONE, None, True, True))
    else:
        variants = (("telefoon, licht", None, None, False, False),
                    ("desktop, donker", DESKTOP, DARK, True, False))
    for name, viewport, script, colour_only, without_article in variants:
        if viewport:
            await page.set_viewport_size(viewport)
        if script and not await page.evaluate(script):
            break  # no dark scheme on this page
        if colour_only and await page.evaluate("document.body.dataset.mdColorScheme") != "slate":
            break
        if viewport or script:
            await page.evaluate(SETTLE)
        if hits := await page.evaluate(RUN_AXE, [WCAG_TAGS, colour_only, without_article]):
            found[f"{path} [{name}]"] = hits
    await page.set_viewport_size(PHONE)  # for the next page (after a break too)


# The sweep's parts: tests of their own, which the workers share out. Pages of a kind lie
# together in page_paths, so each part takes every SWEEP_PARTS-th page, a bit of each kind.
SWEEP_PARTS = 8


def sweep_part(paths: list[str], part: int) -> list[str]:
    return paths[part::SWEEP_PARTS]


def page_paths(site: Path) -> list[str]:
    """Every built page as a URL path, plus an unknown address for nginx's 404 page."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html" or rel.startswith("admin/"):
            continue  # the web editor is not a page of the site: see tests/test_decap.py
        if 'http-equiv="refresh"' in html.read_text(encoding="utf-8"):
            # A short campaign address: nginx answers it with a 301 to its page, which is
            # swept as itself (tests/test_nginx.py); loading it would sweep that page twice.
            continue
        paths.append("/" + (rel[:-len("index.html")] if rel.endswith("index.html") else rel))
    return [*paths, "/bestaat-niet/"]
