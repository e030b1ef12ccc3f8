"""Where visitors report an accessibility problem: `extra.accessibility_contact` in
mkdocs.yml, written into the page by the portal plugin (portal/pages/accessibility.py).
Built with the small fixture site: with an address set, the page names it; with none
(the shipped default), the page keeps its own text on how else to reach the Meldpunt,
and no address is made up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from portal.pages.accessibility import (
    END,
    START,
    AccessibilityContactError,
    check_accessibility_contact,
    render_accessibility_contact,
)

from .conftest import ROOT, build_fixture, fixture_project

PAGE = f"""---
title: Toegankelijkheid
description: Hoe u een probleem met de toegankelijkheid van deze website meldt.
audience: all
owner: Meldpunt Aanpak Loverboys Limburg - redactie
last_reviewed: 2026-11-01
---

# Toegankelijkheid

Kunt u iets niet lezen of gebruiken? Meld het ons.

{START}

Er is nog geen apart adres voor vragen over toegankelijkheid.
Neem contact op met het Meldpunt.

{END}

Heeft u hulp nodig? Wacht dan niet op ons antwoord.
"""


def _build(tmp_path: Path, contact: str | None) -> tuple[int, str, str]:
    project = fixture_project(tmp_path)
    (project / "docs" / "toegankelijkheid.md").write_text(PAGE, encoding="utf-8")
    if contact is not None:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8")
                          + f"extra:\n  accessibility_contact: {contact!r}\n", encoding="utf-8")
    result = build_fixture(project)
    page = project / "out" / "toegankelijkheid" / "index.html"
    html = page.read_text(encoding="utf-8") if page.is_file() else ""
    return result.returncode, result.stdout + result.stderr, html


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_without_an_address_the_page_says_how_else(tmp_path) -> None:
    code, log, html = _build(tmp_path, None)
    assert code == 0, log
    article = _article(html)
    assert "Er is nog geen apart adres voor vragen over toegankelijkheid." in article
    assert "Neem contact op met het Meldpunt." in article
    assert "mailto:" not in article and "portal:toegankelijkheidscontact" not in article


def test_with_an_e_mail_address_the_page_names_it(tmp_path) -> None:
    code, log, html = _build(tmp_path, "toegankelijkheid@example.org")
    assert code == 0, log
    article = _article(html)
    assert re.search(r'href="mailto:toegankelijkheid@example\.org"[^>]*>'
                     r"toegankelijkheid@example\.org</a>", article), article
    assert "Er is nog geen apart adres" not in article
    assert "Heeft u hulp nodig?" in article  # the text after the block stays


def test_a_wrong_address_stops_the_build_with_a_dutch_message(tmp_path) -> None:
    code, log, _ = _build(tmp_path, "javascript:alert(1)")
    assert code == 1
    assert "extra.accessibility_contact in mkdocs.yml" in log
    assert "is geen e-mailadres" in log
    assert "Traceback" not in log


@pytest.mark.parametrize("value", ["https://www.example.org/toegankelijkheid",
                                   "toegankelijkheid@example.org", None, "", "  "])
def test_accepted_values(value) -> None:
    expected = value.strip() if isinstance(value, str) and value.strip() else None
    assert check_accessibility_contact(value) == expected


@pytest.mark.parametrize("value", ["javascript:alert(1)", "http://example.org/",
                                   "iemand", "a@b", "<x>@example.org", 12,
                                   "https://example.org/a b", "a@example.org b@example.org"])
def test_refused_values(value) -> None:
    with pytest.raises(AccessibilityContactError):
        check_accessibility_contact(value)


def test_a_web_address_is_linked_as_written() -> None:
    out = render_accessibility_contact(PAGE, "https://www.example.org/toegankelijkheid")
    assert "Meld het via [https://www.example.org/toegankelijkheid]" \
           "(https://www.example.org/toegankelijkheid)." in out
    assert START not in out and "nog geen apart adres" not in out


def test_the_shipped_site_invents_no_address() -> None:
    """The shipped mkdocs.yml sets no address, and the page has the marked text that
    says how else to reach the Meldpunt."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split(
        "\nnav:")[0].replace("!!python", ""))
    assert not (config["extra"].get("accessibility_contact") or "").strip()
    page = (ROOT / "docs" / "toegankelijkheid.md").read_text(encoding="utf-8")
    block = page[page.index(START):page.index(END)]
    assert "Meldpunt" in block and "@" not in block
