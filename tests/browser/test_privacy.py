"""On every built page, in Chromium: no request leaves 127.0.0.1, no cookie is set, no
console error and no CSP violation. A page with one third-party asset fails the check."""

from __future__ import annotations

import asyncio
import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest

from ..conftest import CHROMIUM, CHROMIUM_ARGS, free_port
from .support import Watch, open_context_async, watch_page

pytestmark = pytest.mark.browser


def check_pages(base: str, paths: list[str], workers: int = 4) -> dict[str, list[str]]:
    """Load each page (a few tabs at a time); return what went wrong, by kind."""
    return asyncio.run(_check_pages(base, paths, workers))


async def _check_pages(base: str, paths: list[str], workers: int) -> dict[str, list[str]]:
    from playwright.async_api import async_playwright

    watch = Watch()
    csp: list[str] = []
    queue = list(reversed(paths))
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await open_context_async(browser, watch)

        async def worker() -> None:
            page = await context.new_page()
            watch_page(page, watch)
            while queue:
                path = queue.pop()
                await page.goto(base + path, wait_until="load")
                csp.extend(f"{path}: {v}" for v in await page.evaluate(
                    "window.__portalViolations || []"))
            await page.close()

        await asyncio.gather(*(worker() for _ in range(workers)))
        cookies = await context.cookies()
        await browser.close()
    return {"outside": watch.outside, "cookies": [c["name"] for c in cookies],
            "console": watch.console_errors, "csp": sorted(csp)}


def _page_paths(site: Path) -> list[str]:
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        paths.append("/" + (rel[:-len("index.html")] if rel.endswith("index.html") else rel))
    return paths


def test_every_page_stays_on_the_site(nginx, built_site) -> None:
    paths = [p for p in _page_paths(built_site) if p != "/404.html"]
    assert len(paths) > 300
    paths.append("/bestaat-niet/")  # the 404 page, as nginx serves it
    problems = check_pages(nginx, paths)
    expected_404 = "the server responded with a status of 404"
    problems["console"] = [m for m in problems["console"] if expected_404 not in m]
    assert problems == {"outside": [], "cookies": [], "console": [], "csp": []}


@pytest.fixture
def serve(tmp_path):
    """Serve a folder on 127.0.0.1 with Python's http.server; yields a starter."""
    servers = []

    def start(folder: Path) -> str:
        port = free_port()

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{port}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.mark.parametrize("keep_csp", [True, False], ids=["with-csp", "without-csp"])
def test_a_third_party_asset_makes_the_check_fail(built_site, tmp_path, serve, keep_csp) -> None:
    shutil.copytree(built_site, tmp_path / "site")
    page = tmp_path / "site" / "index.html"
    html = page.read_text().replace(
        "</body>", '<img src="https://cdn.example.com/pixel.png" alt=""></body>')
    if not keep_csp:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page.write_text(html)
    problems = check_pages(serve(tmp_path / "site"), ["/"])
    if keep_csp:  # the page's own policy blocks the request before it is made
        assert any("img-src" in v and "cdn.example.com" in v for v in problems["csp"])
    else:  # without it, the request is caught on its way out
        assert problems["outside"] == ["https://cdn.example.com/pixel.png"]
