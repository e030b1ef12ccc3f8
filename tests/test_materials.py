"""Print materials and the partners' banner: the PDFs of the real build (one page of the
right size, the QR code read back from the printed page, the contacts from data/), the
Materialen pages, and the core without MkDocs."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from portal.build import generate_site
from portal.pages.materials import (
    BANNER_CSS_URI,
    CARD_SIZES,
    CONTACTS,
    SECTIONS,
    SIZES,
    MaterialsError,
    build_materials,
    lookup,
    material_filename,
    render_banner,
    render_material_html,
    shown,
)
from portal.pages.printing import page_count

from .conftest import BUILD_DAY, FIXTURES, ROOT

POINTS = {"a4": (595, 842), "a6": (298, 420)}  # 1 pt = 1/72 inch
MATERIALS = [(a, s) for a in CONTACTS for s in SIZES]
SITE_URL = "https://www.meldpuntaanpakloverboyslimburg.nl/"


def _site_url(project: Path) -> str:
    return yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").split(
        "\nnav:")[0].replace("!!python", ""))["site_url"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def portal():
    return generate_site(ROOT / "data", today=BUILD_DAY).portal


@pytest.mark.parametrize(("audience", "size"), MATERIALS)
def test_every_material_is_one_page_of_its_size(built_site: Path, audience: str,
                                                size: str) -> None:
    reader = PdfReader(built_site / "materials" / material_filename(audience, size))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    width, height = POINTS[size]
    assert abs(float(box.width) - width) <= 1 and abs(float(box.height) - height) <= 1


@pytest.mark.parametrize(("audience", "size"), MATERIALS)
def test_every_material_shows_its_contacts_from_the_data(built_site: Path, portal,
                                                         audience: str, size: str) -> None:
    text = PdfReader(built_site / "materials" / material_filename(audience, size)
                     ).pages[0].extract_text()
    for ref in ("alarmnummer/bellen", *CONTACTS[audience]):
        org, channel = lookup(portal, ref)
        assert _flat(shown(channel)) in _flat(text), (ref, text)
    assert re.search(r"Gemaakt op \d{1,2} \w+ 20\d\d", text)


def _read_qr(pdf: Path, tmp_path: Path) -> list[str]:
    """Rasterize the page with poppler's pdftoppm (grey PGM, no Pillow needed) and read
    every QR code on it with zbar."""
    from pyzbar import pyzbar

    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: scripts/test installs Debian's poppler-utils")
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-singlefile", str(pdf), str(out)],
                   check=True)
    data = (tmp_path / "page.pgm").read_bytes()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(m.group(1)), int(m.group(2))
    pixels = data[m.end():]
    assert len(pixels) == width * height
    return [s.data.decode("utf-8") for s in pyzbar.decode((pixels, width, height),
                                                          symbols=[pyzbar.ZBarSymbol.QRCODE])]


@pytest.mark.parametrize(("audience", "size"), MATERIALS)
def test_the_qr_code_goes_to_the_audiences_section(built_project: Path, tmp_path: Path,
                                                   audience: str, size: str) -> None:
    pdf = built_project / "site" / "materials" / material_filename(audience, size)
    expected = _site_url(built_project).rstrip("/") + "/" + SECTIONS[audience]
    assert _read_qr(pdf, tmp_path) == [expected]
    section = built_project / "site" / SECTIONS[audience] / "index.html"
    assert section.is_file()  # the address is a page of the site
    assert expected.split("//", 1)[1].rstrip("/") in _flat(PdfReader(pdf).pages[0].extract_text())


def test_the_materialen_page_lists_every_pdf_in_the_navigation(built_site: Path) -> None:
    page = (built_site / "materialen" / "index.html").read_text(encoding="utf-8")
    for audience, size in MATERIALS:
        name = material_filename(audience, size)
        assert f'href="../materials/{name}"' in page, name
        assert (built_site / "materials" / name).stat().st_size > 1000
    # and the two signal cards (tests/test_signal_card.py)
    assert len(re.findall(r"PDF, [\d,]+ kB", page)) == len(MATERIALS) + len(CARD_SIZES)
    assert "Poster A4 (210 × 297 mm)" in page and "Zakkaart A6 (105 × 148 mm)" in page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="materialen/"' in home and 'href="materialen/banner/"' in home


def _banner_parts(page: str) -> tuple[str, str, str]:
    """The preview's stylesheet link and markup, and the code to copy, from our page."""
    preview = re.search(r'<div class="portal-banner-preview">\s*(<link [^>]+>)\s*(.*?)\s*'
                        r'</div>\s*<h2', page, re.S)
    code = re.search(r'<pre class="portal-banner-code"><code tabindex="0">(.*?)</code></pre>',
                     page, re.S)
    assert preview and code
    return preview.group(1), preview.group(2), html.unescape(code.group(1))


def test_the_banner_preview_and_the_code_to_copy_are_the_same(built_site: Path) -> None:
    page = (built_site / "materialen" / "banner" / "index.html").read_text(encoding="utf-8")
    link, markup, snippet = _banner_parts(page)
    css = (built_site / BANNER_CSS_URI).read_text(encoding="utf-8")
    assert f'href="/{BANNER_CSS_URI}"' in link
    assert snippet == f"<style>\n{css.strip()}\n</style>\n{markup.strip()}\n"


def test_the_banner_has_no_script_cookie_font_or_request(portal) -> None:
    banner = render_banner(portal, SITE_URL, crisis_channel="alarmnummer/bellen")
    snippet = banner.snippet.lower()
    for word in ("<script", "cookie", "@import", "@font-face", "url(", " src=", "<img",
                 "<iframe", "<link", " on"):
        assert word not in snippet, word
    hrefs = re.findall(r'href="([^"]+)"', banner.snippet)
    assert hrefs == [SITE_URL, "tel:112"]
    # Scoped: every CSS rule starts with the banner's class.
    selectors = re.findall(r"([^{}]+)\{", re.sub(r"/\*.*?\*/", "", banner.css, flags=re.S))
    assert selectors and all(s.strip().startswith(".meldpunt-banner")
                             for sel in selectors for s in sel.split(","))


def test_a_material_is_one_self_contained_page(portal) -> None:
    page = render_material_html(portal, "youth", "a6", SITE_URL, today=date(2026, 11, 29))
    assert "@page { size: 105mm 148mm; margin: 0; }" in page
    assert "<svg" in page and "Gemaakt op 29 november 2026" in page
    assert "www.meldpuntaanpakloverboyslimburg.nl/<wbr>youth" in page
    assert not re.search(r"""(src|href)=|url\(|@import""", page)  # nothing to fetch
    # Editorial doubt is for editors (the preview build), never on a printed number.
    assert "gecontroleerd" not in page


def test_an_unknown_contact_or_a_missing_site_url_is_a_dutch_error(portal,
                                                                   monkeypatch) -> None:
    with pytest.raises(MaterialsError, match="site_url ontbreekt"):
        render_material_html(portal, "youth", "a4", None)
    monkeypatch.setitem(CONTACTS, "youth", ("bestaat-niet/telefoon",))
    with pytest.raises(MaterialsError, match="'bestaat-niet/telefoon' bestaat niet"):
        render_material_html(portal, "youth", "a4", SITE_URL)


def test_without_chromium_the_build_stops_with_a_dutch_message(tmp_path: Path) -> None:
    project = tmp_path / "site-src"
    shutil.copytree(FIXTURES / "site", project)
    shutil.copytree(FIXTURES / "data", project / "data")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("materials: false", "materials: true"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "o")],
        cwd=project, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(tmp_path)})  # no chromium on the PATH
    assert result.returncode != 0
    assert "Chromium ontbreekt" in result.stderr and "materials" in result.stderr


def test_page_count_reads_chromiums_pdfs() -> None:
    assert page_count(b"<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page>>") == 2


@pytest.mark.browser
def test_a_changed_number_changes_the_poster(built_site: Path, tmp_path: Path) -> None:
    """Change De Kindertelefoon's number in its YAML file alone; the youth materials show
    the new number and no longer the old one (Chromium prints them again)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    org = tmp_path / "data" / "organisations" / "de-kindertelefoon.yml"
    org.write_text(org.read_text().replace('"0800-0432"', '"0800-0433"'))
    portal = generate_site(tmp_path / "data", today=BUILD_DAY).portal  # the shipped data
    files = build_materials(portal, SITE_URL, today=BUILD_DAY, audiences=("youth",),
                            signal_card=False)
    pdfs = {f.uri: f.content for f in files if f.uri.endswith(".pdf")}
    assert set(pdfs) == {f"materials/{material_filename('youth', s)}" for s in SIZES}
    for uri, content in pdfs.items():
        (tmp_path / "new.pdf").write_bytes(content)
        new = _flat(PdfReader(tmp_path / "new.pdf").pages[0].extract_text())
        old = _flat(PdfReader(built_site / uri).pages[0].extract_text())
        assert "08000432" in old and "08000432" not in new
        assert "08000433" in new
    page = next(f.content for f in files if f.uri == "materialen/index.md")
    assert "tel:+318000433" in page and "tel:+318000432" not in page
