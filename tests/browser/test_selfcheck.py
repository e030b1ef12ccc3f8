"""The self-check "Is dit nog normaal?" (docs/youth/is-dit-nog-normaal.md) in Chromium,
against the real nginx. Its questions are `details` only: no form and no input in the
page's content, so nothing a young person answers can land in the address or come back
with Back. Every question is opened by a tap on its words and by the keyboard (and by a
tap with JavaScript off); the address, history.length and the site's storage stay as
they were when the page loaded."""

from __future__ import annotations

import pytest

from .support import Watch, open_context, violations, watch_page

pytestmark = pytest.mark.browser

PATH = "/youth/is-dit-nog-normaal/"
PATHS = [PATH, "/en/youth/is-dit-nog-normaal/"]  # the Dutch page and its translation
CONTENT = "article.md-content__inner"
SUMMARIES = f"{CONTENT} details > summary"
QUESTIONS = range(6, 11)  # the issue asks for 6 to 10 questions
# A phone's width, tall enough to show every closed question without scrolling: the
# questions are tapped from the last to the first, so opening one moves none still to tap.
VIEWPORT = {"width": 390, "height": 1600}
# What a visitor's answers could leave behind: the address, the history, storage, cookies.
TRACE = """() => ({url: location.href, history: history.length,
  local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort(),
  cookie: document.cookie})"""
OPEN_STATES = f"""() => [...document.querySelectorAll({SUMMARIES!r})]
  .map(s => s.parentElement.open)"""
# Where a visitor taps each question: on its words (the middle of their first line), not
# on the empty space beside them.
ON_THE_WORDS = f"""() => [...document.querySelectorAll({SUMMARIES!r})].map(summary => {{
  const range = document.createRange();
  range.selectNodeContents(summary);
  const line = range.getClientRects()[0];
  return {{x: line.left + line.width / 2, y: line.top + line.height / 2}};
}})"""
# A summary that is a link, as an editor might write it: opening that question follows
# the link, which adds "#vraag" to the address and an entry to the history.
LINK_SUMMARY = f"""() => {{
  const summary = document.querySelector({SUMMARIES!r});
  summary.innerHTML = '<a href="#vraag">' + summary.textContent + '</a>';
}}"""


@pytest.fixture
def context(browser):
    watch = Watch()
    ctx = open_context(browser, watch, empty_search=True, viewport=VIEWPORT)
    ctx.watch = watch
    yield ctx
    ctx.close()
    assert watch.outside == []


def _open(context, nginx, *, theme: bool = True, path: str = PATH):
    """The page, with the theme's script started as a visitor's first move starts it
    (docs/assets/theme-on-demand.js): what the theme keeps of its own (the colour scheme in
    localStorage) is then in the page's trace before any question is opened."""
    page = context.new_page()
    watch_page(page, context.watch)
    page.goto(nginx + path)
    if theme:
        page.mouse.move(5, 400)
        page.wait_for_function("() => window.component$ !== undefined", timeout=10_000)
        page.evaluate("() => new Promise(requestAnimationFrame)")
    return page


def _trace_after(page, action) -> tuple[dict, dict]:
    """The page's trace before and after `action(page)`."""
    before = page.evaluate(TRACE)
    action(page)
    return before, page.evaluate(TRACE)


def _tap_every_question(page) -> None:
    for point in reversed(page.evaluate(ON_THE_WORDS)):
        page.mouse.click(point["x"], point["y"])


def _close_and_open_every_question_by_keyboard(page) -> None:
    """From the first question, close each with Space and go on with Tab; then, from the
    last, open each with Enter and go back with Shift+Tab. A closed answer holds nothing
    to focus, so the keys go from question to question, as a keyboard user's would."""
    count = page.locator(SUMMARIES).count()
    page.locator(SUMMARIES).first.focus()
    for key, move, state in (("Space", "Tab", False), ("Enter", "Shift+Tab", True)):
        for i in range(count):
            page.keyboard.press(key)
            if i < count - 1:
                page.keyboard.press(move)
        assert page.evaluate(OPEN_STATES) == [state] * count, key


@pytest.mark.parametrize("path", PATHS)
def test_questions_open_by_tap_and_keyboard_and_leave_no_trace(context, nginx, path) -> None:
    page = _open(context, nginx, path=path)
    assert page.locator(SUMMARIES).count() in QUESTIONS
    assert page.locator(f"{CONTENT} :is(form, input, select, textarea, button)").count() == 0
    # Each question starts closed: the answers are read only by whoever opens them.
    assert not any(page.evaluate(OPEN_STATES))

    before, after = _trace_after(page, _tap_every_question)
    assert all(page.evaluate(OPEN_STATES))
    assert after == before

    before, after = _trace_after(page, _close_and_open_every_question_by_keyboard)
    assert all(page.evaluate(OPEN_STATES))
    assert after == before
    assert page.url == nginx + path
    assert context.watch.console_errors == []
    assert violations(page) == []


@pytest.mark.parametrize("path", PATHS)
def test_questions_open_with_javascript_off(browser, nginx, path) -> None:
    watch = Watch()
    context = open_context(browser, watch, viewport=VIEWPORT, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(nginx + path)
        # (Playwright's own scripts still run with the page's JavaScript off.)
        assert page.locator(SUMMARIES).count() in QUESTIONS
        before, after = _trace_after(page, _tap_every_question)
        assert all(page.evaluate(OPEN_STATES))
        assert after == before
    finally:
        context.close()
    assert watch.outside == []


def test_a_summary_that_is_a_link_is_caught(context, nginx) -> None:
    """The check above can fail: with a link as the first summary, a tap on the question
    changes the address and the history."""
    page = _open(context, nginx, theme=False)  # only the address and history matter here
    page.evaluate(LINK_SUMMARY)
    before, after = _trace_after(page, _tap_every_question)
    assert after["url"] == nginx + PATH + "#vraag" != before["url"]
    assert after["history"] == before["history"] + 1


ZUID = "[data-need=vandaag] [data-place=zuid-limburg]"
# The decision aid: yes, no, yes, yes, no (no results in time): report, in Zuid-Limburg.
AID_PATH = [".portal-beslishulp" + "".join(f" > [data-answer={a}]" for a in path[:i])
            for path in [("ja", "nee", "ja", "ja", "nee")] for i in range(1, 6)]
AID = AID_PATH[-1]
# (address, the summaries to tap in turn, the contact that then shows)
WEGWIJZERS = {
    "english": ("/en/wegwijzer/",
                [f"{CONTENT} summary", f"{CONTENT} details[open] details > summary"],
                "a.md-button--primary[href='tel:112']"),
    # A parent from Heerlen: the need, then the place; the reporting address of Zuid-Limburg.
    "dutch-with-place": ("/wegwijzer/ouder/",
                         ["[data-need=vandaag] > summary", f"{ZUID} > summary"],
                         f"{ZUID} a[href^='mailto:meldpunt']"),
    "beslishulp": ("/professionals/beslishulp/",
                   [f"{step} > summary" for step in AID_PATH]
                   + [f"{AID} [data-place=zuid-limburg] > summary"],
                   f"{AID} [data-place=zuid-limburg] a[href^='mailto:meldpunt']"),
}


@pytest.mark.parametrize("which", sorted(WEGWIJZERS))
def test_wegwijzer_opens_in_place_with_javascript_off(browser, nginx, which) -> None:
    """The Wegwijzer (one page per audience, wegwijzer_audience.md.j2, and the English
    one, wegwijzer.en.md.j2) and the professionals' decision aid (beslishulp.md.j2) are
    `details`: with JavaScript off, a tap on each choice in turn shows the contact of the
    answer, and the address and history stay as they were."""
    path, taps, contact = WEGWIJZERS[which]
    watch = Watch()
    context = open_context(browser, watch, viewport={"width": 390, "height": 844},
                           java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(nginx + path)
        shown = page.locator(f"{CONTENT} {contact}").first
        assert not shown.is_visible()
        before = page.evaluate(TRACE)
        for tap in taps:
            page.locator(tap).first.click()
        assert shown.is_visible()
        assert page.evaluate(TRACE) == before
    finally:
        context.close()
    assert watch.outside == []
