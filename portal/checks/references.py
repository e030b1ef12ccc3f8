"""Check that every reference between data files resolves: route steps to organisations,
channels and roles; municipalities to regions; roles to an organisation (or an explicit
'unknown' with the role's fallback) for every municipality.
"""

from __future__ import annotations

from collections.abc import Collection

from ..data.load import DataTree
from ..data.yamlsource import Document
from ..messages import Problem


def _items(doc: Document | None, key: str) -> list[tuple[int, dict]]:
    value = doc.data.get(key) if doc is not None else None
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


def _by_id(doc: Document | None, key: str, label: str, problems: list[Problem]
           ) -> dict[str, dict]:
    """The items of list `key` by their id (the last of a pair), with I002 added to
    `problems` for each id that stands twice."""
    found: dict[str, dict] = {}
    for i, item in _items(doc, key):
        ident = item.get("id")
        if ident in found:
            problems.append(doc.problem((key, i, "id"), "I002",
                                        f"{label} '{ident}' staat twee keer in het bestand."))
        found[ident] = item
    return found


def _channel_ids(org_doc: Document | None) -> set[str]:
    if org_doc is None:
        return set()
    return {c.get("id") for _, c in _items(org_doc, "channels")}


def check_references(tree: DataTree) -> list[Problem]:
    problems: list[Problem] = []
    orgs = tree.organisations
    known = set(orgs) | tree.unreadable  # an unreadable file was reported already
    roles_doc, muni_doc = tree.roles, tree.municipalities

    # Roles and their fallbacks.
    roles = _by_id(roles_doc, "roles", "Rol", problems)
    for i, role in _items(roles_doc, "roles"):
        rid = role.get("id")
        fallback = role.get("fallback") or {}
        if isinstance(fallback, dict) and fallback.get("organisation") not in (None, *known):
            problems.append(roles_doc.problem(("roles", i, "fallback", "organisation"), "R001",
                                f"Terugval '{fallback['organisation']}' van rol '{rid}' is "
                                "geen bekende organisatie."))

    # Regions, sub-regions and municipalities.
    regions: dict[str, dict] = {}
    subregions: dict[str, str] = {}  # sub-region id -> region id
    for i, region in _items(muni_doc, "regions"):
        regions[region.get("id")] = region
        problems += _check_role_map(muni_doc, ("regions", i, "roles"), region.get("roles"),
                                    roles, known)
        for sub in region.get("subregions") or []:
            if isinstance(sub, dict):
                subregions[sub.get("id")] = region.get("id")
    municipalities = _by_id(muni_doc, "municipalities", "Gemeente", problems)
    for i, muni in _items(muni_doc, "municipalities"):
        mid = muni.get("id")
        region_id = muni.get("region")
        if region_id not in regions:
            problems.append(muni_doc.problem(("municipalities", i, "region"), "R005",
                                f"Regio '{region_id}' van gemeente '{mid}' bestaat niet."))
        sub = muni.get("subregion")
        if sub is not None and subregions.get(sub) != region_id:
            problems.append(muni_doc.problem(("municipalities", i, "subregion"), "R005",
                                f"Subregio '{sub}' hoort niet bij regio '{region_id}'."))
        problems += _check_role_map(muni_doc, ("municipalities", i, "roles"), muni.get("roles"),
                                    roles, known)
        region_roles = (regions.get(region_id) or {}).get("roles") or {}
        own_roles = muni.get("roles") or {}
        for rid in roles if region_id in regions else ():  # else R005 says enough
            if rid not in own_roles and rid not in region_roles:
                problems.append(muni_doc.problem(("municipalities", i, "id"), "R004",
                                    f"Rol '{rid}' is niet ingevuld voor gemeente '{mid}' "
                                    f"(ook niet bij regio '{region_id}')."))

    # Organisations: the area they serve.
    for doc in orgs.values():
        area = doc.data.get("service_area")
        if not isinstance(area, dict):
            continue
        for j, rid in enumerate(area.get("regions") or []):
            if rid not in regions and rid not in subregions:
                problems.append(doc.problem(("service_area", "regions", j), "R005",
                                    f"Regio '{rid}' bestaat niet in municipalities.yml."))
        for j, mid in enumerate(area.get("municipalities") or []):
            if mid not in municipalities:
                problems.append(doc.problem(("service_area", "municipalities", j), "R006",
                                    f"Gemeente '{mid}' bestaat niet in municipalities.yml."))

    # Routes: every step names something that exists.
    for doc in tree.routes.values():
        for i, step in _items(doc, "steps"):
            problems += check_target(doc, ("steps", i), step, tree, f"Stap {i + 1}", roles,
                                     (regions, municipalities))
    return problems


def _check_role_map(doc, path, mapping, roles, known) -> list[Problem]:
    if not isinstance(mapping, dict):
        return []
    out = []
    for rid, value in mapping.items():
        if rid not in roles:
            out.append(doc.problem((*path, rid), "R003", f"Rol '{rid}' bestaat niet in roles.yml."))
        elif isinstance(value, str) and value not in known:
            out.append(doc.problem((*path, rid), "R001",
                           f"Rol '{rid}' verwijst naar onbekende organisatie '{value}'."))
    return out


def role_organisations(rid: str, regions, municipalities) -> set[str]:
    """Every organisation id that a region or municipality fills role `rid` with. (The
    fallback is left out: it is another kind of door, shown with its own channels.)"""
    found = set()
    for owner in [*regions.values(), *municipalities.values()]:
        value = (owner.get("roles") or {}).get(rid)
        if isinstance(value, str):
            found.add(value)
    return found


def check_target(doc: Document, path: tuple, target: dict, tree: DataTree, who: str,
                 roles: Collection[str], owners: tuple[dict, dict]) -> list[Problem]:
    """R001-R003 for what a route step (or another item that sends people somewhere) names:
    an organisation and its channel, or a role that every organisation filling it (in
    `owners`: regions and municipalities by id) has the channel for. `who` starts the
    message, e.g. "Stap 2"."""
    orgs = tree.organisations
    channel = target.get("channel")
    org_id, rid = target.get("organisation"), target.get("role")
    if org_id is not None:
        if org_id in tree.unreadable:
            return []
        if org_id not in orgs:
            return [doc.problem((*path, "organisation"), "R001",
                        f"{who} noemt onbekende organisatie '{org_id}'.")]
        if channel is not None and channel not in _channel_ids(orgs[org_id]):
            return [doc.problem((*path, "channel"), "R002",
                        f"Organisatie '{org_id}' heeft geen kanaal '{channel}'.")]
    elif rid is not None:
        if rid not in roles:
            return [doc.problem((*path, "role"), "R003",
                        f"{who} noemt onbekende rol '{rid}'.")]
        if channel is not None:
            missing = sorted(o for o in role_organisations(rid, *owners)
                             if o in orgs and channel not in _channel_ids(orgs[o]))
            if missing:
                return [doc.problem((*path, "channel"), "R002",
                            f"Kanaal '{channel}' ontbreekt bij {', '.join(missing)}, die rol "
                            f"'{rid}' invult.")]
    return []
