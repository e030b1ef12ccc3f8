"""Signals and the steps after a report: kept once in data/, written into each page that
asks with a `[[lijst ...]]` line, worded for the page's audience and language (unit), and
on the built site every wording is on its audience's page while no page keeps a copy."""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import pytest

from portal.build import expand_page
from portal.checks.lists import find_lists
from portal.data.load import load_tree
from portal.data.markdown import parse_markdown
from portal.data.markup import plain_text
from portal.data.model import build_portal

from .conftest import FIXTURES, ROOT

PAGE = """---
title: T
audience: {audience}
---

# T

{line}
"""


@pytest.fixture(scope="module")
def fixture_portal():
    problems: list = []
    portal = build_portal(load_tree(FIXTURES / "data", problems))
    assert problems == []
    return portal


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("[[lijst signalen]]", [("signalen", None, (), ())]),
        ("  [[ lijst signalen online school ]]  ", [("signalen", None, ("online", "school"), ())]),
        ("[[lijst na-een-melding ouders]]", [("na-een-melding", "parents", (), ())]),
        ("[[lijst na-een-melding morgen]]", [("na-een-melding", None, (), ("morgen",))]),
        ("Zie [[lijst signalen]] hier.", []),  # only a line of its own
        ("`[[lijst signalen]]`", []),  # code is left alone
        ("```\n[[lijst signalen]]\n```", []),
        ("[[signalen]]", []),  # a contact reference, not a list
    ],
)
def test_find_lists(line, found):
    page = parse_markdown(PAGE.format(audience="parents", line=line))
    assert [(c.name, c.audience, c.settings, c.unknown) for c in find_lists(page)] == found


@pytest.mark.parametrize(
    ("audience", "uri", "line", "shown", "not_shown"),
    [
        # Each audience its own wording; headings per setting.
        ("parents", "x.md", "[[lijst signalen]]",
         ["## Online en op de telefoon", "- Iemand vraagt uw kind om naaktfoto's.",
          "- Uw kind moet altijd bereikbaar zijn."],
         ["Vraagt iemand", "Signalen op school", "Bronnen", "Spijbelt"]),
        ("youth", "x.md", "[[lijst signalen]]",
         ["## Online", "- Vraagt iemand om naaktfoto's?"],
         ["uw kind", "school"]),
        # Professionals read the public pages the list rests on, each once.
        ("professionals", "x.md", "[[lijst signalen]]",
         ["## Signalen op school", "- Spijbelt vaak.",
          "Bronnen: [Voorbeeldbron A](https://www.example.nl/signalen)."],
         ["Oude bron"]),
        # Named settings: one list, no heading.
        ("professionals", "x.md", "[[lijst signalen school]]", ["- Spijbelt vaak."],
         ["##", "naaktbeelden"]),
        # English: the sibling the schema declares (x-english), for title and wording.
        ("parents", "x.en.md", "[[lijst signalen]]",
         ["## Online and on the phone", "- Someone asks your child for nude photos."],
         ["uw kind", "Online en op"]),
        # The steps, numbered; an audience named in the line wins over the page's.
        ("parents", "x.md", "[[lijst na-een-melding]]",
         ["1. Een team bekijkt de melding.", "2. U hoort altijd iets terug."], ["je melding"]),
        ("all", "x.md", "[[lijst na-een-melding jongeren]]",
         ["1. Een team bekijkt je melding."], ["2.", "U hoort"]),
        ("youth", "x.en.md", "[[lijst na-een-melding]]", ["1. A team looks at your report."],
         ["2."]),
    ],
)
def test_lists_are_worded_for_the_page(fixture_portal, audience, uri, line, shown, not_shown):
    out = expand_page(PAGE.format(audience=audience, line=line), fixture_portal, uri)
    assert "[[lijst" not in out
    for text in shown:
        assert text in out, out
    for text in not_shown:
        assert text not in out, out


def test_list_text_is_escaped(fixture_portal):
    """A wording is text: Markdown and HTML in it stay visible characters."""
    from dataclasses import replace

    signals = fixture_portal.signals
    evil = replace(signals.signals[0], wording={"parents": "<script>x</script> [a](javascript:1)"})
    portal = replace(fixture_portal, signals=replace(signals, signals=(evil,)))
    out = expand_page(PAGE.format(audience="parents", line="[[lijst signalen]]"), portal, "x.md")
    rendered = markdown.markdown(out)
    assert "<script>" not in rendered and "href" not in rendered, rendered
    assert "&lt;script&gt;x&lt;/script&gt; [a](javascript:1)" in rendered, rendered


# The built site: every wording on the page of its audience, in both languages where a
# translation exists; and no hand-written page keeps its own copy of one.
SHOWN = {
    ("signals", "youth"): ["youth/signalen/"],
    ("signals", "parents"): ["parents/signalen/"],
    ("signals", "professionals"): ["professionals/signalen/"],
    ("steps", "youth"): ["youth/als-je-belt/"],
    ("steps", "parents"): ["parents/als-u-belt/"],
    ("steps", "professionals"): ["professionals/advies-en-melden/"],
}


def _shipped():
    problems: list = []
    return build_portal(load_tree(ROOT / "data", problems))


def test_every_wording_is_on_its_audiences_page(built_site: Path):
    portal = _shipped()
    items = {"signals": portal.signals.signals, "steps": portal.after_report.steps}
    missing = []
    for (kind, audience), pages in SHOWN.items():
        for page in pages:
            for language, prefix in (("nl", ""), ("en", "en/")):
                file = built_site / prefix / page / "index.html"
                if language == "en" and not file.is_file():
                    continue  # not translated: checked by the link check, not here
                text = plain_text(file.read_text(encoding="utf-8"))
                for item in items[kind]:
                    wording = item.wording if language == "nl" else item.wording_en
                    if audience in wording and html.unescape(wording[audience]) not in text:
                        missing.append((prefix + page, wording[audience]))
    assert missing == []


def test_no_page_keeps_its_own_copy_of_a_list_text():
    portal = _shipped()
    texts = [w for s in portal.signals.signals for w in s.wording.values()]
    texts += [w for s in portal.after_report.steps for w in s.wording.values()]
    texts += [w for s in portal.signals.signals for w in s.wording_en.values()]
    texts += [w for s in portal.after_report.steps for w in s.wording_en.values()]
    # The self-check asks a few of the same questions, each with what an answer may mean
    # and who to talk to: a text of its own, kept on its page (issue 16).
    selfcheck = {"is-dit-nog-normaal.md", "is-dit-nog-normaal.en.md"}
    copies = [(str(path.relative_to(ROOT)), text)
              for path in sorted((ROOT / "docs").rglob("*.md")) if path.name not in selfcheck
              for text in texts
              if len(text) > 25 and text in path.read_text(encoding="utf-8")]
    assert copies == []
