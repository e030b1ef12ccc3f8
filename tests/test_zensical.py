"""The site built with Zensical instead of MkDocs (issue 18, README "Engines"): the shipped
docs and data through the Zensical door (portal/engines/zensical.py), as
`scripts/build --engine zensical` builds them, pass the full internal check: links, page
structure, unique titles and descriptions (portal check-links), and every page carries
the Content-Security-Policy. Without the print materials (Chromium, seconds): the links
to their PDFs are the only links allowed to miss. A few seconds in all."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from portal.engines.zensical import build_site
from portal.sitecheck.linkcheck import check_site

from .conftest import ROOT

CSP = '<meta http-equiv="Content-Security-Policy" content="'


def test_zensical_builds_the_site_that_passes_the_internal_check(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("PORTAL_PREVIEW", raising=False)  # a public build
    site = tmp_path / "site"
    count = build_site(ROOT, site, today=date.today(), materials=False, admin=False,
                       nginx=False, work=tmp_path / "work")
    assert count > 100

    problems = [p for p in check_site(site)
                if not (p.code == "L001" and re.search(r"materials/[\w-]+\.pdf", p.detail))]
    assert [p.format_text() for p in problems] == []

    pages = json.loads((tmp_path / "work" / "projects" / "pages.json").read_text("utf-8"))
    for url in [*pages, "404.html"]:
        path = site / url if url.endswith(".html") else site / url / "index.html"
        text = path.read_text(encoding="utf-8")
        assert CSP in text, f"{url}: no Content-Security-Policy"
        assert "script-src 'self' 'sha256-" in text and "style-src 'self' 'sha256-" in text

    # English under /en/ (as mkdocs-static-i18n builds it), in English, with its safety bar.
    english = (site / "en" / "youth" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and "Leave now" in english
    assert not (site / "youth" / "index.en" / "index.html").exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")  # one, as with MkDocs
    assert "/en/youth/</loc>" in sitemap and not (site / "en" / "sitemap.xml").exists()
    # The short campaign addresses: Dutch pages that forward, no script.
    short = (site / "jongeren" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in short and "<script" not in short
    # The search index has the Dutch word forms and the editors' synonyms.
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert any("<span hidden>" in item["text"] and "pooier" in item["text"]
               for item in index["items"])


def test_zensicals_allowlist_is_what_the_command_makes() -> None:
    """Zensical's own list of template scripts cannot drift from its templates: after a
    Zensical update or an override change, `portal zensical csp-allowlist` must be run and
    its result committed (as `portal csp-allowlist` for MkDocs, tests/test_csp.py)."""
    result = subprocess.run([sys.executable, "-m", "portal.cli", "zensical", "csp-allowlist",
                             "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
