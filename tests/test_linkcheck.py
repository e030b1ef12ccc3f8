"""`portal check-links`: the shipped site passes; each kind of break fails with its code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.cli import main
from portal.sitecheck.linkcheck import check_site, read_page

from .conftest import FIXTURES

HOME = """<!doctype html><html><head><title>Start</title></head><body>
<h1 id="start">Start</h1><a href="a/">Pagina A</a>{extra}</body></html>"""
PAGE_A = """<!doctype html><html><head><title>A</title></head><body>
<a href="https://example.org/repo/edit/main/docs/a.md" rel="edit">Wijzig</a>
<h1 id="kop">A</h1><a href="../">Terug</a>{extra}</body></html>"""


def _site(tmp_path: Path, extra_home: str = "", extra_a: str = "") -> Path:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(HOME.format(extra=extra_home))
    (site / "a" / "index.html").write_text(PAGE_A.format(extra=extra_a))
    return site


def test_clean_site_passes(tmp_path: Path) -> None:
    extra = ('<a href="a/#kop">Anker</a><a href="tel:0800-2000">Bel</a>'
             '<a href="mailto:info@example.nl?subject=x">Mail</a><a href="https://x.nl/">Ander</a>'
             '<link rel="canonical" href="https://example.org/">'
             "<a href='a/#kop'>Anker</a><a href=a/#kop>Anker</a><a href='a/#k&#111;p'>Anker</a>"
             "<link rel=canonical href=https://example.org/ander/>")
    assert check_site(_site(tmp_path, extra_home=extra)) == []


@pytest.mark.parametrize(
    ("extra_a", "code", "detail"),
    [
        ('<a href="../bestaat-niet/">Weg</a>', "L001", "linktekst: 'Weg'"),
        # An English page that is no longer built (its translation removed): issue 16.
        ('<a href="../en/youth/signalen/" hreflang="en">English</a>', "L001",
         "'../en/youth/signalen/'"),
        ('<img src="../foto.png" alt="Foto">', "L001", "foto.png"),
        ('<img src="../index.html" srcset="../index.html 1x, ../groot.png 2x" alt="">',
         "L001", "groot.png"),
        ('<link rel="stylesheet" href="/stijl.css">', "L001", "/stijl.css"),
        ('<a href="../#geen-anker">Anker</a>', "L002", "#geen-anker"),
        ('<a href="#ook-niet">Naar het deel over signalen</a>', "L002", "#ook-niet"),
        ('<a href="tel:0800-20">Bel</a>', "L003", "tel:0800-20"),
        ('<a href="mailto:info@@example.nl">Mail</a>', "L004", "info@@example.nl"),
        # Attributes as a browser reads them: single quotes, no quotes, entities.
        ("<a href='../bestaat-niet/'>Weg</a>", "L001", "linktekst: 'Weg'"),
        ("<a href=../bestaat-niet/ class=x>Weg</a>", "L001", "'../bestaat-niet/'"),
        ("<img src='../foto.png' alt=Foto>", "L001", "foto.png"),
        ("<img alt='' srcset='../index.html 1x, ../groot.png 2x'>", "L001", "groot.png"),
        ("<link rel=stylesheet href=/stijl.css>", "L001", "/stijl.css"),
        ("<A HREF='../#geen-anker'>Anker</A>", "L002", "#geen-anker"),
        ('<a href="../#geen&#45;anker">Anker</a>', "L002", "'../#geen-anker'"),
        ("<a href=tel:0800-20>Bel</a>", "L003", "tel:0800-20"),
        ("<a href='mailto:info@@example.nl'>Mail</a>", "L004", "info@@example.nl"),
    ],
)
def test_each_break_fails_with_its_code(tmp_path, extra_a, code, detail) -> None:
    problems = check_site(_site(tmp_path, extra_a=extra_a))
    assert [p.code for p in problems] == [code]
    assert problems[0].path == "a/index.html"
    assert detail in problems[0].detail and "[bron: docs/a.md]" in problems[0].detail
    assert problems[0].format_text().startswith(f"a/index.html: {code} fout: ")


def test_orphan_page(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "wees.html").write_text('<html><body><a href="index.html">Start</a></body></html>')
    assert [(p.path, p.code) for p in check_site(site)] == [("wees.html", "L005")]


def test_broken_fixture_site_reports_every_code() -> None:
    codes = {p.code for p in check_site(FIXTURES / "broken-site")}
    assert codes == {"L001", "L002", "L003", "L004", "L005"}


def test_shipped_site_passes(built_site: Path) -> None:
    assert check_site(built_site) == []


@pytest.mark.parametrize("quote", ['"', "'", ""])
def test_link_text_source_and_ids_are_read(quote: str) -> None:
    q = quote
    page = read_page(f"<title>Een &amp; twee</title><meta name={q}description{q} "
                     f"content={q}Over&#32;ons{q}><meta name=robots content={q}noindex{q}>"
                     f"<a rel={q}edit{q} href={q}https://x/edit/main/data/routes/r.yml{q}>W</a>"
                     f"<h2 id={q}kop{q}>Kop</h2><a name={q}oud{q}></a>"
                     f"<a href={q}b/{q}><span>Naar</span> B &amp; C</a>", "p.html")
    assert page.source == "data/routes/r.yml"
    assert [(link.target, link.text) for link in page.links][-1] == ("b/", "Naar B & C")
    assert (page.title, page.description, page.noindex) == ("Een & twee", "Over ons", True)
    assert page.ids == {"kop", "oud"}


def test_a_site_scan_with_a_memo_reads_what_a_scan_without_one_reads(built_site: Path) -> None:
    """The memo shares the theme's lines between pages; it must change no finding."""
    memo: dict = {}
    for file in sorted(built_site.rglob("*.html"))[:20]:
        text = file.read_text(encoding="utf-8")
        alone, shared = read_page(text, file.name), read_page(text, file.name, memo)
        assert (alone.links, alone.ids, alone.findings, alone.title) == \
            (shared.links, shared.ids, shared.findings, shared.title)
    assert memo  # the theme's lines were shared


@pytest.mark.parametrize(("site", "status"), [("broken", 1), ("clean", 0), ("missing", 2)])
def test_cli_exit_status(tmp_path: Path, capsys, site, status) -> None:
    folder = {"broken": tmp_path / "b", "clean": _site(tmp_path),
              "missing": tmp_path / "leeg"}[site]
    if site == "broken":
        shutil.copytree(FIXTURES / "broken-site", folder)
    assert main(["check-links", str(folder)]) == status
    assert "Traceback" not in capsys.readouterr().err
