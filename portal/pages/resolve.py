"""Resolve roles and routes for a municipality: who is the 'Veilig Thuis in your region'
in Venlo, and what does each step of a route say there. Falls back to the role's stated
route where the data says a municipality's organisation is unknown.

For the Wegwijzer: which answers to a need (data/wegwijzer.yml) differ by place, and the
groups of municipalities that get the same answer, so the place is asked only where it
changes what a person does (answer_need).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..data.model import Channel, Municipality, Organisation, Portal, Role, Route
from ..data.text import format_items, nl_list
from ..data.wegwijzer import Answer, Need


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
    page: str | None = None  # a Wegwijzer answer that is a page to read (docs-relative)


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
    where: str = ""  # the group by region, in Dutch (where_label)


def by_region(portal: Portal) -> dict[str, list[Municipality]]:
    """The municipalities of each region, in file order (every region, also an empty one)."""
    members: dict[str, list[Municipality]] = {r: [] for r in portal.regions}
    for muni in portal.municipalities.values():
        members.setdefault(muni.region, []).append(muni)
    return members


def where_label(portal: Portal, regions: tuple[str, ...], municipalities: tuple[str, ...],
                members: dict[str, list[Municipality]] | None = None) -> str:
    """Where a group of municipalities lies, by region: a whole region by its name, most
    of a region as "Noord-Limburg (behalve …)", a few municipalities as "… (Noord-Limburg)".
    So no municipality is ever listed under a region it does not belong to."""
    members = by_region(portal) if members is None else members
    names, whole = set(municipalities), set(regions)
    parts = []
    for region in portal.regions.values():
        in_region = [m.name for m in members.get(region.id, [])]
        inside = [n for n in in_region if n in names]
        outside = [n for n in in_region if n not in names]
        if region.name in whole:
            parts.append(region.name)
        elif inside and len(inside) > len(outside):
            parts.append(f"{region.name} (behalve {nl_list(outside)})")
        elif inside:
            parts.append(f"{nl_list(inside)} ({region.name})")
    return nl_list(parts)


def group_role(portal: Portal, role_id: str) -> list[RoleGroup]:
    groups: dict[tuple[str, bool], list[Municipality]] = {}
    first: dict[tuple[str, bool], Resolution] = {}
    for muni in portal.municipalities.values():
        res = resolve_role(portal, muni, role_id)
        key = (res.organisation.id, res.fallback)
        groups.setdefault(key, []).append(muni)
        first.setdefault(key, res)
    regions = by_region(portal)
    out = []
    for key, members in groups.items():
        ids = {m.id for m in members}
        whole = [r for r in portal.regions.values()
                 if regions[r.id] and all(m.id in ids for m in regions[r.id])]
        covered = {r.id for r in whole}
        rest = tuple(m.name for m in members if m.region not in covered)
        names = tuple(r.name for r in whole)
        out.append(RoleGroup(first[key], names, rest, where_label(portal, names, rest, regions)))
    return out


def routes_for(portal: Portal, audience: str, urgency: str | None = None) -> list[Route]:
    return [r for r in portal.routes.values()
            if audience in r.audiences and (urgency is None or r.urgency == urgency)]


def need_routes(portal: Portal, need: Need) -> list[Route]:
    """The routes under a need's answers: those it lists, then the other routes of its
    audience and urgency, in file order."""
    listed = [portal.routes[r] for r in need.routes]
    return listed + [r for r in routes_for(portal, need.audience, need.urgency)
                     if r.id not in need.routes]


@dataclass(frozen=True)
class PlaceGroup:
    """Municipalities that get the same answer to a need."""

    slug: str  # names its part of a page (data-place), e.g. "zuid-limburg"
    label: str  # "Noord-Limburg (behalve Mook en Middelaar) en Midden-Limburg"
    municipalities: tuple[Municipality, ...]
    label_en: str = ""  # "Noord-Limburg (except Mook en Middelaar) and Midden-Limburg"


@dataclass(frozen=True)
class NeedAnswer:
    """One Wegwijzer result: the first answer, the ones after it, and the routes, resolved
    for a group of municipalities (group None: the answer is the same everywhere)."""

    group: PlaceGroup | None
    first: ResolvedStep
    then: tuple[ResolvedStep, ...]
    routes: tuple[tuple[Route, tuple[ResolvedStep, ...]], ...]


def _slots(first: Answer, then: tuple[Answer, ...],
           routes: list[Route]) -> list[tuple[int, str, Answer | object]]:
    """Every answer and route step, in page order: (number, do, step)."""
    slots: list[tuple[int, str, Answer | object]] = [(0, first.do, first)]
    slots += [(0, a.do, a) for a in then]
    for route in routes:
        slots += [(n, s.do, s) for n, s in enumerate(route.steps, start=1)]
    return slots


def _resolve_one(portal: Portal, muni: Municipality, number: int, do: str,
                 step) -> ResolvedStep:
    org, role, fallback, why = None, None, False, None
    if step.organisation:
        org = portal.organisations[step.organisation]
    elif step.role:
        role = portal.roles[step.role]
        res = resolve_role(portal, muni, step.role)
        org, fallback, why = res.organisation, res.fallback, res.why
    channel = org.channel(step.channel) if org and step.channel else None
    return ResolvedStep(number, do, org, channel, role, fallback, why, step.channel,
                        getattr(step, "page", None))


def _reach(step: ResolvedStep) -> tuple:
    """What a reader acts on: the number or address (the same 0800 number of three Veilig
    Thuis organisations is one answer), else the organisation shown."""
    if step.channel is not None:
        return ("channel", step.channel.type, step.channel.value)
    return ("organisation", step.organisation.id if step.organisation else None)


def _merge(portal: Portal, steps: list[ResolvedStep]) -> ResolvedStep:
    """One step for a group whose members all reach the same contact."""
    first = steps[0]
    if first.role is None:
        return first
    if len({s.organisation.id for s in steps}) == 1:
        fallback = all(s.fallback for s in steps)
        whys = {s.why for s in steps}
        return ResolvedStep(first.number, first.do, first.organisation, first.channel,
                            first.role, fallback, whys.pop() if fallback and len(whys) == 1
                            else None, first.channel_id)
    # Several organisations behind one number (Veilig Thuis of each region): the role's
    # own organisation for everyone, when it has that number.
    org = portal.organisations[first.role.fallback_organisation]
    channel = org.channel(first.channel_id) if first.channel_id else None
    if channel is not None and first.channel is not None \
            and channel.value == first.channel.value:
        return ResolvedStep(first.number, first.do, org, channel, first.role, False, None,
                            first.channel_id)
    return ResolvedStep(first.number, first.do, first.organisation, first.channel,
                        first.role, False, None, first.channel_id)


def place_groups(portal: Portal, members: list[list[Municipality]]) -> list[PlaceGroup]:
    """Slugs and Dutch labels for groups of municipalities, by region: a whole region by
    its name, most of one as 'Regio (behalve X)', a few municipalities by name."""
    regions = list(portal.regions.values())
    in_regions = by_region(portal)
    out, used = [], set()
    for group in members:
        ids = {m.id for m in group}
        parts, parts_en, slugs = [], [], []
        for region in regions:
            in_region = in_regions[region.id]
            inside = [m for m in in_region if m.id in ids]
            if not inside:
                continue
            outside = [m.name for m in in_region if m.id not in ids]
            if not outside:
                parts.append(region.name)
                parts_en.append(region.name)
                slugs.append(region.id)
            elif len(inside) > len(in_region) / 2:
                parts.append(f"{region.name} (behalve {nl_list(outside)})")
                parts_en.append(f"{region.name} (except {format_items(outside, 'en')})")
                slugs.append(region.id)
            else:
                parts += [m.name for m in inside]
                parts_en += [m.name for m in inside]
                slugs += [m.id for m in inside]
        slug, n = "-".join(slugs), 2
        while slug in used:
            slug, n = f"{'-'.join(slugs)}-{n}", n + 1
        used.add(slug)
        out.append(PlaceGroup(slug, nl_list(parts), tuple(group),
                              format_items(parts_en, "en")))
    return out


def answer_need(portal: Portal, need: Need) -> list[NeedAnswer]:
    """The answers to a Wegwijzer need, with the routes below them (answer_steps)."""
    return answer_steps(portal, need.first, need.then, need_routes(portal, need))


def answer_steps(portal: Portal, first: Answer, then: tuple[Answer, ...] = (),
                 routes: list[Route] | None = None) -> list[NeedAnswer]:
    """A first answer, the ones after it and the routes' steps, resolved: one answer when
    it is the same in every municipality, else one per group of municipalities that reach
    the same contacts (computed from the data). The decision aid's outcomes have no
    routes."""
    routes = routes or []
    slots = _slots(first, then, routes)
    munis = list(portal.municipalities.values())
    resolved = {m.id: [_resolve_one(portal, m, n, do, s) for n, do, s in slots] for m in munis}
    by_reach: dict[tuple, list[Municipality]] = {}
    for m in munis:
        by_reach.setdefault(tuple(_reach(s) for s in resolved[m.id]), []).append(m)
    region_order = list(portal.regions)
    members = sorted(by_reach.values(),
                     key=lambda g: (min(region_order.index(m.region) for m in g), -len(g)))
    groups: list[PlaceGroup | None] = [None] if len(members) == 1 \
        else place_groups(portal, members)
    answers = []
    for group, people in zip(groups, members, strict=True):
        steps = [_merge(portal, [resolved[m.id][i] for m in people]) for i in range(len(slots))]
        then_end = 1 + len(then)
        route_steps, start = [], then_end
        for route in routes:
            route_steps.append((route, tuple(steps[start:start + len(route.steps)])))
            start += len(route.steps)
        answers.append(NeedAnswer(group, steps[0], tuple(steps[1:then_end]),
                                  tuple(route_steps)))
    return answers


def without_routes(answers: list[NeedAnswer]) -> list[NeedAnswer]:
    """The answers as a page without the routes shows them (the English Wegwijzer): one,
    with no place, when every group reaches the same contacts with its first answer and
    the ones after it."""
    reach = {tuple(_reach(s) for s in (a.first, *a.then)) for a in answers}
    return [replace(answers[0], group=None, routes=())] if len(reach) == 1 else answers


def common_first(portal: Portal, answers: list[NeedAnswer]) -> ResolvedStep | None:
    """The first answer when every group reaches the same contact with it (then the place
    question can come after it), else None."""
    firsts = [a.first for a in answers]
    if len({_reach(s) for s in firsts}) != 1:
        return None
    return _merge(portal, firsts)


def roles_by_place(answers: list[NeedAnswer]) -> list[Role]:
    """The roles whose contact differs between the groups of a need's answers: what the
    place question is for."""
    rows = [[a.first, *a.then, *(s for _, steps in a.routes for s in steps)] for a in answers]
    found: list[Role] = []
    for slot in zip(*rows, strict=True):
        role = slot[0].role
        if role is not None and role not in found and len({_reach(s) for s in slot}) > 1:
            found.append(role)
    return found
