"""Tap targets on a phone (390 x 844): every control and every stand-alone link is at
least 44 x 44 CSS pixels (WCAG 2.5.5), on one page of each kind. A link inside running
text (a paragraph, list item or table cell with other text beside it) is exempt, as the
criterion allows. The test lists every offender with its page, size and markup."""

from __future__ import annotations

import pytest

from .support import Watch, open_context
from .test_quick_exit import OPEN_ALL, page_kinds

pytestmark = pytest.mark.browser

MIN = 44

# Every control and link that is rendered (not display:none, not zero-sized); for a link,
# whether it stands alone: the nearest p, li, td, th, dd or dt holds no words besides its
# links and the separators between them.
# Hidden until focus (the skip link) and screen-reader-only elements are left out; so are
# the search's result links while the search is closed (they do not exist then), and
# what cannot be tapped in this state (pointer-events: none and transparent).
MEASURE = """min => {
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + 'label.md-header__button, label.md-nav__link[for], label[for]:not(.md-overlay)';
  const out = [];
  for (const el of document.querySelectorAll(controls)) {
    if (el.closest('.md-skip, .portal-sr-only, [hidden], [aria-hidden=true]')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    // Not tappable in this state (the search's clear button before anything is typed).
    if (style.pointerEvents === 'none' && style.opacity === '0') continue;
    if (el.matches('input[type=checkbox], input[type=radio]')
        && (style.opacity === '0' || el.closest('.md-toggle'))) continue;  // the theme's toggles
    if (el.classList.contains('md-toggle') || el.classList.contains('md-option')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (el.matches('a')) {
      const block = el.closest('p, li, td, th, dd, dt, figcaption');
      if (block) {
        // Running text: the block has words of its own, besides its links and the
        // separators between them ("Beesel · Bergen · Gennep" is a list of links).
        let rest = block.textContent;
        for (const link of block.querySelectorAll('a')) rest = rest.replace(link.textContent, '');
        if (rest.replace(/[\\s·•|,;:.()\\/–-]+/g, '') !== '') continue;
      }
    }
    if (r.width < min || r.height < min) {
      out.push(`${Math.round(r.width)}x${Math.round(r.height)} `
               + el.outerHTML.replace(/\\s+/g, ' ').slice(0, 140));
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def phone(browser):
    watch = Watch()
    ctx = open_context(browser, watch, viewport={"width": 390, "height": 844},
                       has_touch=True, is_mobile=True, empty_search=True)
    yield ctx
    ctx.close()
    assert watch.outside == []


@pytest.mark.parametrize("kind", ["home", "audience", "organisation", "directory", "route",
                                  "municipality", "wegwijzer", "news", "404",
                                  "english"])
def test_controls_and_stand_alone_links_are_44_px(phone, nginx, built_site, kind) -> None:
    page = phone.new_page()
    try:
        page.goto(nginx + page_kinds(built_site)[kind])
        # The theme's script (at first use) adds the back-to-top button and the search.
        page.mouse.move(5, 400)
        page.wait_for_function("() => !!window.component$", timeout=10_000)
        page.evaluate(OPEN_ALL)  # the answers that open in place are measured too
        small = page.evaluate(MEASURE, MIN)
    finally:
        page.close()
    assert small == [], f"{kind}: {len(small)} targets under {MIN} x {MIN} px:\n" + "\n".join(
        small)
