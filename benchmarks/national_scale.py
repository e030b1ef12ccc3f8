"""Benchmark: a national-scale build against the Limburg site, and the portal plugin's share.

Makes, in a temporary folder, a synthetic national project (benchmarks/national_project.py:
342 municipalities in 25 regions, 1,000 organisations, 300 hand-written pages, valid for
`portal validate`) and a copy of the shipped Limburg project, and builds both with the
shipped configuration (mkdocs.yml, overrides/; plugins search, portal, redirects, i18n;
materials on) with `mkdocs build --strict`, one process each, --runs times (2) alternated,
the fastest counting. Prints per project the pages built (*.html files), the build time
(MkDocs's own "Documentation built in", so interpreter start-up is left out) and the time
per page, and the ratio national/Limburg time per page (target: at most 2). Checks that
the page count stays within organisations + hand-written pages + municipalities + FIXED
(see below); exits 1 when the ratio or this rule fails.

The named peer, in the same run: a plain Material build of the same Markdown (the files
of `portal generate` with the print materials, and docs/ with its [[…]] references
expanded: portal.build.docs_files), with the same theme, overrides, Markdown extensions,
nav and extra (the crisis line and share image the plugin would set), and the search
plugin only. The portal plugin's share of the build is (full - plain) / full (target: at
most 25 %); the plain build has neither i18n nor redirects, so their cost counts in the
share too. The PDFs of the print materials are printed once, into a cache of this run,
when the plain Markdown is made; the full builds read them from it (as every build after
the first does). --profile then builds the national project twice more, each in a fresh
process: with each plugin event timed (real seconds), and under cProfile (the portal's
functions). About 2 minutes on 2 cores, 4 with --profile.

Run: .venv/bin/python benchmarks/national_scale.py [--runs N] [--profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from national_project import (  # noqa: E402
    MUNICIPALITIES,
    ORGANISATIONS,
    PAGES,
    make_limburg,
    make_national,
)

from portal.build import docs_files, generate_site, write_files  # noqa: E402
from portal.checks.validate import validate_tree  # noqa: E402
from portal.editors.freshness import FRESHNESS_URI  # noqa: E402
from portal.exports.site_extras import SiteExtras  # noqa: E402
from portal.pages.materials import build_materials, crisis_line  # noqa: E402

# Pages whose number does not grow with organisations, hand-written pages or
# municipalities: 22 one-per-site pages (the help directory in Dutch and in English, the
# municipality overview, the route overview, the Wegwijzer's start, its three audience
# pages and its English page, the decision aid, the chain map, agenda and archive, the two
# Materialen pages, 404.html and the six short campaign addresses of mkdocs.yml), one page
# per route (10 shipped) and one per region (at most 25: the Veilig Thuis regions of the
# Netherlands): 57 in the national project, and 3 to spare.
FIXED = 60
RATIO_MAX, SHARE_MAX = 2.0, 0.25
MARKER = ".national-scale"  # in a --keep folder: this benchmark may empty it
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
ENV.pop("PORTAL_PREVIEW", None)
os.environ.pop("PORTAL_PREVIEW", None)


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def build(project: Path, config: str = "mkdocs.yml", *,
          strict: bool = True) -> tuple[float, float, int]:
    """MkDocs's own build time, the wall time of the process and the pages built."""
    site = project / f"site-{Path(config).stem}"
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / config),
               "--site-dir", str(site)] + (["--strict"] if strict else [])
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build of {project.name}/{config} failed:\n{result.stderr[-4000:]}")
    found = BUILT.search(result.stderr)
    assert found, result.stderr[-2000:]
    return float(found.group(1)), wall, count_pages(site)


def content(project: Path) -> tuple[int, int, int]:
    """Organisations, hand-written pages (docs/**/*.md) and municipalities of a project."""
    orgs = sum(1 for _ in (project / "data" / "organisations").glob("*.yml"))
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    munis = len(yaml.safe_load((project / "data" / "municipalities.yml")
                               .read_text(encoding="utf-8"))["municipalities"])
    return orgs, pages, munis


def page_rule(name: str, built: int, counts: tuple[int, int, int]) -> bool:
    """Print and check: pages built <= organisations + pages + municipalities + FIXED."""
    orgs, pages, munis = counts
    limit = orgs + pages + munis + FIXED
    print(f"page count, {name}: {built} <= {orgs} organisations + {pages} hand-written + "
          f"{munis} municipalities + {FIXED} = {limit}: {'yes' if built <= limit else 'NO'}")
    return built <= limit


def write_plain(project: Path, today: date) -> str:
    """The plain Material project beside the full one: plain-docs/ (the same Markdown)
    and mkdocs-plain.yml. Returns the config's file name."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = project / "docs"
    generated = generate_site(project / "data", today=today, docs_dir=docs,
                              templates_dir=project / "overrides" / "portal")
    portal = generated.portal
    files = [f for f in generated.files if f.uri != FRESHNESS_URI]  # preview builds only
    files += build_materials(portal, config["site_url"], today=today,
                             templates_dir=project / "overrides" / "portal")
    files += docs_files(docs, portal)  # a hand-written page at the same path wins
    plain_docs = project / "plain-docs"
    write_files(files, plain_docs)
    search = next(p for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    config["plugins"] = [search]
    config["docs_dir"] = "plain-docs"
    config["extra"]["portal_crisis"] = crisis_line(portal, "alarmnummer/bellen")
    config["extra"]["portal_social"] = SiteExtras().social(config["site_url"], str(docs))
    name = "mkdocs-plain.yml"
    (project / name).write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                encoding="utf-8")
    return name


def _in_process_build(project: Path, site: str, wrap=None) -> float:
    """One full build of `project` in this process; `wrap(event, plugin, fn)` may wrap
    every plugin event. Returns the seconds of MkDocs's build()."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    cwd = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / site))
        if wrap is not None:
            for event, methods in config.plugins.events.items():
                for i, method in enumerate(methods):
                    owner = getattr(method, "__self__", None)
                    plugin = type(owner).__module__.split(".")[0] if owner else "?"
                    methods[i] = wrap(event, plugin, method)
        start = time.perf_counter()
        mkdocs_build(config)
        return time.perf_counter() - start
    finally:
        os.chdir(cwd)


def profile_events(project: Path) -> None:
    """The national full build with each plugin event timed (no profiler, so the seconds
    are real). The i18n plugin's English build runs inside its on_post_build and is
    counted there as well as in the events it runs."""
    spent: dict[str, float] = {}

    def wrap(event, plugin, method):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                key = f"{plugin}: on_{event}"
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - start
        return timed

    total = _in_process_build(project, "site-events", wrap)
    print(f"\nThe national full build, each plugin event timed: {total:.1f} s in all")
    for key, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        if secs >= 0.05:
            print(f"  {secs:6.2f} s  {key}")


def profile_functions(project: Path, top: int = 30) -> None:
    """The national full build under cProfile: the portal's functions (and the i18n
    plugin's English build) by time including what they call."""
    profiler = cProfile.Profile()
    profiler.enable()
    total = _in_process_build(project, "site-profile")
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"/portal/|mkdocs_static_i18n/plugin", top)
    lines = out.getvalue().splitlines()
    start_at = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print(f"\ncProfile of the national full build ({total:.1f} s with the profiler on; "
          "seconds including what each calls):")
    for line in lines[start_at:]:
        if line.strip():
            print(line.replace(str(ROOT) + "/", "").replace(str(project) + "/", ""))


def profile(project: Path) -> None:
    """Both profiles, each in a fresh process: a second build in the same process would
    find the caches of the first (the CSP check's, the search forms')."""
    for mode in ("events", "functions"):
        subprocess.run([sys.executable, __file__, "--child", mode, str(project)],
                       env=ENV, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2,
                        help="builds of each kind, alternated; the fastest counts (2)")
    parser.add_argument("--profile", action="store_true",
                        help="after the figures: the national full build with its plugin "
                        "events timed, and under cProfile")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PROJECT"),
                        help=argparse.SUPPRESS)  # one profile, in its own process
    args = parser.parse_args()
    if args.child:
        mode, project = args.child
        (profile_events if mode == "events" else profile_functions)(Path(project))
        return 0
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        if args.keep and base.exists():
            if not (base / MARKER).is_file():
                sys.exit(f"{base} exists and is not a folder of this benchmark: not emptied")
            shutil.rmtree(base)
        base.mkdir(parents=True, exist_ok=True)
        (base / MARKER).write_text("benchmarks/national_scale.py\n", encoding="utf-8")
        # The printed PDFs in a cache of this run: made once, when the plain Markdown is
        # written (build_materials), then read from it by every full build (as in any
        # build after the first: print materials may come from the cache).
        ENV["PORTAL_CACHE_DIR"] = os.environ["PORTAL_CACHE_DIR"] = str(base / "pdf-cache")
        national, limburg = base / "national", base / "limburg"
        start = time.perf_counter()
        make_national(national)
        make_limburg(limburg)
        _, problems = validate_tree(national / "data", today=today, docs_dir=national / "docs")
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            sys.exit("synthetic data not valid:\n"
                     + "\n".join(p.format_text() for p in errors[:10]))
        plain_n, plain_l = write_plain(national, today), write_plain(limburg, today)
        orgs, pages, munis = content(national)
        assert (orgs, pages, munis) == (ORGANISATIONS, PAGES, MUNICIPALITIES)
        print(f"projects made and validated in {time.perf_counter() - start:.1f} s: national "
              f"{orgs} organisations, {munis} municipalities in 25 regions, {pages} "
              f"hand-written pages ({len(problems)} warnings, 0 errors)", flush=True)

        # Full and plain builds of each project, alternated, each in its own process.
        load = os.getloadavg()[0]
        runs: dict[str, list] = {"nf": [], "np": [], "lf": [], "lp": []}
        for _ in range(args.runs):
            runs["nf"].append(build(national))
            runs["np"].append(build(national, plain_n, strict=False))
            runs["lf"].append(build(limburg))
            runs["lp"].append(build(limburg, plain_l, strict=False))
        full_n, plain_nt, full_l, plain_lt = (min(runs[k]) for k in ("nf", "np", "lf", "lp"))

        print(f"\nfastest of {args.runs} (load average {load:.1f} before, "
              f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores)")
        print(f"{'':28}{'pages':>7}{'build s':>9}{'wall s':>8}{'ms/page':>9}")
        for name, (secs, wall, count) in (("national, full", full_n),
                                          ("national, plain Material", plain_nt),
                                          ("Limburg, full", full_l),
                                          ("Limburg, plain Material", plain_lt)):
            print(f"{name:28}{count:7d}{secs:9.2f}{wall:8.2f}{1000 * secs / count:9.1f}")
        ratio = (full_n[0] / full_n[2]) / (full_l[0] / full_l[2])
        share_n = (full_n[0] - plain_nt[0]) / full_n[0]
        share_l = (full_l[0] - plain_lt[0]) / full_l[0]
        print(f"\nratio national/Limburg time per page: {ratio:.2f}  (target: at most "
              f"{RATIO_MAX:g})")
        within = [page_rule(name, built[2], content(project)) for name, built, project in
                  (("national", full_n, national), ("Limburg", full_l, limburg))]
        print(f"portal plugin's share of the build (full - plain) / full: national "
              f"{100 * share_n:.0f} %, Limburg {100 * share_l:.0f} %  (target: national at "
              f"most {100 * SHARE_MAX:.0f} %)", flush=True)
        failed = []
        if ratio > RATIO_MAX:
            failed.append(f"ratio {ratio:.2f} > {RATIO_MAX:g}")
        if not all(within):
            failed.append("page count above organisations + hand-written pages + "
                          f"municipalities + {FIXED}: a page kind grows with something else")
        if share_n > SHARE_MAX and not args.profile:
            print(f"the plugin's share is above {100 * SHARE_MAX:.0f} %: run with --profile "
                  "to see where the time goes")
        if args.profile:
            profile(national)
    if failed:
        print("FAILED: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
