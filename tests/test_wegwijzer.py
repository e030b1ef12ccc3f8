"""The Wegwijzer (data/wegwijzer.yml): what each person gets first, where the place is
asked, how many pages it takes, and that no contact of the old Wegwijzer (one page per
municipality, audience and urgency, issue 15) was lost on the way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.data.load import load_tree
from portal.data.model import Portal, build_portal
from portal.pages.generator import PageGenerator, organisation_uri, wegwijzer_uri
from portal.pages.render import make_environment, md_url
from portal.pages.resolve import answer_need

from .conftest import ROOT

# The primary button of a page: the one main action (wegwijzer_answer.md.j2).
MAIN = re.compile(r"^\[[^\]]*\]\((?P<href>[^)]*)\)\{ \.md-button \.md-button--primary", re.M)
CONTACT = re.compile(r"\]\((?P<href>(?:tel|mailto):[^)]*|https://[^)]*)\)")
URGENCIES = ("acute", "today", "advice")
AUDIENCES = ("youth", "parents", "professionals")


@pytest.fixture(scope="module")
def portal() -> Portal:
    problems: list = []
    portal = build_portal(load_tree(ROOT / "data", problems))
    assert not [p for p in problems if p.severity == "error"], problems
    return portal


@pytest.fixture(scope="module")
def pages(portal: Portal) -> dict[str, str]:
    return {f.uri: f.content for f in PageGenerator(portal, make_environment()).wegwijzer()}


def _need(portal: Portal, audience: str, urgency: str):
    group = next(g for g in portal.wegwijzer.audiences if g.audience == audience)
    return next(n for n in group.needs if n.urgency == urgency)


def _page_for(portal: Portal, audience: str, urgency: str, muni_id: str) -> str:
    """The result page a person from `muni_id` ends on."""
    answers = answer_need(portal, _need(portal, audience, urgency))
    if len(answers) == 1:
        return wegwijzer_uri(audience, urgency)
    group = next(a.group for a in answers
                 if muni_id in {m.id for m in a.group.municipalities})
    return wegwijzer_uri(audience, urgency, group.slug)


def _main_href(text: str) -> str:
    found = MAIN.findall(text)
    assert len(found) == 1, f"one main action, found {found}"
    return found[0]


# --- The old Wegwijzer's answers, with its own logic (portal/pages/resolve.py and the
# generator before issue 15): every route of the audience and urgency, each step resolved
# for the municipality (own role, else the region's, else the role's fallback).

def _old_role_org(portal: Portal, muni, role_id: str) -> str:
    if role_id in muni.roles:
        org_id = muni.roles[role_id]
    else:
        org_id = portal.regions[muni.region].roles.get(role_id)
    return org_id if org_id is not None else portal.roles[role_id].fallback_organisation


def _old_contacts(portal: Portal, audience: str, urgency: str, muni) -> set[tuple]:
    found = set()
    for route in portal.routes.values():
        if audience not in route.audiences or route.urgency != urgency:
            continue
        for step in route.steps:
            org_id = step.organisation or (_old_role_org(portal, muni, step.role)
                                            if step.role else None)
            if org_id is None:
                continue  # a step without a contact ("tell someone you trust")
            org = portal.organisations[org_id]
            channel = org.channel(step.channel) if step.channel else None
            found.add((org_id, channel.id if channel else None))
    return found


# Contacts of the old answers that the new ones no longer show, with the one shown instead
# and why. Only these may go.
REMOVED = {
    ("veilig-thuis-noord-en-midden-limburg", "telefoon"): (
        ("veilig-thuis", "telefoon"),
        "Same number (0800-2000): where the answer is the same in every municipality, the "
        "place is not asked, and the national Veilig Thuis line (which connects to the "
        "caller's region) is shown instead of the regional organisation."),
    ("veilig-thuis-zuid-limburg", "telefoon"): (
        ("veilig-thuis", "telefoon"),
        "Same number (0800-2000), as above."),
}


def _has_contact(text: str, portal: Portal, org_id: str, channel_id: str | None) -> bool:
    """The page links the organisation's page, and the channel's address if it has one."""
    if f"/{organisation_uri(org_id)})" not in text:
        return False
    if channel_id is None:
        return True
    channel = portal.organisations[org_id].channel(channel_id)
    return channel.href is None or f"({md_url(channel.href)})" in text


def _lost(portal: Portal, pages: dict[str, str]) -> dict[tuple, set[str]]:
    """Old contacts missing from the new page a person of that municipality ends on,
    with where: {(organisation, channel): {"uri (municipality)", ...}}."""
    lost: dict[tuple, set[str]] = {}
    for muni in portal.municipalities.values():
        for audience in AUDIENCES:
            for urgency in URGENCIES:
                old = _old_contacts(portal, audience, urgency, muni)
                if not old:
                    continue  # the old Wegwijzer had no page for this pair
                uri = _page_for(portal, audience, urgency, muni.id)
                for contact in old:
                    if not _has_contact(pages[uri], portal, *contact):
                        lost.setdefault(contact, set()).add(f"{uri} ({muni.name})")
    return lost


def test_every_old_contact_is_still_given_unless_listed(portal: Portal, pages) -> None:
    assert len(portal.municipalities) == 31
    venlo = portal.municipalities["venlo"]
    assert all(_old_contacts(portal, a, u, venlo) for a in AUDIENCES for u in URGENCIES)
    lost = _lost(portal, pages)
    unlisted = {c: where for c, where in lost.items() if c not in REMOVED}
    assert not unlisted, unlisted
    for contact, where in lost.items():
        instead = REMOVED[contact][0]
        for place in where:
            assert _has_contact(pages[place.split(" (")[0]], portal, *instead), place
    # The list says only what is true: every listed removal happens somewhere.
    assert set(lost) == set(REMOVED)


# --- What each person sees first.

def test_acute_gives_the_alarm_number_first_for_everyone(pages) -> None:
    for audience in AUDIENCES:
        for uri, text in pages.items():
            if uri.startswith(wegwijzer_uri(audience, "acute").rsplit("/", 1)[0]):
                assert _main_href(text) == "tel:112", uri


def test_young_person_who_wants_to_talk_gets_a_person_first(portal, pages) -> None:
    text = pages[wegwijzer_uri("youth", "advice")]
    kindertelefoon = portal.organisations["de-kindertelefoon"]
    assert _main_href(text) == md_url(kindertelefoon.channel("telefoon").href)
    # Then the chats: De Kindertelefoon, Fier, Veilig Thuis; and what happens when you call.
    hrefs = CONTACT.findall(text)
    chats = [md_url(portal.organisations[o].channel("chat").href)
             for o in ("de-kindertelefoon", "fier", "veilig-thuis")]
    assert hrefs[1:4] == chats
    assert "youth/als-je-belt.md" in text
    # Meld Misdaad Anoniem (a crime tip line) is still there, but not before the people.
    mma = md_url(portal.organisations["meld-misdaad-anoniem"].channel("telefoon").href)
    assert hrefs.index(mma) > 3


def test_parent_today_gets_veilig_thuis_then_the_meldpunt_in_every_place(portal, pages):
    for muni in portal.municipalities.values():
        text = pages[_page_for(portal, "parents", "today", muni.id)]
        assert _main_href(text) == "tel:+318002000", muni.id  # Veilig Thuis, day and night
        assert "(tel:112)" in text
        assert "Meldpunt Aanpak Loverboys Limburg" in text
    zuid = pages[_page_for(portal, "parents", "today", "heerlen")]
    noord = pages[_page_for(portal, "parents", "today", "venlo")]
    assert "mailto:meldpuntmensenhandel@veiligthuiszl.nl" in zuid
    assert "mailto:meldpuntmensenhandel@veiligthuisnml.nl" in noord
    assert "veiligthuiszl.nl" not in noord and "veiligthuisnml.nl" not in zuid


def test_professional_advice_gives_veilig_thuis_advice_and_the_meldcode(portal, pages):
    for muni in ("venlo", "roermond", "heerlen", "mook-en-middelaar"):
        text = pages[_page_for(portal, "professionals", "advice", muni)]
        assert _main_href(text) == "tel:+318002000", muni
        assert "professionals/meldcode.md" in text
        # The Meldcode's steps, as the situation of a suspicion lists them, on the page.
        assert f"### {portal.routes['vermoeden-leerling'].title}" in text
        assert "Veilig Thuis" in text.split("{ .md-button")[0]  # the advice comes first


def test_main_action_comes_before_any_other_contact(pages) -> None:
    for uri, text in pages.items():
        if MAIN.search(text):
            first_contact = CONTACT.search(text)
            assert first_contact.group("href") == _main_href(text), uri


def test_mook_en_middelaar_says_it_is_unconfirmed(portal, pages) -> None:
    text = pages[_page_for(portal, "parents", "today", "mook-en-middelaar")]
    assert "Let op: " in text
    assert portal.roles["meldpunt"].fallback_explanation in text
    assert "Mook en Middelaar" in text.split("\n# ", 1)[1].split("\n\n", 2)[1]


# --- Where the place is asked, and how many pages that takes.

def test_place_is_asked_only_where_the_answer_differs(portal, pages) -> None:
    for group in portal.wegwijzer.audiences:
        for need in group.needs:
            answers = answer_need(portal, need)
            index = pages[wegwijzer_uri(need.audience, need.urgency)]
            asks = group.place in index
            assert asks == (len(answers) > 1), (need.audience, need.urgency)
            if not asks:
                continue
            # Each group's page differs from the others in what a person can reach.
            texts = [set(CONTACT.findall(pages[wegwijzer_uri(need.audience, need.urgency,
                                                             a.group.slug)]))
                     for a in answers]
            assert len({frozenset(t) for t in texts}) == len(answers) or \
                any("Let op" in pages[wegwijzer_uri(need.audience, need.urgency,
                                                    a.group.slug)] for a in answers)
            # The page says what differs: the roles of the data whose contact changes.
            assert "Per gemeente verschilt: " in index
            # Every municipality is in exactly one group.
            members = [m.id for a in answers for m in a.group.municipalities]
            assert sorted(members) == sorted(portal.municipalities)


def test_young_people_are_never_asked_for_their_place(portal, pages) -> None:
    assert [u for u in pages if u.startswith("wegwijzer/jongere/")] == [
        wegwijzer_uri("youth"), *(wegwijzer_uri("youth", n.urgency)
                                  for n in _youth_needs(portal))]


def _youth_needs(portal):
    return next(g for g in portal.wegwijzer.audiences if g.audience == "youth").needs


def test_wegwijzer_has_a_few_dozen_pages(pages) -> None:
    assert len(pages) <= 40, len(pages)  # before issue 15: 583


INTERNAL = re.compile(r"\b(route|routes|rol|rollen|terugval|bron|bronnen)\b", re.I)


def test_public_text_has_no_internal_words(portal: Portal) -> None:
    # The Wegwijzer's own words: its data (every text a reader sees) and its templates.
    # (Texts of organisations and routes shown on the pages are checked where they live.)
    for group in portal.wegwijzer.audiences:
        texts = [group.choice, group.question, group.place]
        for need in group.needs:
            texts += [need.choice, need.title, need.first.do, *(a.do for a in need.then)]
        assert not [t for t in texts if INTERNAL.search(t)]
    templates = ROOT / "portal" / "pages" / "templates"
    for path in templates.glob("wegwijzer_*.md.j2"):
        source = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", path.read_text(), flags=re.S)
        assert not INTERNAL.search(source), path.name


def test_built_wegwijzer_starts_with_the_main_action(built_site: Path) -> None:
    html = (built_site / "wegwijzer/jongere/advies/index.html").read_text(encoding="utf-8")
    article = html.split("<h1", 1)[1]
    first_link = re.search(r'<a [^>]*href="(tel:[^"]+|mailto:[^"]+|https://[^"]+)"', article)
    assert first_link.group(1) == "tel:+318000432"  # De Kindertelefoon
    assert "md-button--primary" in first_link.group(0)
    count = sum(1 for _ in (built_site / "wegwijzer").rglob("index.html"))
    assert 0 < count <= 40, count
    # English: one page for the audiences that have English (wegwijzer.en.md.j2).
    assert [p.relative_to(built_site).as_posix()
            for p in (built_site / "en" / "wegwijzer").rglob("index.html")] == [
        "en/wegwijzer/index.html"]


def test_english_wegwijzer_opens_each_answer_in_place(built_site: Path, portal: Portal) -> None:
    """Every choice of the audiences with English is a <summary> on one page: nothing a
    visitor taps lands in the address (no form, no query, no page per choice); the danger
    answer's main action is the emergency number; links to translated pages stay English."""
    from portal.data.markup import plain_text

    html = (built_site / "en/wegwijzer/index.html").read_text(encoding="utf-8")
    article = html.split("<h1", 1)[1].split("</article>", 1)[0]
    summaries = [plain_text(s) for s in re.findall(r"<summary>(.*?)</summary>", article, re.S)]
    expected = []
    for group in portal.wegwijzer.audiences:
        if group.choice_en:
            expected += [group.choice_en] + [n.choice_en for n in group.needs]
    assert summaries == expected
    assert {g.audience for g in portal.wegwijzer.audiences if g.choice_en} == {"youth", "parents"}
    assert "<form" not in article and "<input" not in article and "?" not in re.sub(
        r'href="(?:https://|tel:|mailto:)[^"]*"', "", "".join(re.findall(r'href="[^"]*"', article)))
    # The first answer for a young person in danger: its one primary button calls 112.
    danger = article.split("<summary>", 3)[2].split("</details>", 1)[0]
    buttons = [a for a in re.findall(r"<a [^>]*>", danger) if "md-button--primary" in a]
    assert len(buttons) == 1 and 'href="tel:112"' in buttons[0], buttons
    assert 'href="../youth/als-je-belt/"' in article  # the English page, not the Dutch one
