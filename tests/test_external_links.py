"""`portal check-links --external` against a local HTTP server on 127.0.0.1: each kind of
answer gets its code, busy servers are asked again, working links are cached, and the
report groups findings by page and by data record. Nothing here leaves the machine."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from portal.cli import main
from portal.sitecheck.external_collect import Place, collect_data_urls, collect_external_urls
from portal.sitecheck.external_http import (
    HostLimiter,
    Result,
    Settings,
    check_url,
    check_urls,
    retry_delay,
)
from portal.sitecheck.external_links import (
    check_external,
    collect_problems,
    load_cache,
    render_json,
    render_text,
)

from .conftest import FIXTURES, free_port

FAST = Settings(timeout=0.5, retries=2, backoff=0.01, max_retry_after=0.05)

# path -> (status, headers) per request; a list is answered in turn, its last item for
# every later request. "HEAD" / "GET" keys answer one method only.
ROUTES: dict[str, object] = {
    "/ok": (200, {}),
    "/moved": (301, {"Location": "/ok"}),
    "/moved308": (308, {"Location": "http://{host}/ok"}),
    "/temporary": (302, {"Location": "/ok"}),
    "/chain": (301, {"Location": "/temporary"}),
    "/loop": (302, {"Location": "/loop"}),
    "/missing": (404, {}),
    "/gone": (410, {}),
    "/busy": [(429, {"Retry-After": "0"}), (200, {})],
    "/broken": (500, {}),
    "/forbidden": (403, {}),
    "/head-refused": {"HEAD": (405, {}), "GET": (200, {})},
    "/to-missing": (301, {"Location": "/missing"}),
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: Counter[tuple[str, str]] = Counter()
        self.lock = threading.Lock()
        self.active = self.most_active = 0

    def handle_error(self, request, client_address) -> None:
        pass  # a client that timed out closes its socket; that is expected here


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        server, path = self.server, self.path
        with server.lock:
            server.requests[(self.command, path)] += 1
            count = server.requests[(self.command, path)]
            server.active += 1
            server.most_active = max(server.most_active, server.active)
        try:
            if path.startswith("/slow"):
                time.sleep(0.3 if path.startswith("/slowish") else 2.0)
                route: object = (200, {})
            else:
                route = ROUTES.get(path, (404, {}))
            if isinstance(route, dict):
                route = route[self.command]
            if isinstance(route, list):
                route = route[min(count, len(route)) - 1]
            status, headers = route  # type: ignore[misc]
        finally:
            # Before the answer: once the client has it, it may start its next request,
            # which must not find this one still counted (a race under load).
            with server.lock:
                server.active -= 1
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value.format(host=f"127.0.0.1:{server.server_port}"))
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")


@pytest.fixture
def server():
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_port}"  # type: ignore[attr-defined]
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _hits(server: _Server, path: str) -> int:
    return sum(n for (_, p), n in server.requests.items() if p == path)


@pytest.mark.parametrize(
    ("path", "code", "status", "detail"),
    [
        ("/ok", None, 200, ""),
        ("/temporary", None, 200, "Tijdelijk doorverwezen naar"),
        ("/chain", "X005", 200, "/temporary'"),  # the permanent hop's target, not the end
        ("/moved", "X005", 200, "pas de link aan naar 'http://127.0.0.1"),
        ("/moved308", "X005", 200, "HTTP 308"),
        ("/missing", "X001", 404, "bestaat niet (HTTP 404)"),
        ("/gone", "X001", 410, "HTTP 410"),
        ("/to-missing", "X001", 404, "na doorverwijzing naar"),
        ("/broken", "X002", 500, "ook niet na 3 pogingen"),
        ("/forbidden", "X006", 403, "HTTP 403"),
        ("/loop", "X007", 302, "meer dan 5 keer"),
        ("/head-refused", None, 200, ""),
        ("/busy", None, 200, ""),
    ],
)
def test_each_answer_gets_its_code(server, path, code, status, detail) -> None:
    result = check_url(server.base + path, FAST)
    assert (result.code, result.status) == (code, status), result.detail
    assert detail in result.detail


def test_permanent_redirect_names_the_new_address(server) -> None:
    result = check_url(server.base + "/moved", FAST)
    assert result.final_url == server.base + "/ok"
    assert result.redirects == [(301, server.base + "/ok")]
    assert result.detail.endswith(f"pas de link aan naar '{server.base}/ok'.")


def test_busy_and_failing_servers_are_asked_again(server) -> None:
    pauses: list[float] = []
    busy = check_url(server.base + "/busy", FAST, sleep=pauses.append)
    assert (busy.code, busy.attempts, server.requests[("HEAD", "/busy")]) == (None, 2, 2)
    assert pauses == [0.0]  # Retry-After: 0 is respected
    broken = check_url(server.base + "/broken", FAST, sleep=pauses.append)
    assert (broken.attempts, server.requests[("HEAD", "/broken")]) == (3, 3)
    assert pauses[1:] == [0.01, 0.02]  # exponential backoff from the base delay


def test_head_refused_falls_back_to_get(server) -> None:
    check_url(server.base + "/head-refused", FAST)
    assert server.requests[("HEAD", "/head-refused")] == 1
    assert server.requests[("GET", "/head-refused")] == 1
    check_url(server.base + "/missing", FAST)
    assert server.requests[("GET", "/missing")] == 0  # 404 on HEAD is final


def test_slow_server_times_out_after_retries(server) -> None:
    settings = Settings(timeout=0.3, retries=1, backoff=0.01)
    started = time.monotonic()
    result = check_url(server.base + "/slow", settings)
    assert (result.code, result.attempts, result.status) == ("X003", 2, None)
    assert "niet binnen 0,3 seconden, ook niet na 2 pogingen" in result.detail
    assert _hits(server, "/slow") == 2 and time.monotonic() - started < 1.5


def test_connection_refused() -> None:
    result = check_url(f"http://127.0.0.1:{free_port()}/", FAST)
    assert (result.code, result.attempts) == ("X004", 1)
    assert "geweigerd" in result.detail


def test_retry_after_is_capped() -> None:
    settings = Settings(backoff=0.5, max_retry_after=2.0)
    assert retry_delay(1, settings, 120.0) == 2.0
    assert retry_delay(3, settings, None) == 2.0  # 0.5 * 2 ** 2
    assert retry_delay(1, settings, 1.0) == 1.0


def test_at_most_per_host_requests_at_once(server) -> None:
    urls = [f"{server.base}/slowish-{n}" for n in range(6)]
    results = check_urls(urls, Settings(timeout=2, per_host=2, workers=6))
    assert list(results) == urls and all(r.code is None for r in results.values())
    assert server.most_active == 2


def test_host_limiter_is_per_host() -> None:
    """While host a's only slot is taken, another thread gets b's at once and waits for a's."""
    limiter = HostLimiter(1)
    got: dict[str, bool] = {}

    def take(host: str) -> None:
        with limiter.slot(host):
            got[host] = True

    with limiter.slot("a.example"):
        for host in ("b.example", "a.example"):
            thread = threading.Thread(target=take, args=(host,), daemon=True)
            thread.start()
            thread.join(timeout=0.5)
            got.setdefault(host, False)
        assert got == {"b.example": True, "a.example": False}
    thread.join(timeout=2)  # a's slot is free again: the waiting thread gets it
    assert got["a.example"] is True


def test_cache_skips_working_links_and_asks_failures_again(server, tmp_path) -> None:
    cache = tmp_path / "build" / "external-links.json"
    urls = [server.base + "/ok", server.base + "/missing", server.base + "/moved"]
    now = datetime(2026, 11, 29, 12, tzinfo=UTC)
    first = check_external(urls, FAST, cache=cache, now=now)
    assert [r.cached for r in first.values()] == [False, False, False]
    assert set(load_cache(cache)) == {server.base + "/ok"}  # only what worked
    assert [p.name for p in cache.parent.iterdir()] == ["external-links.json"]  # no temp
    second = check_external(urls, FAST, cache=cache, now=now + timedelta(hours=23))
    assert second[server.base + "/ok"].cached and second[server.base + "/ok"].status == 200
    assert server.requests[("HEAD", "/missing")] == 2  # failures are asked again
    assert server.requests[("HEAD", "/moved")] == 2  # so are warnings
    # /ok itself was asked once; the other requests came through /moved's redirect.
    assert server.requests[("HEAD", "/ok")] == 1 + 2
    check_external(urls, FAST, cache=cache, now=now + timedelta(hours=25))
    assert server.requests[("HEAD", "/ok")] == 3 + 2  # too old: asked again (+ via /moved)


def test_broken_cache_is_ignored(server, tmp_path) -> None:
    cache = tmp_path / "cache.json"
    cache.write_text("{niet json", encoding="utf-8")
    results = check_external([server.base + "/ok"], FAST, cache=cache)
    assert not results[server.base + "/ok"].cached
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == 1


PAGE = """<!doctype html><html><head><title>{title}</title>
<link rel="canonical" href="https://www.example.org/{title}/">
<link rel="stylesheet" href="{base}/ok"></head><body>
<a href="https://github.invalid/org/repo/edit/main/docs/{title}.md" rel="edit">Wijzig</a>
<h1>{title}</h1><a href="../">Start</a><a href="{base}/missing#deel">Oude folder</a>
<img src="{base}/moved" alt=""></body></html>"""
ORG = """id: hulp
name: Hulp
website: {base}/ok
channels:
  - id: chat
    type: chat
    value: {base}/missing
    source:
      url: {base}/moved
source:
  url: {base}/gone
notes: >-
  Zie ook de oude folder op
  {base}/missing, of bel.
"""


def _project(root: Path, base: str) -> tuple[Path, Path]:
    site, data = root / "site", root / "data"
    (site / "jongeren").mkdir(parents=True)
    (site / "index.html").write_text('<html><body><a href="jongeren/">J</a></body></html>')
    (site / "jongeren" / "index.html").write_text(PAGE.format(title="jongeren", base=base))
    (data / "organisations").mkdir(parents=True)
    (data / "organisations" / "hulp.yml").write_text(ORG.format(base=base))
    (data / "routes").mkdir()
    (data / "routes" / "kapot.yml").write_text("id: [kapot\n")  # unreadable: skipped
    return site, data


def test_addresses_are_collected_with_page_and_record(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    base = "https://hulp.example"
    site, data = _project(tmp_path, base)
    found = collect_external_urls(Path("site"), Path("data"))
    assert set(found) == {f"{base}/{p}" for p in ("ok", "missing", "moved", "gone")}
    where = {(p.kind, p.path, p.line, p.label) for p in found[f"{base}/missing"]}
    assert where == {("page", "jongeren/index.html", 0, "Oude folder"),
                     ("data", "data/organisations/hulp.yml", 7, "channels[chat].value"),
                     ("data", "data/organisations/hulp.yml", 14, "notes")}
    assert found[f"{base}/moved"][0].label == "channels[chat].source.url"
    page = next(p for p in found[f"{base}/ok"] if p.kind == "page")
    assert page.source == "docs/jongeren.md"  # from the edit link, which is not checked


def test_fixture_data_urls_and_lines(monkeypatch) -> None:
    monkeypatch.chdir(FIXTURES)
    found = collect_data_urls(Path("data"))
    assert [(p.path, p.line, p.label) for p in found["https://www.example.nl/contact"]] \
        == [("data/organisations/hulplijn.yml", 26, "source.url")]
    assert found["http://www.example.nl/oud"][0].line == 15


def test_report_groups_by_page_and_by_record(server, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, server.base)
    found = collect_external_urls(Path("site"), Path("data"))
    results = check_external(found, FAST)
    text = render_text(found, results)
    lines = text.splitlines()
    assert lines[0] == "pagina jongeren/index.html (bron: docs/jongeren.md)"
    assert lines[1].startswith(f"  X001 fout: '{server.base}/missing' bestaat niet (HTTP 404)")
    assert "Linktekst: 'Oude folder'. Pas het adres aan in data/organisations/hulp.yml:7, " \
           "data/organisations/hulp.yml:14." in lines[1]
    assert lines[2].startswith(f"  X005 waarschuwing: '{server.base}/moved' is permanent")
    assert lines[3] == "gegevens data/organisations/hulp.yml"
    assert [line.split(":")[0] for line in lines[4:]] == [
        "  X001 fout", "  X005 waarschuwing", "  X001 fout", "  X001 fout"]
    assert "Regel 7, sleutel channels[chat].value." in lines[4]
    assert "Regel 11, sleutel source.url." in lines[6] and "/gone" in lines[6]
    problems = collect_problems(found, results)
    assert {(p.path, p.line, p.code) for p in problems} == {
        ("jongeren/index.html", 0, "X001"), ("jongeren/index.html", 0, "X005"),
        ("data/organisations/hulp.yml", 7, "X001"), ("data/organisations/hulp.yml", 9, "X005"),
        ("data/organisations/hulp.yml", 11, "X001"), ("data/organisations/hulp.yml", 14, "X001")}


def test_address_on_many_pages_is_reported_once() -> None:
    url = "https://weg.example/"
    places = [Place("page", f"p{n:02d}/index.html", label="Weg") for n in range(12)]
    result = Result(url, 404, url, "X001", f"'{url}' bestaat niet (HTTP 404).", 1)
    text = render_text({url: places}, {url: result})
    assert text.splitlines()[0] == ("op 12 pagina's (o.a. p00/index.html, p01/index.html, "
                                    "p02/index.html)")
    assert len(text.splitlines()) == 2
    assert render_text({url: places}, {url: Result(url, 200, url)}) == ""


def test_json_report_shape(server, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, server.base)
    found = collect_external_urls(Path("site"), Path("data"))
    report = json.loads(render_json(found, check_external(found, FAST)))
    assert report["summary"] == {"checked": 4, "cached": 0, "errors": 2, "warnings": 1}
    links = {link["url"].rsplit("/", 1)[1]: link for link in report["links"]}
    moved = links["moved"]
    assert {k: moved[k] for k in ("status", "final_url", "code", "severity")} == {
        "status": 200, "final_url": server.base + "/ok", "code": "X005", "severity": "warning"}
    assert moved["redirects"] == [{"status": 301, "url": server.base + "/ok"}]
    assert links["ok"]["code"] is None and links["ok"]["severity"] is None
    assert {"kind": "data", "path": "data/organisations/hulp.yml", "line": 9, "column": 12,
            "key": "channels[chat].source.url"} in moved["where"]
    assert {"kind": "page", "path": "jongeren/index.html", "text": "",
            "source": "docs/jongeren.md"} in moved["where"]


def _cli(tmp_path: Path, *extra: str) -> int:
    return main(["check-links", "--external", str(tmp_path / "site"),
                 "--data", str(tmp_path / "data"), "--cache", str(tmp_path / "c.json"),
                 "--timeout", "0.5", "--backoff", "0.01", *extra])


def test_cli_exit_status(server, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    site, data = _project(tmp_path, server.base)
    assert _cli(tmp_path) == 1
    out, err = capsys.readouterr()
    assert out.startswith("pagina jongeren/index.html") and "Traceback" not in err
    assert "Externe links: 4 adressen gecontroleerd (0 uit de cache): 2 met een fout, " \
           "1 met een waarschuwing." in err
    assert _cli(tmp_path, "--json") == 1
    assert json.loads(capsys.readouterr().out)["summary"]["cached"] == 1
    assert _cli(tmp_path, "--format", "github") == 1
    assert capsys.readouterr().out.startswith("::error file=data/organisations/hulp.yml,line=7")
    for path in ("missing", "gone"):  # only the permanent redirect is left: a warning
        for file in (site / "jongeren" / "index.html", data / "organisations" / "hulp.yml"):
            file.write_text(file.read_text().replace(f"/{path}", "/ok"))
    assert _cli(tmp_path) == 0
    assert _cli(tmp_path, "--strict") == 1
    assert _cli(tmp_path, "--data", str(tmp_path / "geen")) == 2
    assert main(["check-links", "--external", str(tmp_path / "leeg")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_cli_wrong_use(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check-links", "--external", "--timeout", "0"])
    assert exit_.value.code == 2
    assert "geen getal groter dan 0" in capsys.readouterr().err
