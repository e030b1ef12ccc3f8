"""Role and route resolution per municipality, including explicit unknowns and fallbacks."""

from __future__ import annotations

import pytest

from portal.data.load import load_tree
from portal.data.model import build_portal
from portal.pages.resolve import (
    answer_need,
    common_first,
    group_role,
    need_routes,
    resolve_role,
    resolve_route,
    roles_by_place,
    routes_for,
)

from .conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def fixture_portal():
    problems = []
    portal = build_portal(load_tree(FIXTURES / "data", problems))
    assert problems == []
    return portal


@pytest.fixture(scope="module")
def shipped():
    problems = []
    return build_portal(load_tree(ROOT / "data", problems))


@pytest.mark.parametrize(
    ("municipality", "organisation", "fallback", "why"),
    [
        ("stad-a", "regio-noord", False, None),  # from its region
        ("stad-b", "hulplijn", True, "Niet bekend welk team hier werkt."),  # explicit unknown
    ],
)
def test_fixture_role_resolution(fixture_portal, municipality, organisation, fallback, why):
    res = resolve_role(fixture_portal, fixture_portal.municipalities[municipality], "regioteam")
    assert (res.organisation.id, res.fallback, res.why) == (organisation, fallback, why)


@pytest.mark.parametrize(
    ("municipality", "role", "organisation", "fallback"),
    [
        ("venlo", "veilig-thuis", "veilig-thuis-noord-en-midden-limburg", False),
        ("roermond", "veilig-thuis", "veilig-thuis-noord-en-midden-limburg", False),
        ("heerlen", "veilig-thuis", "veilig-thuis-zuid-limburg", False),
        ("maastricht", "meldpunt", "veilig-thuis-zuid-limburg", False),
        ("mook-en-middelaar", "veilig-thuis", "veilig-thuis", True),
        ("mook-en-middelaar", "meldpunt", "meldpunt-aanpak-loverboys-limburg", True),
        ("venlo", "jeugd-crisis", "veilig-thuis", True),
        ("sittard-geleen", "jeugd-crisis", "crisishulp-jeugd-zuid-limburg", False),
    ],
)
def test_shipped_role_resolution(shipped, municipality, role, organisation, fallback):
    res = resolve_role(shipped, shipped.municipalities[municipality], role)
    assert (res.organisation.id, res.fallback) == (organisation, fallback)
    if fallback:
        assert res.why, "an unknown must say why"


def test_every_municipality_resolves_every_role(shipped):
    assert len(shipped.municipalities) == 31
    for muni in shipped.municipalities.values():
        for role in shipped.roles:
            assert resolve_role(shipped, muni, role).organisation is not None


def test_route_steps_resolve_roles_and_channels(fixture_portal):
    route = fixture_portal.routes["direct-gevaar"]
    steps = resolve_route(fixture_portal, route, fixture_portal.municipalities["stad-a"])
    assert [s.number for s in steps] == [1, 2, 3]
    assert steps[0].channel.value == "0800-2000"
    assert (steps[1].organisation.id, steps[1].channel.value) == ("regio-noord", "043-6045777")
    assert steps[2].organisation is None and steps[2].channel is None


def test_route_fallback_step_has_no_channel_it_lacks(fixture_portal):
    route = fixture_portal.routes["direct-gevaar"]
    step = resolve_route(fixture_portal, route, fixture_portal.municipalities["stad-b"])[1]
    assert step.fallback and step.organisation.id == "hulplijn"
    assert step.channel.id == "telefoon"  # the fallback happens to have that channel


def test_route_without_municipality_leaves_roles_open(fixture_portal):
    step = resolve_route(fixture_portal, fixture_portal.routes["direct-gevaar"])[1]
    assert step.role.id == "regioteam" and step.organisation is None


def test_group_role_names_whole_regions_and_single_municipalities(shipped):
    groups = {g.resolution.organisation.id: g for g in group_role(shipped, "veilig-thuis")}
    assert groups["veilig-thuis-zuid-limburg"].regions == ("Zuid-Limburg",)
    nml = groups["veilig-thuis-noord-en-midden-limburg"]
    assert nml.regions == ("Midden-Limburg",) and "Venlo" in nml.municipalities
    assert groups["veilig-thuis"].municipalities == ("Mook en Middelaar",)
    assert nml.where == "Noord-Limburg (behalve Mook en Middelaar) en Midden-Limburg"
    assert groups["veilig-thuis"].where == "Mook en Middelaar (Noord-Limburg)"


def test_routes_for_filters_audience_and_urgency(shipped):
    acute_youth = routes_for(shipped, "youth", "acute")
    assert acute_youth and all(r.urgency == "acute" and "youth" in r.audiences
                               for r in acute_youth)


def _need(portal, audience, urgency):
    group = next(g for g in portal.wegwijzer.audiences if g.audience == audience)
    return next(n for n in group.needs if n.urgency == urgency)


def test_need_is_asked_by_place_where_a_role_gives_another_contact(fixture_portal):
    # The team of Noord has its own number; Stad B (Zuid) falls back to the hulplijn.
    answers = answer_need(fixture_portal, _need(fixture_portal, "youth", "acute"))
    assert [(a.group.slug, a.group.label) for a in answers] == [("noord", "Noord"),
                                                                ("zuid", "Zuid")]
    (_, noord), (_, zuid) = answers[0].routes[0], answers[1].routes[0]
    assert noord[1].organisation.id == "regio-noord" and not noord[1].fallback
    assert zuid[1].organisation.id == "hulplijn" and zuid[1].fallback
    assert zuid[1].why == "Niet bekend welk team hier werkt."
    assert common_first(fixture_portal, answers).organisation.id == "hulplijn"


@pytest.mark.parametrize(("audience", "urgency", "labels"), [
    ("youth", "acute", [None]),  # Veilig Thuis: one number everywhere
    ("youth", "advice", [None]),
    ("parents", "acute", ["Noord-Limburg en Midden-Limburg", "Zuid-Limburg"]),  # crisis line
    ("parents", "today", ["Noord-Limburg (behalve Mook en Middelaar) en Midden-Limburg",
                          "Mook en Middelaar", "Zuid-Limburg"]),  # where to report
])
def test_shipped_needs_group_municipalities_by_what_they_reach(shipped, audience, urgency,
                                                               labels):
    answers = answer_need(shipped, _need(shipped, audience, urgency))
    assert [a.group.label if a.group else None for a in answers] == labels


def test_one_number_of_several_organisations_is_shown_once_for_everyone(shipped):
    # Veilig Thuis of each region answers on the national number: without a place, the
    # national line is shown, not one region's organisation.
    (answer,) = answer_need(shipped, _need(shipped, "youth", "acute"))
    step = next(s for _, steps in answer.routes for s in steps if s.role)
    assert (step.organisation.id, step.channel.value, step.fallback) == (
        "veilig-thuis", "0800-2000", False)


def test_listed_routes_come_first_then_the_rest_of_the_urgency(shipped):
    need = _need(shipped, "professionals", "advice")
    ids = [r.id for r in need_routes(shipped, need)]
    assert ids[0] == "vermoeden-leerling"  # listed, though its urgency is 'today'
    assert set(ids[1:]) == {r.id for r in routes_for(shipped, "professionals", "advice")}


@pytest.mark.parametrize(("audience", "urgency", "roles"), [
    ("parents", "acute", ["jeugd-crisis"]),
    ("parents", "today", ["meldpunt"]),  # Veilig Thuis: one number, so not by place
    ("professionals", "advice", ["meldpunt"]),
])
def test_roles_by_place_names_what_the_place_question_is_for(shipped, audience, urgency,
                                                              roles):
    answers = answer_need(shipped, _need(shipped, audience, urgency))
    assert [r.id for r in roles_by_place(answers)] == roles
