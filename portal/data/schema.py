"""Check YAML documents against the JSON Schemas in portal/schemas/, in Dutch.

The same schema files are referenced from the YAML files for editors' IDEs; here they
are compiled once and each jsonschema error is turned into a Problem at the line of the
key it is about. The days in a document (the fields the schemas declare as dates) are
then read with dates.parse_day: a day that does not exist is D001, and a day after today
where the date says when something was read or checked is D002.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from ..messages import Problem
from .dates import is_read_or_checked, parse_day
from .yamlsource import Document

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"
Path_ = tuple[Any, ...]

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


# The one definition of a date in the schemas, and its pattern (the form; the calendar is
# parse_day's).
_DATE_DEF = ("common.schema.json", "/$defs/date")


class Resolved(NamedTuple):
    """A schema node with every $ref followed (the referring node's keys win)."""

    schema: dict
    file: str  # the file the last definition followed lives in
    refs: tuple[tuple[str, str], ...]  # (file, pointer) of every definition followed
    pattern_hint: str | None  # the description that belongs to its pattern

    @property
    def ref_name(self) -> str | None:
        return self.refs[-1][1].rsplit("/", 1)[-1] if self.refs else None


class SchemaSet:
    """The schema files of one folder, by file name, and what their annotations declare.

    Each property is declared once, in its schema, with the project's annotations beside
    the JSON Schema keywords (validators ignore keywords they do not know):

    - `x-label`: its Dutch name in the web editor (portal/editors/decap_fields.py) and in
      the scaffolds of `portal new`;
    - `x-text: true`: free text a reader sees, scanned for typed phone numbers and e-mail
      addresses (checks/rules.check_texts); every other string is a machine value with
      its own check (an id, a date, a contact value, an address);
    - `x-one-line: true`: no line break (checks/rules.check_characters): it would start a
      new line in a vCard, a CSV row or a printed poster;
    - `x-widget`: the web editor's widget where the shape does not say it ("text" for
      sentences in a multi-line box; "string" is the default for text);
    - `x-english`: the sibling property that holds the same text in English (`wording` ->
      `wording_en`), read by the English pages (model.in_language) and by the check that
      an English page has every text it shows (checks/lists.py).
    """

    def __init__(self, files: Mapping[str, dict]):
        self.files = dict(files)
        self._walks: dict[str, list[tuple[Path_, Resolved]]] = {}

    @classmethod
    def load(cls, folder: Path = SCHEMA_DIR) -> SchemaSet:
        return cls({p.name: json.loads(p.read_text(encoding="utf-8"))
                    for p in sorted(folder.glob("*.schema.json"))})

    def resolve(self, schema: dict, file: str) -> Resolved:
        merged, refs = dict(schema), []
        pattern_hint = merged.get("description") if "pattern" in merged else None
        while "$ref" in merged:
            target_file, _, pointer = merged.pop("$ref").partition("#")
            file = target_file.rsplit("/", 1)[-1] or file
            if (file, pointer) in refs:
                raise ValueError(f"{file}#{pointer}: kringverwijzing")
            refs.append((file, pointer))
            target = self.files[file]
            for part in filter(None, pointer.split("/")):
                target = target[part]
            if "pattern" in target and pattern_hint is None:
                pattern_hint = target.get("description")
            merged = {**target, **merged}  # the referring schema's annotations win
        return Resolved(merged, file, tuple(refs), pattern_hint)

    def walk(self, file: str) -> list[tuple[Path_, Resolved]]:
        """Every node of schemas[file] that describes a value, with its path ("*" for any
        list item or key), its $refs followed; a path reached through several branches
        (oneOf, allOf) comes once per branch."""
        if file not in self._walks:
            found: list[tuple[Path_, Resolved]] = []
            self._walk(self.files[file], file, (), 0, found)
            self._walks[file] = found
        return self._walks[file]

    def _walk(self, node: Any, file: str, path: Path_, depth: int,
              found: list[tuple[Path_, Resolved]]) -> None:
        if not isinstance(node, dict) or depth > 32:
            return
        resolved = self.resolve(node, file)
        found.append((path, resolved))
        if _DATE_DEF in resolved.refs:
            return  # a date: a string, nothing below it
        node, file = resolved.schema, resolved.file
        for key, sub in node.get("properties", {}).items():
            self._walk(sub, file, (*path, key), depth + 1, found)
        for sub in node.get("patternProperties", {}).values():
            self._walk(sub, file, (*path, "*"), depth + 1, found)
        for key in ("items", "additionalProperties"):
            self._walk(node.get(key), file, (*path, "*"), depth + 1, found)
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, ()):
                self._walk(sub, file, path, depth + 1, found)
        for key in ("then", "else"):
            self._walk(node.get(key), file, path, depth + 1, found)

    def annotated(self, file: str, annotation: str) -> frozenset[Path_]:
        """The paths of schemas[file] whose node declares `annotation` true."""
        return frozenset(path for path, node in self.walk(file)
                         if node.schema.get(annotation) is True)

    def english(self, file: str, path: Path_) -> str | None:
        """The property that holds the English of the property at `path` (its
        `x-english`), or None when it has no English."""
        return next((node.schema["x-english"] for p, node in self.walk(file)
                     if p == path and "x-english" in node.schema), None)

    def property_paths(self, file: str) -> frozenset[Path_]:
        """Every path of schemas[file] that is a property (not a list item or a key)."""
        return frozenset(path for path, _ in self.walk(file) if path and path[-1] != "*")


@cache
def shipped_schemas() -> SchemaSet:
    """The schemas of portal/schemas/, read once."""
    return SchemaSet.load()


@cache
def _schema_file(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def _date_form() -> re.Pattern[str]:
    return re.compile(_schema_file(_DATE_DEF[0])["$defs"]["date"]["pattern"])


@cache
def day_fields(kind: str) -> dict[tuple[str, ...], bool]:
    """Every date field of a schema, as a path ("*" for any list item or key), with True
    where the date says when something was read or checked (never after today)."""
    return {path: is_read_or_checked(path)
            for path, node in shipped_schemas().walk(schema_path(kind).name)
            if _DATE_DEF in node.refs}


def matches(path: tuple[Any, ...], patterns: frozenset[Path_]) -> bool:
    """Whether a concrete path (list indexes, keys) is one of `patterns` ("*": any)."""
    if tuple("*" if isinstance(p, int) else p for p in path) in patterns:
        return True
    return any(len(pattern) == len(path) and all(a == b or a == "*"
                                                  for a, b in zip(pattern, path, strict=True))
               for pattern in patterns)


def _at_pattern(data: Any, pattern: tuple[str, ...],
                path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """The values of `data` at `pattern`, each with its concrete path."""
    if not pattern:
        return [(path, data)]
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            items = list(enumerate(data))
        elif isinstance(data, dict):
            items = list(data.items())
        else:
            return []
        return [found for key, value in items for found in _at_pattern(value, rest, (*path, key))]
    if isinstance(data, dict) and head in data:
        return _at_pattern(data[head], rest, (*path, head))
    return []


def check_days(doc: Document, kind: str, where: str, today: date | None = None) -> list[Problem]:
    """D001 for a date of the right form that names no day (2026-02-30); D002 for a day
    after `today` where the date says when something was read or checked. A value of the
    wrong form is the schema's (S005) and is left alone here."""
    problems = []
    for pattern, read_or_checked in day_fields(kind).items():
        for path, value in _at_pattern(doc.data, pattern):
            if not isinstance(value, str) or not _date_form().search(value):
                continue
            day = parse_day(value)
            if day is None:
                code, detail = "D001", f"'{value}' bij {_name(path)} is geen bestaande datum."
            elif read_or_checked and today is not None and day > today:
                code, detail = "D002", (f"'{value}' bij {_name(path)} ligt na vandaag "
                                        f"({today.isoformat()}): deze datum zegt wanneer iets "
                                        "gelezen of gecontroleerd is.")
            else:
                continue
            line, col = doc.positions.of(path)
            problems.append(Problem(where, line, col, code, detail))
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
