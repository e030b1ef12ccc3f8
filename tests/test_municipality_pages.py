"""The generated Markdown of the route and municipality pages (no site build): steps are
numbered 1, 2, 3 … with no other step number in their text, and every region label
names only municipalities of that region, for each of the 31 municipalities."""

from __future__ import annotations

import re
from datetime import date

import pytest

from portal.build import generate_site
from portal.pages.generator import municipality_uri, route_uri
from portal.pages.resolve import resolve_role

from .conftest import BUILD_DAY, FIXTURES, ROOT

TODAY = date(2026, 11, 30)
STEP = re.compile(r"^(\d+)\. (.*)$")
STEP_WORD = re.compile(r"\bstap (\d+)\b", re.IGNORECASE)
# "- Noord-Limburg (behalve Mook en Middelaar) en Midden-Limburg: [Veilig Thuis …](…)"
GROUP = re.compile(r"^    - (?P<label>[^\[]+): \[(?P<org>[^\]]+)\]")


@pytest.fixture(scope="module")
def generated():
    result = generate_site(ROOT / "data", today=BUILD_DAY)
    return result.portal, {f.uri: f.content for f in result.files if isinstance(f.content, str)}


def step_numbering_problems(markdown: str) -> list[str]:
    """What is wrong with the numbered steps of a page: numbers that do not run 1, 2, 3 …,
    or a step whose text starts with another step number ("2. Stap 1: …")."""
    problems = []
    items = [STEP.match(line) for line in markdown.splitlines()]
    items = [m for m in items if m]
    for expected, match in enumerate(items, start=1):
        number, text = int(match.group(1)), match.group(2)
        if number != expected:
            problems.append(f"stap {number} staat op plek {expected}")
        said = STEP_WORD.match(text)
        if said and int(said.group(1)) != number:
            problems.append(f"'{match.group(0)[:40]}' heeft twee nummers")
    return problems


def test_the_check_finds_the_old_mistake() -> None:
    assert step_numbering_problems("1. Bel 112.\n2. Stap 1: breng de signalen in kaart.\n")
    assert step_numbering_problems("1. Bel.\n3. Mail.\n")
    assert step_numbering_problems("1. Bel.\n2. Mail.\n") == []


def test_route_steps_are_numbered_once(generated) -> None:
    portal, pages = generated
    found = {}
    for route_id in portal.routes:
        if problems := step_numbering_problems(pages[route_uri(route_id)]):
            found[route_id] = problems
    assert found == {}


def test_the_meldcode_route_numbers_its_five_steps_one_to_five(generated) -> None:
    _, pages = generated
    steps = [line for line in pages[route_uri("vermoeden-leerling")].splitlines()
             if STEP.match(line)]
    assert len(steps) == 5
    # The emergency number is the one main action above the steps, not step 1.
    page = pages[route_uri("vermoeden-leerling")]
    assert page.index("tel:112") < page.index("\n1. ")


def _label_members(label: str, portal) -> set[str]:
    """The municipality ids a region label on a route page stands for. The label is made
    of parts "Region", "Region (behalve A en B)" or "A, B en C (Region)", joined by ", "
    and " en "; each named municipality must lie in the region written with it."""
    by_name = {m.name: m for m in portal.municipalities.values()}
    regions = {r.name: r for r in portal.regions.values()}

    def alternatives(names) -> str:
        return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))

    region, name = alternatives(regions), alternatives(by_name)
    names = rf"(?:{name})(?:(?:, | en )(?:{name}))*"
    part = (rf"(?P<region>{region})(?: \(behalve (?P<out>{names})\))?"
            rf"|(?P<some>{names}) \((?P<of>{region})\)")
    plain = re.sub(r"\(\?P<\w+>", "(?:", part)
    assert re.fullmatch(rf"(?:{plain})(?:(?:, | en )(?:{plain}))*", label), \
        f"'{label}' noemt niet bij elke gemeente haar regio"
    members: set[str] = set()
    for match in re.finditer(part, label):
        if match.group("region"):
            in_region = {m.id for m in portal.municipalities.values()
                         if m.region == regions[match.group("region")].id}
            out = {by_name[n].id for n in re.findall(name, match.group("out") or "")}
            assert out <= in_region, f"'{label}': {match.group('out')} ligt niet daar"
            members |= in_region - out
        else:
            for found in re.findall(name, match.group("some")):
                assert by_name[found].region == regions[match.group("of")].id, \
                    f"'{label}': {found} ligt niet in {match.group('of')}"
                members.add(by_name[found].id)
    return members


def test_route_pages_label_every_municipality_with_its_own_region(generated) -> None:
    portal, pages = generated
    checked = 0
    for route in portal.routes.values():
        lines = pages[route_uri(route.id)].splitlines()
        role_steps = [s for s in route.steps if s.role]
        groups = [GROUP.match(line) for line in lines]
        groups = [g for g in groups if g]
        assert len(groups) >= len(role_steps), route.id
        covered: dict[str, list[str]] = {}
        for match in groups:
            for muni_id in _label_members(match.group("label"), portal):
                covered.setdefault(match.group("org"), []).append(muni_id)
                checked += 1
        # Each municipality is named once per role step, beside its own organisation.
        for step in role_steps:
            for muni in portal.municipalities.values():
                org = resolve_role(portal, muni, step.role).organisation
                assert muni.id in covered.get(org.name, []), (route.id, muni.name, org.name)
    assert checked >= 31


def test_label_parser_rejects_a_town_under_the_wrong_region(generated) -> None:
    portal, _ = generated
    with pytest.raises(AssertionError):
        _label_members("Venlo (Midden-Limburg)", portal)
    with pytest.raises(AssertionError):
        _label_members("Midden-Limburg; Beesel, Venlo", portal)
    assert _label_members("Noord-Limburg (behalve Mook en Middelaar) en Midden-Limburg",
                          portal) == {m.id for m in portal.municipalities.values()
                                      if m.region in ("noord-limburg", "midden-limburg")
                                      and m.id != "mook-en-middelaar"}


def test_every_municipality_page_names_its_own_region(generated) -> None:
    portal, pages = generated
    assert len(portal.municipalities) == 31
    for muni in portal.municipalities.values():
        page = pages[municipality_uri(muni.id)]
        region = portal.regions[muni.region]
        said = re.search(r"hoort bij de regio ([^.(\n]+?)(?: \(([^)]+)\))?\.", page)
        assert said, muni.name
        assert said.group(1) == region.name, (muni.name, said.group(1))
        if muni.subregion:
            assert said.group(2) == region.subregions[muni.subregion], muni.name
        # No other region's name stands in a heading of the page.
        others = {r.name for r in portal.regions.values()} - {region.name}
        headings = [line for line in page.splitlines() if line.startswith("#")]
        assert not [h for h in headings if any(o in h for o in others)], muni.name


def test_municipality_page_puts_the_audiences_first(generated) -> None:
    portal, pages = generated
    for muni_id in ("heerlen", "roermond", "venlo", "mook-en-middelaar"):
        page = pages[municipality_uri(muni_id)]
        first_h2 = page.index("\n## ")
        for anchor in ("#jongeren", "#ouders", "#professionals"):
            assert page.index(f"]({anchor})") < first_h2, (muni_id, anchor)
        assert page.index("### Ik wil praten") < page.index("### Zorgen om mijn kind")
        # Every contact's number or address comes from the data of its organisation.
        assert "tel:112" in page[:first_h2]


NOT_SURE = "## Wat we niet zeker weten { #niet-zeker }"


def test_what_is_not_sure_is_explained_once_after_the_last_contact(generated) -> None:
    portal, pages = generated
    explained = set()
    for muni in portal.municipalities.values():
        page = pages[municipality_uri(muni.id)]
        notes = page.count('class="portal-fallback"')
        if not notes:
            assert "niet-zeker" not in page, muni.name
            continue
        explained.add(muni.id)
        # Next to a contact only a short line; the section follows the last contact.
        short = f'Niet zeker voor {muni.name}, zie <a href="#niet-zeker">onder</a>.</em>'
        assert page.count(short) == notes
        assert page.count(NOT_SURE) == 1
        section = page.index(NOT_SURE)
        assert page.rindex(".portal-contact }") < section < page.index("## Meer situaties")
    assert "mook-en-middelaar" in explained
    mook = pages[municipality_uri("mook-en-middelaar")]
    muni = portal.municipalities["mook-en-middelaar"]
    for role_id in ("veilig-thuis", "meldpunt"):
        why = resolve_role(portal, muni, role_id).why
        text = f"{why} {portal.roles[role_id].fallback_explanation}"
        assert mook.count(text) == 1 and mook.index(text) > mook.index(NOT_SURE), role_id
    # The printed card (the professionals' section) points there: the section is printed.
    section = mook[mook.index(NOT_SURE) - 20:mook.index("## Meer situaties")]
    assert "<div markdown>\n" + NOT_SURE in section and "portal-print-skip }" not in section


def test_an_unprinted_note_is_not_printed_in_what_is_not_sure() -> None:
    # Fixture Stad B: the only unsure contact is for young people, whose section the
    # printed card leaves out; so is its explanation.
    result = generate_site(FIXTURES / "data", today=BUILD_DAY)
    page = {f.uri: f.content for f in result.files}[municipality_uri("stad-b")]
    section = page[page.index(NOT_SURE) - 60:page.index("## Meer situaties")]
    assert '<div class="portal-print-skip" markdown>\n' + NOT_SURE in section
    assert "- **Hulplijn Test**<br>Niet bekend welk team hier werkt. Onbekend, bel de " \
           "hulplijn.\n  { .portal-print-skip }\n" in section


PLACES = re.compile(r"^## Plaatsen in (?P<name>.+) \{ #plaatsen \}\n\nDeze pagina is ook voor "
                    r"(?P<list>.+)\. Die plaatsen horen bij de gemeente (?P=name)\.$", re.M)


def test_places_stand_once_after_the_last_contact(generated) -> None:
    """The villages of data/municipalities.yml (places) on their municipality's page, in
    one sentence after every contact (so no contact moves down on a phone), and nowhere on
    a page of a municipality without them."""
    portal, pages = generated
    with_places = [m for m in portal.municipalities.values() if m.places]
    assert {"venlo", "heerlen", "roermond", "sittard-geleen", "maastricht"} <= \
        {m.id for m in with_places}
    for muni in portal.municipalities.values():
        page = pages[municipality_uri(muni.id)]
        found = PLACES.findall(page)
        if not muni.places:
            assert found == [] and "#plaatsen" not in page, muni.id
            continue
        assert len(found) == 1 and found[0][0] == muni.name, muni.id
        listed = found[0][1]
        assert [p for p in muni.places if p not in listed] == [], muni.id
        assert page.rindex(".portal-contact }") < page.index("## Plaatsen in"), muni.id
    venlo = pages[municipality_uri("venlo")]
    assert "ook voor Arcen, Belfeld, Blerick," in venlo and " en 't Ven." in venlo
    assert portal.municipalities["venlo"].places_source.read == "2026-11-30"
