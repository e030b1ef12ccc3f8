"""The Wegwijzer (data/wegwijzer.yml): what each person gets first, where the place is
asked, that it takes one page per audience (each choice opens in place), and that no
contact of the old Wegwijzer (one page per municipality, audience and urgency, issue 15)
was lost on the way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.data.load import load_tree
from portal.data.model import Portal, build_portal
from portal.pages.generator import URGENCY_SLUGS, PageGenerator, organisation_uri, wegwijzer_uri
from portal.pages.render import make_environment, md_url
from portal.pages.resolve import answer_need

from .conftest import ROOT

# The primary button of a page: the one main action (wegwijzer_answer.md.j2).
MAIN = re.compile(r"^\[[^\]]*\]\((?P<href>[^)]*)\)\{ \.md-button \.md-button--primary", re.M)
CONTACT = re.compile(r"\]\((?P<href>(?:tel|mailto):[^)]*|https://[^)]*)\)")
# The parts of an audience's page that open in place (wegwijzer_audience.md.j2).
NEED = re.compile(r'<details class="question portal-wegwijzer" data-need="([^"]+)" markdown>')
PLACE = re.compile(r'<details class="portal-place" data-place="([^"]+)" markdown>')
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


def _need_text(pages: dict[str, str], audience: str, urgency: str) -> str:
    """What opens on the audience's page under the need's choice (places included)."""
    parts = NEED.split(pages[wegwijzer_uri(audience)])
    return dict(zip(parts[1::2], parts[2::2], strict=True))[URGENCY_SLUGS[urgency]]


def _places(text: str) -> dict[str, str]:
    parts = PLACE.split(text)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _seen_by(portal: Portal, pages: dict[str, str], audience: str, urgency: str,
             muni_id: str) -> str:
    """What a person from `muni_id` sees: the need opened, and their own place in it."""
    text = _need_text(pages, audience, urgency)
    answers = answer_need(portal, _need(portal, audience, urgency))
    if len(answers) == 1:
        assert not PLACE.search(text)
        return text
    slug = next(a.group.slug for a in answers
                if muni_id in {m.id for m in a.group.municipalities})
    return PLACE.split(text, 1)[0] + _places(text)[slug]


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


def _lost(portal: Portal, pages: dict[str, str]) -> dict[tuple, set[tuple]]:
    """Old contacts missing from what a person of that municipality sees, with where:
    {(organisation, channel): {(audience, urgency, municipality), ...}}."""
    lost: dict[tuple, set[tuple]] = {}
    for muni in portal.municipalities.values():
        for audience in AUDIENCES:
            for urgency in URGENCIES:
                old = _old_contacts(portal, audience, urgency, muni)
                if not old:
                    continue  # the old Wegwijzer had no page for this pair
                text = _seen_by(portal, pages, audience, urgency, muni.id)
                for contact in old:
                    if not _has_contact(text, portal, *contact):
                        lost.setdefault(contact, set()).add((audience, urgency, muni.id))
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
            assert _has_contact(_seen_by(portal, pages, *place), portal, *instead), place
    # The list says only what is true: every listed removal happens somewhere.
    assert set(lost) == set(REMOVED)


# --- What each person sees first.

def test_acute_gives_the_alarm_number_first_for_everyone(portal, pages) -> None:
    for audience in AUDIENCES:
        for muni in portal.municipalities:
            assert _main_href(_seen_by(portal, pages, audience, "acute", muni)) == "tel:112"


def test_young_person_who_wants_to_talk_gets_a_person_first(portal, pages) -> None:
    text = _need_text(pages, "youth", "advice")
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
        text = _seen_by(portal, pages, "parents", "today", muni.id)
        assert _main_href(text) == "tel:+318002000", muni.id  # Veilig Thuis, day and night
        assert "(tel:112)" in text
        assert "Meldpunt Aanpak Loverboys Limburg" in text
    zuid = _seen_by(portal, pages, "parents", "today", "heerlen")
    noord = _seen_by(portal, pages, "parents", "today", "venlo")
    assert "mailto:meldpuntmensenhandel@veiligthuiszl.nl" in zuid
    assert "mailto:meldpuntmensenhandel@veiligthuisnml.nl" in noord
    assert "veiligthuiszl.nl" not in noord and "veiligthuisnml.nl" not in zuid


def test_professional_advice_gives_veilig_thuis_advice_and_the_meldcode(portal, pages):
    for muni in ("venlo", "roermond", "heerlen", "mook-en-middelaar"):
        text = _seen_by(portal, pages, "professionals", "advice", muni)
        assert _main_href(text) == "tel:+318002000", muni
        assert "professionals/meldcode.md" in text
        # The Meldcode's steps, as the situation of a suspicion lists them, on the page.
        assert f"**{portal.routes['vermoeden-leerling'].title}**" in text
        assert "Veilig Thuis" in text.split("{ .md-button")[0]  # the advice comes first


def test_main_action_comes_before_any_other_contact(portal, pages) -> None:
    for audience in AUDIENCES:
        for urgency in URGENCIES:
            for muni in portal.municipalities:
                text = _seen_by(portal, pages, audience, urgency, muni)
                first_contact = CONTACT.search(text)
                assert first_contact.group("href") == _main_href(text), (audience, urgency)


def test_mook_en_middelaar_says_it_is_unconfirmed(portal, pages) -> None:
    text = _seen_by(portal, pages, "parents", "today", "mook-en-middelaar")
    assert "Let op: " in text
    assert portal.roles["meldpunt"].fallback_explanation in text
    place = _places(_need_text(pages, "parents", "today"))["mook-en-middelaar"]
    assert place.startswith("\n<summary>Mook en Middelaar</summary>")


# --- Where the place is asked, and how many pages that takes.

def test_place_is_asked_only_where_the_answer_differs(portal, pages) -> None:
    for group in portal.wegwijzer.audiences:
        for need in group.needs:
            answers = answer_need(portal, need)
            text = _need_text(pages, need.audience, need.urgency)
            asks = group.place in text
            assert asks == (len(answers) > 1), (need.audience, need.urgency)
            if not asks:
                continue
            # One part per group, and each differs from the others in what a person can
            # reach (or says that a contact is not confirmed).
            places = _places(text)
            assert list(places) == [a.group.slug for a in answers]
            texts = [set(CONTACT.findall(t)) for t in places.values()]
            assert len({frozenset(t) for t in texts}) == len(answers) or \
                any("Let op" in t for t in places.values())
            # The page says what differs: the roles of the data whose contact changes.
            assert "Een deel van de hulp verschilt per gemeente (" in text
            # Every municipality is in exactly one group, and named in its summary.
            members = [m.id for a in answers for m in a.group.municipalities]
            assert sorted(members) == sorted(portal.municipalities)
            for a in answers:
                summary = places[a.group.slug].split("</summary>", 1)[0]
                assert all(m.name in summary for m in a.group.municipalities)


def test_young_people_are_never_asked_for_their_place(pages) -> None:
    assert NEED.search(pages[wegwijzer_uri("youth")])
    assert not PLACE.search(pages[wegwijzer_uri("youth")])


def test_wegwijzer_is_the_start_and_one_page_per_audience(portal, pages) -> None:
    assert list(pages) == [wegwijzer_uri()] + [
        wegwijzer_uri(g.audience) for g in portal.wegwijzer.audiences]  # issue 15: 29


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
    html = (built_site / "wegwijzer/jongere/index.html").read_text(encoding="utf-8")
    advice = html.split('data-need="advies"', 1)[1].split('data-need=', 1)[0]
    first_link = re.search(r'<a [^>]*href="(tel:[^"]+|mailto:[^"]+|https://[^"]+)"', advice)
    assert first_link.group(1) == "tel:+318000432"  # De Kindertelefoon
    assert "md-button--primary" in first_link.group(0)
    assert sorted(p.relative_to(built_site).as_posix()
                  for p in (built_site / "wegwijzer").rglob("index.html")) == [
        "wegwijzer/index.html", "wegwijzer/jongere/index.html",
        "wegwijzer/ouder/index.html", "wegwijzer/professional/index.html"]
    # English: one page for the audiences that have English (wegwijzer.en.md.j2).
    assert [p.relative_to(built_site).as_posix()
            for p in (built_site / "en" / "wegwijzer").rglob("index.html")] == [
        "en/wegwijzer/index.html"]


@pytest.mark.parametrize("page", ["wegwijzer/jongere", "wegwijzer/ouder",
                                  "wegwijzer/professional", "en/wegwijzer"])
def test_no_choice_is_a_link_form_or_anchor(built_site: Path, page: str) -> None:
    """What a visitor chooses opens in place: the summaries hold no link, the answers no
    form or field, and no link of the page has a query or a fragment (which would put the
    choice in the address and the history)."""
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    article = html.split("<h1", 1)[1].split("</article>", 1)[0]
    summaries = re.findall(r"<summary>(.*?)</summary>", article, re.S)
    assert summaries and not [s for s in summaries if "<a " in s]
    assert "<form" not in article and "<input" not in article
    local = [h for h in re.findall(r'href="([^"]*)"', article)
             if not h.startswith(("https://", "tel:", "mailto:"))]
    assert local and not [h for h in local if "?" in h or "#" in h], local


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
