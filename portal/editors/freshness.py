"""The freshness report: which pages and records were looked at longest ago, per team.

A page's date is `last_reviewed` in its front matter and its team is `owner`. An
organisation's date is `verified.date` when an editor confirmed it (team:
`verified.team`), else `source.read`, the day its public source was read (no team yet).
A route has no date of its own: it is as fresh as the oldest organisation its steps
name. The same items give the plain-text report of `portal report`, its Markdown form,
and the editors' page the build writes (FRESHNESS_URI: not in the navigation or the
search, noindex). Pure functions of the files, `today` passed in; dates are read by
dates.parse_day, as the validator reads them.

This editorial state (never checked with the organisation, checked too long ago) is for
editors only: the public pages show where the data comes from and when it was read or
checked, no doubt label. A preview build (the portal plugin's `preview`) adds the editors'
page to the site and a banner with `check_states` of the organisations a page names.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..checks.frontmatter import read_page_meta
from ..checks.rules import FRESHNESS
from ..data.dates import parse_day
from ..data.load import DataTree
from ..data.model import Organisation
from ..data.text import nl_date
from ..messages import display_path
from ..pages.escape import md_inline
from ..pages.generator import organisation_uri

FRESHNESS_URI = "redactie/actualiteit.md"
NO_OWNER = "Zonder team"
NEVER_CHECKED = "nooit gecontroleerd bij de organisatie"  # F001 of the validator
OVERDUE = "langer dan 12 maanden geleden gecontroleerd"  # F002
NEVER_BASIS = "bron gelezen, nooit gecontroleerd"


@dataclass(frozen=True)
class Item:
    """One page or record: its date (None when unknown) and what that date means."""

    kind: str  # "pagina", "organisatie" or "route"
    path: str  # as an editor types it, e.g. docs/youth/index.md
    title: str
    owner: str
    when: date | None
    basis: str  # e.g. "nagelezen", "gecontroleerd", "bron gelezen"

    def age(self, today: date) -> int | None:
        return None if self.when is None else (today - self.when).days


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return display_path(path)


def _text(value: Any, default: str) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else default


def collect_pages(docs_dir: Path, root: Path | None = None) -> list[Item]:
    """Every page under `docs_dir` with its last_reviewed and owner."""
    items = []
    for path in sorted(docs_dir.rglob("*.md")):
        meta = read_page_meta(path)
        items.append(Item("pagina", _shown(path, root), _text(meta.get("title"), path.stem),
                          _text(meta.get("owner"), NO_OWNER), parse_day(meta.get("last_reviewed")),
                          "nagelezen"))
    return items


def _organisation(doc_data: dict, shown: str, stem: str) -> Item:
    name = _text(doc_data.get("name"), stem)
    verified = doc_data.get("verified")
    if isinstance(verified, dict) and parse_day(verified.get("date")):
        return Item("organisatie", shown, name, _text(verified.get("team"), NO_OWNER),
                    parse_day(verified.get("date")), "gecontroleerd")
    source = doc_data.get("source")
    read = parse_day(source.get("read")) if isinstance(source, dict) else None
    return Item("organisatie", shown, name, NO_OWNER, read, NEVER_BASIS)


def collect_records(tree: DataTree, root: Path | None = None) -> list[Item]:
    """Every organisation and route of `tree`, read leniently (errors are validate's)."""
    orgs = {oid: _organisation(doc.data, _shown(doc.path, root), oid)
            for oid, doc in tree.organisations.items()}
    items = list(orgs.values())
    for rid, doc in tree.routes.items():
        steps = doc.data.get("steps")
        named = [s.get("organisation") for s in steps if isinstance(s, dict)] \
            if isinstance(steps, list) else []
        used = [orgs[o] for o in dict.fromkeys(named) if isinstance(o, str) and o in orgs]
        dated = [o for o in used if o.when is not None]
        oldest = min(dated, key=lambda o: o.when) if dated else None
        basis = (f"oudste organisatie: {oldest.title}" if oldest
                 else "noemt geen organisatie met een datum")
        items.append(Item("route", _shown(doc.path, root), _text(doc.data.get("title"), rid),
                          NO_OWNER, oldest.when if oldest else None, basis))
    return items


def sort_by_age(items: list[Item]) -> list[Item]:
    """Oldest first; an item without a date (never looked at) before all others."""
    return sorted(items, key=lambda i: (i.when is not None, i.when or date.min, i.path))


def group_by_owner(items: list[Item]) -> dict[str, list[Item]]:
    """Owner -> items, oldest first; teams alphabetically, items without a team last."""
    groups: dict[str, list[Item]] = {}
    for item in sort_by_age(items):
        groups.setdefault(item.owner, []).append(item)
    order = sorted(groups, key=lambda owner: (owner == NO_OWNER, owner.lower()))
    return {owner: groups[owner] for owner in order}


def check_states(organisations: dict[str, Organisation], today: date) -> dict[str, str]:
    """Organisation id -> why it needs an editor (NEVER_CHECKED or OVERDUE), as the
    validator's F001 and F002 read it; organisations checked in time are left out."""
    states = {}
    for oid, org in organisations.items():
        when = parse_day(org.verified_date)
        if when is None:
            states[oid] = NEVER_CHECKED
        elif today - when > FRESHNESS:
            states[oid] = OVERDUE
    return states


_HREF = re.compile(r'href="([^"#?:]*)[#?"]')  # relative links only: no scheme, no colon


def linked_organisations(html: str, page_url: str, org_ids: list[str]) -> list[str]:
    """The organisations (of `org_ids`) whose page the HTML of the page at `page_url`
    (site-relative, e.g. "gemeenten/venlo/" or "en/hulp/") links to or is, in order."""
    pages = {organisation_uri(oid).removesuffix(".md"): oid for oid in org_ids}
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)

    def page_of(url: str) -> str:
        path = posixpath.normpath(url).strip("/").removesuffix("/index.html")
        return path.removeprefix("en/")  # an English page links to the Dutch ones too

    found = [pages.get(page_of(page_url or "."))]
    found += [pages.get(page_of(posixpath.join(base, href))) for href in _HREF.findall(html)]
    return list(dict.fromkeys(oid for oid in found if oid))


def age_text(item: Item, today: date) -> str:
    age = item.age(today)
    if age is None:
        return "onbekend"
    if age < 0:
        return "in de toekomst"
    return "vandaag" if age == 0 else ("1 dag" if age == 1 else f"{age} dagen")


def _heading(items: list[Item], today: date) -> str:
    orgs = [i for i in items if i.kind == "organisatie"]
    never = sum(i.basis == NEVER_BASIS for i in orgs)
    overdue = sum(i.basis != NEVER_BASIS and (i.age(today) or 0) > FRESHNESS.days for i in orgs)
    return (f"Stand op {nl_date(today.isoformat())}: {len(items)} pagina's en gegevens, per "
            "team, het langst niet nagekeken eerst. Van de organisaties zijn er "
            f"{never} {NEVER_CHECKED} en {overdue} {OVERDUE}.")


def render_text(items: list[Item], today: date) -> str:
    """The report of `portal report` as Dutch plain text."""
    lines = ["Actualiteit van pagina's en gegevens", _heading(items, today)]
    for owner, group in group_by_owner(items).items():
        lines += ["", f"{owner} ({len(group)})"]
        for item in group:
            when = item.when.isoformat() if item.when else "geen datum"
            lines.append(f"  {when:<10}  {age_text(item, today):>10}  {item.kind:<11}  "
                         f"{item.path}: {item.title} ({item.basis})")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A title or team from data or front matter, as text in a Markdown table cell."""
    return str(md_inline(text))


def render_markdown(items: list[Item], today: date) -> str:
    """The same report as Markdown: one table per team."""
    out = ["# Actualiteit van pagina's en gegevens", "", _heading(items, today), ""]
    for owner, group in group_by_owner(items).items():
        out += [f"## {_cell(owner)}", "", "| Datum | Leeftijd | Soort | Bestand | Titel |",
                "|---|---|---|---|---|"]
        for item in group:
            when = item.when.isoformat() if item.when else "geen datum"
            out.append(f"| {when} | {age_text(item, today)} | {item.kind} | `{item.path}` | "
                       f"{_cell(item.title)} ({_cell(item.basis)}) |")
        out.append("")
    return "\n".join(out)


PAGE_FRONT_MATTER = """---
title: Actualiteit van pagina's en gegevens
description: "Voor de redactie: welke pagina's en contactgegevens het langst niet zijn \
nagekeken, per team en het oudste eerst."
robots: noindex
search:
  exclude: true
---
"""


def render_page(items: list[Item], today: date) -> str:
    """The editors' page of the build: noindex, excluded from the search, no edit link
    (it is generated from the dates in docs/ and data/; change those instead)."""
    intro = ("Deze pagina is voor de redactie. Ze wordt bij elke bouw gemaakt uit "
             "`last_reviewed` en `owner` van de pagina's en uit `verified` en `source.read` "
             "van de organisaties. Werk die bij om een regel te verversen; dezelfde lijst "
             "geeft `portal report`.")
    body = render_markdown(items, today)
    title, rest = body.split("\n", 1)
    return f"{PAGE_FRONT_MATTER}{title}\n\n{intro}\n{rest}"


_SITEMAP_URL = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)
# An hreflang alternate of a page (mkdocs-static-i18n's sitemap): its translation.
_SITEMAP_ALTERNATE = re.compile(r'\s*<xhtml:link rel="alternate" hreflang="[^"]*" href="([^"]*)"/>')


def render_sitemap_without(xml: str, urls: set[str]) -> str:
    """sitemap.xml without the pages (site-relative urls such as "redactie/actualiteit/")
    that ask search engines not to index them: a sitemap lists what should be found."""
    def keep(match: re.Match[str]) -> str:
        loc = match.group(1).strip()
        return "" if any(url and loc.endswith("/" + url) for url in urls) else match.group(0)

    def keep_alternate(match: re.Match[str]) -> str:
        href = match.group(1).strip()
        return "" if any(url and href.endswith("/" + url) for url in urls) else match.group(0)

    return _SITEMAP_ALTERNATE.sub(keep_alternate, _SITEMAP_URL.sub(keep, xml))


def preview_banner(page_orgs: list[str], organisations: Mapping[str, Any],
                   states: dict[str, str]) -> dict:
    """What the preview banner (overrides/partials/preview-banner.html) says on a page, for
    either engine: the organisations it names (`page_orgs`, linked_organisations) that an
    editor must still check (`states`: check_states), and the counts for the whole site."""
    here = [{"name": organisations[oid].name, "why": states[oid]}
            for oid in page_orgs if oid in states]
    never = sum(why == NEVER_CHECKED for why in states.values())
    return {"page": here, "total": len(organisations), "never": never,
            "overdue": len(states) - never,
            "report": FRESHNESS_URI.removesuffix(".md") + "/"}
