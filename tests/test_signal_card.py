"""The signal card for professionals: its page (docs/professionals/signaalkaart.md, a
`[[lijst signalen]]` line) and its A4 and A6 PDFs (portal/pages/materials.py), both from
data/signals.yml. Read back from the real build: the page shows exactly the data's
professional wordings under the settings' titles, with the sources; each PDF is one page of
its size, holds every signal that the page shows for the settings on the card, says which
settings it holds, and its QR code goes to the page."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from portal.build import generate_site
from portal.pages import materials
from portal.pages.materials import (
    CARD_PAGE,
    CARD_SETTINGS,
    CARD_SIZES,
    MaterialsError,
    build_materials,
    card_content,
    card_filename,
    render_card_html,
)

from .conftest import BUILD_DAY, ROOT
from .test_materials import POINTS, SITE_URL, _flat, _read_qr, _site_url

PAGE = Path(CARD_PAGE.removesuffix(".md")) / "index.html"  # in the built site


@pytest.fixture(scope="module")
def portal():
    return generate_site(ROOT / "data", today=BUILD_DAY).portal


def _text(pdf: Path) -> str:
    return PdfReader(pdf).pages[0].extract_text()


def _strip(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def page_lists(built_site: Path) -> dict[str, list[str]]:
    """The built page's signals: each `##` heading followed by a list, with its items."""
    page = (built_site / PAGE).read_text(encoding="utf-8")
    return {_strip(title): [_strip(li) for li in re.findall(r"<li>(.*?)</li>", items, re.S)]
            for title, items in re.findall(r"<h2[^>]*>([^<]*)</h2>\s*<ul>(.*?)</ul>", page, re.S)}


def professional_signals(portal) -> dict[str, list[str]]:
    """{setting's professional title: the professionals' wordings}, from the data."""
    out = {}
    for setting in portal.signals.settings:
        wordings = [s.wording["professionals"] for s in portal.signals.signals
                    if s.setting == setting.id and "professionals" in s.wording]
        if wordings:
            out[setting.title["professionals"]] = wordings
    return out


def test_the_page_shows_exactly_the_professionals_wordings(built_site: Path, portal) -> None:
    expected = professional_signals(portal)
    assert set(expected) == {s.title["professionals"] for s in portal.signals.settings}
    assert page_lists(built_site) == expected
    page = (built_site / PAGE).read_text(encoding="utf-8")
    used = {i for s in portal.signals.signals if "professionals" in s.wording
            for i in s.sources}
    for source_id in used:  # the sources of the signals, from the data, as links
        source = portal.signals.sources[source_id]
        assert f'href="{html.escape(source.url)}"' in page, source.url


def test_the_page_says_what_to_do_and_links_the_card(built_site: Path, portal) -> None:
    page = (built_site / PAGE).read_text(encoding="utf-8")
    for href in ("../meldcode/", "../advies-en-melden/",
                 *(f"../../materials/{card_filename(s)}" for s in CARD_SIZES)):
        assert f'href="{href}"' in page, href
    _, advice = materials.lookup(portal, materials.CARD_ADVICE)
    assert f'href="{advice.href}"' in page  # Veilig Thuis's number, from the data
    # The page says which settings the A6 card holds, as the card does.
    a6 = re.search(r"Signaalkaart A6 \(PDF\)</a>(.*?)</li>", page, re.S)
    assert a6 and card_content(portal, "a6").shown_phrase in _strip(a6.group(1))
    nav = (built_site / "professionals" / "signalen" / "index.html").read_text(encoding="utf-8")
    assert 'href="../signaalkaart/"' in nav  # in the navigation of the professionals


@pytest.mark.parametrize("size", list(CARD_SIZES))
def test_each_card_is_one_page_of_its_size(built_site: Path, size: str) -> None:
    reader = PdfReader(built_site / "materials" / card_filename(size))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    width, height = POINTS[size]
    assert abs(float(box.width) - width) <= 1 and abs(float(box.height) - height) <= 1


@pytest.mark.parametrize("size", list(CARD_SIZES))
def test_each_card_holds_every_signal_the_page_shows_for_its_settings(
        built_site: Path, portal, size: str) -> None:
    text = _flat(_text(built_site / "materials" / card_filename(size)))
    on_page = page_lists(built_site)
    content = card_content(portal, size)
    titles = [setting.title["professionals"] for setting, _ in content.settings]
    wanted = CARD_SETTINGS[size]
    assert len(titles) == (len(on_page) if wanted is None else len(wanted))
    missing = [(title, item) for title in titles for item in [title, *on_page[title]]
               if _flat(item) not in text]
    assert missing == []
    # The settings that are not on the card are named, and their signals are not on it.
    for setting in content.left_out:
        assert _flat(setting.title["professionals"]) not in text
        assert not any(_flat(item) in text for item in on_page[setting.title["professionals"]])
    if content.left_out:
        assert _flat(content.shown_phrase) in text and _flat(content.left_out_phrase) in text


def test_the_cards_say_what_to_do_with_contacts_from_the_data(built_site: Path,
                                                              portal) -> None:
    for size in CARD_SIZES:
        text = _flat(_text(built_site / "materials" / card_filename(size)))
        for ref in (materials.CARD_ADVICE, *materials.CARD_REPORT, "alarmnummer/bellen"):
            _, channel = materials.lookup(portal, ref)
            assert _flat(materials.shown(channel)) in text, (size, ref)
        assert _flat("Bespreek het met een collega") in text
        assert re.search(r"Gemaaktop\d{1,2}\w+20\d\d", text), size
    a4 = _flat(_text(built_site / "materials" / card_filename("a4")))
    content = card_content(portal, "a4")
    assert len(content.source_names) >= 5  # each publisher once; the titles are on the page
    for name in content.source_names:
        assert _flat(name) in a4, name


@pytest.mark.parametrize("size", list(CARD_SIZES))
def test_the_cards_qr_code_goes_to_the_page(built_project: Path, tmp_path: Path,
                                           size: str) -> None:
    pdf = built_project / "site" / "materials" / card_filename(size)
    expected = _site_url(built_project).rstrip("/") + "/" + CARD_PAGE.removesuffix(".md") + "/"
    assert _read_qr(pdf, tmp_path) == [expected]
    assert (built_project / "site" / PAGE).is_file()  # the address is a page of the site
    assert _flat(expected.split("//", 1)[1].rstrip("/")) in _flat(_text(pdf))


def test_the_materialen_page_lists_the_card(built_site: Path) -> None:
    page = (built_site / "materialen" / "index.html").read_text(encoding="utf-8")
    for size, paper in CARD_SIZES.items():
        assert f'href="../materials/{card_filename(size)}"' in page
        assert f"Signaalkaart {paper.name} ({paper.width_mm} × {paper.height_mm} mm)" in page
    assert 'href="../professionals/signaalkaart/"' in page


def test_no_number_is_typed_on_the_card_or_its_page() -> None:
    """Numbers and addresses come from data/organisations/; the texts hold none."""
    template = Path(materials.__file__).parent / "templates" / "materials" / "signal-card.html.j2"
    for path in (template, ROOT / "docs" / CARD_PAGE):
        text = path.read_text(encoding="utf-8")
        body = text.split("---", 2)[2] if path.suffix == ".md" else text
        body = re.sub(r"\{% block style %\}.*?\{% endblock %\}", "", body, flags=re.S)
        assert not re.search(r"\d{3,}|@[a-z]", body), path


def test_a_card_is_one_self_contained_page(portal) -> None:
    page = render_card_html(portal, "a6", SITE_URL, today=date(2026, 11, 30))
    assert "@page { size: 105mm 148mm; margin: 0; }" in page
    assert "<svg" in page and "Gemaakt op 30 november 2026" in page
    assert "meldpuntaanpakloverboyslimburg.nl/<wbr>professionals/<wbr>signaalkaart" in page
    assert not re.search(r"""(src|href)=|url\(|@import""", page)  # nothing to fetch


def test_a_setting_without_professionals_signals_is_a_dutch_error(portal, monkeypatch) -> None:
    monkeypatch.setitem(CARD_SETTINGS, "a6", ("school", "bestaat-niet"))
    with pytest.raises(MaterialsError, match="'bestaat-niet' heeft geen signalen"):
        card_content(portal, "a6")
    with pytest.raises(MaterialsError, match="site_url ontbreekt"):
        render_card_html(portal, "a4", None)


@pytest.mark.browser
def test_a_card_that_does_not_fit_stops_the_build_with_a_hint(portal, monkeypatch) -> None:
    """Every setting on the A6 card is too much: Chromium prints two pages, and the build
    says how to fix it (in Dutch)."""
    monkeypatch.setitem(CARD_SETTINGS, "a6", None)
    with pytest.raises(MaterialsError) as error:
        build_materials(portal, SITE_URL, today=BUILD_DAY, audiences=())
    assert "signaalkaart-a6.pdf past niet op één pagina" in str(error.value)
    assert "CARD_SETTINGS" in str(error.value)
