"""Check YAML documents against the JSON Schemas in portal/schemas/, in Dutch.

The same schema files are referenced from the YAML files for editors' IDEs; here they
are compiled once and each jsonschema error is turned into a Problem at the line of the
key it is about.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from .messages import Problem
from .yamlsource import Document

SCHEMA_DIR = Path(__file__).parent / "schemas"

_TYPES = {
    "string": "tekst", "array": "lijst", "object": "blok met sleutels", "boolean": "true of false",
    "integer": "geheel getal", "number": "getal", "null": "leeg",
}


def schema_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


@cache
def _registry() -> Registry:
    resources = []
    for file in SCHEMA_DIR.glob("*.schema.json"):
        contents = json.loads(file.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents)
        resources += [(file.name, resource), (contents["$id"], resource)]
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=_registry())


def _load_by_uri(uri: str) -> dict:
    return json.loads((SCHEMA_DIR / uri.rsplit("/", 1)[-1]).read_text(encoding="utf-8"))


@cache
def fast_check(kind: str) -> Callable[[Any], Any]:
    """A compiled yes/no check of the same schema (about 50 times faster than jsonschema's
    iter_errors). Our schemas use only keywords whose meaning is the same in draft 7."""
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    schema.pop("$schema")
    return fastjsonschema.compile(schema, handlers={"https": _load_by_uri},
                                  use_default=False, use_formats=False)


def validate_schema(doc: Document, kind: str, display_path: str) -> list[Problem]:
    """All schema problems of one document, each at the line of the key concerned."""
    # Most documents are valid: a compiled check answers those quickly, and only a
    # document that fails it is walked again for every error with its position.
    try:
        fast_check(kind)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    problems: list[Problem] = []
    for error in validator(kind).iter_errors(doc.data):
        problems.extend(_to_problems(error, doc, display_path))
    return problems


def _to_problems(error: ValidationError, doc: Document, where: str) -> list[Problem]:
    path = tuple(error.absolute_path)
    name = _name(path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}

    def at(p: tuple[Any, ...], code: str, detail: str) -> Problem:
        line, col = doc.positions.of(p)
        return Problem(where, line, col, code, detail)

    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        known = sorted(schema.get("properties", {}))
        out = []
        for key in error.instance:
            if key in known:
                continue
            guess = difflib.get_close_matches(str(key), known, n=1)
            extra = f" Bedoelde je '{guess[0]}'?" if guess else f" Toegestaan: {', '.join(known)}."
            out.append(at((*path, key), "S001", f"Onbekende sleutel '{key}'{_in(name)}.{extra}"))
        return out
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [at(path, "S002", f"Verplichte sleutel '{missing}' ontbreekt{_in(name)}.")]
    if keyword == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return [at(path, "S003", f"'{error.instance}' is niet toegestaan bij {name}. "
                                 f"Kies uit: {allowed}.")]
    if keyword == "const":
        return [at(path, "S003", f"{name} moet '{error.validator_value}' zijn.")]
    if keyword == "type":
        want = error.validator_value
        want_nl = " of ".join(_TYPES.get(t, t) for t in ([want] if isinstance(want, str) else want))
        return [at(path, "S004", f"{name} moet {want_nl} zijn, niet {_describe(error.instance)}.")]
    if keyword == "pattern" and path and path[-1] == "id":
        return [at(path, "I003", f"Id '{error.instance}' is geen geldige korte naam.")]
    if keyword in ("pattern", "format"):
        desc = schema.get("description") or _pattern_hint(error)
        return [at(path, "S005", f"'{error.instance}' bij {name} heeft niet de juiste vorm. "
                                 f"{desc}")]
    if keyword in ("minItems", "minLength"):
        return [at(path, "S004", f"{name} mag niet leeg zijn.")]
    if keyword == "uniqueItems":
        return [at(path, "S009", f"{name} bevat een waarde twee keer.")]
    if keyword in ("oneOf", "anyOf") and error.context:
        # Descend into the alternative that came closest, so the editor gets a concrete hint.
        # Alternatives that failed only on the top-level type or const are the wrong
        # branch for this value (e.g. '24/7' when a list of days was written).
        deeper = [e for e in error.context
                  if e.relative_path or e.validator not in ("type", "const")]
        inner = best_match(deeper or error.context)
        hint = schema.get("description", "")
        problems = _to_problems(inner, doc, where)
        if hint:
            problems = [Problem(p.path, p.line, p.column, p.code, f"{p.detail} ({hint})")
                        for p in problems]
        return problems
    if keyword == "not":
        return [at(path, "S009", f"{name}: noem een organisatie óf een rol, niet allebei.")]
    return [at(path, "S009", f"{name}: {error.message}")]


def _name(path: tuple[Any, ...]) -> str:
    if not path:
        return "het bestand"
    parts = []
    for p in path:
        parts.append(f"[{p + 1}]" if isinstance(p, int) else (("." if parts else "") + str(p)))
    return "'" + "".join(parts) + "'"


def _in(name: str) -> str:
    return "" if name == "het bestand" else f" in {name}"


def _describe(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met sleutels"
    return f"'{value}'"


def _pattern_hint(error: ValidationError) -> str:
    pattern = str(error.validator_value)
    if "[a-z0-9]" in pattern:
        return "Gebruik kleine letters, cijfers en streepjes."
    if "[0-9]{4}-" in pattern:
        return "Schrijf een datum als JJJJ-MM-DD."
    if ":[0-5]" in pattern:
        return "Schrijf een tijd als UU:MM, bijv. 09:00."
    return f"Verwacht patroon: {pattern}."
