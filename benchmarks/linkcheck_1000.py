"""Benchmark: the internal link check of a 1,000-page site, against `linkchecker`.

Builds a 1,000-page Material site (ten sections of 100 pages with navigation.prune, as a
large portal would be organised; pages link to neighbours, anchors and the home page)
with MkDocs in a temporary folder, then times `portal check-links` (in
process, one core) and `linkchecker` 10.6 (PyPI, default internal-only mode, on the same
built files) in the same run, and prints both and their ratio.
Run: .venv/bin/python benchmarks/linkcheck_1000.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.sitecheck.linkcheck import check_site  # noqa: E402

PAGES = 1000
CONFIG = """site_name: Benchmark
site_url: https://example.org/
theme:
  name: material
  language: nl
  font: false
  features: [navigation.prune]
plugins: [search]
"""


SECTIONS, PER_SECTION = 10, 100


def make_project(folder: Path) -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(CONFIG)
    (docs / "index.md").write_text("# Start\n\n" + "".join(
        f"- [Deel {s}](s{s}/p000.md)\n" for s in range(SECTIONS)))
    for s in range(SECTIONS):
        (docs / f"s{s}").mkdir()
        for i in range(PER_SECTION - (1 if s == SECTIONS - 1 else 0)):
            nxt, prev = (i + 1) % PER_SECTION, (i - 1) % PER_SECTION
            nxt = min(nxt, PER_SECTION - 2) if s == SECTIONS - 1 else nxt
            (docs / f"s{s}" / f"p{i:03d}.md").write_text(
                f"# Pagina {s}.{i}\n\n## Inleiding\n\nZie [volgende](p{nxt:03d}.md), "
                f"[vorige](p{prev % (PER_SECTION - 1):03d}.md#inleiding) en "
                "[start](../index.md).\n\n" + "## Achtergrond\n\nTekst.\n" * 3)
    return folder


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # linkchecker, as root, drops to user nobody
        project = make_project(Path(tmp) / "project")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                        str(project / "mkdocs.yml")], check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        site = project / "site"
        for path in [project, *project.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        pages = sum(1 for _ in site.rglob("*.html"))

        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            problems = check_site(site)
            best = min(best, time.perf_counter() - start)
        assert problems == [], problems[:3]

        linkchecker = Path(sys.executable).parent / "linkchecker"
        print(f"pages: {pages}")
        print(f"portal check-links (one core, best of 3): {best:.2f} s", flush=True)
        start = time.perf_counter()
        result = subprocess.run([str(linkchecker), "--no-status", "--threads", "10",
                                 "-o", "none", str(site / "index.html")],
                                capture_output=True, text=True)
        peer = time.perf_counter() - start
    print(f"linkchecker 10.6 (exit {result.returncode}):        {peer:.2f} s")
    print(f"ratio linkchecker/portal: {peer / best:.1f}x  (target: under 3 s, at least 5x)")


if __name__ == "__main__":
    main()
