"""Shared fixtures: copies of the small fixture data tree, one real build of the shipped
site per test session, nginx serving that build, and Debian's Chromium via Playwright."""

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
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"},
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
def site_port() -> int:
    """The port nginx serves the test build on; the build's site_url points there, as in
    production, where the theme's instant navigation only follows links of its site_url."""
    return free_port()


@pytest.fixture(scope="session")
def built_project(tmp_path_factory, site_port) -> Path:
    """A copy of the project's site sources, built once: <copy>/site and <copy>/build."""
    project = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "docs", "data", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^site_url: .*$", f"site_url: http://127.0.0.1:{site_port}/",
                          config.read_text(encoding="utf-8"))
    assert count == 1
    config.write_text(text, encoding="utf-8")
    # The web editor (build/webredactie/) copies Decap CMS from node_modules (npm ci).
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


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
def nginx(built_project: Path, site_port: int, tmp_path_factory):
    """Debian's nginx on 127.0.0.1 with the repository's config; yields the base URL."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: scripts/test installs Debian's nginx")
    run = tmp_path_factory.mktemp("nginx")
    (built_project / "nginx").mkdir(exist_ok=True)
    for conf in (ROOT / "deploy" / "nginx").glob("*.conf"):
        (built_project / "nginx" / conf.name).write_text(
            deploy_paths(conf.read_text(encoding="utf-8"), built_project))
    with running_nginx(run, render_nginx(built_project, site_port), site_port):
        yield f"http://127.0.0.1:{site_port}"


@contextmanager
def running_nginx(run: Path, site_conf: str, *ports: int):
    """Debian's nginx from the folder `run`, with `site_conf` in its http block, until
    the block ends; waits for `ports`. The config is checked (nginx -t) first."""
    (run / "meldpunt.conf").write_text(site_conf, encoding="utf-8")
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / sub).mkdir()
    # As root, nginx's workers would switch to "nobody", who cannot read pytest's private
    # temporary folders; they keep the test runner's user instead.
    user = "user root;" if os.geteuid() == 0 else ""
    (run / "nginx.conf").write_text(f"""
{user}
daemon off;
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
    proc = subprocess.Popen([NGINX, "-c", str(run / "nginx.conf"), "-p", str(run)],
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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
