"""The page for an address that does not exist, served by the real nginx (deploy/nginx):
status 404, in Dutch only, with the quick exit, the search and the three entries for
young people, parents and professionals, working at any depth of address."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from .support import NEUTRAL, Watch, open_context, watch_page

pytestmark = pytest.mark.browser

# What the theme says in English where a Dutch page says it in Dutch (its 404 page, the
# header, search and footer), and common English words of a page like this one.
ENGLISH = ("not found", "page", "search", "skip to", "back to top", "previous", "next",
           "leave now", "emergency", "young people", "parents and", "the ")


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.parametrize("path", ["/bestaat-niet/", "/youth/bestaat/niet/", "/en/bestaat-niet/",
                                  "/gemeenten/nergens/index.html"])
def test_missing_addresses_get_the_dutch_404_page(nginx, path) -> None:
    status, body = _status(nginx + path)
    assert status == 404
    assert '<html lang="nl"' in body
    assert "Deze pagina is er niet" in body
    assert "data-portal-exit" in body


@pytest.fixture
def page_404(browser, nginx):
    watch = Watch()
    ctx = open_context(browser, watch, viewport={"width": 390, "height": 844}, leaves=True)
    page = ctx.new_page()
    watch_page(page, watch)
    page.goto(nginx + "/youth/bestaat/niet/")  # deeper than any page: links must hold
    yield page
    ctx.close()
    assert watch.outside == []
    assert watch.console_errors == [] or all("404" in e for e in watch.console_errors)


def test_404_page_has_no_english(page_404) -> None:
    text = page_404.evaluate("document.body.innerText").lower()
    found = [w for w in ENGLISH if w in text]
    assert found == [], found
    assert page_404.title() == "Pagina niet gevonden - Meldpunt Aanpak Loverboys Limburg"
    # Any text marked as another language would be read out as English.
    assert page_404.eval_on_selector_all("[lang]:not([lang=nl])",
                                         "els => els.map(e => e.outerHTML.slice(0, 80))") == []


@pytest.mark.parametrize(("name", "target"), [("Voor jongeren", "/youth/"),
                                              ("Voor ouders en verzorgers", "/parents/"),
                                              ("Voor professionals", "/professionals/")])
def test_404_page_leads_to_the_three_audiences(page_404, nginx, name, target) -> None:
    page_404.locator("article").get_by_role("link", name=name, exact=True).click()
    page_404.wait_for_url(nginx + target)
    assert page_404.title() != ""


def test_404_page_opens_the_search(page_404) -> None:
    button = page_404.get_by_role("button", name="Zoek op deze website")
    button.click()
    box = page_404.locator("input[data-md-component=search-query]")
    page_404.wait_for_function("() => document.getElementById('__search').checked")
    assert box.evaluate("e => e === document.activeElement")
    box.press_sequentially("ouders", delay=20)
    page_404.wait_for_selector(".md-search-result__item", timeout=10_000)


def test_404_page_quick_exit_leaves(page_404) -> None:
    page_404.click("[data-portal-exit]")
    page_404.wait_for_url(NEUTRAL + "*")
