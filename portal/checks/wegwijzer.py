"""Check data/wegwijzer.yml against the other data files: each audience and each urgency
asked once, every answer names an organisation, role, channel or page that exists, every
listed route exists, and every route can be reached from the Wegwijzer by its audiences.
"""

from __future__ import annotations

from pathlib import Path

from ..data.load import DataTree
from ..data.model import AUDIENCES
from ..data.yamlsource import Document
from ..messages import Problem
from .references import role_organisations


def _dicts(value) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] \
        if isinstance(value, list) else []


def _channels(doc: Document | None) -> set[str]:
    return {c.get("id") for _, c in _dicts(doc.data.get("channels"))} if doc else set()


def _roles(tree: DataTree) -> set[str]:
    return {r.get("id") for _, r in _dicts(tree.roles.data.get("roles"))} if tree.roles else set()


def _owners(tree: DataTree) -> tuple[dict, dict]:
    """Regions and municipalities by id, as check_references reads them."""
    data = tree.municipalities.data if tree.municipalities else {}
    return ({r.get("id"): r for _, r in _dicts(data.get("regions"))},
            {m.get("id"): m for _, m in _dicts(data.get("municipalities"))})


def _check_answer(doc: Document, path: tuple, answer: dict, tree: DataTree,
                  docs_dir: Path | None) -> list[Problem]:
    orgs, channel = tree.organisations, answer.get("channel")
    org_id, role_id, page = answer.get("organisation"), answer.get("role"), answer.get("page")
    if org_id is not None and org_id not in tree.unreadable:
        if org_id not in orgs:
            return [doc.problem((*path, "organisation"), "R001",
                                f"Organisatie '{org_id}' bestaat niet in data/organisations/.")]
        if channel is not None and channel not in _channels(orgs[org_id]):
            return [doc.problem((*path, "channel"), "R002",
                                f"Organisatie '{org_id}' heeft geen kanaal '{channel}'.")]
    elif role_id is not None:
        if role_id not in _roles(tree):
            return [doc.problem((*path, "role"), "R003",
                                f"Rol '{role_id}' bestaat niet in data/roles.yml.")]
        missing = sorted(o for o in role_organisations(role_id, *_owners(tree))
                         if o in orgs and channel not in _channels(orgs[o]))
        if channel is not None and missing:
            return [doc.problem((*path, "channel"), "R002",
                                f"Kanaal '{channel}' ontbreekt bij {', '.join(missing)}, die "
                                f"rol '{role_id}' invult.")]
    elif page is not None and docs_dir is not None and not (docs_dir / page).is_file():
        return [doc.problem((*path, "page"), "L001",
                            f"Pagina '{page}' bestaat niet in docs/.")]
    return []


def check_wegwijzer(tree: DataTree, docs_dir: Path | None = None) -> list[Problem]:
    doc = tree.wegwijzer
    if doc is None:
        return []  # missing (Y004) or unreadable: reported already
    problems: list[Problem] = []
    asked: dict[str, set[str]] = {}  # audience -> urgencies with a need
    listed: dict[str, set[str]] = {}  # audience -> route ids named under 'routes'
    for i, group in _dicts(doc.data.get("audiences")):
        audience = group.get("audience")
        if audience in asked:
            problems.append(doc.problem(("audiences", i, "audience"), "I002",
                                        f"Doelgroep '{audience}' staat twee keer in de "
                                        "Wegwijzer."))
            continue
        asked[audience], listed[audience] = set(), set()
        for j, need in _dicts(group.get("needs")):
            path = ("audiences", i, "needs", j)
            urgency = need.get("urgency")
            if urgency in asked[audience]:
                problems.append(doc.problem((*path, "urgency"), "I002",
                                            f"'urgency: {urgency}' staat twee keer bij "
                                            f"doelgroep '{audience}'."))
            asked[audience].add(urgency)
            if isinstance(need.get("first"), dict):
                problems += _check_answer(doc, (*path, "first"), need["first"], tree, docs_dir)
            for k, answer in _dicts(need.get("then")):
                problems += _check_answer(doc, (*path, "then", k), answer, tree, docs_dir)
            for k, route_id in enumerate(need.get("routes") or []):
                listed[audience].add(route_id)
                if route_id not in tree.routes and route_id not in tree.unreadable:
                    problems.append(doc.problem((*path, "routes", k), "R007",
                                                f"Route '{route_id}' bestaat niet in "
                                                "data/routes/."))
    for route_id, route in tree.routes.items():
        urgency = route.data.get("urgency")
        for audience in route.data.get("audiences") or []:
            if audience not in AUDIENCES:
                continue  # S003 said it
            if urgency in asked.get(audience, ()) or route_id in listed.get(audience, ()):
                continue
            problems.append(doc.problem(("audiences",), "R008",
                                        f"Route '{route_id}' ({urgency}) is in de Wegwijzer "
                                        f"niet te vinden voor {AUDIENCES[audience]}."))
    return problems
