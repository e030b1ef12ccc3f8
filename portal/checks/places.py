"""Check the villages and districts of the municipalities (data/municipalities.yml,
`places`): each place belongs to one municipality, so the site search that finds a
municipality's page by its places never leads a visitor to two pages, or to the page of
a municipality with that name."""

from __future__ import annotations

from ..data.load import DataTree
from ..messages import Problem


def _key(name: str) -> str:
    """A place name as the search compares it: case and spaces do not count."""
    return " ".join(name.casefold().split())


def check_places(tree: DataTree) -> list[Problem]:
    doc = tree.municipalities
    items = doc.data.get("municipalities") if doc is not None else None
    if not isinstance(items, list):
        return []
    municipalities = [m for m in items if isinstance(m, dict)]
    names = {_key(m["name"]): m.get("id") for m in municipalities
             if isinstance(m.get("name"), str)}
    problems: list[Problem] = []
    owner: dict[str, str] = {}  # place -> id of the first municipality that names it
    for i, muni in enumerate(items):
        places = muni.get("places") if isinstance(muni, dict) else None
        listed = places.get("names") if isinstance(places, dict) else None
        if not isinstance(listed, list):
            continue  # the schema reports a missing or wrong list
        mid = muni.get("id")
        for j, place in enumerate(listed):
            if not isinstance(place, str):
                continue
            key = _key(place)
            where = ("municipalities", i, "places", "names", j)
            if key in names:
                other = names[key]
                text = (f"'{place}' is de naam van gemeente '{other}' zelf." if other == mid
                        else f"'{place}' bij gemeente '{mid}' is de naam van gemeente "
                             f"'{other}'.")
                problems.append(doc.problem(where, "I004", text))
            elif key in owner and owner[key] != mid:
                problems.append(doc.problem(where, "I004",
                                            f"'{place}' staat bij gemeente '{mid}' en ook "
                                            f"bij gemeente '{owner[key]}'."))
            else:
                owner.setdefault(key, mid)
    return problems
