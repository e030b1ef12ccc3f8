"""Helpers for the browser tests: a Chromium context that lets requests to 127.0.0.1
through, answers the quick exit's neutral site itself, and records any other request
(which fails: the browser has no way out but 127.0.0.1), plus the console errors and CSP
violations of a page; and the same for the page sweep in Playwright's async API."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.request import urlopen

import yaml

from ..conftest import ROOT

NEUTRAL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split(
    "\nnav:")[0].replace("!!python", ""))["extra"]["quick_exit"]["url"]

NEUTRAL_PAGE = "<!doctype html><title>Weer</title><h1>Het weer</h1>"

RECORD_VIOLATIONS = """
window.__portalViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__portalViolations.push(
  e.violatedDirective + ' ' + e.blockedURI));
"""


@dataclass
class Watch:
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def _action(url: str, watch: Watch) -> str:
    """What to do with a request: let it through, answer it, or record and block it."""
    parts = urlsplit(url)
    if parts.hostname == "127.0.0.1" or parts.scheme in ("data", "blob"):
        return "continue"
    if url.startswith(NEUTRAL):
        return "neutral"
    watch.outside.append(url)
    return "abort"


def open_context(browser, watch: Watch, *, leaves: bool = False, empty_search: bool = False,
                 **options):
    """A context of the `browser` fixture (launched with OFFLINE_ARGS: a request leaving
    127.0.0.1 fails) that records each such request.

    `leaves`: for a test that leaves by the quick exit: the neutral site is answered here.
    Any route makes Chromium hand every request of the context to Playwright, which lets it
    through or answers it: loading a page then took about a third more CPU (measured on 40
    pages), so a context routes only what its test needs.

    `empty_search`: for a test that is not about search results. At first use the theme's
    script asks for the search index and builds it in a worker, about 1.5 s of a core for
    each page; the index is then answered with the site's own search settings and no
    entries (the request and the search field stay as they are)."""
    context = browser.new_context(**options)
    context.add_init_script(RECORD_VIOLATIONS)
    context.on("request", lambda r: _action(r.url, watch))
    if leaves:
        context.route(re.compile("^" + re.escape(NEUTRAL)), lambda r: r.fulfill(
            status=200, content_type="text/html", body=NEUTRAL_PAGE))
    if empty_search:
        context.route(SEARCH_INDEX, _answer_without_entries)
    return context


SEARCH_INDEX = re.compile(r"/search/search_index\.json(\?|$)")


def _answer_without_entries(route) -> None:
    route.fulfill(status=200, content_type="application/json",
                  body=_index_without_entries(route.request.url))


@functools.cache
def _index_without_entries(url: str) -> str:
    """The site's own index (read once from the server that serves it), without entries."""
    with urlopen(url, timeout=10) as response:
        return json.dumps({"config": json.load(response)["config"], "docs": []})


# For a browser whose only reachable host is 127.0.0.1: every other request goes to a
# closed port of a proxy and fails (loopback never goes through a proxy in Chromium).
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]


async def recording_context_async(browser, watch: Watch, *,
                                  answers: dict[str, str] | None = None, **options):
    """A context of Playwright's async API that records each request leaving 127.0.0.1, for
    a browser launched with OFFLINE_ARGS, which makes them fail. Unlike open_context it
    routes no request through Python: a routed request waits for this process, and a page
    loads about twice as fast without. `answers` maps a path ending (e.g.
    "/search/search_index.json") to the JSON body to answer it with; only those requests are
    routed. The CSP violations are recorded as with open_context."""
    context = await browser.new_context(**options)
    await context.add_init_script(RECORD_VIOLATIONS)
    context.on("request", lambda r: _action(r.url, watch))
    for end, body in (answers or {}).items():
        await context.route(re.compile(re.escape(end) + r"(\?|$)"), _answer_with(body))
    return context


def _answer_with(body: str):
    async def answer(route) -> None:  # one argument: Playwright passes the request to two
        await route.fulfill(status=200, content_type="application/json", body=body)

    return answer


def watch_page(page, watch: Watch) -> None:
    page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))


def violations(page) -> list[str]:
    return page.evaluate("window.__portalViolations || []")
