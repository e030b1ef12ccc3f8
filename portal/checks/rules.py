"""Rules that the schemas cannot express: contact values (and the phone policy of
contacts.PHONE_POLICY), characters no value may hold, contacts typed into text,
references between files, the safety of victims, and freshness. Each function takes
loaded documents and returns Problems; none of them reads files or stops early.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ..data.contacts import (
    PHONE_TABLE_NAME,
    describe_char,
    email_trick,
    is_valid_email,
    is_valid_url,
    line_break,
    parse_phone,
    unwritable,
    url_trick,
)
from ..data.dates import parse_day
from ..data.load import DataTree
from ..data.schema import SchemaSet, matches, schema_path, shipped_schemas
from ..data.yamlsource import Document, walk_strings
from ..messages import Problem, display_path
from .markdown_scan import scan_markdown

# Kinds of organisation where victims live or stay: never a public address.
RESIDENTIAL_KINDS = frozenset({"shelter", "residential-care", "closed-youth-care", "family-home"})
FRESHNESS = timedelta(days=365)


def _dicts(value: Any) -> Iterator[tuple[int, dict]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def houses_victims(org: dict) -> bool:
    return org.get("kind") in RESIDENTIAL_KINDS or org.get("houses_victims") is True


def check_organisations(organisations: dict[str, Document]) -> list[Problem]:
    problems: list[Problem] = []
    for doc in organisations.values():
        org = doc.data
        problems += _check_urls(doc)
        seen: set[str] = set()
        for i, channel in _dicts(org.get("channels")):
            channel_id = channel.get("id")
            if isinstance(channel_id, str):
                if channel_id in seen:
                    problems.append(doc.problem(("channels", i, "id"), "I002",
                                        f"Kanaal-id '{channel_id}' komt twee keer voor."))
                seen.add(channel_id)
            problems += _check_channel(doc, i, channel)
    return problems


def _check_urls(doc: Document) -> list[Problem]:
    out = []
    website = doc.data.get("website")
    if isinstance(website, str):
        out += _check_url(doc, ("website",), website, f"Website '{website}'")
    sources = [(("source",), doc.data.get("source"))]
    sources += [(("channels", i, "source"), c.get("source")) for i, c in
                _dicts(doc.data.get("channels"))]
    sources += [(("channels", i, "cost", "source"), c["cost"].get("source")) for i, c in
                _dicts(doc.data.get("channels")) if isinstance(c.get("cost"), dict)]
    for path, source in sources:
        url = source.get("url") if isinstance(source, dict) else None
        # Old sources may only exist over http; the link is still shown as the source.
        if isinstance(url, str):
            out += _check_url(doc, (*path, "url"), url, f"Bron '{url}'", require_https=False)
    return out


def _check_url(doc: Document, path: tuple[Any, ...], url: str, what: str, *,
               require_https: bool = True) -> list[Problem]:
    if line_break(url) or unwritable(url):
        return []  # check_characters reports it
    trick = url_trick(url)
    if trick:
        return [doc.problem(path, "C009", f"{what} is geen gewoon webadres: {trick}.")]
    if not is_valid_url(url, require_https=require_https):
        kind = "https-adres" if require_https else "webadres"
        return [doc.problem(path, "C003", f"{what} is geen volledig {kind}.")]
    return []


def _check_channel(doc: Document, i: int, channel: dict) -> list[Problem]:
    kind, value = channel.get("type"), channel.get("value")
    if not isinstance(value, str) or line_break(value) or unwritable(value):
        return []  # check_characters reports a line break or an unwritable character
    path = ("channels", i, "value")
    if kind in ("phone", "whatsapp"):
        if "@" in value or value.startswith("http"):
            return [doc.problem(path, "C004", f"Kanaal van type '{kind}' heeft geen nummer "
                                           f"maar '{value}'.")]
        return _check_phone(doc, path, value, channel)
    if kind == "email":
        trick = email_trick(value)
        if trick:
            return [doc.problem(path, "C008", f"E-mailadres '{value}' niet toegestaan: "
                                           f"{trick}.")]
        if not is_valid_email(value):
            return [doc.problem(path, "C002", f"'{value}' is geen geldig e-mailadres.")]
    elif kind in ("chat", "webform"):
        return _check_url(doc, path, value, f"'{value}'")
    return []


def _check_phone(doc: Document, path: tuple[Any, ...], value: str,
                 channel: dict) -> list[Problem]:
    """A number is valid, and its kind is in the phone policy and not refused."""
    phone = parse_phone(value)
    if phone is None:
        return [doc.problem(path, "C001", f"'{value}' is geen geldig Nederlands "
                                       "telefoonnummer.")]
    kind = phone.kind
    if kind is None:
        return [doc.problem(path, "C006", f"'{value}' is een soort nummer die niet in "
                                       f"{PHONE_TABLE_NAME} staat (en in "
                                       "portal/data/contacts.py, PHONE_POLICY).")]
    if kind.refused:
        return [doc.problem(path, "C005", f"'{value}' is een {kind.name.lower()} "
                                       f"({kind.prefix}): {kind.why}")]
    if kind.needs_cost and not isinstance(channel.get("cost"), dict):
        return [doc.problem(path, "C007", f"'{value}' is een 0900-nummer: bellen "
                                       "kost geld, maar bij het kanaal staat niet wat "
                                       "(cost, met description en source).")]
    return []


def check_freshness(organisations: dict[str, Document], today: date) -> list[Problem]:
    out = []
    for doc in organisations.values():
        verified = doc.data.get("verified")
        name = doc.data.get("name", doc.path.stem)
        if not isinstance(verified, dict):
            out.append(doc.problem(("id",), "F001", f"'{name}' is nog nooit bevestigd door de "
                                                 "redactie; de voorbeeldversie van de site "
                                                 "meldt dat."))
            continue
        when = parse_day(verified.get("date"))  # the validator's and the build's reading
        if when is None or when > today:
            continue  # reported already: the form (S005), no such day (D001), future (D002)
        if today - when > FRESHNESS:
            out.append(doc.problem(("verified", "date"), "F002",
                           f"'{name}' is het laatst gecontroleerd op {when.isoformat()}, "
                           f"{(today - when).days} dagen geleden."))
    return out


# The data files that are one document each, by the name of the tree's attribute, which
# is also the name of their schema with - for _ (roles.schema.json, after-report...).
SINGLE_FILES = ("roles", "municipalities", "wegwijzer", "signals", "after_report",
                "beslishulp", "keten")


def documents_by_schema(tree: DataTree) -> Iterator[tuple[str, Document]]:
    """Every document of `tree` with the name of the schema file that describes it."""
    for doc in tree.organisations.values():
        yield schema_path("organisation").name, doc
    for doc in tree.routes.values():
        yield schema_path("route").name, doc
    for doc in tree.agenda.values():
        yield schema_path("agenda").name, doc
    for kind in SINGLE_FILES:
        doc = getattr(tree, kind, None)  # None: the tree has no such file
        if doc is not None:
            yield schema_path(kind.replace("_", "-")).name, doc


def _key(path: tuple[Any, ...]) -> Any:
    return next((part for part in reversed(path) if isinstance(part, str)), None)


def check_characters(tree: DataTree, schemas: SchemaSet | None = None) -> list[Problem]:
    """No line break in a one-line value (`x-one-line` in its schema: E001), and no
    character that no file can hold (E002), in any string of any data file."""
    schemas = schemas or shipped_schemas()
    out = []
    for file, doc in documents_by_schema(tree):
        one_line = schemas.annotated(file, "x-one-line")
        for path, text in walk_strings(doc.data):
            bad = unwritable(text)
            if bad:
                out.append(doc.problem(path, "E002", f"De tekst bevat {describe_char(bad)}, "
                                                  "een teken dat in geen bestand past."))
            elif line_break(text) and matches(path, one_line):
                out.append(doc.problem(path, "E001", f"'{_key(path)}' staat op één regel, "
                                                  f"maar bevat {describe_char(line_break(text))}."))
    return out


def _own_numbers(data: dict, path: tuple[Any, ...]) -> frozenset[str]:
    """Numbers a text may name: a channel's own in its label, an organisation's in its
    name ("Bel 112" on the 112 channel names the number the button dials)."""
    channels = list(_dicts(data.get("channels")))
    if path == ("name",):
        values = [c.get("value") for _, c in channels]
    elif len(path) == 3 and path[0] == "channels" and path[2] == "label":
        values = [c.get("value") for i, c in channels if i == path[1]]
    else:
        return frozenset()
    phones = [parse_phone(v) for v in values if isinstance(v, str)]
    return frozenset(p.tel for p in phones if p is not None)


def check_texts(tree: DataTree, schemas: SchemaSet | None = None) -> list[Problem]:
    """No phone number or e-mail address typed into the text of a data file (every value
    its schema declares `x-text`: names, labels and titles included), and no number of a
    refused kind anywhere in it."""
    schemas = schemas or shipped_schemas()
    out = []
    for file, doc in documents_by_schema(tree):
        text_fields = schemas.annotated(file, "x-text")
        for path, text in walk_strings(doc.data):
            if not matches(path, text_fields):
                continue
            # A source's note may quote the page it cites; a refused number never.
            typed = "source" not in path
            found = scan_markdown(text, display_path(doc.path), typed=typed,
                                  own=_own_numbers(doc.data, path))
            out += [doc.problem(path, f.code, f.detail) for f in found]
    return out
