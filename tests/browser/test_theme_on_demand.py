"""The theme's script loads at the first sign of use, not with the page
(docs/assets/theme-on-demand.js): a page that is only read never fetches it or the search
index; a tap, key, scroll or mouse move loads it, and the theme then works as if it had
loaded with the page. The colour scheme follows the device and the toggle works before."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .support import Watch, open_context, watch_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
STARTED = "() => window.component$ !== undefined"


@pytest.fixture
def open_page(browser):
    """A starter for a page in a fresh context, with its requests recorded."""
    contexts, watches = [], []

    def start(url: str, **options):
        watch = Watch()
        context = open_context(browser, watch, empty_search=True, **options)
        page = context.new_page()
        watch_page(page, watch)
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        contexts.append(context)
        watches.append(watch)
        page.goto(url, wait_until="load")
        return page

    yield start
    for context in contexts:
        context.close()
    for watch in watches:
        assert watch.outside == [] and watch.console_errors == []


def _theme_requests(page) -> list[str]:
    return [u for u in page.requests if "/javascripts/bundle." in u or "search_index" in u]


def test_a_page_that_is_only_read_does_not_load_the_theme_script(nginx, open_page) -> None:
    page = open_page(nginx + "/youth/", viewport=PHONE)
    page.wait_for_timeout(1500)
    assert _theme_requests(page) == []
    assert page.evaluate("window.component$") is None
    # The search button shows anyway (the theme hides it for "no-js").
    assert page.locator("label.md-header__button[for=__search]").is_visible()


TRIGGERS = {
    "tik": lambda page: page.touchscreen.tap(200, 420),
    "toets": lambda page: page.keyboard.press("Tab"),
    "scrollen": lambda page: page.mouse.wheel(0, 300),
    "muis": lambda page: page.mouse.move(100, 300),
    # A screen reader in browse mode may only focus an element or click it.
    "focus": lambda page: page.focus("article a"),
    "klik": lambda page: page.evaluate("document.querySelector('article h1').click()"),
}


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_first_use_loads_and_starts_the_theme(nginx, open_page, trigger) -> None:
    page = open_page(nginx + "/toegankelijkheid/", viewport=PHONE, has_touch=True)
    assert page.locator(".md-typeset__scrollwrap").count() == 0
    TRIGGERS[trigger](page)
    page.wait_for_function(STARTED)
    assert any("/javascripts/bundle." in u for u in page.requests)
    # The theme started its page components, which wait for DOMContentLoaded: the wide
    # tables are wrapped, and the wrapper (not the table) takes the keyboard focus.
    page.wait_for_selector(".md-typeset__scrollwrap")
    wraps = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
        .map(w => [w.getAttribute('tabindex'), w.getAttribute('role'),
                   w.querySelector('table').hasAttribute('tabindex')])""")
    assert wraps and all(w == ["0", "region", False] for w in wraps), wraps
    assert page.evaluate("document.documentElement.className").split().count("js") == 1


def test_a_youth_page_with_its_search_stays_within_the_budget(nginx, browser) -> None:
    # Issue 7's budget (250 KB compressed) holds also after first use, when the theme's
    # script and the whole search index have loaded. Lighthouse measures the page alone.
    watch = Watch()
    context = open_context(browser, watch, viewport=PHONE, has_touch=True)
    page = context.new_page()
    watch_page(page, watch)
    sizes: dict[str, int] = {}

    def count(request) -> None:
        s = request.sizes()
        sizes[request.url] = s["responseBodySize"] + s["responseHeadersSize"]

    page.on("requestfinished", count)
    try:
        page.goto(nginx + "/youth/", wait_until="networkidle")
        before = sum(sizes.values())
        # A tap on the heading: a tap on a link would open another page.
        box = page.locator("article h1").bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function(STARTED, timeout=15_000)
        except PlaywrightTimeout:
            # Once (a clean-clone run under load) the theme had not started 30 s after the
            # tap: say what the page had asked for and logged, for whoever meets it again.
            state = page.evaluate("({started: document.querySelector('script[src*=bundle]')"
                                  " !== null, js: document.documentElement.className})")
            pytest.fail(f"het thema startte niet na een tik: {state}, verzoeken "
                        f"{sorted(u.rsplit('/', 1)[-1] for u in sizes)}, console "
                        f"{watch.console_errors}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    finally:
        context.close()
    assert any("search_index" in url for url in sizes)
    after = sum(sizes.values())
    print(f"\nyouth page: {before} bytes before first use, {after} after")
    assert before < after <= 250 * 1024


def test_the_desktop_sidebars_get_their_height_from_the_theme(nginx, open_page) -> None:
    page = open_page(nginx + "/gemeenten/maastricht/", viewport=DESKTOP)
    page.mouse.move(600, 400)
    page.wait_for_function(STARTED)
    page.wait_for_function("() => document.querySelector("
                           "'.md-sidebar--primary .md-sidebar__scrollwrap').style.height")


def test_a_search_result_marks_the_words_without_the_theme(nginx, open_page) -> None:
    """A page opened from a search result marks the searched words (handed over once by
    docs/assets/search-extras.js, not in the address) without the theme's script."""
    page = open_page(nginx + "/youth/", viewport=DESKTOP)
    page.evaluate("sessionStorage.setItem('portal-highlight', "
                  "JSON.stringify({path: '/hulp/fier/', words: ['fier']}))")
    page.goto(nginx + "/hulp/fier/", wait_until="load")
    page.wait_for_selector("article mark")
    assert page.evaluate("window.component$") is None


@pytest.mark.parametrize("scheme, expected, toggle", [
    ("light", "default", "Donkere weergave"), ("dark", "slate", "Lichte weergave")])
def test_the_colour_scheme_follows_the_device_before_the_theme_script(
        nginx, open_page, scheme, expected, toggle) -> None:
    page = open_page(nginx + "/youth/", viewport=DESKTOP, color_scheme=scheme)
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    assert page.locator(f"label[title='{toggle}']").is_visible()
    assert page.evaluate("window.component$") is None


def test_the_toggle_works_before_the_theme_script_and_is_kept(nginx, open_page) -> None:
    page = open_page(nginx + "/youth/", viewport=DESKTOP, color_scheme="light")
    # Answer the theme's script with an empty one, so the toggle is used without it.
    page.route("**/javascripts/bundle.*", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=""))
    page.locator("label[title='Donkere weergave']").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.locator("label[title='Lichte weergave']").is_visible()
    page.unroute("**/javascripts/bundle.*")
    page.goto(nginx + "/hulp/fier/", wait_until="load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"  # stored
    page.mouse.move(600, 400)
    page.wait_for_function(STARTED)
    page.wait_for_timeout(300)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"  # the theme too
    page.locator("label[title='Lichte weergave']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
