"""The first safety rule of the memo: never make victims findable.

A record of a place where victims stay (rules.houses_victims) may hold no address, postcode,
house number, coordinates, map link or place name in any string it holds (every value,
walked recursively, not a list of keys), serves at least a region, and publishes no
channel that leads to a location. Elsewhere (other organisations, routes, the
municipalities) a postcode or street address in public text is a warning: it may be the
shelter's, typed on the wrong page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from ..data.load import DataTree
from ..data.yamlsource import Document, walk_strings
from ..messages import Problem
from .rules import houses_victims

Path_ = tuple[Any, ...]

# Street name + house number. The name ends in a usual Dutch street word; the number may
# have a letter, a range or "bis". No number starting with 0 (phone numbers), and none
# followed by ':', '/' or a digit (times, 24/7, dates).
_SUFFIXES = ("straat", "straatje", r"str\.", "steeg", "weg", "laan", "plein", "pleintje",
             "singel", "gracht", "kade", "dreef", "pad", "hof", "markt", "dijk", "baan",
             "park", r"(?<!e)ring", "boulevard", "allee", "allée", "berg", "wal", "haven",
             "veld")
_STREET = re.compile(
    r"(?<![\w-])[a-zà-ÿ'’-]*(?:" + "|".join(_SUFFIXES) + r")\s+[1-9]\d{0,3}"
    r"(?:\s?-\s?[1-9]\d{0,3}|\s?[a-z](?!\w)|\s(?:bis|bus\s?\d+))?(?![\d:/,.]?\d)",
    re.IGNORECASE)
_HOUSE_NUMBER = re.compile(
    r"(?<![\w-])(?:huisnummer|huisnr\.?|nr\.|no\.)\s*[1-9]\d{0,3}(?:\s?[a-z](?!\w))?(?!\d)",
    re.IGNORECASE)
# 1234 AB, 1234AB or 1234ab (not 1234 ab: "2019 en 2020"); SA, SD and SS are never used.
_POSTCODE = re.compile(
    r"(?<![\w-])[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![\w-])")
_COORDINATES = re.compile(
    # 50.85, 5.69 (two decimals need a comma or semicolon: 9.00-17.00 is a time)
    r"(?<![\w.])[-+]?\d{1,3}\.\d{2}\s*[,;]\s*[-+]?\d{1,3}\.\d{2}(?![\w.])"
    r"|(?<![\w.])[-+]?\d{1,3}\.\d{3,}\s*[,;/]?\s*[-+]?\d{1,3}\.\d{3,}(?![\w.])"
    r"|(?<![\w,])\d{1,3},\d{3,}\s*[;/]\s*\d{1,3},\d{3,}(?!\d)"  # 50,8514; 5,6910
    r"|\d{1,3}(?:[.,]\d+)?\s?°(?!\s?[CF]\b)"  # 50°51'N, not 20 °C
    r"|(?<![\w+])[23456789CFGHJMPQRVWX]{4,8}\+[23456789CFGHJMPQRVWX]{2,3}(?![\w+])"  # plus code
    r"|\b[xX]\s*[:=]\s*\d{5,6}(?:[.,]\d+)?\s*[,;]?\s*[yY]\s*[:=]\s*\d{6}")  # RD x/y
_MAP_LINK = re.compile(
    r"google\.[a-z.]{2,6}/maps|maps\.google\.|goo\.gl/maps|maps\.app\.goo\.gl|\bg\.page/"
    r"|openstreetmap\.org|\bosm\.org|bing\.com/maps|maps\.apple\.com|\bwaze\.com"
    r"|what3words\.com|\bw3w\.co\b|\bhere\.com/|\bmaps\.me\b|plus\.codes"
    r"|\bgeo:\s*[-+]?\d|(?<![:/\w])///[a-z]+\.[a-z]+\.[a-z]+",
    re.IGNORECASE)
LOCATORS = {"street": _STREET, "postcode": _POSTCODE, "house-number": _HOUSE_NUMBER,
            "coordinates": _COORDINATES, "map-link": _MAP_LINK}
CODES = {"street": "B002", "postcode": "B003", "house-number": "B004",
         "coordinates": "B005", "map-link": "B006", "place": "B007"}
LABELS = {"street": "Straatadres", "postcode": "Postcode", "house-number": "Huisnummer",
          "coordinates": "Coördinaten", "map-link": "Kaartlink", "place": "Plaatsnaam"}

# Well-known villages (kernen) of Limburg, each from the public page named above it; the
# municipalities themselves come from data/municipalities.yml. Not complete: a municipality
# name, its parts and these catch the common cases.
KERNEN = (
    # https://plaatsengids.nl/sittard-geleen
    "Born", "Broeksittard", "Buchten", "Einighausen", "Grevenbicht", "Papenhoven",
    "Guttecoven", "Holtum", "Limbricht", "Munstergeleen", "Obbicht", "Schipperskerk",
    # https://www.limburger.nl/cnt/dmf20210420_96332140 (the villages of Eijsden-Margraten)
    # and https://www.eijsden-margraten.nl/ontdek/dorpen/cadier-en-keer.html
    "Banholt", "Bemelen", "Cadier en Keer", "Eckelrade", "Gronsveld", "Mariadorp", "Mesch",
    "Mheer", "Noorbeek", "Oost-Maarland", "Rijckholt", "Scheulder", "Sint Geertruid",
    # https://de.wikipedia.org/wiki/Echt-Susteren (its districts)
    "Dieteren", "Heide", "Koningsbosch", "Maria Hoop", "Nieuwstadt", "Peij", "Roosteren",
    "Sint Joost", "Slek",
    # https://nl.wikipedia.org/wiki/Limburg_(Nederlandse_provincie)
    "Mook",
)
# Place names that are also ordinary Dutch words: matched only with a capital, and not at
# the start of a sentence ("Echt waar", "Beek" in a heading).
AMBIGUOUS = frozenset({"Beek", "Bergen", "Echt", "Heide"})


class Places:
    """Finds a municipality or village of Limburg in a text; region names (which a shelter
    may name: it serves at least a region) are blanked out first."""

    def __init__(self, names: set[str], regions: set[str]):
        plain = sorted((n for n in names if n not in AMBIGUOUS), key=len, reverse=True)
        self.plain = _alternation(plain, re.IGNORECASE)
        self.ambiguous = _alternation(sorted(names & AMBIGUOUS), 0)
        self.regions = _alternation(sorted(regions, key=len, reverse=True), re.IGNORECASE)

    def find(self, text: str) -> str | None:
        if self.regions is not None:
            text = self.regions.sub(lambda m: " " * len(m.group()), text)
        if self.plain is not None and (match := self.plain.search(text)):
            return match.group()
        for match in self.ambiguous.finditer(text) if self.ambiguous is not None else ():
            before = text[:match.start()].rstrip(" \"'“‘(*-")
            if before and before[-1] not in ".!?:;\n":
                return match.group()
        return None


def _alternation(names: list[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    # A space in a name may be written as a hyphen (cadier-en-keer in an address).
    body = "|".join(r"[\s_-]+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", flags)


def load_places(tree: DataTree) -> Places:
    """The municipalities of data/municipalities.yml (with the parts of a joined name, as
    Sittard of Sittard-Geleen), the KERNEN above, and the region names to leave alone."""
    data = tree.municipalities.data if tree.municipalities is not None else {}
    names, regions = set(KERNEN), set()
    for item in _dicts(data.get("municipalities") if isinstance(data, dict) else None):
        name = item.get("name")
        if isinstance(name, str) and name.strip():
            names.add(name.strip())
            names.update(part for part in re.split(r"-| aan de ", name) if len(part) > 3)
    for region in _dicts(data.get("regions") if isinstance(data, dict) else None):
        for item in [region, *_dicts(region.get("subregions"))]:
            if isinstance(item.get("name"), str):
                regions.add(item["name"])
    return Places(names, regions)


def _dicts(value: Any) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string value in `value`, with its path (keys are fixed by the schema), in
    NFKC form: full-width digits and letters count as the plain ones."""
    for where, text in walk_strings(value, path):
        yield where, text if text.isascii() else unicodedata.normalize("NFKC", text)


_DIGIT = re.compile(r"\d")


def find_locations(text: str) -> dict[str, str]:
    """Kind -> the first text of that kind that points at a place (street, postcode...)."""
    if not _DIGIT.search(text):  # every locator but some map links needs a digit
        return {"map-link": m.group()} if (m := _MAP_LINK.search(text)) else {}
    return {kind: m.group() for kind, rx in LOCATORS.items() if (m := rx.search(text))}


def _field(path: Path_) -> str:
    return next((str(p) for p in reversed(path) if isinstance(p, str)), "?")


def _walk_in(org: dict) -> set[int]:
    channels = org.get("channels")
    return {i for i, c in enumerate(channels if isinstance(channels, list) else [])
            if isinstance(c, dict) and c.get("type") == "walk-in"}


def _why(doc: Document) -> str:
    org = doc.data
    # Word for word the text of rules._check_safety, so that the two B001s are one.
    return (f"'{org.get('name', doc.path.stem)}' is een plek waar slachtoffers verblijven "
            f"(soort '{org.get('kind')}'{', houses_victims' if org.get('houses_victims') else ''}"
            "); mensenhandelaren mogen niet kunnen vinden waar zij zijn.")


def _shelter_text(doc: Document, path: Path_, text: str, why: str, places: Places, *,
                  channel: Any = None) -> list[Problem]:
    """Errors for one string about a place where victims stay (B002-B007, B009, B012)."""
    out = []
    found = find_locations(text)
    if found and channel is not None:
        kind, value = next(iter(found.items()))
        out.append(doc.problem(path, "B009", f"Kanaal '{channel}' leidt naar een plek "
                               f"({LABELS[kind].lower()} '{value}'): {why}"))
        found = {}
    for kind, value in found.items():
        out.append(doc.problem(path, CODES[kind], f"{LABELS[kind]} '{value}' in "
                               f"'{_field(path)}' niet toegestaan: {why}"))
    if place := places.find(text):
        if "source" in path:  # a citation: shown on the page like any other text
            out.append(doc.problem(path, "B012", f"De bron noemt de plaats '{place}' "
                                   f"('{_field(path)}'), en de bron staat op de site. {why}"))
        else:
            out.append(doc.problem(path, "B007", f"Plaatsnaam '{place}' in "
                                   f"'{_field(path)}' niet toegestaan: {why}"))
    return out


def check_shelter(doc: Document, places: Places) -> list[Problem]:
    """The record of a place where victims stay (see the module docstring)."""
    org, why = doc.data, _why(doc)
    out = []
    if "address" in org:
        out.append(doc.problem(("address",), "B001", f"Adres niet toegestaan: {why}"))
    walk_in = _walk_in(org)
    for i in sorted(walk_in):
        out.append(doc.problem(("channels", i, "type"), "B001",
                               f"Inloop-kanaal niet toegestaan: {why}"))
    area = org.get("service_area")
    if isinstance(area, dict) and area.get("scope") == "municipalities":
        names = area.get("municipalities")
        listed = ", ".join(map(str, names)) if isinstance(names, list) else ""
        out.append(doc.problem(("service_area", "scope"), "B008",
                               f"Werkgebied van alleen gemeente(n) ({listed}) niet toegestaan: "
                               f"een werkgebied zo klein wijst de plek aan. {why}"))
    for path, text in _strings(org):
        if path[:1] == ("address",) or path[:2] in (("service_area", "municipalities"),
                                                    ("service_area", "regions")):
            continue  # reported above (B001, B008)
        if path[0] == "channels" and len(path) > 1 and path[1] in walk_in:
            continue
        is_value = len(path) == 3 and path[0] == "channels" and path[2] == "value"
        channel = org["channels"][path[1]].get("id", path[1] + 1) if is_value else None
        out += _shelter_text(doc, path, text, why, places, channel=channel)
    return out


def check_route(doc: Document, shelters: dict[str, Document], places: Places) -> list[Problem]:
    """A step that sends the reader to a place where victims stay is held to the rules of
    that place; the rest of the route to those of public text."""
    steps = doc.data.get("steps") if isinstance(doc.data, dict) else None
    out, about_shelter = [], set()
    for i, step in enumerate(steps if isinstance(steps, list) else []):
        shelter = shelters.get(step.get("organisation")) if isinstance(step, dict) else None
        if shelter is not None:
            about_shelter.add(i)
            why = f"Stap {i + 1} verwijst naar die plek: {_why(shelter)}"
            for path, text in _strings(step, ("steps", i)):
                out += _shelter_text(doc, path, text, why, places)
    return out + check_public_text(
        doc, skip=lambda path: path[:1] == ("steps",) and path[1] in about_shelter)


def check_public_text(doc: Document, *, skip: Callable[[Path_], bool] | None = None
                      ) -> list[Problem]:
    """Warnings for a postcode or street address in the text of any other record."""
    out = []
    for path, text in _strings(doc.data):
        if not _DIGIT.search(text) or (skip is not None and skip(path)):
            continue  # a postcode and a street address have digits
        for code, rx, label in (("B010", _POSTCODE, "Postcode"),
                                ("B011", _STREET, "Straatadres")):
            if match := rx.search(text):
                out.append(doc.problem(path, code, f"{label} '{match.group()}' in "
                                       f"'{_field(path)}'. Is dit het adres van een plek waar "
                                       "slachtoffers verblijven, haal het dan weg: "
                                       "mensenhandelaren mogen niet kunnen vinden waar zij "
                                       "zijn."))
    return out


def _own_address(org: Any) -> Callable[[Path_], bool]:
    """An organisation's own `address` and walk-in channels are where an address belongs."""
    walk_in = _walk_in(org) if isinstance(org, dict) else set()
    return lambda path: path[:1] == ("address",) or (
        path[0] == "channels" and len(path) > 1 and path[1] in walk_in)


def check_safety(tree: DataTree) -> list[Problem]:
    """Every safety problem in the loaded documents of `tree`."""
    places = load_places(tree)
    shelters = {oid: doc for oid, doc in tree.organisations.items()
                if isinstance(doc.data, dict) and houses_victims(doc.data)}
    out: list[Problem] = []
    for oid, doc in tree.organisations.items():
        if oid in shelters:
            out += check_shelter(doc, places)
        else:
            out += check_public_text(doc, skip=_own_address(doc.data))
    for doc in tree.routes.values():
        out += check_route(doc, shelters, places)
    for doc in (tree.municipalities, tree.roles):
        if doc is not None:
            out += check_public_text(doc)
    return out
