"""The print cache (portal/pages/printing.py) with Debian's Chromium: a PDF is printed once
per text, kept on disk for the next build, and in the preview a changed text is printed
after the rebuild, which keeps the last PDF until the new one lands; a page that no
longer fits is still reported."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from portal.pages import printing
from portal.pages.printing import (
    PrintError,
    find_chromium,
    print_pdfs,
    start_background_prints,
)

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="scripts/test installs chromium")


def page(text: str, paragraphs: int = 1) -> str:
    return ("<!doctype html><html lang=nl><meta charset=utf-8><title>Proef</title>"
            + f"<p>{text}</p>" * paragraphs + "</html>")


def text_of(pdf: bytes, tmp_path: Path) -> str:
    target = tmp_path / f"{uuid.uuid4().hex}.pdf"
    target.write_bytes(pdf)
    return PdfReader(target).pages[0].extract_text()


def wait_for(path: Path, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < end, f"{path.name} did not appear"
        time.sleep(0.05)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PORTAL_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "drukwerk"


def test_a_printed_pdf_is_read_from_disk_by_the_next_build(cache: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    name = f"proef-{uuid.uuid4().hex}.pdf"
    first = print_pdfs({name: page("Eerste druk")}, CHROMIUM)[name]
    assert len(list(cache.glob("*.pdf"))) == 1
    # A new build (nothing in memory) with a Chromium that may not be started: from disk.
    monkeypatch.setattr(printing, "_CACHE", {})
    monkeypatch.setattr(printing, "_print_one", lambda *args: pytest.fail("printed again"))
    assert print_pdfs({name: page("Eerste druk")}, CHROMIUM)[name] == first
    assert "Eerste druk" in text_of(first, tmp_path)


def test_the_preview_prints_a_changed_text_after_the_rebuild(cache: Path,
                                                             tmp_path: Path) -> None:
    name = f"proef-{uuid.uuid4().hex}.pdf"
    old = print_pdfs({name: page("Oude tekst")}, CHROMIUM, background=True)[name]
    before = set(cache.glob("*.pdf"))
    # The rebuild after a save: the last PDF now, the new one printed once it is written.
    assert print_pdfs({name: page("Nieuwe tekst")}, CHROMIUM, background=True)[name] == old
    time.sleep(1.0)
    assert set(cache.glob("*.pdf")) == before, "printed before the rebuild was written"
    start_background_prints()
    end = time.monotonic() + 60
    while not set(cache.glob("*.pdf")) - before:
        assert time.monotonic() < end, "the new PDF did not land in the cache folder"
        time.sleep(0.05)
    time.sleep(0.2)  # the print thread finishes its bookkeeping after the file lands
    # The rebuild that the landed PDF starts shows it.
    new = print_pdfs({name: page("Nieuwe tekst")}, CHROMIUM, background=True)[name]
    assert "Nieuwe tekst" in text_of(new, tmp_path)
    # A text that no longer fits on one page: reported by the next rebuild.
    print_pdfs({name: page("Te lang", 400)}, CHROMIUM, background=True)
    start_background_prints()
    wait_for(cache / "laatste-fout.txt")
    with pytest.raises(PrintError, match="past niet op één pagina"):
        print_pdfs({name: page("Te lang", 400)}, CHROMIUM, background=True)
    # Without `background` (every build but the preview's rebuilds) it is printed at once.
    with pytest.raises(PrintError, match="past niet op één pagina"):
        print_pdfs({f"ander-{name}": page("Ook te lang", 401)}, CHROMIUM)
