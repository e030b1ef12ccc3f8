"""Shared fixtures: copies of the small fixture data tree, one real build of the shipped
site per test run, nginx serving that build, and Debian's Chromium via Playwright.

The run uses every core (pytest-xdist, `-n` in pyproject.toml). Its workers share the one
site build and the one nginx through a folder of the run and file locks (pytest-xdist's
"making session-scoped fixtures execute only once"); the build starts in the background
at the first test when any test of the run needs it, so it runs beside the tests that do
not. Each worker has its own Chromium."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 29)  # the fixture data's day
# The shipped data and pages are checked as the build checks them: on the day it runs (a
# page reviewed today must not count as written in the future).
BUILD_DAY = date.today()
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


# With pytest-xdist the workers take the tests in units: a test module (its module-scoped
# fixtures, a build or a server, are then made once) or one part of the page sweep
# (tests/browser/conftest.py: site_sweep, whose ids are "part-N-of-M"; both tests of a
# part read one sweep). xdist's own xdist_group mark does not group with pytest 9.
def unit_of(nodeid: str) -> str:
    part = re.search(r"\bpart-\d+-of-\d+\b", nodeid)
    if part:
        return f"page sweep {part.group()}"
    module = nodeid.split("::")[0]
    # A module whose tests share no module-scoped fixture is shared out test by test: as
    # one unit, the quick exit's 40 browser tests (about 110 s) could end the run alone.
    return nodeid if module in SPLIT_MODULES else module


SPLIT_MODULES = frozenset({"tests/browser/test_quick_exit.py", "tests/browser/test_keyboard.py",
                           "tests/browser/test_theme_on_demand.py",
                           "tests/browser/test_selfcheck.py"})
# The units that need the site build and take longest, about in seconds of one worker
# (measured 2026-11-30). A scheduling hint, not a rule: the longest go first, so that
# the run ends with short units on both workers instead of one long one on one worker.
LONG_UNITS = {"tests/browser/test_accessibility.py": 60, "tests/browser/test_hostile_build.py": 45,
              "page sweep": 42, "tests/browser/test_csp.py": 35,
              "tests/browser/test_search.py": 25, "tests/test_html_valid.py": 22,
              "tests/browser/test_print.py": 21, "tests/test_site_build.py": 20}


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

    return UnitScheduling(config, log)


# The order of the units. First Lighthouse (a few minutes, when it is in the run): its
# worker waits for the site build, which takes that core meanwhile; the units that need no
# build come next, while the build runs; then the units of the build, longest first
# (LONG_UNITS, the parts of the page sweep among them). The sort is stable: within a rank
# pytest's own order stays, which puts the tests of one part of the sweep side by side (one
# sweep per part without xdist too).
def _rank(item) -> tuple[int, int]:
    names = getattr(item, "fixturenames", ())
    if item.nodeid.startswith("tests/browser/test_lighthouse.py"):
        return (0, 0)
    if "built_project" not in names:
        return (1, 0)
    unit = unit_of(item.nodeid)
    return (2, -LONG_UNITS.get(unit.split(" part-")[0], 0))


def pytest_collection_modifyitems(items) -> None:
    ranks: dict[str, tuple[int, int]] = {}
    for item in items:
        unit = unit_of(item.nodeid)
        ranks[unit] = max(ranks.get(unit, (0, 0)), _rank(item))
    items.sort(key=lambda item: ranks[unit_of(item.nodeid)])


@pytest.fixture
def fixture_tree(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/{data,docs}; returns the folder holding both."""
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    return tmp_path


def build_site(project: Path, site: Path) -> subprocess.CompletedProcess:
    """A public build: PORTAL_PREVIEW (a build for editors) is dropped from the environment."""
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_PREVIEW"}
    return subprocess.run(
        _build_command(site), cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True)


def fixture_project(tmp_path: Path) -> Path:
    """A copy of the small fixture site (tests/fixtures/site with data/) to build."""
    shutil.copytree(FIXTURES / "site", tmp_path / "site-src")
    shutil.copytree(FIXTURES / "data", tmp_path / "site-src" / "data")
    return tmp_path / "site-src"


def build_fixture(project: Path, *, preview: bool = False) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a fixture project into project/out, with no tools on
    the path but the system's (no Chromium needed: the fixture site prints nothing).
    `preview`: a build for editors (PORTAL_PREVIEW=1: banner, edit links, editors' page)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
         str(project / "out")],
        cwd=project, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
             **({"PORTAL_PREVIEW": "1"} if preview else {})})


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory) -> Path:
    """A folder that every worker of this test run shares (pytest-xdist gives each worker
    a folder inside the run's own; without xdist, the session's folder)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


class SiteBuild:
    """The one `mkdocs build --strict` of a copy of the shipped site in a test run: started
    once in the background by whichever worker comes first, waited for by all."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.project = folder / "project"
        self.lock = FileLock(folder / "site-build.lock")
        self.process: subprocess.Popen | None = None  # in the worker that started it

    def port(self) -> int:
        """The port nginx serves the build on, chosen once for the run."""
        with self.lock:
            file = self.folder / "site-port"
            if not file.exists():
                file.write_text(str(free_port()))
            return int(file.read_text())

    def start(self) -> None:
        port = self.port()
        with self.lock:
            if self.project.exists():
                return
            self.project.mkdir()
            for name in ("mkdocs.yml", "docs", "data", "overrides"):
                src = ROOT / name
                (shutil.copytree if src.is_dir() else shutil.copy)(src, self.project / name)
            config = self.project / "mkdocs.yml"
            text, count = re.subn(r"(?m)^site_url: .*$",
                                  f"site_url: http://127.0.0.1:{port}/",
                                  config.read_text(encoding="utf-8"))
            assert count == 1
            config.write_text(text, encoding="utf-8")
            # The web editor (build/webredactie/) copies Decap CMS from node_modules (npm ci).
            (self.project / "node_modules").symlink_to(ROOT / "node_modules")
            # The shell writes the exit code when mkdocs ends, also if the worker that
            # started it has ended by then.
            env = {k: v for k, v in os.environ.items() if k != "PORTAL_PREVIEW"}
            self.process = subprocess.Popen(
                ["sh", "-c", '"$@" >build.log 2>&1; echo $? >build.rc.tmp; '
                 "mv build.rc.tmp build.rc", "sh", *_build_command(self.project / "site")],
                cwd=self.project, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait(self, timeout: float = 1200.0) -> Path:
        self.start()
        rc = self.project / "build.rc"
        deadline = time.monotonic() + timeout
        while not rc.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"the site build did not end within {timeout:.0f} s")
            time.sleep(0.2)
        log = (self.project / "build.log").read_text(encoding="utf-8", errors="replace")
        assert rc.read_text().strip() == "0", log[-6000:]
        return self.project


def _build_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]


@pytest.fixture(scope="session")
def site_build(run_dir: Path) -> SiteBuild:
    """PORTAL_TEST_SITE names a folder that keeps the build between test runs of one
    checkout: scripts/test's second run (Lighthouse, alone) uses the first run's build."""
    shared = os.environ.get("PORTAL_TEST_SITE")
    folder = Path(shared) if shared else run_dir
    folder.mkdir(parents=True, exist_ok=True)
    return SiteBuild(folder)


@pytest.fixture(scope="session", autouse=True)
def _site_build_starts_early(request, site_build: SiteBuild) -> None:
    """Starts the shared build at this worker's first test if any test of the run needs it."""
    if any("built_project" in getattr(item, "fixturenames", ())
           for item in request.session.items):
        site_build.start()


@pytest.fixture(scope="session")
def site_port(site_build: SiteBuild) -> int:
    """The port nginx serves the test build on; the build's site_url points there, as in
    production, where the theme's instant navigation only follows links of its site_url."""
    return site_build.port()


@pytest.fixture(scope="session")
def built_project(site_build: SiteBuild) -> Path:
    """A copy of the project's site sources, built once per run: <copy>/site and
    <copy>/build. Shared by every test and worker: a test that changes a page changes a
    copy of it."""
    return site_build.wait()


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    return built_project / "site"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def deploy_paths(text: str, project: Path) -> str:
    """A file of deploy/nginx with the deploy paths pointing into the test build."""
    text = text.replace("/srv/meldpunt/site", str(project / "site"))
    text = text.replace("/srv/meldpunt/build/", str(project / "build") + "/")
    return text.replace("/srv/meldpunt/deploy/nginx/", str(project / "nginx") + "/")


def render_nginx(project: Path, port: int) -> str:
    """The public site's server on plain HTTP at 127.0.0.1:port: the deployed server's own
    deploy/nginx/public-site.conf (locations, headers, 404), without TLS, so that the
    browser tests need no certificate. tests/test_nginx.py runs the whole meldpunt.conf
    (TLS, port 80, the editor's host) with a certificate it makes."""
    return deploy_paths("include /srv/meldpunt/build/nginx-redirects.conf;\n"
                        f"server {{\n    listen 127.0.0.1:{port};\n"
                        "    include /srv/meldpunt/deploy/nginx/public-site.conf;\n}\n",
                        project)


@pytest.fixture(scope="session")
def nginx(built_project: Path, site_port: int, run_dir: Path):
    """Debian's nginx on 127.0.0.1 with the repository's config; yields the base URL. One
    nginx for the run: started by the first worker that needs it, stopped by the last."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: scripts/test installs Debian's nginx")
    run, users = run_dir / "nginx", run_dir / "nginx-users"
    with FileLock(run_dir / "nginx.lock"):
        count = int(users.read_text()) if users.exists() else 0
        if count == 0:
            (built_project / "nginx").mkdir(exist_ok=True)
            for conf in (ROOT / "deploy" / "nginx").glob("*.conf"):
                (built_project / "nginx" / conf.name).write_text(
                    deploy_paths(conf.read_text(encoding="utf-8"), built_project))
            run.mkdir(exist_ok=True)
            config = write_nginx_config(run, render_nginx(built_project, site_port),
                                        daemon=True)
            # The daemon keeps no pipe of ours open: its first words go to a file.
            with open(run / "start.log", "w") as log:
                started = subprocess.run([NGINX, "-c", str(config), "-p", str(run)],
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=log)
            assert started.returncode == 0, (run / "start.log").read_text()
            wait_for_port(site_port)
        users.write_text(str(count + 1))
    try:
        yield f"http://127.0.0.1:{site_port}"
    finally:
        with FileLock(run_dir / "nginx.lock"):
            count = int(users.read_text()) - 1
            users.write_text(str(count))
            if count == 0:
                subprocess.run([NGINX, "-s", "stop", "-c", str(run / "nginx.conf"),
                                "-p", str(run)], capture_output=True)
                _wait_for_exit(run / "nginx.pid")


def _wait_for_exit(pid_file: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def write_nginx_config(run: Path, site_conf: str, *, daemon: bool = False) -> Path:
    """nginx.conf for running Debian's nginx from the folder `run`, with `site_conf` in its
    http block; checked with nginx -t."""
    (run / "meldpunt.conf").write_text(site_conf, encoding="utf-8")
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / sub).mkdir(exist_ok=True)
    # As root, nginx's workers would switch to "nobody", who cannot read pytest's private
    # temporary folders; they keep the test runner's user instead.
    user = "user root;" if os.geteuid() == 0 else ""
    (run / "nginx.conf").write_text(f"""
{user}
daemon {"on" if daemon else "off"};
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/meldpunt.conf;
}}
""")
    check = subprocess.run([NGINX, "-t", "-c", str(run / "nginx.conf"), "-p", str(run)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    return run / "nginx.conf"


@contextmanager
def running_nginx(run: Path, site_conf: str, *ports: int):
    """Debian's nginx from the folder `run`, with `site_conf` in its http block, until
    the block ends; waits for `ports`. The config is checked (nginx -t) first."""
    config = write_nginx_config(run, site_conf)
    proc = subprocess.Popen([NGINX, "-c", str(config), "-p", str(run)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for port in ports:
            wait_for_port(port)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; its only way out is 127.0.0.1 (OFFLINE_ARGS in
    tests/browser/support.py: any other request fails and is recorded there)."""
    from playwright.sync_api import sync_playwright

    from .browser.support import OFFLINE_ARGS

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        yield instance
        instance.close()
