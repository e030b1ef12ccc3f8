"""A municipality page on a phone (390 x 844, Chromium, the real nginx): the first
number or chat is on the first screen, the three audience links are there and each
brings its first contact into view (not under the sticky bar), the last contact is
within two screens on every municipality's page (also where a contact is not sure for the
municipality: its explanation comes after the last contact), and an e-mail address wraps
after its @, not inside the domain."""

from __future__ import annotations

import pytest

from portal.data.yamlsource import load_yaml

from ..conftest import ROOT
from .support import Watch, open_context, watch_page

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 390, 844
PAGES = ["heerlen", "roermond", "venlo"]
# Every municipality of the shipped data (31), one page each.
TOWNS = [m["id"] for m in load_yaml(ROOT / "data" / "municipalities.yml").data["municipalities"]]
AUDIENCES = {"#jongeren": "Ik ben jong", "#ouders": "Ik ben ouder",
             "#professionals": "Ik werk met jongeren"}
CONTACTS = "article a.portal-contact"
# A tel: link or a chat (a contact to a web address).
CALL_OR_CHAT = 'article a.portal-contact[href^="tel:"], article a.portal-contact[href^="http"]'


@pytest.fixture(scope="module")
def phone(browser):
    watch = Watch()
    context = open_context(browser, watch, viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    watch_page(page, watch)
    yield page
    context.close()
    assert watch.outside == []


def _box(page, selector: str, index: int = 0) -> dict:
    """The element's box in page coordinates (top of the document = 0)."""
    return page.locator(selector).nth(index).evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height}; }")


def test_every_municipality_is_measured() -> None:
    assert len(TOWNS) == 31 and "mook-en-middelaar" in TOWNS and set(PAGES) <= set(TOWNS)


@pytest.mark.parametrize("town", TOWNS)
def test_first_contact_on_the_first_screen_last_within_two(phone, nginx, town) -> None:
    phone.goto(f"{nginx}/gemeenten/{town}/")
    assert phone.locator(CALL_OR_CHAT).count() >= 3
    first = _box(phone, CALL_OR_CHAT)
    assert first["bottom"] <= HEIGHT, f"{town}: eerste contact eindigt op {first['bottom']} px"
    last = _box(phone, CONTACTS, phone.locator(CONTACTS).count() - 1)
    assert last["bottom"] <= 2 * HEIGHT, f"{town}: laatste contact eindigt op {last['bottom']} px"


@pytest.mark.parametrize("town", PAGES)
def test_each_audience_link_brings_its_first_contact_into_view(phone, nginx, town) -> None:
    phone.goto(f"{nginx}/gemeenten/{town}/")
    for anchor, text in AUDIENCES.items():
        link = phone.locator(f'.portal-audience-links a[href="{anchor}"]')
        assert link.inner_text().strip() == text
        assert _box(phone, f'.portal-audience-links a[href="{anchor}"]')["bottom"] <= HEIGHT
        assert link.bounding_box()["height"] >= 44
        link.click()
        phone.wait_for_function(f"location.hash === '{anchor}'")
        # The section's first contact: on screen, and what a tap there reaches.
        hit = phone.evaluate("""anchor => {
            const section = document.querySelector(anchor);
            const contact = [...document.querySelectorAll('article a.portal-contact')].find(
                a => section.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
            const r = contact.getBoundingClientRect();
            const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return {top: r.top, bottom: r.bottom, reached: contact.contains(at)};
        }""", anchor)
        assert hit["top"] >= 0 and hit["bottom"] <= HEIGHT, (town, anchor, hit)
        assert hit["reached"], f"{town} {anchor}: het eerste contact ligt onder iets anders"
        phone.evaluate("window.scrollTo(0, 0)")


def test_an_email_address_wraps_after_the_at_sign(phone, nginx) -> None:
    phone.goto(f"{nginx}/gemeenten/venlo/")
    lines = phone.locator('article a.portal-contact[href^="mailto:"]').first.evaluate("""a => {
        // The address's text, line by line, as the browser laid it out.
        const range = document.createRange(), lines = [];
        let top = null;
        for (const node of [...a.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)) {
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i); range.setEnd(node, i + 1);
                const t = Math.round(range.getBoundingClientRect().top);
                if (top === null || t > top + 2) { lines.push(''); top = t; }
                lines[lines.length - 1] += node.data[i];
            }
        }
        const box = a.getBoundingClientRect();
        return {lines, inside: box.right <= document.documentElement.clientWidth};
    }""")
    assert lines["inside"], "het adres steekt buiten het scherm"
    text = lines["lines"]
    assert "".join(text) == "meldpuntmensenhandel@veiligthuisnml.nl"
    # On this screen the address is too long for one line: it breaks after the @ only.
    assert text == ["meldpuntmensenhandel@", "veiligthuisnml.nl"], text


def test_a_contact_that_is_not_sure_links_to_its_explanation(phone, nginx) -> None:
    phone.goto(f"{nginx}/gemeenten/mook-en-middelaar/")
    notes = phone.locator('article .portal-fallback a[href="#niet-zeker"]')
    assert notes.count() >= 2
    last = _box(phone, CONTACTS, phone.locator(CONTACTS).count() - 1)
    assert _box(phone, "#niet-zeker")["top"] >= last["bottom"]
    notes.first.click()
    phone.wait_for_function("location.hash === '#niet-zeker'")
    hit = phone.evaluate("""() => {
        const h = document.getElementById('niet-zeker'), r = h.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
        return {top: r.top, bottom: r.bottom, reached: h.contains(at)};
    }""")
    assert hit["top"] >= 0 and hit["bottom"] <= HEIGHT and hit["reached"], hit
