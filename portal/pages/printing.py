"""HTML to PDF with Debian's Chromium in headless print mode, without network.

Each page is written to a temporary folder and printed with its own throw-away profile;
the page's CSS `@page { size: ... }` sets the paper (Chromium knows "A4" by name but not
"A6", so the templates give millimetres). A PDF must have exactly one page: a longer text
would otherwise spill onto a second sheet unnoticed.

Printing is the slowest step of a build (about a second per PDF), so PDFs are kept by the
hash of their HTML and of the Chromium that printed them: in memory, and on disk in
`cache_dir()` (shared by builds, test builds and the preview; a PDF is only ever stored
after it passed the one-page check). In the editors' preview (`mkdocs serve`), a material
whose text changed keeps its previous PDF for the rebuild that the save started, and
Chromium prints the new one once that rebuild is written (`background=True`,
start_background_prints); the new PDF lands in the cache folder, which the preview watches,
and that starts the rebuild that shows it. A page that no longer fits is reported by that
rebuild as in any build.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-extensions", "--no-first-run",
                 "--no-default-browser-check")
CACHE_KEEP = 200  # PDFs kept in cache_dir(), the newest
_PAGE = re.compile(rb"/Type\s*/Page\b")  # not /Pages: \b fails between "e" and "s"


class PrintError(Exception):
    """Chromium failed or a page did not fit on one sheet; the message is Dutch."""


def find_chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def page_count(pdf: bytes) -> int:
    """Pages in a PDF as Chromium writes it (page objects are not compressed)."""
    return len(_PAGE.findall(pdf))


def _print_one(chromium: str, folder: Path, index: int, name: str, page: str,
               nice: int = 0) -> bytes:
    source = folder / f"{index}.html"
    target = folder / f"{index}.pdf"
    source.write_text(page, encoding="utf-8")
    cmd = [chromium, *CHROMIUM_ARGS, f"--user-data-dir={folder / f'profile-{index}'}",
           f"--print-to-pdf={target}", source.as_uri()]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                                preexec_fn=(lambda: os.nice(nice)) if nice else None)
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


def cache_dir() -> Path:
    """Where printed PDFs are kept: PORTAL_CACHE_DIR, else the user's cache folder."""
    base = os.environ.get("PORTAL_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "meldpunt-portal")
    return Path(base) / "drukwerk"


def watched_print_cache() -> Path:
    """The cache folder, made if missing, for the preview to watch (see module doc)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _chromium_id(chromium: str) -> str:
    """The Chromium that prints, as part of the key: a new version may print otherwise."""
    path = shutil.which(chromium) or chromium
    try:
        stat = os.stat(os.path.realpath(path))
    except OSError:
        return path
    return f"{os.path.realpath(path)}:{stat.st_size}:{stat.st_mtime_ns}"


def _key(page: str, chromium_id: str) -> str:
    return hashlib.sha256(f"{chromium_id}\n{page}".encode()).hexdigest()


def _cached(key: str, folder: Path) -> bytes | None:
    if key in _CACHE:
        return _CACHE[key]
    if (error := _FAILED.get(key)) is not None:
        raise PrintError(error)
    try:
        pdf = (folder / f"{key}.pdf").read_bytes()
    except OSError:
        return None
    if page_count(pdf) != 1:  # a damaged or foreign file: print again
        return None
    _CACHE[key] = pdf
    return pdf


def _store(key: str, pdf: bytes, folder: Path) -> None:
    _CACHE[key] = pdf
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as tmp:
            tmp.write(pdf)
        os.replace(tmp.name, folder / f"{key}.pdf")  # whole or not at all
        kept = sorted(folder.glob("*.pdf"), key=lambda path: path.stat().st_mtime)
        for old in kept[:-CACHE_KEEP]:  # every edit of a poster's text prints a new PDF
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder: the PDF is kept in memory only


def _print_and_store(chromium: str, items: list[tuple[int, str, str, str]], folder: Path,
                     workers: int, nice: int = 0) -> None:
    with tempfile.TemporaryDirectory(prefix="portal-print-") as tmp, \
            ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {key: pool.submit(_print_one, chromium, Path(tmp), i, name, page, nice)
                   for i, name, page, key in items}
        for key, future in futures.items():
            _store(key, future.result(), folder)


def start_background_prints() -> None:
    """Print what the preview's last build queued (print_pdfs with `background`), in a
    thread of its own, once that build is written: the engine calls this at the end of a
    build, so that the printer never slows down the rebuild that a save started. A failure
    is kept for the next rebuild to report, and a marker file in the watched folder starts
    that rebuild."""
    with _LOCK:
        queued = list(_QUEUE.values())
        _QUEUE.clear()
    if not queued:
        return
    folder = cache_dir()

    def run() -> None:
        for chromium, items in _by_chromium(queued).items():
            try:
                # One Chromium at a time, at low priority: an editor may save again.
                _print_and_store(chromium, items, folder, workers=1, nice=10)
            except PrintError as exc:
                for *_, key in items:
                    _FAILED.setdefault(key, str(exc))
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / "laatste-fout.txt").write_text(str(exc), encoding="utf-8")
                except OSError:
                    pass
            finally:
                with _LOCK:
                    _PENDING.difference_update(key for *_, key in items)

    threading.Thread(target=run, name="portal-print", daemon=True).start()


def _by_chromium(queued: list[tuple[str, tuple[int, str, str, str]]]
                 ) -> dict[str, list[tuple[int, str, str, str]]]:
    grouped: dict[str, list[tuple[int, str, str, str]]] = {}
    for chromium, item in queued:
        grouped.setdefault(chromium, []).append(item)
    return grouped


def print_pdfs(pages: dict[str, str], chromium: str, *, workers: int = 2,
               background: bool = False) -> dict[str, bytes]:
    """{name: HTML} -> {name: PDF bytes}, in the same order; two Chromiums at a time.
    With `background` (the preview), a page whose HTML changed since it was last printed
    in this process gets that last PDF now, and its new PDF is printed in the background
    (see the module's docstring) once start_background_prints() is called; a page never
    printed in this process is printed now."""
    chromium_id = _chromium_id(chromium)
    folder = cache_dir()
    keys = {name: _key(page, chromium_id) for name, page in pages.items()}
    todo = []
    for i, (name, page) in enumerate(pages.items()):
        if _cached(keys[name], folder) is not None:
            continue
        if background and name in _LAST:
            with _LOCK:
                if keys[name] not in _PENDING:
                    _PENDING.add(keys[name])
                    _QUEUE[keys[name]] = (chromium, (i, name, page, keys[name]))
        else:
            todo.append((i, name, page, keys[name]))
    if todo:
        _print_and_store(chromium, todo, folder, workers)
    result = {name: _CACHE.get(keys[name]) or _LAST[name] for name in pages}
    _LAST.update((name, pdf) for name, pdf in result.items() if keys[name] in _CACHE)
    return result


_CACHE: dict[str, bytes] = {}  # key -> PDF
_LAST: dict[str, bytes] = {}  # material name -> the newest PDF of it printed or read here
_FAILED: dict[str, str] = {}  # key -> why Chromium could not print it (background)
_PENDING: set[str] = set()  # keys queued or being printed in the background
_QUEUE: dict[str, tuple[str, tuple[int, str, str, str]]] = {}  # key -> (chromium, item)
_LOCK = threading.Lock()
