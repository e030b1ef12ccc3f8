"""Check data/wegwijzer.yml against the other data files: each audience and each urgency
asked once, every answer names an organisation, role, channel or page that exists, every
listed route exists, and every route can be reached from the Wegwijzer by its audiences.
"""

from __future__ import annotations

from pathlib import Path

from ..data.load import DataTree
from ..data.model import AUDIENCES
from ..data.schema import shipped_schemas
from ..data.yamlsource import Document
from ..messages import Problem
from .references import check_target


def dict_items(value) -> list[tuple[int, dict]]:
    """(index, mapping) of each mapping in a YAML list; nothing for anything else."""
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] \
        if isinstance(value, list) else []


def _roles(tree: DataTree) -> set[str]:
    if tree.roles is None:
        return set()
    return {r.get("id") for _, r in dict_items(tree.roles.data.get("roles"))}


def _owners(tree: DataTree) -> tuple[dict, dict]:
    """Regions and municipalities by id, as check_references reads them."""
    data = tree.municipalities.data if tree.municipalities else {}
    return ({r.get("id"): r for _, r in dict_items(data.get("regions"))},
            {m.get("id"): m for _, m in dict_items(data.get("municipalities"))})


def check_answer(doc: Document, path: tuple, answer: dict, tree: DataTree, who: str,
                 docs_dir: Path | None) -> list[Problem]:
    """An answer names an organisation or role with a channel that exists, or a page in
    docs/ (the Wegwijzer's and the decision aid's answers share this shape)."""
    page = answer.get("page")
    if page is not None:
        if docs_dir is not None and not (docs_dir / page).is_file():
            return [doc.problem((*path, "page"), "L001",
                                f"Pagina '{page}' bestaat niet in docs/.")]
        return []
    return check_target(doc, path, answer, tree, who, _roles(tree), _owners(tree))


def check_wegwijzer(tree: DataTree, docs_dir: Path | None = None) -> list[Problem]:
    doc = tree.wegwijzer
    if doc is None:
        return []  # missing (Y004) or unreadable: reported already
    problems: list[Problem] = []
    asked: dict[str, set[str]] = {}  # audience -> urgencies with a need
    listed: dict[str, set[str]] = {}  # audience -> route ids named under 'routes'
    for i, group in dict_items(doc.data.get("audiences")):
        audience = group.get("audience")
        if audience in asked:
            problems.append(doc.problem(("audiences", i, "audience"), "I002",
                                        f"Doelgroep '{audience}' staat twee keer in de "
                                        "Wegwijzer."))
            continue
        asked[audience], listed[audience] = set(), set()
        for j, need in dict_items(group.get("needs")):
            path = ("audiences", i, "needs", j)
            urgency = need.get("urgency")
            if urgency in asked[audience]:
                problems.append(doc.problem((*path, "urgency"), "I002",
                                            f"'urgency: {urgency}' staat twee keer bij "
                                            f"doelgroep '{audience}'."))
            asked[audience].add(urgency)
            if isinstance(need.get("first"), dict):
                problems += check_answer(doc, (*path, "first"), need["first"], tree,
                                          "Het eerste antwoord", docs_dir)
            for k, answer in dict_items(need.get("then")):
                problems += check_answer(doc, (*path, "then", k), answer, tree,
                                          f"Antwoord {k + 2}", docs_dir)
            for k, route_id in enumerate(need.get("routes") or []):
                listed[audience].add(route_id)
                if route_id not in tree.routes and route_id not in tree.unreadable:
                    problems.append(doc.problem((*path, "routes", k), "R007",
                                                f"Route '{route_id}' bestaat niet in "
                                                "data/routes/."))
    problems += check_english(doc)
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


def _texts(group: dict) -> list[tuple[tuple, dict, str]]:
    """(path, block, key) of every text of one audience that has an English sibling."""
    out = [((), group, key) for key in ("choice", "question", "place")]
    for j, need in dict_items(group.get("needs")):
        out += [(("needs", j), need, key) for key in ("choice", "title")]
        if isinstance(need.get("first"), dict):
            out.append((("needs", j, "first"), need["first"], "do"))
        out += [(("needs", j, "then", k), a, "do") for k, a in dict_items(need.get("then"))]
    return out


def check_english(doc: Document) -> list[Problem]:
    """K005 for a text without English in an audience that has English (its `choice_en`):
    the English Wegwijzer shows every answer of such an audience, so each needs its
    English (the sibling the schema declares with x-english)."""
    problems = []
    schema = shipped_schemas()
    for i, group in dict_items(doc.data.get("audiences")):
        if not group.get("choice_en"):
            continue  # no English for this audience: not on the English page
        for path, block, key in _texts(group):
            english = schema.english("wegwijzer.schema.json", _pattern(path, key))
            if english and not block.get(english) and block.get(key):
                problems.append(doc.problem(("audiences", i, *path, key), "K005",
                                            f"'{key}' heeft geen Engelse tekst ({english}), "
                                            "en deze doelgroep staat in de Engelse "
                                            "Wegwijzer."))
    return problems


def _pattern(path: tuple, key: str) -> tuple:
    return ("audiences", "*", *("*" if isinstance(p, int) else p for p in path), key)
