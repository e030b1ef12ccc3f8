"""Role and route resolution per municipality, including explicit unknowns and fallbacks."""

from __future__ import annotations

import pytest

from portal.data.load import load_tree
from portal.data.model import build_portal
from portal.pages.resolve import group_role, resolve_role, resolve_route, routes_for

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


def test_routes_for_filters_audience_and_urgency(shipped):
    acute_youth = routes_for(shipped, "youth", "acute")
    assert acute_youth and all(r.urgency == "acute" and "youth" in r.audiences
                               for r in acute_youth)
