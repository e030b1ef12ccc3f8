"""Debian's nginx with the repository's config (deploy/nginx) serving the built site:
the headers, caching, compression and the 404 page, over real HTTP."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from .conftest import ROOT


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


def test_config_differs_from_the_deployed_file_only_in_paths_and_port(built_project) -> None:
    from .conftest import render_nginx

    original = (ROOT / "deploy" / "nginx" / "meldpunt.conf").read_text().splitlines()
    rendered = render_nginx(built_project, 8080).splitlines()
    changed = [(a, b) for a, b in zip(original, rendered, strict=True) if a != b]
    assert all("/srv/meldpunt" in a or a.strip() == "listen 80;" for a, _ in changed)
