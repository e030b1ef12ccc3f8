"""Printing a route or municipality page gives a one-page A4 referral card (Chromium's
own print engine, as a professional would print it); a long page does take more pages,
so the count is real."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from .support import Watch, open_context

pytestmark = pytest.mark.browser
A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def print_page(browser):
    context = open_context(browser, Watch())
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def _print(page, url: str) -> PdfReader:
    page.goto(url)
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=False)))


def _cards(site: Path) -> list[str]:
    return sorted(f"/{kind}/{p.parent.name}/" for kind in ("wat-kan-ik-doen", "gemeenten")
                  for p in (site / kind).glob("*/index.html"))


def test_every_route_and_municipality_prints_on_one_a4(nginx, built_site, print_page) -> None:
    cards = _cards(built_site)
    assert len(cards) >= 40
    too_long = {}
    for path in cards:
        pdf = _print(print_page, nginx + path)
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
        if len(pdf.pages) != 1:
            too_long[path] = len(pdf.pages)
    assert too_long == {}


def test_the_card_shows_the_numbers_and_no_site_chrome(nginx, print_page) -> None:
    text = _print(print_page, nginx + "/gemeenten/maastricht/").pages[0].extract_text()
    assert "Veilig Thuis Zuid-Limburg" in text
    assert "Snel weg" not in text and "Zoeken" not in text


def test_a_card_that_grew_too_long_takes_more_sheets(built_site, tmp_path, serve,
                                                     print_page) -> None:
    # The same municipality page with forty more routes' worth of steps: the count is real.
    shutil.copytree(built_site, tmp_path / "site")
    page = tmp_path / "site" / "gemeenten" / "maastricht" / "index.html"
    html = page.read_text(encoding="utf-8")
    steps = "".join(f"<li>Stap {i}: bel en vraag om advies.</li>" for i in range(400))
    page.write_text(html.replace("</article>", f"<ol>{steps}</ol></article>", 1), encoding="utf-8")
    assert len(_print(print_page, serve(tmp_path / "site") + "/gemeenten/maastricht/").pages) > 1
