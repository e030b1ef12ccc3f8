"""The one pass over every built page that the privacy and accessibility tests share, in
parts that pytest-xdist spreads over the workers (both tests of a part on one worker)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from ..conftest import free_port
from .sweep import (
    KINDS,
    SWEEP_PARTS,
    Sweep,
    page_paths,
    sweep_pages,
    sweep_part,
)


@pytest.fixture(scope="session", params=range(SWEEP_PARTS),
                ids=[f"part-{part + 1}-of-{SWEEP_PARTS}" for part in range(SWEEP_PARTS)])
def site_sweep(request, nginx, built_site) -> Sweep:
    paths = page_paths(built_site)  # every page; one of each kind in all four variants
    # One page at a time: the parts run side by side on both cores (tests/conftest.py
    # ranks them together), and two pages per part cost about 7 % more CPU.
    return sweep_pages(nginx, sweep_part(paths, request.param), workers=1, full=KINDS)


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
