"""Debian's nginx with the repository's config (deploy/nginx) serving the built site:
the headers, caching, compression and the 404 page, over real HTTP; and the whole
deployed config (port 80 redirecting, TLS on 443 after Mozilla's intermediate profile,
the public host without the web editor, the editor on its own host name) with a
throw-away self-signed certificate made by the test."""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
import socket
import ssl
import subprocess
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import NGINX, ROOT, free_port, running_nginx

OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"


def _get(url: str, **headers) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, \
                response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


SECURITY = ("content-security-policy", "strict-transport-security", "x-content-type-options",
            "permissions-policy", "referrer-policy")


@pytest.mark.parametrize("path", ["/", "/youth/", "/hulp/fier/", "/assets/portal.css",
                                  "/open-data/contacts.csv", "/bestaat-niet/"])
def test_every_response_has_the_security_headers(nginx, path) -> None:
    _, headers, _ = _get(nginx + path)
    for name in SECURITY:
        assert name in headers, (path, name)
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["server"] == "nginx"  # no version number
    assert "set-cookie" not in headers


def test_csp_header_allows_self_and_hashes_only(nginx, built_project) -> None:
    _, headers, body = _get(nginx + "/")
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    page_hashes = re.findall(r"'sha256-[^']+'", re.search(
        rb'http-equiv="Content-Security-Policy" content="([^"]+)"', body).group(1).decode())
    assert page_hashes and all(h in csp for h in page_hashes)


def test_html_is_not_cached_and_fingerprinted_assets_are(nginx, built_site) -> None:
    _, page, _ = _get(nginx + "/")
    assert page["cache-control"] == "no-store"
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    _, asset, _ = _get(f"{nginx}/assets/javascripts/{bundle.name}")
    assert asset["cache-control"] == "public, max-age=31536000, immutable"
    _, own, _ = _get(nginx + "/assets/portal.css")
    assert own["cache-control"] == "no-cache"


def test_short_addresses_answer_301_to_their_page(nginx, built_site) -> None:
    """The short campaign addresses (mkdocs.yml, redirects) are 301s in nginx to a page
    that exists, so the page sweep checks the page itself, not the forward."""
    import http.client
    from urllib.parse import urlsplit

    forwards = [p.parent.relative_to(built_site).as_posix()
                for p in built_site.rglob("index.html")
                if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")]
    assert len(forwards) >= 6
    host = urlsplit(nginx).netloc
    for short in forwards:
        connection = http.client.HTTPConnection(host, timeout=10)
        connection.request("GET", f"/{short}/")
        response = connection.getresponse()
        target = urlsplit(response.getheader("location") or "").path
        connection.close()
        assert response.status == 301, short
        assert (built_site / target.lstrip("/") / "index.html").is_file() or \
            (built_site / target.lstrip("/")).is_file(), (short, target)


def test_gzip(nginx) -> None:
    _, headers, body = _get(nginx + "/", **{"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip"
    assert b"Meldpunt" in gzip.decompress(body)


def test_custom_404_page(nginx) -> None:
    status, _, body = _get(nginx + "/bestaat-niet/")
    assert status == 404
    assert b"portal-exit" in body  # the site's own 404 page, with the quick exit


def test_vcard_content_type(nginx) -> None:
    _, headers, body = _get(nginx + "/open-data/vcard/veilig-thuis.vcf")
    assert headers["content-type"].startswith("text/vcard")
    assert body.startswith(b"BEGIN:VCARD")


def test_curl_shows_every_header(nginx) -> None:
    curl = shutil.which("curl")
    if curl is None:
        pytest.fail("curl is missing")
    out = subprocess.run([curl, "-sI", nginx + "/"], capture_output=True, text=True).stdout
    for name in SECURITY:
        assert re.search(rf"^{name}:", out, re.I | re.M), name



def test_the_test_server_includes_the_deployed_site_config(built_project) -> None:
    """The plain-HTTP server of the other tests runs the production server's own
    public-site.conf; only the listen line and the TLS settings differ."""
    from .conftest import render_nginx

    rendered = render_nginx(built_project, 8080)
    assert "public-site.conf;" in rendered and "listen 127.0.0.1:8080;" in rendered
    conf = (ROOT / "deploy" / "nginx" / "meldpunt.conf").read_text(encoding="utf-8")
    public = _server_blocks(conf)[HOST]
    assert "include /srv/meldpunt/deploy/nginx/public-site.conf;" in public


# --- the deployed config over TLS, with a throw-away certificate --------------------------

HOST = "www.meldpuntaanpakloverboyslimburg.nl"
EDITOR = "redactie.meldpuntaanpakloverboyslimburg.nl"
CERTS = "/etc/letsencrypt/live/meldpuntaanpakloverboyslimburg.nl/"


def _server_blocks(conf: str) -> dict[str, str]:
    """The text of each `server { ... }` block on port 443 by its server_name (port 80's
    under 'http:' + name)."""
    blocks: dict[str, str] = {}
    for match in re.finditer(r"^server \{\n(.*?)^\}", conf, re.S | re.M):
        body = match.group(1)
        name = re.search(r"server_name ([^;]+);", body).group(1).split()[0]
        blocks[name if "443" in body else "http:" + name] = body
    return blocks


@dataclass
class TlsServer:
    https: int
    http: int
    cafile: Path
    editor_dir: Path


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed RSA certificate for both host names, valid for one day."""
    key, cert = folder / "privkey.pem", folder / "fullchain.pem"
    subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},DNS:{EDITOR}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def render_tls_nginx(project: Path, certs: Path, https: int, http: int) -> str:
    """deploy/nginx/meldpunt.conf with only the ports, the deploy paths and the
    certificate folder changed (IPv6 listen lines become comments)."""
    text = (ROOT / "deploy" / "nginx" / "meldpunt.conf").read_text(encoding="utf-8")
    text = re.sub(r"listen \[::\]:(80|443)\b", r"# listen [::]:\1", text)
    text = re.sub(r"listen 443\b", f"listen 127.0.0.1:{https}", text)
    text = re.sub(r"listen 80\b", f"listen 127.0.0.1:{http}", text)
    text = text.replace("/srv/meldpunt/site", str(project / "site"))
    text = text.replace("/srv/meldpunt/build/", str(project / "build") + "/")
    return text.replace("/srv/meldpunt/deploy/nginx/", str(project / "nginx-tls") + "/")


@pytest.fixture(scope="module")
def tls(built_project: Path, tmp_path_factory) -> TlsServer:
    """Debian's nginx with the whole deployed config (both hosts, port 80 and 443) on
    127.0.0.1 high ports, with a certificate made here."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: scripts/test installs Debian's nginx")
    run = tmp_path_factory.mktemp("nginx-tls")
    cert, key = _certificate(run)
    https, http = free_port(), free_port()
    folder = built_project / "nginx-tls"
    folder.mkdir(exist_ok=True)
    for conf in (ROOT / "deploy" / "nginx").iterdir():
        text = conf.read_text(encoding="utf-8").replace(CERTS, str(run) + "/")
        text = text.replace("/srv/meldpunt/site", str(built_project / "site"))
        text = text.replace("/srv/meldpunt/build/", str(built_project / "build") + "/")
        text = text.replace("/srv/meldpunt/deploy/nginx/", str(folder) + "/")
        (folder / conf.name).write_text(text, encoding="utf-8")
    conf = render_tls_nginx(built_project, run, https, http).replace(CERTS, str(run) + "/")
    with running_nginx(run, conf, https, http):
        yield TlsServer(https, http, cert, built_project / editor_dir_of(MKDOCS))


MKDOCS = ROOT / "mkdocs.yml"


def editor_dir_of(config: Path) -> str:
    """The portal plugin's decap_dir in an mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    found = re.search(r"^\s+decap_dir: (\S+)", text, re.M)
    return found.group(1) if found else "build/webredactie"


@dataclass
class Tls:
    version: str | None
    cipher: str | None
    has_ticket: bool


def _https(server: TlsServer, path: str, host: str = HOST, context: ssl.SSLContext | None = None
           ) -> tuple[int, dict[str, str], bytes, Tls]:
    """GET https://host/path from the test nginx, with SNI and Host set to `host` and the
    test certificate as the only trusted one."""
    context = context or ssl.create_default_context(cafile=str(server.cafile))
    raw = socket.create_connection(("127.0.0.1", server.https), timeout=10)
    sock = context.wrap_socket(raw, server_hostname=host)
    tls = Tls(sock.version(), sock.cipher()[0], sock.session.has_ticket)
    conn = http.client.HTTPSConnection(host, server.https, context=context, timeout=10)
    conn.sock = sock
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, \
            response.read(), tls
    finally:
        conn.close()


def _http(server: TlsServer, path: str, host: str) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", server.http, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


def test_https_serves_the_site_with_the_test_certificate(tls: TlsServer) -> None:
    status, headers, body, session = _https(tls, "/")
    assert status == 200 and b"Meldpunt" in body
    assert session.version == "TLSv1.3"
    hsts = headers["strict-transport-security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000


@pytest.mark.parametrize(("host", "target"), [
    (HOST, f"https://{HOST}/youth/?a=1"), (EDITOR, f"https://{EDITOR}/youth/?a=1"),
    # An unknown Host header is not echoed into the address (no open redirect).
    ("elders.example", f"https://{HOST}/youth/?a=1"),
])
def test_port_80_only_redirects_to_https(tls: TlsServer, host: str, target: str) -> None:
    status, headers = _http(tls, "/youth/?a=1", host)
    assert status == 301 and headers["location"] == target


def test_port_80_serves_no_page(tls: TlsServer) -> None:
    conf = (ROOT / "deploy" / "nginx" / "meldpunt.conf").read_text(encoding="utf-8")
    blocks = _server_blocks(conf)
    plain = [body for name, body in blocks.items() if name.startswith("http:")]
    assert len(plain) == 2
    for body in plain:
        directives = {line.strip().split()[0] for line in body.splitlines()
                      if line.strip() and not line.strip().startswith("#")}
        assert directives <= {"listen", "server_name", "server_tokens", "access_log",
                              "return"}, directives


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1:DeprecationWarning")
@pytest.mark.parametrize("version", ["TLSv1", "TLSv1_1"])
def test_old_tls_versions_are_refused(tls: TlsServer, version: str) -> None:
    old = getattr(ssl.TLSVersion, version)
    context = ssl.create_default_context(cafile=str(tls.cafile))
    context.minimum_version = context.maximum_version = old
    context.set_ciphers("DEFAULT:@SECLEVEL=0")  # OpenSSL 3 would not even offer them
    # The same client does reach a server that allows the old version, so a refusal
    # below is nginx's.
    assert _handshake_with_python_server(tls, context, old) == version.replace("_", ".")
    with pytest.raises(ssl.SSLError) as refused:
        _https(tls, "/", context=context)
    assert "PROTOCOL_VERSION" in str(refused.value) or "UNSUPPORTED_PROTOCOL" in str(
        refused.value), refused.value


def _handshake_with_python_server(tls: TlsServer, client: ssl.SSLContext, version) -> str:
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.minimum_version = server.maximum_version = version
    server.set_ciphers("DEFAULT:@SECLEVEL=0")
    server.load_cert_chain(tls.cafile, tls.cafile.parent / "privkey.pem")
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    result: list[str] = []

    def accept() -> None:
        conn, _ = listener.accept()
        try:
            with server.wrap_socket(conn, server_side=True) as tls_conn:
                result.append(tls_conn.version())
        except ssl.SSLError:
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        with client.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10),
                                server_hostname=HOST) as sock:
            version_seen = sock.version()
    finally:
        thread.join(timeout=10)
        listener.close()
    return version_seen


def test_tls_1_2_only_with_the_intermediate_ciphers_and_no_session_tickets(tls) -> None:
    context = ssl.create_default_context(cafile=str(tls.cafile))
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers("ECDHE-RSA-AES128-GCM-SHA256")
    status, _, _, session = _https(tls, "/", context=context)
    assert status == 200 and session.version == "TLSv1.2"
    assert session.cipher == "ECDHE-RSA-AES128-GCM-SHA256"
    assert not session.has_ticket  # ssl_session_tickets off
    # A cipher outside Mozilla's intermediate list (no forward secrecy, or CBC) is refused,
    # though nginx's own default (HIGH:!aNULL:!MD5) would take it.
    for cipher in ("AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA"):
        weak = ssl.create_default_context(cafile=str(tls.cafile))
        weak.maximum_version = ssl.TLSVersion.TLSv1_2
        weak.set_ciphers(cipher)
        with pytest.raises(ssl.SSLError):
            _https(tls, "/", context=weak)


def test_tls_settings_follow_mozillas_intermediate_profile() -> None:
    tls_conf = (ROOT / "deploy" / "nginx" / "tls.conf").read_text(encoding="utf-8")
    settings = dict(re.findall(r"^(ssl_\w+) (.+);$", tls_conf, re.M))
    assert settings["ssl_protocols"] == "TLSv1.2 TLSv1.3"
    assert settings["ssl_ciphers"] == INTERMEDIATE
    assert settings["ssl_prefer_server_ciphers"] == "off"
    assert settings["ssl_session_timeout"] == "1d"
    assert settings["ssl_session_tickets"] == "off"
    assert settings["ssl_ecdh_curve"] == "X25519:prime256v1:secp384r1"
    dhparam = ROOT / "deploy" / "nginx" / Path(settings["ssl_dhparam"]).name
    assert dhparam.read_text().startswith("-----BEGIN DH PARAMETERS-----")  # RFC 7919


# Mozilla's server-side TLS, intermediate configuration (ssl-config.mozilla.org, 5.7).
INTERMEDIATE = ("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
                "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305")


@pytest.mark.parametrize("path", ["/admin/", "/admin", "/admin/config.yml",
                                  "/admin/decap-cms.js", "/decap-cms.js", "/config.yml"])
def test_the_public_host_has_no_web_editor(tls: TlsServer, path: str) -> None:
    status, headers, body, _ = _https(tls, path)
    assert status == 404, path
    assert b"portal-exit" in body  # the site's own 404 page
    assert headers["x-frame-options"] == "DENY"


def test_the_public_nginx_refuses_admin_even_if_a_stale_copy_is_there() -> None:
    conf = (ROOT / "deploy" / "nginx" / "public-site.conf").read_text(encoding="utf-8")
    assert re.search(r"location \^~ /admin/ \{\s*return 404;\s*\}", conf)
    assert re.search(r"location = /admin \{\s*return 404;\s*\}", conf)


@pytest.mark.parametrize("path", ["/", "/youth/", "/assets/portal.css", "/bestaat-niet/",
                                  "/open-data/contacts.csv"])
def test_the_public_site_forbids_framing(tls: TlsServer, path: str) -> None:
    _, headers, _, _ = _https(tls, path)
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_the_editor_host_serves_the_editor_with_its_own_policy(tls: TlsServer) -> None:
    from portal.editors.decap import admin_policy

    status, headers, body, _ = _https(tls, "/", host=EDITOR)
    assert status == 200 and b'<script src="start.js"></script>' in body
    assert _https(tls, "/decap-cms.js", host=EDITOR)[0] == 200
    assert headers["content-security-policy"] == admin_policy(header=True)
    assert headers["cross-origin-opener-policy"] == "same-origin-allow-popups"
    assert headers["x-robots-tag"] == "noindex, nofollow"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store"
    assert "strict-transport-security" in headers
    status, headers, body, _ = _https(tls, "/config.yml", host=EDITOR)
    assert status == 200 and b"editorial_workflow" in body
    assert headers["content-security-policy"] == admin_policy(header=True)
    # The editor's host serves the editor only: no page of the public site.
    assert _https(tls, "/youth/", host=EDITOR)[0] == 404
    # And the public site's policy does not let the editor's eval in.
    assert "unsafe-eval" not in _https(tls, "/")[1]["content-security-policy"]


def test_the_editor_block_follows_mkdocs_yml() -> None:
    config = MKDOCS.read_text(encoding="utf-8")
    host = re.search(r"^\s+editor_host: (\S+)", config, re.M).group(1)
    assert host == EDITOR
    blocks = _server_blocks((ROOT / "deploy" / "nginx" / "meldpunt.conf").read_text())
    assert f"root /srv/meldpunt/{editor_dir_of(MKDOCS)};" in blocks[host]
    assert "admin-headers.conf" in blocks[host] and "security-headers.conf" not in blocks[host]
    site_host = re.search(r"^site_url: https://([^/]+)/", config, re.M).group(1)
    assert site_host == HOST and "public-site.conf" in blocks[site_host]


@pytest.mark.browser
def test_decap_starts_on_its_own_host_under_its_policy_in_chromium(tls, browser) -> None:
    from urllib.parse import urlsplit

    from .browser.support import RECORD_VIOLATIONS, violations
    from .conftest import CHROMIUM, CHROMIUM_ARGS

    # A Chromium of its own that finds the editor's host name at 127.0.0.1.
    instance = browser.browser_type.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_ARGS, f"--host-resolver-rules=MAP {EDITOR} 127.0.0.1"])
    outside: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        if urlsplit(r.request.url).hostname == EDITOR:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    try:
        context = instance.new_context(ignore_https_errors=True)  # the test's certificate
        context.add_init_script(RECORD_VIOLATIONS)
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(f"https://{EDITOR}:{tls.https}/")
        page.get_by_role("button", name="Inloggen met GitHub").wait_for(timeout=15000)
        found = (violations(page), outside, errors)
    finally:
        instance.close()
    assert found == ([], [], [])
