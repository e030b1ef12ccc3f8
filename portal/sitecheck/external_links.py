"""The external link check (`portal check-links --external`), for a scheduled job: every
http and https address of the built site and the data files (external_collect) is asked
over the network (external_http), with a cache so that an address that worked recently
is not asked again, and the findings are reported by page and by data record, as text
or as JSON. It never gates a pull request: other people's sites change on their own.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..messages import CODES, Problem, Severity
from .external_collect import Addresses, Place
from .external_http import Result, Settings, check_urls

CACHE_VERSION = 1
MANY_PAGES = 10  # an address on more pages than this is reported once, not per page


def load_cache(path: Path | None) -> dict[str, dict[str, Any]]:
    """url -> stored result; an absent, unreadable or outdated cache is empty."""
    if path is None or not path.is_file():
        return {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("version") != CACHE_VERSION:
        return {}
    links = stored.get("links")
    return links if isinstance(links, dict) else {}


def save_cache(path: Path, results: dict[str, Result]) -> None:
    """Store the addresses that worked, atomically (a temporary file, then a rename)."""
    links = {url: {"status": r.status, "final_url": r.final_url, "detail": r.detail,
                   "redirects": r.redirects, "checked_at": r.checked_at}
             for url, r in sorted(results.items()) if r.code is None and r.checked_at}
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": CACHE_VERSION, "links": links}, ensure_ascii=False, indent=1)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _from_cache(url: str, entry: Any, now: datetime, max_age: timedelta) -> Result | None:
    try:
        checked = datetime.fromisoformat(entry["checked_at"])
        if checked.tzinfo is None or not timedelta(0) <= now - checked <= max_age:
            return None
        return Result(url, entry["status"], entry["final_url"], None, entry.get("detail", ""),
                      0, [(int(s), str(u)) for s, u in entry.get("redirects", [])],
                      entry["checked_at"], cached=True)
    except (KeyError, TypeError, ValueError):
        return None


def check_external(addresses: Addresses | list[str], settings: Settings, *,
                   cache: Path | None = None, max_age_hours: float = 24.0,
                   now: datetime | None = None,
                   sleep: Callable[[float], None] = time.sleep) -> dict[str, Result]:
    """url -> Result for every address: from the cache when it worked within
    `max_age_hours`, else asked again. Failures are always asked again."""
    now = now or datetime.now(UTC)
    stored = load_cache(cache)
    max_age = timedelta(hours=max_age_hours)
    results: dict[str, Result] = {}
    for url in addresses:
        hit = _from_cache(url, stored.get(url), now, max_age) if url in stored else None
        if hit is not None:
            results[url] = hit
    fresh = check_urls([u for u in addresses if u not in results], settings, sleep=sleep)
    stamp = now.isoformat(timespec="seconds")
    for result in fresh.values():
        result.checked_at = stamp
    results.update(fresh)
    if cache is not None:
        save_cache(cache, results)
    return {url: results[url] for url in addresses}


def severity_of(result: Result) -> Severity | None:
    return CODES[result.code].severity if result.code else None


def _page_note(place: Place, places: list[Place]) -> str:
    note = f" Linktekst: '{place.label}'." if place.label else ""
    data = [p for p in places if p.kind == "data"]
    if data:
        note += " Pas het adres aan in " + ", ".join(f"{p.path}:{p.line}" for p in data) + "."
    elif place.source:
        note += f" Bron: {place.source}."
    return note


def collect_problems(addresses: Addresses, results: dict[str, Result]) -> list[Problem]:
    """One Problem per place of every address that does not work (or moved)."""
    problems = []
    for url, result in results.items():
        if result.code is None:
            continue
        places = addresses.get(url, [])
        for place in places:
            if place.kind == "page":
                problems.append(Problem(place.path, 0, 0, result.code,
                                        result.detail + _page_note(place, places)))
            else:
                problems.append(Problem(place.path, place.line, place.column, result.code,
                                        f"{result.detail} Sleutel: {place.label}."))
    return sorted(problems)


def _line(result: Result, note: str) -> str:
    rule = CODES[result.code or ""]
    label = "fout" if rule.severity is Severity.ERROR else "waarschuwing"
    return f"  {rule.code} {label}: {result.detail}{note} Tip: {rule.hint}"


def render_text(addresses: Addresses, results: dict[str, Result]) -> str:
    """The findings grouped by page, then by data file; empty when all links work."""
    groups: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for url, result in results.items():
        if result.code is None:
            continue
        places = addresses.get(url, [])
        pages = [p for p in places if p.kind == "page"]
        if len(pages) > MANY_PAGES:
            names = ", ".join(p.path for p in pages[:3])
            groups.setdefault((1, f"op {len(pages)} pagina's (o.a. {names})"), []).append(
                (url, _line(result, _page_note(pages[0], places))))
        else:
            for page in pages:
                source = f" (bron: {page.source})" if page.source else ""
                groups.setdefault((0, f"pagina {page.path}{source}"), []).append(
                    (url, _line(result, _page_note(page, places))))
        for place in places:
            if place.kind == "data":
                groups.setdefault((2, f"gegevens {place.path}"), []).append(
                    (f"{place.line:09d}{url}", _line(
                        result, f" Regel {place.line}, sleutel {place.label}.")))
    out = []
    for (_, header), lines in sorted(groups.items()):
        out.append(header)
        out += [text for _, text in sorted(lines)]
    return "\n".join(out) + "\n" if out else ""


def render_json(addresses: Addresses, results: dict[str, Result]) -> str:
    """The machine-readable report: a summary and one entry per address."""
    links = []
    for url, result in results.items():
        severity = severity_of(result)
        links.append({
            "url": url, "status": result.status, "final_url": result.final_url,
            "code": result.code, "severity": severity.value if severity else None,
            "title": CODES[result.code].title if result.code else None,
            "detail": result.detail, "attempts": result.attempts, "cached": result.cached,
            "checked_at": result.checked_at,
            "redirects": [{"status": s, "url": u} for s, u in result.redirects],
            "where": [p.as_json() for p in addresses.get(url, [])],
        })
    return json.dumps({"summary": summary_counts(results), "links": links},
                      ensure_ascii=False, indent=2) + "\n"


def summary_counts(results: dict[str, Result]) -> dict[str, int]:
    severities = [severity_of(r) for r in results.values()]
    return {"checked": len(results), "cached": sum(r.cached for r in results.values()),
            "errors": severities.count(Severity.ERROR),
            "warnings": severities.count(Severity.WARNING)}


def format_summary(results: dict[str, Result]) -> str:
    counts = summary_counts(results)
    return (f"Externe links: {counts['checked']} adressen gecontroleerd "
            f"({counts['cached']} uit de cache): {counts['errors']} met een fout, "
            f"{counts['warnings']} met een waarschuwing.")
