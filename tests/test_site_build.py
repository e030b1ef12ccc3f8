"""Real build of the shipped site into a temporary folder, asserting on the HTML."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .conftest import ROOT


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.description: str | None = None
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "title":
            self._in_title = True
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        for attr in ("href", "src"):
            if a.get(attr) and tag in ("a", "link", "script", "img"):
                self.links.append(a[attr])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _html_files(site: Path) -> list[Path]:
    """The built pages; the web editor (admin/, tests/test_decap.py) is not one, nor is a
    short campaign address (tests/test_findable.py)."""
    return [p for p in sorted(site.rglob("*.html"))
            if p.relative_to(site).parts[0] != "admin" and not _forwards(p)]


def _forwards(path: Path) -> bool:
    """A page at a short campaign address (/jongeren/) that only sends the browser on."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")


def _pages(site: Path) -> dict[Path, _Page]:
    pages = {}
    for path in _html_files(site):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    return pages


def test_home_page_is_built(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    for section in ("youth", "parents", "professionals"):
        assert (built_site / section / "index.html").is_file()


def test_every_page_has_a_title_and_its_own_description(built_site: Path) -> None:
    pages = {p: v for p, v in _pages(built_site).items() if p.name != "404.html"}
    assert len(pages) >= 10
    for path, page in pages.items():
        assert page.title.strip(), path
        assert page.description and len(page.description) >= 50, path
    # Not the pages that ask search engines to pass (the short campaign addresses).
    descriptions = [p.description for path, p in pages.items()
                    if '<meta name="robots" content="noindex">' not in path.read_text("utf-8")]
    assert len(set(descriptions)) == len(descriptions), "descriptions must be unique"


def test_quick_exit_and_crisis_line_first_after_the_skip_link(built_site: Path) -> None:
    for path in _html_files(built_site):
        html = path.read_text(encoding="utf-8")
        body = html[html.index("<body"):]
        links = re.findall(r"<a\b[^>]*>", body)
        first = [a for a in links if 'class="md-skip"' not in a][:2]
        assert "data-portal-exit" in first[0], path
        assert 'href="tel:112"' in first[1], path
        assert "<button" not in body[:body.index("data-portal-exit")], path


def test_every_internal_link_resolves(built_site: Path) -> None:
    pages = _pages(built_site)
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site root
                target = built_site / unquote(parts.path).lstrip("/")
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(built_site)} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(built_site)} -> {link} (anker)")
    assert broken == []


_EXTERNAL_ASSET = re.compile(
    r'<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc="(?:https?:)?//'
    r'|<link\b(?![^>]*rel="(?:canonical|alternate|alternate feed)")[^>]*\bhref="(?:https?:)?//'
)


def test_no_google_fonts_or_third_party_assets(built_site: Path) -> None:
    for path in _html_files(built_site):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        assert not _EXTERNAL_ASSET.search(html), (path, _EXTERNAL_ASSET.search(html))


def test_third_party_asset_check_can_fail() -> None:
    assert _EXTERNAL_ASSET.search('<script src="https://cdn.example.com/x.js"></script>')
    assert _EXTERNAL_ASSET.search('<link rel="stylesheet" href="//fonts.example.com/a.css">')
    assert not _EXTERNAL_ASSET.search('<link rel="canonical" href="https://example.nl/">')


def test_search_uses_dutch(built_site: Path) -> None:
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["nl"]' in index.replace(" ", "")


# --- generated pages (issue: the generator) ---------------------------------------------

def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_one_page_per_organisation_route_and_municipality(built_site: Path) -> None:
    data = ROOT / "data"
    for folder, out in (("organisations", "hulp"), ("routes", "wat-kan-ik-doen")):
        for path in (data / folder).glob("*.yml"):
            assert (built_site / out / path.stem / "index.html").is_file(), path
    municipalities = [p for p in (built_site / "gemeenten").iterdir() if p.is_dir()]
    assert len(municipalities) == 31
    for overview in ("hulp", "gemeenten", "wat-kan-ik-doen", "wegwijzer"):
        assert (built_site / overview / "index.html").is_file()


def test_organisation_page_numbers_links_and_jsonld(built_site: Path) -> None:
    html = _html(built_site, "hulp/comensha")
    assert '<a class="portal-contact" href="tel:+31334481186">033 448 1186</a>' in html
    assert 'href="mailto:info@comensha.nl"' in html
    assert "maandag t/m vrijdag 09:00–17:00" in html
    assert "Waar komen deze gegevens vandaan?" in html  # no doubt label (test_preview.py)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Organization" and data["name"] == "CoMensha"
    assert data["contactPoint"][0]["telephone"] == "+31334481186"


def test_route_page_lists_numbered_steps_per_region(built_site: Path) -> None:
    html = _html(built_site, "wat-kan-ik-doen/zorgen-om-mijn-kind")
    assert "<ol>" in html and 'href="tel:112"' in html
    assert "Veilig Thuis Zuid-Limburg" in html and "Veilig Thuis Noord- en Midden-Limburg" in html
    assert "mailto:meldpuntmensenhandel@veiligthuiszl.nl" in html


def test_municipality_pages_resolve_their_own_veilig_thuis(built_site: Path) -> None:
    venlo = _html(built_site, "gemeenten/venlo")
    heerlen = _html(built_site, "gemeenten/heerlen")
    mook = _html(built_site, "gemeenten/mook-en-middelaar")
    assert "mailto:meldpuntmensenhandel@veiligthuisnml.nl" in venlo
    assert "meldpuntmensenhandel@veiligthuiszl.nl" not in venlo
    assert "mailto:meldpuntmensenhandel@veiligthuiszl.nl" in heerlen
    assert 'href="tel:+31436045777"' in heerlen  # Crisishulp Jeugd Zuid-Limburg
    assert "Niet zeker voor Mook en Middelaar" in mook and 'id="niet-zeker"' in mook
    assert "mogelijk een" in mook and 'href="tel:+318002000"' in mook


def test_wegwijzer_reaches_a_resolved_route_in_three_taps(built_site: Path) -> None:
    """Home, then the parent's page; there the need and the place open in place."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    step1 = re.search(r'href="(wegwijzer/ouder/)"', home)
    assert step1, "the home page links straight to the first Wegwijzer question"
    page = _html(built_site, "wegwijzer/ouder")
    step2 = page.split('data-need="advies"', 1)[1]  # the reporting address differs
    assert step2.split(">", 1)[1].lstrip().startswith("<summary>Ik maak me zorgen")
    step3 = step2.split('data-place="zuid-limburg"', 1)[1].split("</details>", 1)[0]
    assert re.match(r">\s*<summary>Zuid-Limburg<br><small>[^<]*Heerlen", step3), step3[:200]
    assert "Zorgen om mijn kind" in step3
    assert "mailto:meldpuntmensenhandel@veiligthuiszl.nl" in step3


def test_open_data_is_written(built_site: Path) -> None:
    out = built_site / "open-data"
    assert json.loads((out / "hsds" / "organizations.json").read_text())
    assert (out / "contacts.csv").read_text().startswith("organisatie_id,")
    assert len(list((out / "vcard").glob("*.vcf"))) == len(list((ROOT / "data" /
                                                                  "organisations").glob("*.yml")))


def test_no_phone_number_typed_into_markdown() -> None:
    from portal.checks.markdown_scan import scan_markdown

    for path in (ROOT / "docs").rglob("*.md"):
        assert scan_markdown(path.read_text(encoding="utf-8"), str(path)) == [], path


def test_a_changed_number_changes_on_every_page(built_site: Path, tmp_path: Path) -> None:
    """Change CoMensha's number in its YAML file alone; rebuild; every page that showed the
    old number shows the new one, and no page shows the old one any more."""
    for name in ("mkdocs.yml", "docs", "data", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")  # for /admin/
    # Without the print materials: they show no CoMensha number (their own tests read
    # their numbers from the data), and printing them in Chromium was half of this build.
    # The pages that link the PDFs then link files that are not there: in this copy a link
    # to a missing file is not an error (the shipped build's links are checked by
    # check-links and tests/test_linkcheck.py).
    config = tmp_path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in (("      materials: true", "      materials: false"),
                     ("\nnav:\n", "\nvalidation:\n  links:\n    not_found: info\nnav:\n")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text = re.sub(r"  - Materialen:\n(      - .*\n)+", "", text)
    config.write_text(text, encoding="utf-8")
    org = tmp_path / "data" / "organisations" / "comensha.yml"
    org.write_text(org.read_text().replace("033 448 11 86", "033 448 11 87"))
    site = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    def showing(root: Path, needle: str) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*")
                if p.is_file() and p.suffix in (".html", ".csv", ".json", ".vcf")
                and needle in p.read_text(encoding="utf-8")}

    before = showing(built_site, "+31334481186")
    assert len(before) >= 4  # the organisation page, a route, municipalities, exports
    assert showing(site, "+31334481186") == set()
    assert showing(site, "+31334481187") == before
    assert showing(site, "033 448 1186") == set()


def test_every_page_carries_exactly_the_allowlist_and_passes_it(built_site: Path) -> None:
    # The policy is the checked-in allowlist of the templates' scripts (portal/sitecheck/csp.py),
    # the same on every page, and no page holds an inline script outside it.
    from portal.sitecheck.csp import check_page, load_allowlist

    allowlist = load_allowlist()
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    policies = set()
    for html in built_site.rglob("*.html"):
        if html.parent.name == "admin" or "http-equiv=\"refresh\"" in html.read_text():
            continue  # the web editor has its own policy; short addresses only forward
        text = html.read_text(encoding="utf-8")
        policies.update(meta.findall(text))
        url = html.relative_to(built_site).as_posix()
        assert check_page(text, allowlist, page_url=url.removesuffix("index.html")) == [], url
    assert len(policies) == 1
    assert set(re.findall(r"'sha256-[^']+'", policies.pop())) == allowlist.hashes


def test_the_theme_script_waits_for_first_use_on_every_page(built_site: Path) -> None:
    # assets/theme-on-demand.js loads it from data-src; the tag itself never runs.
    inert = re.compile(r'<script type="text/plain" data-portal-theme '
                       r'data-src="([^"]+/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
    pages = [p for p in built_site.rglob("*.html") if "md-header" in p.read_text()]
    assert len(pages) > 100  # 125 built pages with the theme (only translated pages in English)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = inert.findall(text)
        assert len(found) == 1 and "javascripts/bundle." not in inert.sub("", text), page
        src = found[0]  # relative, or from the root on the error page (404.html)
        target = built_site / src.lstrip("/") if src.startswith("/") else page.parent / src
        assert target.resolve().is_file(), page
        assert "assets/theme-on-demand.js" in text, page


# --- editors' workflow -------------------------------------------------------------------
# Edit links and the editors' freshness page are in preview builds only: tests/test_preview.py
# (the public build shows neither) and tests/test_plugin.py (where the edit links point).


def test_structured_data_sits_in_the_head(built_site: Path) -> None:
    # Instant navigation would run a JSON-LD block in the content as a script.
    text = (built_site / "hulp" / "fier" / "index.html").read_text(encoding="utf-8")
    head, body = text.split("</head>", 1)
    assert '<script type="application/ld+json">' in head
    assert "application/ld+json" not in body
    data = json.loads(head.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["name"] == "Fier"


def test_a_teacher_finds_the_toolkit_on_the_professionals_page(built_site: Path) -> None:
    """Issue 17: from the professionals' landing page, one tap reaches the signal card (page
    and PDF), the decision aid, what to put in a report and the map of the chain."""
    page = built_site / "professionals" / "index.html"
    html = page.read_text(encoding="utf-8")
    content = html.split('<h1', 1)[1].split("</article>", 1)[0]
    hrefs = re.findall(r'<a href="([^"#?]+)"', content)
    wanted = {"signaalkaart/", "../materials/signaalkaart-a4.pdf",
              "../materials/signaalkaart-a6.pdf", "beslishulp/",
              "wat-zet-ik-in-een-melding/", "keten/"}
    assert wanted <= set(hrefs), wanted - set(hrefs)
    for href in wanted:
        target = (page.parent / href).resolve()
        assert (target / "index.html" if href.endswith("/") else target).is_file(), href
