"""Benchmark: how long an editor waits, with `scripts/serve` running, before a saved edit
shows on the served page.

Copies the project (docs/, data/, overrides/, mkdocs.yml; node_modules linked) to a
temporary folder and starts the preview there as scripts/serve does (PORTAL_PREVIEW=1
`mkdocs serve --strict` on a free port of 127.0.0.1). Then, five times each, it saves
one edit and polls the served page (every 20 ms, plain HTTP) until the edit shows:

- a Markdown edit: a sentence added to docs/over-het-meldpunt.md, seen on that page;
- a YAML edit: the name of an organisation in data/organisations/ changed, seen both on
  the organisation's generated page and on docs/contact.md, which cites it with `[[id]]`;
  the name is on the young people's poster too, whose PDF is printed after the rebuild
  (portal/pages/printing.py): the time until the served PDF changes is printed apart.

Prints the median and every run, in seconds from the save to the changed page. Peer: the
full build of the same project (`mkdocs build --strict` in a new process, timed once in
the same run), which is what an editor waited for before the preview rebuilt only what
changed. Run: .venv/bin/python benchmarks/preview.py
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
TIMEOUT = 120.0
# Seconds between a change seen and the next save. A YAML edit that changes a poster starts
# one more rebuild when its new PDF lands (portal/pages/printing.py); an editor reading
# the page does not wait for it, and neither does the next measurement.
SETTLE = 3.0
MARKDOWN = "docs/over-het-meldpunt.md", "/over-het-meldpunt/"
ORG = "data/organisations/de-kindertelefoon.yml", "/hulp/de-kindertelefoon/", "/contact/"
ORG_NAME = "name: De Kindertelefoon\n"
POSTER = "/materials/jongeren-poster-a4.pdf"  # names De Kindertelefoon


def copy_project(target: Path) -> Path:
    for name in ("docs", "data", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if (ROOT / "node_modules").is_dir():  # the web editor's Decap CMS (decap_admin)
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    return fetch_bytes(url).decode("utf-8", errors="replace")


def fetch_bytes(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return b""


def wait_for_change(url: str, old: bytes, start: float) -> float:
    while fetch_bytes(url) in (old, b""):
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"Na {TIMEOUT:.0f} s is {url} nog niet veranderd")
        time.sleep(0.05)
    return time.perf_counter() - start


def wait_for(urls: list[str], text: str, start: float) -> float:
    """Seconds from `start` until every url serves a page containing `text`."""
    pending = list(urls)
    while pending:
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"Na {TIMEOUT:.0f} s nog niet te zien op {pending}: {text!r}")
        pending = [url for url in pending if text not in fetch(url)]
        if pending:
            time.sleep(0.02)
    return time.perf_counter() - start


def save(path: Path, text: str) -> None:
    """Write as an editor's program does: the whole file, in one go."""
    path.write_text(text, encoding="utf-8")


def measure(project: Path, base: str) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"markdown": [], "yaml": [], "pdf": []}
    page = project / MARKDOWN[0]
    original_page = page.read_text(encoding="utf-8")
    org = project / ORG[0]
    original_org = org.read_text(encoding="utf-8")
    assert ORG_NAME in original_org, f"{ORG[0]} heeft geen regel {ORG_NAME!r}"
    for run in range(RUNS):
        word = f"Proefzin{run}x{os.getpid()}"
        start = time.perf_counter()
        save(page, original_page + f"\n{word} staat hier.\n")
        results["markdown"].append(wait_for([base + MARKDOWN[1]], word, start))
        time.sleep(SETTLE)  # an editor reads the page before the next edit

        name = f"De Kindertelefoon Proef{run}x{os.getpid()}"
        poster = fetch_bytes(base + POSTER)
        start = time.perf_counter()
        save(org, original_org.replace(ORG_NAME, f"name: {name}\n"))
        results["yaml"].append(wait_for([base + ORG[1], base + ORG[2]], name, start))
        results["pdf"].append(wait_for_change(base + POSTER, poster, start))
        time.sleep(SETTLE)
    return results


def full_build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--site-dir", str(project / "site-full")], cwd=project, check=True,
                   env={**os.environ, "PORTAL_PREVIEW": "1"})
    return time.perf_counter() - start


def main() -> None:
    env = {**os.environ, "PORTAL_PREVIEW": "1", "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    os.environ.update(env)
    with tempfile.TemporaryDirectory(prefix="portal-preview-") as tmp:
        project = copy_project(Path(tmp))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(Path(tmp) / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr",
             f"127.0.0.1:{port}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            start = time.perf_counter()
            first = wait_for([base + MARKDOWN[1]], "</html>", start)
            print(f"eerste build van de voorbeeldsite: {first:.1f} s", flush=True)
            results = measure(project, base)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.seek(0)
            errors = [line for line in log if re.search(r"ERROR|Traceback|Aborted", line)]
        if errors:
            raise SystemExit("De voorbeeldserver meldde fouten:\n" + "".join(errors[:10]))
        build = full_build(project)
    for kind, label in (("markdown", "Markdown-pagina bewerkt"),
                        ("yaml", "YAML van een organisatie bewerkt (haar pagina en /contact/)"),
                        ("pdf", "  daarna de poster (PDF) met de nieuwe naam")):
        runs = ", ".join(f"{t:.2f}" for t in results[kind])
        print(f"{label}: mediaan {statistics.median(results[kind]):.2f} s (runs: {runs})")
    print(f"peer, volledige build (mkdocs build --strict, nieuw proces): {build:.2f} s")
    worst = max(statistics.median(results[kind]) for kind in ("markdown", "yaml"))
    print(f"verhouding slechtste mediaan / volledige build: {worst / build:.2f}")


if __name__ == "__main__":
    main()
