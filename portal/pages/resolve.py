"""Resolve roles and routes for a municipality: who is the 'Veilig Thuis in your region'
in Venlo, and what does each step of a route say there. Falls back to the role's stated
route where the data says a municipality's organisation is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.model import Channel, Municipality, Organisation, Portal, Role, Route


@dataclass(frozen=True)
class Resolution:
    role: Role
    organisation: Organisation
    fallback: bool
    why: str | None = None  # why the municipality's own organisation is unknown


def resolve_role(portal: Portal, municipality: Municipality, role_id: str) -> Resolution:
    """The organisation that fills `role_id` in `municipality` (own entry, then region)."""
    role = portal.roles[role_id]
    if role_id in municipality.roles:
        org_id, why = municipality.roles[role_id], municipality.unknown.get(role_id)
    else:
        region = portal.regions[municipality.region]
        org_id, why = region.roles.get(role_id), region.unknown.get(role_id)
    if org_id is not None:
        return Resolution(role, portal.organisations[org_id], False)
    return Resolution(role, portal.organisations[role.fallback_organisation], True, why)


@dataclass(frozen=True)
class ResolvedStep:
    number: int
    do: str
    organisation: Organisation | None = None
    channel: Channel | None = None
    role: Role | None = None
    fallback: bool = False
    why: str | None = None
    channel_id: str | None = None  # the step's channel, also before a role is resolved


def resolve_route(
    portal: Portal, route: Route, municipality: Municipality | None = None
) -> list[ResolvedStep]:
    """The steps of `route`; role steps are resolved only when a municipality is given."""
    steps = []
    for number, step in enumerate(route.steps, start=1):
        org, role, fallback, why = None, None, False, None
        if step.organisation:
            org = portal.organisations[step.organisation]
        elif step.role:
            role = portal.roles[step.role]
            if municipality is not None:
                res = resolve_role(portal, municipality, step.role)
                org, fallback, why = res.organisation, res.fallback, res.why
        channel = org.channel(step.channel) if org and step.channel else None
        steps.append(ResolvedStep(number, step.do, org, channel, role, fallback, why,
                                  step.channel))
    return steps


@dataclass(frozen=True)
class RoleGroup:
    """Municipalities that share one resolution of a role, for a page without a place."""

    resolution: Resolution
    regions: tuple[str, ...]  # names of regions wholly in this group
    municipalities: tuple[str, ...]  # names of the others


def group_role(portal: Portal, role_id: str) -> list[RoleGroup]:
    groups: dict[tuple[str, bool], list[Municipality]] = {}
    first: dict[tuple[str, bool], Resolution] = {}
    for muni in portal.municipalities.values():
        res = resolve_role(portal, muni, role_id)
        key = (res.organisation.id, res.fallback)
        groups.setdefault(key, []).append(muni)
        first.setdefault(key, res)
    out = []
    for key, members in groups.items():
        ids = {m.id for m in members}
        whole = [r for r in portal.regions.values()
                 if (in_region := [m.id for m in portal.municipalities.values()
                                   if m.region == r.id]) and set(in_region) <= ids]
        covered = {m.id for m in portal.municipalities.values()
                   if m.region in {r.id for r in whole}}
        rest = tuple(m.name for m in members if m.id not in covered)
        out.append(RoleGroup(first[key], tuple(r.name for r in whole), rest))
    return out


def routes_for(portal: Portal, audience: str, urgency: str | None = None) -> list[Route]:
    return [r for r in portal.routes.values()
            if audience in r.audiences and (urgency is None or r.urgency == urgency)]
