"""HTML to PDF with Debian's Chromium in headless print mode, without network.

Each page is written to a temporary folder and printed with its own throw-away profile;
the page's CSS `@page { size: ... }` sets the paper (Chromium knows "A4" by name but not
"A6", so the templates give millimetres). A PDF must have exactly one page: a longer text
would otherwise spill onto a second sheet unnoticed. PDFs are kept in memory by the hash
of their HTML, so `mkdocs serve` does not print the same page again on every rebuild.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-extensions", "--no-first-run",
                 "--no-default-browser-check")
_PAGE = re.compile(rb"/Type\s*/Page\b")  # not /Pages: \b fails between "e" and "s"
_CACHE: dict[str, bytes] = {}


class PrintError(Exception):
    """Chromium failed or a page did not fit on one sheet; the message is Dutch."""


def find_chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def page_count(pdf: bytes) -> int:
    """Pages in a PDF as Chromium writes it (page objects are not compressed)."""
    return len(_PAGE.findall(pdf))


def _print_one(chromium: str, folder: Path, index: int, name: str, page: str) -> bytes:
    source = folder / f"{index}.html"
    target = folder / f"{index}.pdf"
    source.write_text(page, encoding="utf-8")
    cmd = [chromium, *CHROMIUM_ARGS, f"--user-data-dir={folder / f'profile-{index}'}",
           f"--print-to-pdf={target}", source.as_uri()]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintError(f"{name}: Chromium kon de PDF niet maken ({exc}).") from None
    if result.returncode != 0 or not target.is_file():
        tail = "\n".join(result.stderr.strip().splitlines()[-3:])
        raise PrintError(f"{name}: Chromium kon de PDF niet maken (exit {result.returncode}).\n"
                         f"{tail}")
    pdf = target.read_bytes()
    if (pages := page_count(pdf)) != 1:
        raise PrintError(f"{name} past niet op één pagina ({pages} pagina's). Maak de tekst "
                         "in de sjabloon in templates/materials/ korter.")
    return pdf


def print_pdfs(pages: dict[str, str], chromium: str, *, workers: int = 2) -> dict[str, bytes]:
    """{name: HTML} -> {name: PDF bytes}, in the same order; two Chromiums at a time."""
    keys = {name: hashlib.sha256(page.encode("utf-8")).hexdigest() for name, page in pages.items()}
    todo = [(i, name, page) for i, (name, page) in enumerate(pages.items())
            if keys[name] not in _CACHE]
    if todo:
        with tempfile.TemporaryDirectory(prefix="portal-print-") as tmp, \
                ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {name: pool.submit(_print_one, chromium, Path(tmp), i, name, page)
                       for i, name, page in todo}
            for name, future in futures.items():
                _CACHE[keys[name]] = future.result()
    return {name: _CACHE[keys[name]] for name in pages}
