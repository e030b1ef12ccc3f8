"""Generate the pages of the portal as Markdown strings: the help directory, one page per
organisation, route and municipality, the municipality overview and the Wegwijzer.

Each page is a GeneratedFile with its docs-relative path and the data file it comes
from (for the "edit" link). Nothing here knows about MkDocs: the plugin hands these to
MkDocs, and `portal generate` writes them to a folder.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment

from ..data.agenda import SECTIONS, event_anchor, split_events, when_text
from ..data.model import Portal
from ..data.text import nl_list
from ..exports.ical import ICS_URI, render_ics
from ..exports.jsonld import render_jsonld
from ..exports.opendata import jsonld_organisation
from .chain import (
    actor_name,
    actor_role,
    chain_steps,
    confirmed,
    relation_label,
    render_chain_svg,
)
from .render import relative_link
from .resolve import (
    answer_need,
    answer_steps,
    common_first,
    group_role,
    resolve_role,
    resolve_route,
    roles_by_place,
    without_routes,
)

DIRECTORY = "hulp/index.md"
DIRECTORY_EN = "hulp/index.en.md"  # built under /en/ by mkdocs-static-i18n
WEGWIJZER_EN = "wegwijzer/index.en.md"  # the English Wegwijzer: one page, /en/wegwijzer/
ROUTES = "wat-kan-ik-doen/index.md"
MUNICIPALITIES = "gemeenten/index.md"
AUDIENCE_SLUGS = {"youth": "jongere", "parents": "ouder", "professionals": "professional"}
URGENCY_SLUGS = {"acute": "nu-gevaar", "today": "vandaag", "advice": "advies"}
BESLISHULP = "professionals/beslishulp.md"
KETEN = "professionals/keten.md"
AGENDA = "agenda/index.md"
AGENDA_ARCHIVE = "agenda/archief.md"
VEILIG_THUIS_ROLE = "veilig-thuis"


def organisation_uri(org_id: str) -> str:
    return f"hulp/{org_id}.md"


def region_uri(region_id: str) -> str:
    return f"hulp/regio/{region_id}.md"


def route_uri(route_id: str) -> str:
    return f"wat-kan-ik-doen/{route_id}.md"


def municipality_uri(muni_id: str) -> str:
    return f"gemeenten/{muni_id}.md"


def wegwijzer_uri(audience: str | None = None) -> str:
    """wegwijzer/<audience>/index.md: the start, or one audience's page. What a visitor
    chooses on that page (the need, the place) opens in place and is not in the address."""
    return f"wegwijzer/{AUDIENCE_SLUGS[audience]}/index.md" if audience else "wegwijzer/index.md"


@dataclass(frozen=True)
class GeneratedFile:
    uri: str  # docs-relative path, e.g. "hulp/fier.md" or "open-data/contacts.csv"
    content: str | bytes
    source: Path | None = None  # the data file (or folder) an editor changes


class PageGenerator:
    """Renders every generated page of one portal with one Jinja environment."""

    def __init__(self, portal: Portal, env: Environment, today: date | None = None):
        self.portal = portal
        self.env = env
        self.today = today or date.today()  # the build's day: past events are archived

    def _render(self, template: str, uri: str, source: Path | None, **context) -> GeneratedFile:
        def link(to_uri: str) -> str:
            return relative_link(uri, to_uri)

        text = self.env.get_template(template).render(
            portal=self.portal, link=link, uri=uri, organisation_uri=organisation_uri,
            route_uri=route_uri, municipality_uri=municipality_uri, region_uri=region_uri,
            wegwijzer_uri=wegwijzer_uri, **context)
        return GeneratedFile(uri, text, source)

    def generate(self) -> list[GeneratedFile]:
        p = self.portal
        files = [self.directory(), self.directory_en(), self.routes_index(),
                 self.municipalities_index()]
        files += [self.organisation(o) for o in p.organisations]
        files += [self.region(r) for r in p.regions]
        files += [self.route(r) for r in p.routes]
        files += [self.municipality(m) for m in p.municipalities]
        files += self.wegwijzer() + self.wegwijzer_en() + self.beslishulp()
        files += self.keten()
        files += self.agenda()
        return files

    def directory(self) -> GeneratedFile:
        groups = {a: [o for o in self.portal.organisations.values() if a in o.audiences]
                  for a in AUDIENCE_SLUGS}
        return self._render("directory.md.j2", DIRECTORY,
                            self.portal.data_files.get("organisations"), groups=groups)

    def directory_en(self) -> GeneratedFile:
        """The directory in English, for newcomers: the same organisations and numbers."""
        groups = {a: [o for o in self.portal.organisations.values() if a in o.audiences]
                  for a in AUDIENCE_SLUGS}
        return self._render("directory.en.md.j2", DIRECTORY_EN,
                            self.portal.data_files.get("organisations"), groups=groups)

    def organisation(self, org_id: str) -> GeneratedFile:
        org = self.portal.organisations[org_id]
        jsonld = render_jsonld(jsonld_organisation(org))  # safe inside <script>
        routes = [r for r in self.portal.routes.values()
                  if any(s.organisation == org_id for s in r.steps)]
        return self._render("organisation.md.j2", organisation_uri(org_id), org.file, org=org,
                            jsonld=jsonld, routes=routes,
                            area=self.area(org))

    def area(self, org) -> str:
        """Where an organisation works, in Dutch."""
        if org.area_description:
            return org.area_description
        if org.scope == "national":
            return "heel Nederland"
        if org.scope == "province":
            return "de provincie Limburg"
        if org.scope == "outside-limburg":
            return "buiten Limburg"
        names = self._area_names
        return nl_list([names.get(i, i) for i in (*org.regions, *org.municipalities)])

    @functools.cached_property
    def _area_names(self) -> dict[str, str]:
        """The name of every region, subregion and municipality by id, made once (not
        once per organisation)."""
        names = {r.id: r.name for r in self.portal.regions.values()}
        for region in self.portal.regions.values():
            names.update(region.subregions)
        names.update({m.id: m.name for m in self.portal.municipalities.values()})
        return names

    def region(self, region_id: str) -> GeneratedFile:
        region = self.portal.regions[region_id]
        orgs = [o for o in self.portal.organisations.values() if self._serves(o, region_id)]
        return self._render("region.md.j2", region_uri(region_id),
                            self.portal.data_files.get("municipalities"), region=region,
                            organisations=orgs)

    def _serves(self, org, region_id: str) -> bool:
        if org.scope in ("national", "province"):
            return True
        if region_id in org.regions:
            return True
        subs = self.portal.regions[region_id].subregions
        if any(r in subs for r in org.regions):
            return True
        return any(self.portal.municipalities[m].region == region_id
                   for m in org.municipalities if m in self.portal.municipalities)

    def routes_index(self) -> GeneratedFile:
        return self._render("routes_index.md.j2", ROUTES, self.portal.data_files.get("routes"))

    def route(self, route_id: str) -> GeneratedFile:
        route = self.portal.routes[route_id]
        steps = resolve_route(self.portal, route)
        roles = {s.role.id: group_role(self.portal, s.role.id) for s in steps if s.role}
        return self._render("route.md.j2", route_uri(route_id), route.file, route=route,
                            steps=steps, role_groups=roles)

    def municipalities_index(self) -> GeneratedFile:
        return self._render("municipalities_index.md.j2", MUNICIPALITIES,
                            self.portal.data_files.get("municipalities"))

    def municipality(self, muni_id: str) -> GeneratedFile:
        p = self.portal
        muni = p.municipalities[muni_id]
        veilig_thuis = (resolve_role(p, muni, VEILIG_THUIS_ROLE)
                        if VEILIG_THUIS_ROLE in p.roles else None)
        routes = [(r, resolve_route(p, r, muni)) for r in p.routes.values()]
        return self._render("municipality.md.j2", municipality_uri(muni_id),
                            p.data_files.get("municipalities"), muni=muni,
                            region=p.regions[muni.region], veilig_thuis=veilig_thuis,
                            routes=routes)

    def wegwijzer(self) -> list[GeneratedFile]:
        """The questions of data/wegwijzer.yml: who you are (the start page), then on one
        page per audience what you need now, and the place only where the answer differs
        by place (computed by answer_need); both open in place."""
        p = self.portal
        if p.wegwijzer is None:
            return []
        source = p.data_files.get("wegwijzer")
        files = [self._render("wegwijzer_start.md.j2", wegwijzer_uri(), source,
                              wegwijzer=p.wegwijzer)]
        for group in p.wegwijzer.audiences:
            needs = {}
            for need in group.needs:
                answers = answer_need(p, need)
                needs[need] = (answers, common_first(p, answers), roles_by_place(answers))
            files.append(self._render("wegwijzer_audience.md.j2", wegwijzer_uri(group.audience),
                                      source, group=group, needs=needs,
                                      URGENCY_SLUGS=URGENCY_SLUGS))
        return files

    def beslishulp(self) -> list[GeneratedFile]:
        """The professionals' decision aid (data/beslishulp.yml) on one page: each yes or
        no opens the next question or the outcome in place; an outcome whose contact
        differs by place asks for the place there (as the Wegwijzer does)."""
        p = self.portal
        if p.beslishulp is None:
            return []

        def answers(first, then=()) -> tuple:
            # resolved for every municipality, as the Wegwijzer resolves a need's answers
            found = answer_steps(p, first, then)
            return found, common_first(p, found), roles_by_place(found)

        outcomes = {o.id: answers(o.first, o.then) for o in p.beslishulp.outcomes.values()}
        return [self._render("beslishulp.md.j2", BESLISHULP, p.data_files.get("beslishulp"),
                             beslishulp=p.beslishulp, outcomes=outcomes,
                             advice=answers(p.beslishulp.advice))]

    def keten(self) -> list[GeneratedFile]:
        """Who does what in the chain (data/keten.yml): per region the map, drawn as an
        inline SVG (chain.py), with the same content as a list; then consultation."""
        p = self.portal
        if p.chain is None:
            return []
        versions = []
        for version in p.chain.versions:
            stages = chain_steps(p.chain, version)
            actors = list(dict.fromkeys(a for _, steps in stages for s in steps
                                        for a in (s.start, s.end)))
            munis = [m for m in p.municipalities.values() if m.region in version.regions]
            # A municipality whose Veilig Thuis is not known is not put under this map.
            unsure = [m for m in munis if {"meldpunt", "veilig-thuis"} & set(m.unknown)]
            names = [m.name for m in munis if m not in unsure]
            versions.append((version, stages, render_chain_svg(p.chain, version,
                                                               p.organisations),
                             actors, names, unsure))
        return [self._render("keten.md.j2", KETEN, p.data_files.get("keten"), chain=p.chain,
                             versions=versions, actor_name=actor_name, actor_role=actor_role,
                             relation_label=relation_label, confirmed=confirmed,
                             veilig_thuis="veilig-thuis" if "veilig-thuis" in p.organisations
                             else None)]

    def agenda(self) -> list[GeneratedFile]:
        """The agenda (data/agenda/, which may be absent): upcoming events per audience on
        one page, past ones on the archive page, on the build's day; and all of them as
        an iCalendar file."""
        p = self.portal
        upcoming, past = split_events(p.agenda, self.today)
        source = p.data_files.get("agenda")

        def place_name(muni_id: str) -> str:
            return p.municipalities[muni_id].name

        common = {"when": when_text, "place_name": place_name, "event_anchor": event_anchor,
                  "AGENDA": AGENDA, "ARCHIVE": AGENDA_ARCHIVE, "ICS": ICS_URI}
        ics = render_ics(p.agenda, today=self.today, calendar_name="Agenda Meldpunt Aanpak "
                         "Loverboys Limburg",
                         place_names={m.id: m.name for m in p.municipalities.values()})
        return [self._render("agenda.md.j2", AGENDA, source, events=upcoming, archive=False,
                             sections=SECTIONS, **common),
                self._render("agenda.md.j2", AGENDA_ARCHIVE, source, events=past,
                             archive=True, **common),
                GeneratedFile(ICS_URI, ics, source)]

    def wegwijzer_en(self) -> list[GeneratedFile]:
        """The Wegwijzer in English for the audiences it has English for, on one page:
        each choice opens in place (<details>), so no choice lands in the address or the
        history, and the page adds one page to the site, not one per answer."""
        p = self.portal
        groups = [g for g in p.wegwijzer.audiences if g.choice_en] if p.wegwijzer else []
        if not groups:
            return []
        needs = {}
        for group in groups:
            for need in group.needs:
                answers = without_routes(answer_need(p, need))
                needs[need] = (answers, common_first(p, answers))
        return [self._render("wegwijzer.en.md.j2", WEGWIJZER_EN, p.data_files.get("wegwijzer"),
                             groups=groups, needs=needs)]
