"""Checks of data/keten.yml, the chain map, that its schema cannot express: every
relation has a source (V001, a warning: the map leaves such a relation out), and every
id it names is known: stages, links and regional versions in the file itself (V002),
organisations in data/organisations/ (R001), regions in data/municipalities.yml (R005).
Drawing the map is portal/pages/chain.py.
"""

from __future__ import annotations

from typing import Any

from ..data.load import DataTree
from ..messages import Problem


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    value = data.get(key)
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] \
        if isinstance(value, list) else []


def _ids(data: dict, key: str) -> set[Any]:
    return {item.get("id") for _, item in _items(data, key)}


def _region_ids(tree: DataTree) -> set[Any] | None:
    """The regions of data/municipalities.yml; None when that file could not be read."""
    doc = tree.municipalities
    if doc is None or not isinstance(doc.data, dict):
        return None
    return {r.get("id") for _, r in _items(doc.data, "regions")}


def check_keten(tree: DataTree) -> list[Problem]:
    """Problems of data/keten.yml (none when the site has no such file)."""
    doc = tree.keten
    if doc is None or not isinstance(doc.data, dict):
        return []
    data = doc.data
    out: list[Problem] = []
    stages, actors, versions = _ids(data, "stages"), _ids(data, "actors"), _ids(data, "versions")
    regions = _region_ids(tree)
    known_orgs = set(tree.organisations) | tree.unreadable

    def unknown_versions(key: str, i: int, item: dict) -> None:
        for j, version in enumerate(item.get("versions") or []):
            if version not in versions:
                out.append(doc.problem((key, i, "versions", j), "V002",
                                       f"Regio '{version}' staat niet onder 'versions'."))

    for key in ("versions", "stages", "actors"):
        seen: set[Any] = set()
        for i, item in _items(data, key):
            if item.get("id") in seen:
                out.append(doc.problem((key, i, "id"), "I002",
                                       f"Id '{item.get('id')}' staat twee keer onder '{key}'."))
            seen.add(item.get("id"))
    for i, version in _items(data, "versions"):
        for j, region in enumerate(version.get("regions") or []):
            if regions is not None and region not in regions:
                out.append(doc.problem(("versions", i, "regions", j), "R005",
                                       f"Regio '{region}' staat niet in "
                                       "data/municipalities.yml."))
    actor_versions: dict[Any, set[Any]] = {}
    for i, actor in _items(data, "actors"):
        org = actor.get("organisation")
        if isinstance(org, str) and org not in known_orgs:
            out.append(doc.problem(("actors", i, "organisation"), "R001",
                                   f"Organisatie '{org}' bestaat niet in data/organisations/."))
        unknown_versions("actors", i, actor)
        actor_versions[actor.get("id")] = set(actor.get("versions") or versions)
    for i, relation in _items(data, "relations"):
        if relation.get("stage") not in stages:
            out.append(doc.problem(("relations", i, "stage"), "V002",
                                   f"Fase '{relation.get('stage')}' staat niet onder "
                                   "'stages'."))
        unknown_versions("relations", i, relation)
        shown_in = set(relation.get("versions") or versions)
        for end in ("from", "to"):
            actor = relation.get(end)
            if actor not in actors:
                out.append(doc.problem(("relations", i, end), "V002",
                                       f"Schakel '{actor}' staat niet onder 'actors'."))
            elif not shown_in <= actor_versions[actor]:
                missing = sorted(str(v) for v in shown_in - actor_versions[actor])
                out.append(doc.problem(("relations", i, end), "V002",
                                       f"Schakel '{actor}' doet niet mee in regio "
                                       f"'{missing[0]}'; geef het verband 'versions' of "
                                       "de schakel die regio."))
        if "source" not in relation:
            out.append(doc.problem(("relations", i), "V001",
                                   f"Het verband '{relation.get('from')}' → "
                                   f"'{relation.get('to')}' ({relation.get('label')}) heeft "
                                   "geen bron en wordt niet getekend."))
    for i, offer in _items(data, "consultation"):
        org = offer.get("organisation")
        if isinstance(org, str) and org not in known_orgs:
            out.append(doc.problem(("consultation", i, "organisation"), "R001",
                                   f"Organisatie '{org}' bestaat niet in data/organisations/."))
    return out
