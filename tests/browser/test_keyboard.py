"""Keyboard and screen-reader paths in Chromium: the skip link comes first and works, the
focus is visible at every stop, and the quick exit and the search can be used with the
keyboard alone, on a phone and a desktop."""

from __future__ import annotations

import pytest

from .support import NEUTRAL, Watch, open_context, watch_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PAGES = ["/", "/youth/", "/parents/signalen/", "/hulp/fier/", "/gemeenten/maastricht/",
         "/wat-kan-ik-doen/"]

# What the focused element looks like: a focus ring is an outline or a box shadow.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  return {tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') ||
          el.getAttribute('title') || el.name || '').trim().slice(0, 40),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          shadow: style.boxShadow !== 'none', visible: box.width > 0 && box.height > 0,
          cls: el.className && el.className.baseVal === undefined ? el.className : ''};
}"""


@pytest.fixture(params=[PHONE, DESKTOP], ids=["telefoon", "desktop"])
def page(browser, request):
    watch = Watch()
    # Only the search test needs the search index's entries.
    context = open_context(browser, watch, viewport=request.param,
                           leaves="test_quick_exit_" in request.node.name,
                           empty_search="test_search_" not in request.node.name)
    page = context.new_page()
    watch_page(page, watch)
    yield page
    context.close()
    assert watch.outside == [] and watch.console_errors == []


def _tab(page) -> dict | None:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS)


def test_skip_link_is_first_and_moves_to_the_content(nginx, page) -> None:
    page.goto(nginx + "/youth/")
    first = _tab(page)
    assert "md-skip" in first["cls"] and first["visible"] and first["outline"]
    assert first["text"]  # a Dutch label, read out by screen readers
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "voor-jongeren"  # the page title
    second = _tab(page)  # the next stop is inside the content, not the header again
    assert page.evaluate("document.activeElement.closest('article') !== null"), second


# Records what the focus looks like at each stop, as FOCUS does, when it arrives; null when
# it leaves the page's elements (after the last stop). Reading it once after all the
# presses saves a round trip to the browser per stop.
RECORD_STOPS = """() => {
  window.__stops = [];
  const look = """ + FOCUS + """;
  document.addEventListener('focusin', () => window.__stops.push(look()));
  document.addEventListener('focusout', e => {
    if (!e.relatedTarget) window.__stops.push(null);
  });
}"""
STOPS = 60


@pytest.mark.parametrize("path", PAGES)
def test_focus_is_visible_at_every_stop(nginx, page, path) -> None:
    page.goto(nginx + path)
    page.evaluate(RECORD_STOPS)
    for _ in range(STOPS):
        page.keyboard.press("Tab")
    recorded = page.evaluate("window.__stops")
    stops = recorded[:recorded.index(None)] if None in recorded else recorded
    for focus in stops:
        assert focus["outline"] or focus["shadow"], f"{path}: geen focusrand op {focus}"
    assert len(stops) >= 5, recorded[:10]


def test_quick_exit_by_keyboard_alone(nginx, page) -> None:
    page.goto(nginx + "/youth/signalen/")
    stops = [_tab(page) for _ in range(2)]
    assert "Snel weg" in stops[1]["text"], stops  # right after the skip link
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL + "*")


def test_search_by_keyboard_alone(nginx, page) -> None:
    page.goto(nginx + "/")
    if page.viewport_size["width"] < 960:
        # On a phone the search field is behind the header's search button: the theme's
        # shortcut "/" (or "s") opens it from anywhere.
        page.keyboard.press("/")
    else:
        for _ in range(30):
            if page.evaluate("document.activeElement.name") == "query":
                break
            page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "query"
    page.keyboard.type("veilig thuis", delay=30)
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__item') "
                            "!== null")
    assert focused
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.rstrip("/") != nginx)
    assert "Veilig Thuis" in page.content()
