"""Structure checks of built pages (portal/sitecheck/pagecheck.py): each rule passes on good HTML
and fails on the break it is for; `portal check-links` reports them with the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.data.markup import elements, scan_html
from portal.sitecheck.linkcheck import check_site
from portal.sitecheck.pagecheck import check_link_name, check_structure

GOOD = """<h1 id="a">Titel</h1><h2>Deel</h2><h3>Sub</h3><h2>Deel 2</h2>
<img src="a.png" alt="Een poster"><img src="lijn.png" alt="" role="presentation">"""


def _article(body: str) -> str:
    return f"<html><body><header><h2>Thema</h2></header><article>{body}</article></body></html>"


def test_good_content_passes() -> None:
    assert check_structure(_article(GOOD)) == []


@pytest.mark.parametrize(
    ("body", "code", "detail"),
    [
        ("<h2>Geen titel</h2>", "A003", "0 koppen van niveau 1"),
        ("<h1>Een</h1><h1>Twee</h1>", "A003", "2 koppen van niveau 1"),
        ("<h1>Titel</h1><h3>Te diep</h3>", "A003", "Kop 'Te diep' is niveau 3 na niveau 1"),
        ("<h1>Titel</h1><img src='x'>", "A004", "Afbeelding 'x'"),  # single quotes
        ("<h1>Titel</h1><img src=x alt=''>", "A004", "Afbeelding 'x'"),  # none at all
        ("<h1>Titel</h1><img src=x alt='' role=presentation>", None, None),
        ("<h1>Titel</h1><img src=x alt=Poster>", None, None),
        ("<h1>T</h1><h2>Deel</h2><h4 class=x>Te diep</h4>", "A003", "niveau 4 na niveau 2"),
        ('<h1>Titel</h1><img src="foto.png">', "A004", "Afbeelding 'foto.png'"),
        ('<h1>Titel</h1><img src="foto.png" alt="">', "A004", "Afbeelding 'foto.png'"),
        ('<h1>Titel</h1><img src="foto.png" alt=" ">', "A004", "Afbeelding 'foto.png'"),
    ],
)
def test_each_structure_break_is_found(body: str, code: str | None, detail: str | None) -> None:
    found = check_structure(_article(body))
    if code is None:
        assert found == []
        return
    assert [c for c, _ in found] == [code]
    assert detail in found[0][1]


def test_headings_outside_the_content_are_not_judged() -> None:
    assert check_structure("<header><h3>Menu</h3></header><p>geen artikel</p>") == []


@pytest.mark.parametrize(
    ("link", "code"),
    [
        ('<a href="#">Bel Veilig Thuis</a>', None),
        ('<a href="#">Klik hier</a>', "A001"),
        ("<a href='#'><span>Klik</span> hier</a>", "A001"),
        ('<a href="#">hier.</a>', "A001"),
        ('<a href="#">Lees meer &raquo;</a>', "A001"),
        ('<a href="#">Meer informatie over Fier</a>', None),
        ('<a href="#"><svg></svg></a>', "A002"),
        ('<a href="#"><svg><title>ok</title></svg></a>', None),  # the title is text
        ('<a href="#" title="Wijzig deze pagina"><svg></svg></a>', None),
        ("<a href=# title='Wijzig deze pagina'><svg></svg></a>", None),
        ('<a href="#" title=" "><svg></svg></a>', "A002"),
        ('<a href="#" aria-label="Naar boven"><svg></svg></a>', None),
        ('<a href="#"><svg aria-label="Naar boven"></svg></a>', None),
        ('<a href="/"><img src="logo.svg" alt="Meldpunt"></a>', None),
        ("<a href=/><img src=logo.svg alt=Meldpunt></a>", None),
        ('<a href="/"><img src="logo.svg" alt=""></a>', "A002"),
    ],
)
def test_link_names(link: str, code: str | None) -> None:
    tokens = scan_html(link).tokens
    found = check_link_name(elements(tokens, frozenset({"a"}))[0])
    assert (found[0] if found else None) == code


def test_check_links_reports_structure_with_the_source(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><body><a href="https://example.org/repo/edit/main/docs/index.md" rel="edit" '
        'title="Wijzig">x</a><article><h1 id="t">Start</h1><h3>Diep</h3>'
        '<p><a href="#t">klik hier</a></p><img src="a.png"></article></body></html>')
    (site / "a.png").write_bytes(b"")
    problems = check_site(site)
    assert sorted(p.code for p in problems) == ["A001", "A003", "A004"]
    assert all("[bron: docs/index.md]" in p.detail for p in problems)
    assert any("linktekst" not in p.detail and "klik hier" in p.detail for p in problems)
