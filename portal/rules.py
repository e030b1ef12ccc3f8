"""Rules that the schemas cannot express: contact values, references between files,
the safety of victims, and freshness. Each function takes loaded documents and returns
Problems; none of them reads files or stops early.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from .contacts import is_valid_email, is_valid_url, parse_phone
from .markdown_scan import scan_markdown
from .messages import Problem, display_path
from .yamlsource import Document

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
        problems += _check_safety(doc)
    return problems


def _check_urls(doc: Document) -> list[Problem]:
    out = []
    website = doc.data.get("website")
    if isinstance(website, str) and not is_valid_url(website):
        out.append(doc.problem(("website",), "C003", f"Website '{website}' is geen volledig "
                                                  "https-adres."))
    sources = [(("source",), doc.data.get("source"))]
    sources += [(("channels", i, "source"), c.get("source")) for i, c in
                _dicts(doc.data.get("channels"))]
    for path, source in sources:
        url = source.get("url") if isinstance(source, dict) else None
        # Old sources may only exist over http; the link is still shown as the source.
        if isinstance(url, str) and not is_valid_url(url, require_https=False):
            out.append(doc.problem((*path, "url"), "C003", f"Bron '{url}' is geen volledig "
                                                        "webadres."))
    return out


def _check_channel(doc: Document, i: int, channel: dict) -> list[Problem]:
    kind, value = channel.get("type"), channel.get("value")
    if not isinstance(value, str):
        return []
    path = ("channels", i, "value")
    if kind in ("phone", "whatsapp"):
        if "@" in value or value.startswith("http"):
            return [doc.problem(path, "C004", f"Kanaal van type '{kind}' heeft geen nummer "
                                           f"maar '{value}'.")]
        if parse_phone(value) is None:
            return [doc.problem(path, "C001", f"'{value}' is geen geldig Nederlands "
                                           "telefoonnummer.")]
    elif kind == "email":
        if not is_valid_email(value):
            return [doc.problem(path, "C002", f"'{value}' is geen geldig e-mailadres.")]
    elif kind in ("chat", "webform") and not is_valid_url(value):
        return [doc.problem(path, "C003", f"'{value}' is geen volledig https-adres.")]
    return []


def _check_safety(doc: Document) -> list[Problem]:
    org = doc.data
    if not houses_victims(org):
        return []
    why = (f"'{org.get('name', doc.path.stem)}' is een plek waar slachtoffers verblijven "
           f"(soort '{org.get('kind')}'{', houses_victims' if org.get('houses_victims') else ''})"
           "; mensenhandelaren mogen niet kunnen vinden waar zij zijn.")
    out = []
    if "address" in org:
        out.append(doc.problem(("address",), "B001", f"Adres niet toegestaan: {why}"))
    for i, channel in _dicts(org.get("channels")):
        if channel.get("type") == "walk-in":
            out.append(doc.problem(("channels", i, "type"), "B001",
                           f"Inloop-kanaal niet toegestaan: {why}"))
    return out


def check_freshness(organisations: dict[str, Document], today: date) -> list[Problem]:
    out = []
    for doc in organisations.values():
        verified = doc.data.get("verified")
        name = doc.data.get("name", doc.path.stem)
        if not isinstance(verified, dict):
            out.append(doc.problem(("id",), "F001", f"'{name}' is nog nooit bevestigd door de "
                                                 "redactie; de site toont 'niet gecontroleerd'."))
            continue
        try:
            when = date.fromisoformat(str(verified.get("date")))
        except ValueError:
            continue  # the schema reported the form already
        if today - when > FRESHNESS:
            out.append(doc.problem(("verified", "date"), "F002",
                           f"'{name}' is het laatst gecontroleerd op {when.isoformat()}, "
                           f"{(today - when).days} dagen geleden."))
    return out


# Free-text fields that readers see; contacts in them would be a second copy of a channel.
TEXT_KEYS = frozenset({"description", "summary", "do", "notes", "situation", "explanation",
                       "schedule_note"})


def _texts(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in TEXT_KEYS and isinstance(item, str):
                yield (*path, key), item
            elif key != "source":  # a source's note may quote the page it cites
                yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def check_texts(docs: Iterable[Document]) -> list[Problem]:
    """No phone number or e-mail address typed into the free text of a data file."""
    out = []
    for doc in docs:
        for path, text in _texts(doc.data):
            for found in scan_markdown(text, display_path(doc.path)):
                out.append(doc.problem(path, found.code, found.detail))
    return out
