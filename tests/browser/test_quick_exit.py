"""The quick exit ("Snel weg") in Chromium, against the real nginx: by button, by Shift
three times, without JavaScript, from page to page; the page is hidden before the
browser leaves, the site's storage is cleared, and Back does not bring the page back.
On a phone it stays in view on every kind of page: scrolled to the bottom, with the menu
drawer open and with the search open, it is the element under its centre, and a tap
there leaves the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import NEUTRAL, Watch, open_context, violations, watch_page

pytestmark = pytest.mark.browser
STATUS = "[data-portal-exit-status]"


@pytest.fixture
def context(browser):
    watch = Watch()
    ctx = open_context(browser, watch, viewport={"width": 390, "height": 844},
                       leaves=True, empty_search=True)
    ctx.watch = watch
    yield ctx
    ctx.close()
    assert watch.outside == []


def _page(context):
    page = context.new_page()
    watch_page(page, context.watch)
    return page


def _left(page) -> None:
    page.wait_for_url(NEUTRAL + "*")
    assert page.title() == "Weer"


# Reports the page's state the moment the overlay appears (after the exit handler ran,
# before the neutral site is shown): the test holds that site's response meanwhile.
REPORT_ON_OVERLAY = """
new MutationObserver(() => {
  const overlay = document.querySelector('.portal-exit-overlay[role=alert]');
  if (!overlay || window.__reported) return;
  window.__reported = true;
  window.__portalReport({
    content: getComputedStyle(document.querySelector('.md-container')).visibility,
    overlay: overlay.textContent,
    local: localStorage.length,
    session: Object.keys(sessionStorage)});
}).observe(document, {childList: true, subtree: true});
"""


def test_button_hides_the_page_clears_storage_then_leaves(context, nginx) -> None:
    page = _page(context)
    reports, held = [], []
    page.expose_function("__portalReport", lambda state: reports.append(state))
    page.add_init_script(REPORT_ON_OVERLAY)
    page.goto(nginx + "/youth/")
    page.evaluate("localStorage.setItem('__search', 'loverboy'); sessionStorage.setItem('x', '1')")
    page.route(NEUTRAL + "**", lambda route: held.append(route))
    page.click("[data-portal-exit]", no_wait_after=True)
    for _ in range(250):
        if held and reports:
            break
        page.wait_for_timeout(20)
    assert held, "the browser did not ask for the neutral site"
    assert reports == [{"content": "hidden", "overlay": "Deze pagina wordt gesloten.",
                        "local": 0, "session": ["portal-exit"]}]
    held[0].fulfill(status=200, content_type="text/html",
                    body="<!doctype html><title>Weer</title>")
    _left(page)
    assert context.watch.console_errors == []


def test_shift_three_times_leaves(context, nginx) -> None:
    page = _page(context)
    page.goto(nginx + "/parents/")
    page.keyboard.press("Shift")
    assert page.text_content(STATUS) == "Druk nog 2 keer op Shift om deze pagina snel te verlaten."
    page.keyboard.press("Shift")
    assert "nog 1 keer" in page.text_content(STATUS)
    page.keyboard.press("Shift")
    _left(page)


def test_another_key_resets_and_shift_with_a_key_does_not_count(context, nginx) -> None:
    page = _page(context)
    page.goto(nginx + "/parents/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")  # resets the count
    assert page.text_content(STATUS) == "Snel weg is gestopt."
    page.keyboard.press("Shift+A")  # Shift used for a capital: does not count
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.startswith(nginx)
    page.keyboard.press("Shift")  # now the third plain press
    _left(page)


def test_presses_too_far_apart_do_not_count(context, nginx) -> None:
    page = _page(context)
    page.clock.install()
    page.goto(nginx + "/youth/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(6000)
    assert page.text_content(STATUS) == "Snel weg is gestopt."
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.startswith(nginx)


def test_without_javascript_the_button_is_a_plain_link(browser, nginx) -> None:
    watch = Watch()
    ctx = open_context(browser, watch, java_script_enabled=False, leaves=True)
    page = ctx.new_page()
    page.goto(nginx + "/youth/")
    link = page.locator("[data-portal-exit]")
    assert link.get_attribute("href") == NEUTRAL
    assert link.get_attribute("rel") == "noreferrer"
    link.click()
    _left(page)
    ctx.close()


def test_back_does_not_show_the_site_again(context, nginx) -> None:
    page = _page(context)
    page.goto(nginx + "/")
    page.click("article a[href='youth/']")  # a second page of the site in this tab's history
    page.wait_for_url(nginx + "/youth/")
    page.click("[data-portal-exit]")
    _left(page)
    page.go_back()
    _left(page)  # the earlier site page sends the tab away again at once
    assert page.evaluate("history.length") >= 2


def test_navigation_between_pages_causes_no_csp_violation(context, nginx) -> None:
    page = _page(context)
    page.goto(nginx + "/")
    page.click("article a[href='youth/']")
    page.wait_for_url(nginx + "/youth/")
    page.click("article a[href='wat-kun-je-doen/']")
    page.wait_for_url(nginx + "/youth/wat-kun-je-doen/")
    page.wait_for_timeout(300)
    assert violations(page) == []
    assert context.watch.console_errors == []


def test_back_forward_cache_restore_leaves_again(context, nginx) -> None:
    page = _page(context)
    page.goto(nginx + "/youth/")
    page.evaluate("sessionStorage.setItem('portal-exit', String(Date.now()))")
    # A page shown again from the back/forward cache fires pageshow with persisted=true.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    _left(page)


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844},
                                      {"width": 1280, "height": 900}], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["/", "/youth/", "/hulp/fier/", "/gemeenten/venlo/"])
def test_tab_order_skip_link_then_exit_then_crisis_line(browser, nginx, viewport, path):
    ctx = open_context(browser, Watch(), viewport=viewport, empty_search=True)
    page = ctx.new_page()
    page.goto(nginx + path)
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(page.evaluate("(e => e.className + ' ' + (e.getAttribute('href') || ''))"
                                   "(document.activeElement)"))
    ctx.close()
    assert "md-skip" in order[0]
    assert "portal-exit" in order[1]
    assert "portal-crisis__call" in order[2] and "tel:112" in order[2]


# --- inside a frame of another site --------------------------------------------------------

# A page of another origin (another port of 127.0.0.1) that shows the site in a frame, as a
# site that wraps ours could. The public nginx forbids framing (X-Frame-Options,
# frame-ancestors), so the site is served here by a plain server that allows it: the quick
# exit must not depend on the headers (GitHub Pages sends none).
FRAMING_PAGE = """<!doctype html><html lang="nl"><title>Omlijsting</title>
<h1>Een andere site</h1>
<iframe id="site" src="{src}" width="390" height="700" title="Meldpunt"></iframe>
"""


def _framing_site(serve, built_site, tmp_path, frame_attributes: str = "") -> tuple[str, str]:
    """(our site's address, the address of another site showing /youth/ in a frame)."""
    site = serve(built_site)
    other = tmp_path / "ander"
    other.mkdir()
    (other / "index.html").write_text(FRAMING_PAGE.format(src=site + "/youth/").replace(
        "<iframe ", f"<iframe {frame_attributes}"), encoding="utf-8")
    return site, serve(other)


@pytest.fixture
def framed(context, serve, built_site, tmp_path):
    """(page of the other site, the frame with our /youth/ page in it)."""
    site, outer = _framing_site(serve, built_site, tmp_path)
    page = _page(context)
    page.goto(outer + "/")
    frame = page.frame_locator("#site")
    frame.locator("[data-portal-exit]").wait_for()
    inner = next(f for f in page.frames if f.url.startswith(site))
    return page, frame, inner


def test_in_a_frame_the_button_takes_the_whole_window_away(framed) -> None:
    page, frame, _ = framed
    frame.locator("[data-portal-exit]").click()
    _left(page)  # the top window, not only the frame, shows the neutral site


def test_in_a_frame_shift_three_times_takes_the_whole_window_away(framed) -> None:
    page, frame, _ = framed
    frame.locator("h1").first.click()  # the keyboard's focus in the frame
    for _ in range(3):
        page.keyboard.press("Shift")
    _left(page)


def test_in_a_sandboxed_frame_the_frame_itself_leaves(context, serve, built_site,
                                                       tmp_path) -> None:
    """Where the top window may not be navigated (a sandbox without allow-top-navigation),
    the frame itself still leaves, without an error."""
    _, outer = _framing_site(serve, built_site, tmp_path,
                             'sandbox="allow-scripts allow-same-origin" ')
    page = _page(context)
    page.goto(outer + "/")
    page.frame_locator("#site").locator("[data-portal-exit]").click()
    for _ in range(100):
        if any(f.url.startswith(NEUTRAL) for f in page.frames):
            break
        page.wait_for_timeout(50)
    assert any(f.url.startswith(NEUTRAL) for f in page.frames)
    assert page.url == outer + "/"


def test_in_a_frame_without_scripts_the_link_takes_the_whole_window_away(
        browser, serve, built_site, tmp_path) -> None:
    """Without JavaScript the quick exit is a plain link: target="_top" still takes the
    whole window away, not only the frame."""
    _, outer = _framing_site(serve, built_site, tmp_path)
    ctx = open_context(browser, Watch(), java_script_enabled=False, leaves=True)
    page = ctx.new_page()
    page.goto(outer + "/")
    page.frame_locator("#site").locator("[data-portal-exit]").click()
    for _ in range(100):
        if page.url.startswith(NEUTRAL):
            break
        page.wait_for_timeout(50)
    url = page.url
    ctx.close()
    assert url.startswith(NEUTRAL), url


# --- always in view, on every kind of page ---------------------------------------------


def _first_page(site: Path, folder: str) -> str:
    """The address of a generated page below `folder` (the first in name order), so the
    test follows the site when pages are renamed."""
    pages = sorted(p.parent for p in (site / folder).rglob("index.html")
                   if p.parent != site / folder)
    assert pages, f"no page below {folder}/"
    return "/" + pages[0].relative_to(site).as_posix() + "/"


def page_kinds(site: Path) -> dict[str, str]:
    """One address of each kind of page a visitor can land on."""
    return {
        "home": "/",
        "audience": "/youth/",
        "organisation": _first_page(site, "hulp"),
        "directory": "/hulp/",
        "route": _first_page(site, "wat-kan-ik-doen"),
        "municipality": "/gemeenten/heerlen/",
        # An audience's Wegwijzer: its answers, and their places, open in place.
        "wegwijzer": "/wegwijzer/ouder/",
        "news": _first_page(site, "nieuws"),
        "404": "/bestaat-niet/",
        "english": "/en/",
    }


# Where the quick exit is and which element a tap at its centre reaches; and the bottom
# of the bar, the top of the header, the drawer and the search below it (nothing under it).
WHERE = """() => {
  const exit = document.querySelector('[data-portal-exit]');
  const r = exit.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  const top = sel => {
    const e = document.querySelector(sel);
    return e ? e.getBoundingClientRect().top : null;
  };
  const bar = document.querySelector('[data-md-component=announce]');
  return {x, y, width: r.width, height: r.height, hit: hit ? hit.outerHTML.slice(0, 120) : null,
          exitHit: !!hit && exit.contains(hit),
          bar: bar.getBoundingClientRect().bottom,
          header: top('.md-header'), drawer: top('.md-sidebar--primary'),
          search: top('.md-search__inner'), scrolled: scrollY,
          bottom: Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1};
}"""


OPEN_ALL = "() => document.querySelectorAll('article details').forEach(d => { d.open = true; })"


def _in_view(page, state: str) -> dict:
    where = page.evaluate(WHERE)
    assert where["exitHit"], (state, where)
    assert where["width"] >= 44 and where["height"] >= 44, (state, where)
    assert where["header"] >= where["bar"] - 0.5, (state, "the bar covers the header", where)
    return where


def _open_search(page) -> None:
    page.locator(".md-header [for='__search']").first.tap()
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.wait_for_timeout(400)  # the theme's opening transition (0.3 s)


@pytest.mark.parametrize("kind", ["home", "audience", "organisation", "directory", "route",
                                  "municipality", "wegwijzer", "news", "404",
                                  "english"])
def test_quick_exit_always_in_view_on_a_phone(browser, nginx, built_site, kind) -> None:
    path = page_kinds(built_site)[kind]
    watch = Watch()
    ctx = open_context(browser, watch, viewport={"width": 390, "height": 844},
                       has_touch=True, is_mobile=True, leaves=True, empty_search=True)
    page = ctx.new_page()
    try:
        page.goto(nginx + path)
        _in_view(page, "top")
        # Every answer that opens in place open (the Wegwijzer, the self-check): the page
        # at its longest.
        page.evaluate(OPEN_ALL)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(150)
        where = _in_view(page, "scrolled to the bottom")
        assert where["bottom"], where
        # The page's last line is not under the bar: the bar takes its own room.
        assert page.evaluate("document.querySelector('.md-footer, footer')"
                             ".getBoundingClientRect().top") > where["bar"]

        page.locator(".md-header [for='__drawer']").first.tap()
        page.wait_for_function("() => document.getElementById('__drawer').checked")
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary')"
                               ".getBoundingClientRect().left >= -1")
        where = _in_view(page, "menu drawer open")
        assert where["drawer"] >= where["bar"] - 0.5, ("the bar covers the drawer", where)
        page.evaluate("document.getElementById('__drawer').click()")  # closes it again
        page.wait_for_function("() => !document.getElementById('__drawer').checked")

        _open_search(page)
        page.locator("input[data-md-component=search-query]").press_sequentially(
            "loverboy", delay=20)
        page.wait_for_timeout(300)
        where = _in_view(page, "search open")
        assert where["search"] >= where["bar"] - 0.5, ("the bar covers the search", where)

        page.touchscreen.tap(where["x"], where["y"])
        _left(page)
    finally:
        ctx.close()
    assert watch.outside == []
