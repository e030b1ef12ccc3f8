"""Findable and shareable (issue 9): unique titles and descriptions (check-links U001,
U002), robots.txt, sitemap, canonical and Open Graph / Twitter metadata, the share image,
JSON-LD, the news feed, and the short campaign addresses (nginx 301 and HTML fallback)."""

from __future__ import annotations

import http.client
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from portal.checks.frontmatter import read_page_meta
from portal.cli import main
from portal.exports.feed import Post, post_date, render_atom
from portal.exports.findable import faq_page, render_robots
from portal.exports.shortlinks import nginx_map, redirect_page, relative_url
from portal.exports.site_extras import SHARE_IMAGE, source_url
from portal.sitecheck.linkcheck import check_site

from .conftest import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


def _redirect_maps() -> dict[str, str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "redirects" in p)
    return plugin["redirects"]["redirect_maps"]


def _indexable(site: Path) -> dict[str, str]:
    """site-relative path -> HTML of every page search engines may show."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel == "404.html" or re.search(r'<meta name="robots" content="[^"]*noindex', text):
            continue
        pages[rel] = text
    return pages


def _meta(html: str, key: str) -> str | None:
    m = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return m.group(1) if m else None


# --- U001/U002: a title and description of its own ----------------------------------

PAGE = ('<!doctype html><html><head><title>{title}</title>{desc}</head><body>'
        '<article><h1 id="t">{title}</h1>{links}</article></body></html>')


def _site(tmp_path: Path, pages: dict[str, tuple[str, str | None]]) -> Path:
    site = tmp_path / "site"
    links = "".join(f'<a href="/{p}">Naar {p}</a>' for p in pages if p != "index.html")
    for rel, (title, desc) in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        meta = f'<meta name="description" content="{desc}">' if desc is not None else ""
        (site / rel).write_text(PAGE.format(title=title, desc=meta,
                                            links=links if rel == "index.html" else ""))
    return site


def test_unique_titles_and_descriptions_pass(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": ("Start", "Over de start."),
                            "a/index.html": ("A", "Over A.")})
    assert check_site(site) == []


@pytest.mark.parametrize(("a", "code", "detail"), [
    (("Start", "Over A."), "U001", "Titel 'Start' staat ook op: index.html"),
    (("start ", "Over A."), "U001", "staat ook op: index.html"),  # case and spaces
    (("A", "Over de start."), "U002", "Beschrijving 'Over de start.' staat ook op"),
    (("A", None), "U002", "geen beschrijving"),
])
def test_a_duplicate_or_missing_title_or_description_fails(tmp_path, a, code, detail) -> None:
    site = _site(tmp_path, {"index.html": ("Start", "Over de start."), "a/index.html": a})
    problems = [p for p in check_site(site) if p.path == "a/index.html"]
    assert [p.code for p in problems] == [code]
    assert detail in problems[0].detail
    assert problems[0].format_text().startswith(f"a/index.html: {code} fout: ")
    assert main(["check-links", str(site)]) == 1  # so scripts/build stops


def test_noindex_pages_may_repeat_a_title(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": ("Start", "Over de start.")})
    (site / "kopie.html").write_text('<html><head><title>Start</title><meta name="robots" '
                                     'content="noindex"></head><body></body></html>')
    assert check_site(site) == []


def test_shipped_site_has_no_duplicate_titles_or_descriptions(built_site: Path) -> None:
    problems = [p for p in check_site(built_site) if p.code in ("U001", "U002")]
    assert problems == []
    pages = _indexable(built_site)
    titles = [re.search(r"<title>(.*?)</title>", h).group(1) for h in pages.values()]
    # Every Dutch page that search engines may show (124 when the Wegwijzer shrank to 29).
    assert len(pages) > 100 and len(set(titles)) == len(titles)


# --- robots.txt, sitemap, canonical, Open Graph, Twitter ------------------------------

def test_robots_txt(built_site: Path) -> None:
    site_url = re.search(r'<link rel="canonical" href="([^"]+)"',
                         (built_site / "index.html").read_text()).group(1)
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert "Disallow: /redactie/" in robots
    assert "/admin/" not in robots  # the web editor has its own host (tests/test_nginx.py)
    assert f"Sitemap: {site_url}sitemap.xml" in robots
    assert render_robots("https://x.nl/portal/", ["/admin/"]).splitlines()[2:5] == [
        "Disallow: /portal/admin/", "", "Sitemap: https://x.nl/portal/sitemap.xml"]


def test_sitemap_lists_indexable_pages_only(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/nieuws/zo-wordt-een-melding-bekeken/" in sitemap and "/youth/" in sitemap
    for address in _redirect_maps():
        assert not re.search(rf"://[^/<]+{re.escape(source_url(address))}<", sitemap), address
    assert "/redactie/" not in sitemap and "/admin/" not in sitemap


def test_every_page_has_canonical_open_graph_and_twitter_card(built_site: Path) -> None:
    image = None
    for rel, html in _indexable(built_site).items():
        if rel.startswith("admin/"):
            continue
        head = html.split("</head>", 1)[0]
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head)
        assert canonical, rel
        assert _meta(head, "og:url") == canonical.group(1), rel
        assert _meta(head, "og:title") and _meta(head, "og:description"), rel
        assert _meta(head, "og:locale") == ("en_GB" if rel.startswith("en/") else "nl_NL"), rel
        assert _meta(head, "twitter:card") == "summary_large_image", rel
        assert _meta(head, "twitter:title") == _meta(head, "og:title"), rel
        assert 'type="application/atom+xml"' in head, rel
        image = image or _meta(head, "og:image")
        assert _meta(head, "og:image") == image, rel
    assert urlsplit(image).path.lstrip("/") == SHARE_IMAGE


def test_share_image_is_a_1200_by_630_png(built_site: Path) -> None:
    from PIL import Image

    with Image.open(built_site / SHARE_IMAGE) as image:
        assert image.format == "PNG" and image.size == (1200, 630)


def test_home_page_title_and_description(built_site: Path) -> None:
    head = (built_site / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert "<title>Hulp bij loverboys en uitbuiting in Limburg - Meldpunt" in head
    assert _meta(head, "og:type") == "website"


# --- JSON-LD ---------------------------------------------------------------------------

def test_home_page_describes_the_meldpunt_as_organization(built_site: Path) -> None:
    head = (built_site / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    blocks = [json.loads(b) for b in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', head, re.S)]
    org = next(b for b in blocks if b.get("@type") == "Organization")
    data = yaml.safe_load((ROOT / "data" / "organisations" /
                           "meldpunt-aanpak-loverboys-limburg.yml").read_text())
    assert org["@context"] == "https://schema.org"
    assert org["name"] == data["name"] and org["url"] == data["website"]
    assert org["description"] == " ".join(data["description"].split())
    assert org["areaServed"] == {"@type": "AdministrativeArea", "name": "Limburg"}
    assert "telephone" not in json.dumps(org)  # no public number: none invented


FAQ = ('<html><head></head><body><article><h1>Vragen</h1><p>Inleiding.</p>'
       '<h2 id="a">Wat is een loverboy?<a class="headerlink" href="#a">¶</a></h2><p>Een man.</p>'
       '<h2>Is het mijn schuld?</h2><p>Nee.</p><h2>Wie helpt?</h2><ul><li>Veilig Thuis'
       '</li></ul></article></body></html>')


def test_faq_page_only_for_questions_and_answers() -> None:
    data = faq_page(FAQ)
    assert data["@type"] == "FAQPage" and len(data["mainEntity"]) == 3
    assert data["mainEntity"][0] == {"@type": "Question", "name": "Wat is een loverboy?",
                                     "acceptedAnswer": {"@type": "Answer", "text": "Een man."}}
    assert faq_page(FAQ.replace("Wie helpt?", "Wie helpt")) is None  # not all questions
    assert faq_page(FAQ.replace("<p>Nee.</p>", "")) is None  # a question without answer
    assert faq_page(FAQ, minimum=4) is None


def test_no_shipped_page_claims_to_be_an_faq_unless_it_is(built_site: Path) -> None:
    for rel, html in _indexable(built_site).items():
        if '"FAQPage"' in html:
            assert faq_page(html) is not None, rel


# --- news feed -------------------------------------------------------------------------

def test_feed_parses_and_lists_every_post(built_site: Path) -> None:
    root = ET.fromstring((built_site / "nieuws" / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    entries = root.findall(f"{ATOM}entry")
    posts = {p.stem: read_page_meta(p) for p in (ROOT / "docs" / "nieuws").glob("*.md")
             if read_page_meta(p).get("date")}
    assert len(posts) >= 2 and len(entries) == len(posts)
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        slug = urlsplit(link).path.strip("/").split("/")[-1]
        assert (built_site / "nieuws" / slug / "index.html").is_file(), link
        assert entry.find(f"{ATOM}title").text == posts[slug]["title"]
        assert entry.find(f"{ATOM}summary").text == posts[slug]["description"]
        assert entry.find(f"{ATOM}published").text.startswith(posts[slug]["date"])
    home = (built_site / "nieuws" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" '
                     r'href="[^"]+/nieuws/feed\.xml">', home)


def test_render_atom_is_newest_first_and_escaped() -> None:
    old = Post("Oud & bekend", "https://x.nl/nieuws/oud/", datetime(2025, 1, 2, tzinfo=UTC),
               "<b>samenvatting</b>")
    new = Post("Nieuw", "https://x.nl/nieuws/nieuw/", datetime(2026, 3, 4, tzinfo=UTC), "S",
               ("Training",))
    root = ET.fromstring(render_atom([old, new], title="N", feed_url="https://x.nl/f.xml",
                                     home_url="https://x.nl/nieuws/", author="M"))
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == \
        ["Nieuw", "Oud & bekend"]
    assert root.find(f"{ATOM}updated").text == "2026-03-04T00:00:00Z"
    assert root.find(f"{ATOM}entry/{ATOM}category").get("term") == "Training"
    assert ET.fromstring(render_atom([], title="N", feed_url="f", home_url="h", author="M"))


@pytest.mark.parametrize(("value", "expected"), [
    (date(2026, 11, 29), "2026-11-29T00:00:00+00:00"),
    ("2026-11-29", "2026-11-29T00:00:00+00:00"),
    ({"created": datetime(2026, 1, 2, 10, 30)}, "2026-01-02T10:30:00+00:00"),
    ("geen datum", None), (None, None),
])
def test_post_date(value, expected) -> None:
    result = post_date(value)
    assert (result.isoformat() if result else None) == expected


# --- short campaign addresses -------------------------------------------------------------

def test_nginx_map_and_redirect_page_units() -> None:
    text = nginx_map({"/jongeren/": "/youth/", "/melden/": "/over/#hoe"})
    assert '"~*^/jongeren(/|/index\\.html)?$" "/youth/";' in text
    assert '"/over/#hoe";' in text
    with pytest.raises(ValueError):
        nginx_map({"/a b/": "/x/"})
    assert relative_url("/jongeren/", "/youth/") == "../youth/"
    assert relative_url("/melden/", "/over-het-meldpunt/#hoe") == "../over-het-meldpunt/#hoe"
    assert relative_url("/thuis/", "/") == "../"
    assert source_url("jongeren/index.md") == source_url("jongeren.md") == "/jongeren/"
    page = redirect_page("/jongeren/", "/youth/", title="Voor <jongeren>",
                         site_url="https://x.nl/", site_name="M")
    assert '<html lang="nl">' in page and '<meta name="robots" content="noindex">' in page
    assert '<link rel="canonical" href="https://x.nl/youth/">' in page
    assert '<meta http-equiv="refresh" content="0; url=../youth/">' in page
    assert "<script" not in page and "Voor &lt;jongeren&gt;" in page


def _targets(built_site: Path) -> dict[str, str]:
    """'/jongeren/' -> '/youth/' from the map in mkdocs.yml, as the built site has it."""
    found = {}
    for old, new in _redirect_maps().items():
        path, _, fragment = new.partition("#")
        found[source_url(old)] = source_url(path) + (f"#{fragment}" if fragment else "")
    return found


def test_short_addresses_are_not_real_paths_and_point_at_pages(built_site: Path) -> None:
    for address, target in _targets(built_site).items():
        assert not (ROOT / "docs" / address.strip("/")).exists(), address
        path, _, fragment = target.partition("#")
        page = (built_site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert not fragment or f'id="{fragment}"' in page, target


def test_html_fallback_pages(built_site: Path) -> None:
    targets = _targets(built_site)
    assert {"/jongeren/", "/ouders/", "/melden/", "/gemeente/", "/hulp-zoeken/"} <= set(targets)
    for address, target in targets.items():
        html = (built_site / address.strip("/") / "index.html").read_text(encoding="utf-8")
        refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
        assert refresh and refresh.group(1) == relative_url(address, target), address
        assert '<meta name="robots" content="noindex">' in html and "<script" not in html
        assert re.search(rf'<link rel="canonical" href="https?://[^"]+{re.escape(target)}">',
                         html), address


def test_nginx_answers_short_addresses_with_301(nginx, built_project: Path) -> None:
    assert (built_project / "build" / "nginx-redirects.conf").is_file()
    host, port = urlsplit(nginx).hostname, urlsplit(nginx).port
    for address, target in _targets(built_project / "site").items():
        stem = address.rstrip("/")
        for variant in (address, stem, stem.upper() + "/", address + "index.html"):
            conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", variant)
            response = conn.getresponse()
            response.read()
            conn.close()
            assert response.status == 301, variant
            assert response.getheader("Location") == f"{nginx}{target}", variant
            assert response.getheader("Strict-Transport-Security"), variant
            assert response.getheader("Referrer-Policy") == "no-referrer", variant
        conn = http.client.HTTPConnection(host, port, timeout=5)
        conn.request("GET", target.partition("#")[0])
        assert conn.getresponse().status == 200, target
        conn.close()
