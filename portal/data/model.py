"""Typed records built from a validated data tree: what the pages and exports read.

Validation works on the raw YAML (to report positions); everything after it works on
these small frozen dataclasses, so templates and exports never guess at keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .contacts import Phone, email_address, email_href, one_line, parse_phone, safe_url
from .dates import day_text
from .load import DataTree

AUDIENCES = {"youth": "jongeren", "parents": "ouders", "professionals": "professionals"}
URGENCIES = {"acute": "Nu gevaar", "today": "Vandaag actie nodig", "advice": "Advies of praten"}
DAYS = {"MO": "maandag", "TU": "dinsdag", "WE": "woensdag", "TH": "donderdag", "FR": "vrijdag",
        "SA": "zaterdag", "SU": "zondag"}
CHANNEL_TYPES = {"phone": "Telefoon", "chat": "Chat", "email": "E-mail", "whatsapp": "WhatsApp",
                 "webform": "Webformulier", "walk-in": "Inloop"}
KINDS = {
    "emergency": "Noodnummer", "helpline": "Hulplijn", "reporting-point": "Meldpunt",
    "police": "Politie", "care-provider": "Zorgaanbieder", "youth-care": "Jeugdhulp",
    "education": "Onderwijs", "expertise-centre": "Expertisecentrum",
    "municipal-team": "Gemeentelijk team", "victim-support": "Slachtofferhulp",
    "coordination-centre": "Coördinatiecentrum", "shelter": "Opvang",
    "residential-care": "Jeugdzorg met verblijf", "closed-youth-care": "Gesloten jeugdzorg",
    "family-home": "Gezinshuis",
}


@dataclass(frozen=True)
class Source:
    url: str | None
    read: str
    note: str | None = None


@dataclass(frozen=True)
class Opening:
    days: tuple[str, ...]
    opens_at: str
    closes_at: str


@dataclass(frozen=True)
class Channel:
    id: str
    type: str
    value: str
    label: str
    always_open: bool = False
    openings: tuple[Opening, ...] = ()
    schedule_note: str | None = None
    free: bool | None = None
    anonymous: bool | None = None
    audiences: tuple[str, ...] = ()
    source: Source | None = None
    cost: str | None = None  # what calling costs, as its source says (`cost.description`)

    @property
    def phone(self) -> Phone | None:
        """The number, if it is one the site may dial (in the phone policy, not refused)."""
        if self.type not in ("phone", "whatsapp"):
            return None
        phone = parse_phone(self.value)
        return phone if phone is not None and phone.allowed else None

    @property
    def href(self) -> str:
        """Where tapping the channel goes: tel:, mailto:, or the web address, each built
        from the parsed value (never the raw string); "" when the value is not safe."""
        phone = self.phone
        if self.type == "phone":
            return f"tel:{phone.tel}" if phone else ""
        if self.type == "whatsapp":
            return f"https://wa.me/{phone.tel.lstrip('+')}" if phone and phone.number else ""
        if self.type == "email":
            return email_href(self.value)
        if self.type in ("chat", "webform"):
            return safe_url(self.value) or ""
        return ""

    @property
    def shown(self) -> str:
        """The value as shown: a number in one Dutch format, an address normalised, else
        as written, on one line."""
        if self.phone:
            return self.phone.display
        if self.type == "email" and email_address(self.value):
            return email_address(self.value)
        return one_line(self.value)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: str
    description: str
    audiences: tuple[str, ...]
    scope: str
    regions: tuple[str, ...]
    municipalities: tuple[str, ...]
    area_description: str | None
    channels: tuple[Channel, ...]
    source: Source
    website: str | None = None
    address: dict | None = None
    verified_date: str | None = None
    verified_team: str | None = None
    notes: str | None = None
    file: Path | None = None

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Step:
    do: str
    organisation: str | None = None
    role: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class Route:
    id: str
    title: str
    situation: str
    audiences: tuple[str, ...]
    urgency: str
    summary: str | None
    steps: tuple[Step, ...]
    file: Path | None = None


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    description: str
    fallback_organisation: str
    fallback_explanation: str


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    subregions: dict[str, str]  # id -> name
    roles: dict[str, str | None]  # role id -> organisation id, None when unknown
    unknown: dict[str, str]  # role id -> why it is unknown


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    region: str
    subregion: str | None
    roles: dict[str, str | None]
    unknown: dict[str, str]


@dataclass
class Portal:
    """Everything the generator needs, keyed by id, in file (or listed) order."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    data_files: dict[str, Path] = field(default_factory=dict)  # "roles" -> file, "routes" -> dir


def _source(raw: dict | None) -> Source | None:
    if not raw:
        return None
    return Source(raw.get("url"), day_text(raw["read"]), raw.get("note"))


def _channel(raw: dict) -> Channel:
    schedule = raw.get("schedule")
    openings = ()
    if isinstance(schedule, list):
        openings = tuple(Opening(tuple(o["byday"]), o["opens_at"], o["closes_at"])
                         for o in schedule)
    return Channel(
        id=raw["id"], type=raw["type"], value=raw["value"], label=raw["label"],
        always_open=schedule == "24/7", openings=openings,
        schedule_note=raw.get("schedule_note"), free=raw.get("free"),
        anonymous=raw.get("anonymous"), audiences=tuple(raw.get("audiences", ())),
        source=_source(raw.get("source")),
        cost=(raw.get("cost") or {}).get("description"),
    )


def _organisation(raw: dict, file: Path) -> Organisation:
    area = raw["service_area"]
    verified = raw.get("verified") or {}
    return Organisation(
        id=raw["id"], name=raw["name"], kind=raw["kind"], description=raw["description"],
        audiences=tuple(raw["audiences"]), scope=area["scope"],
        regions=tuple(area.get("regions", ())),
        municipalities=tuple(area.get("municipalities", ())),
        area_description=area.get("description"),
        channels=tuple(_channel(c) for c in raw["channels"]),
        source=_source(raw["source"]), website=raw.get("website"), address=raw.get("address"),
        verified_date=day_text(verified["date"]) if "date" in verified else None,
        verified_team=verified.get("team"),
        notes=raw.get("notes"), file=file,
    )


def _role_map(raw: dict | None) -> tuple[dict[str, str | None], dict[str, str]]:
    roles: dict[str, str | None] = {}
    unknown: dict[str, str] = {}
    for rid, value in (raw or {}).items():
        if isinstance(value, dict):
            roles[rid] = None
            unknown[rid] = value["unknown"]
        else:
            roles[rid] = value
    return roles, unknown


def build_portal(tree: DataTree) -> Portal:
    """Typed records from a tree that validated without errors."""
    portal = Portal()
    # The folders too: the source of the overview pages that list every record in them.
    portal.data_files["organisations"] = tree.root / "organisations"
    portal.data_files["routes"] = tree.root / "routes"
    for oid, doc in tree.organisations.items():
        portal.organisations[oid] = _organisation(doc.data, doc.path)
    for rid, doc in tree.routes.items():
        raw = doc.data
        portal.routes[rid] = Route(
            id=raw["id"], title=raw["title"], situation=raw["situation"],
            audiences=tuple(raw["audiences"]), urgency=raw["urgency"],
            summary=raw.get("summary"),
            steps=tuple(Step(s["do"], s.get("organisation"), s.get("role"), s.get("channel"))
                        for s in raw["steps"]),
            file=doc.path,
        )
    if tree.roles is not None:
        portal.data_files["roles"] = tree.roles.path
        for raw in tree.roles.data["roles"]:
            fb = raw["fallback"]
            portal.roles[raw["id"]] = Role(raw["id"], raw["name"], raw["description"],
                                           fb["organisation"], fb["explanation"])
    if tree.municipalities is not None:
        portal.data_files["municipalities"] = tree.municipalities.path
        data = tree.municipalities.data
        for raw in data["regions"]:
            roles, unknown = _role_map(raw.get("roles"))
            subs = {s["id"]: s["name"] for s in raw.get("subregions", ())}
            portal.regions[raw["id"]] = Region(raw["id"], raw["name"], subs, roles, unknown)
        for raw in data["municipalities"]:
            roles, unknown = _role_map(raw.get("roles"))
            portal.municipalities[raw["id"]] = Municipality(
                raw["id"], raw["name"], raw["region"], raw.get("subregion"), roles, unknown)
    return portal
