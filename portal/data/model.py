"""Typed records built from a validated data tree: what the pages and exports read.

Validation works on the raw YAML (to report positions); everything after it works on
these small frozen dataclasses, so templates and exports never guess at keys.

The records follow the YAML's shape and are filled mechanically (load_record): an
attribute is read from the key of its own name, or from the path its `from_yaml(...)`
declares (a block flattened into the record: `service_area.scope` -> `scope`), turned
into a record or a tuple of records by its type, or by the `convert` it declares. So a
new optional field of the schema is one new attribute here; check_model_schema
(tests/test_fields.py) fails while the schema and these records disagree.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .contacts import Phone, email_address, email_href, one_line, parse_phone, safe_url
from .dates import day_text
from .load import DataTree
from .schema import SchemaSet, shipped_schemas

if TYPE_CHECKING:  # the Wegwijzer's answers are this module's steps: it imports us
    from .agenda import Event
    from .beslishulp import Beslishulp
    from .wegwijzer import Wegwijzer

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


def from_yaml(*path: str, convert: Callable[[Any], Any] | None = None,
              default: Any = MISSING) -> Any:
    """An attribute read from `path` of the YAML record (not its own name), or made by
    `convert` from the value there."""
    return field(default=default, metadata={"yaml": path, "convert": convert})


# Not in the YAML: the file a record was read from.
NOT_IN_YAML = field(default=None, metadata={"yaml": None})


@dataclass(frozen=True)
class Source:
    url: str | None
    read: str = from_yaml("read", convert=day_text)
    note: str | None = None


@dataclass(frozen=True)
class Opening:
    days: tuple[str, ...] = from_yaml("byday", convert=tuple)
    opens_at: str
    closes_at: str


def _openings(schedule: Any) -> tuple[Opening, ...]:
    return tuple(load_record(Opening, o) for o in schedule) if isinstance(schedule, list) \
        else ()


@dataclass(frozen=True)
class Channel:
    id: str
    type: str
    value: str
    label: str
    # `schedule` is "24/7" or a list of opening times.
    always_open: bool = from_yaml("schedule", convert=lambda s: s == "24/7", default=False)
    openings: tuple[Opening, ...] = from_yaml("schedule", convert=_openings, default=())
    schedule_note: str | None = None
    free: bool | None = None
    anonymous: bool | None = None
    audiences: tuple[str, ...] = ()
    source: Source | None = None
    # What calling costs, as its source says (HSDS fees_description), and that source.
    cost: str | None = from_yaml("cost", "description", default=None)
    cost_source: Source | None = from_yaml("cost", "source", default=None)
    schedule_note_en: str | None = None  # x-english of schedule_note

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
class Address:
    street: str
    postal_code: str
    city: str


@dataclass(frozen=True)
class LanguageClaim:
    """What a public source says about speaking English or having an interpreter, with
    that source (the schema requires it: no claim without its source)."""

    source: Source
    detail: str | None = None
    detail_en: str | None = None


@dataclass(frozen=True)
class Languages:
    """Whether an organisation can be reached in English, or with an interpreter."""

    english: LanguageClaim | None = None
    interpreter: LanguageClaim | None = None

    def claims(self) -> list[tuple[str, LanguageClaim]]:
        """('english', claim), ('interpreter', claim): those that a source supports."""
        return [(kind, claim) for kind in ("english", "interpreter")
                if (claim := getattr(self, kind)) is not None]


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: str
    description: str
    audiences: tuple[str, ...]
    scope: str = from_yaml("service_area", "scope")
    regions: tuple[str, ...] = from_yaml("service_area", "regions")
    municipalities: tuple[str, ...] = from_yaml("service_area", "municipalities")
    area_description: str | None = from_yaml("service_area", "description")
    channels: tuple[Channel, ...]
    source: Source
    website: str | None = None
    address: Address | None = None
    verified_date: str | None = from_yaml("verified", "date", convert=day_text, default=None)
    verified_team: str | None = from_yaml("verified", "team", default=None)
    notes: str | None = None
    file: Path | None = NOT_IN_YAML
    verified_note: str | None = from_yaml("verified", "note", default=None)
    houses_victims: bool | None = None
    description_en: str | None = None  # x-english of description
    languages: Languages | None = None

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Step:
    """One step of a route: what to do, with an organisation or a role (and its channel)."""

    do: str
    organisation: str | None = None
    role: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class Route:
    """A situation ('Wat kan ik doen als ...') with ordered steps: data/routes/<id>.yml."""

    id: str
    title: str
    situation: str
    audiences: tuple[str, ...]
    urgency: str
    summary: str | None
    steps: tuple[Step, ...]
    file: Path | None = NOT_IN_YAML


@dataclass(frozen=True)
class Fallback:
    """Where a role sends the reader when a municipality's organisation is not known."""

    organisation: str
    explanation: str


@dataclass(frozen=True)
class Role:
    """A task that each municipality gives to an organisation: data/roles.yml."""

    id: str
    name: str
    description: str
    fallback: Fallback

    @property
    def fallback_organisation(self) -> str:
        return self.fallback.organisation

    @property
    def fallback_explanation(self) -> str:
        return self.fallback.explanation


def _assigned(roles: dict | None) -> dict[str, str | None]:
    """Role id -> organisation id, None where it is unknown."""
    return {rid: None if isinstance(v, dict) else v for rid, v in (roles or {}).items()}


def _unknown(roles: dict | None) -> dict[str, str]:
    """Role id -> why it is unknown ({unknown: ...} in the YAML)."""
    return {rid: v["unknown"] for rid, v in (roles or {}).items() if isinstance(v, dict)}


def _subregions(subregions: list | None) -> dict[str, str]:
    return {s["id"]: s["name"] for s in subregions or ()}


@dataclass(frozen=True)
class Region:
    """A region of Limburg and the roles it fills for its municipalities."""

    id: str
    name: str
    subregions: dict[str, str] = from_yaml("subregions", convert=_subregions)  # id -> name
    roles: dict[str, str | None] = from_yaml("roles", convert=_assigned)
    unknown: dict[str, str] = from_yaml("roles", convert=_unknown)


@dataclass(frozen=True)
class Municipality:
    """A municipality: its region, and the roles it fills itself."""

    id: str
    name: str
    region: str
    subregion: str | None
    roles: dict[str, str | None] = from_yaml("roles", convert=_assigned)
    unknown: dict[str, str] = from_yaml("roles", convert=_unknown)
    # Its villages and districts as a visitor types them (Blerick for Venlo), where a
    # source names them: shown on its page, so the site search finds it by them.
    places: tuple[str, ...] = from_yaml("places", "names", convert=tuple, default=())
    places_source: Source | None = from_yaml("places", "source", default=None)


@dataclass(frozen=True)
class ClaimSource:
    """A public page that says what a text says, with the day it was read and how sure
    it is (high, medium, low)."""

    url: str
    title: str
    read: str = from_yaml("read", convert=day_text)
    confidence: str = "high"


@dataclass(frozen=True)
class Setting:
    """Where a signal is seen (school, online, ...), with its heading per audience."""

    id: str
    title: dict[str, str]
    title_en: dict[str, str]


@dataclass(frozen=True)
class Signal:
    """One signal, worded per audience (youth: a question to oneself; parents: what you
    see in your child; professionals: short), in Dutch and in English."""

    setting: str
    wording: dict[str, str]
    wording_en: dict[str, str]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class AfterReportStep:
    """One step of what happens after a report, worded per audience."""

    wording: dict[str, str]
    wording_en: dict[str, str]
    sources: tuple[str, ...]


def _claim_sources(raw: dict | None) -> dict[str, ClaimSource]:
    return {sid: load_record(ClaimSource, value) for sid, value in (raw or {}).items()}


@dataclass(frozen=True)
class Signals:
    """data/signals.yml: the signals of exploitation, once, in the order of the pages."""

    sources: dict[str, ClaimSource] = from_yaml("sources", convert=_claim_sources)
    settings: tuple[Setting, ...] = ()
    signals: tuple[Signal, ...] = ()
    file: Path | None = NOT_IN_YAML


@dataclass(frozen=True)
class AfterReport:
    """data/after-report.yml: what happens after a report to the Meldpunt, step by step."""

    sources: dict[str, ClaimSource] = from_yaml("sources", convert=_claim_sources)
    steps: tuple[AfterReportStep, ...] = ()
    file: Path | None = NOT_IN_YAML


@dataclass(frozen=True)
class ChainVersion:
    """One region's version of the chain map: the regions of data/municipalities.yml it
    is for."""

    id: str
    name: str
    regions: tuple[str, ...]


@dataclass(frozen=True)
class ChainStage:
    """A stage of the chain, from the first signal to the feedback, in order."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class ChainActor:
    """Who does something in the chain: an organisation of data/organisations/ or a named
    link (a team, a meeting), with its task and the public page that says so."""

    id: str
    role: str
    source: ClaimSource
    organisation: str | None = None
    name: str | None = None
    versions: tuple[str, ...] = ()  # () = in every region's version


@dataclass(frozen=True)
class ChainRelation:
    """Who passes what to whom in a stage; drawn only with a source (V001)."""

    stage: str
    from_: str = from_yaml("from")
    to: str
    label: str
    versions: tuple[str, ...] = ()
    source: ClaimSource | None = None


@dataclass(frozen=True)
class Consultation:
    """A specialised provider that offers care providers consultation, with its source."""

    who: str
    for_whom: str
    how: str
    source: ClaimSource
    organisation: str | None = None


@dataclass(frozen=True)
class Chain:
    """data/keten.yml: who does what in the chain, per region, and consultation."""

    versions: tuple[ChainVersion, ...]
    stages: tuple[ChainStage, ...]
    actors: tuple[ChainActor, ...]
    relations: tuple[ChainRelation, ...]
    consultation: tuple[Consultation, ...]
    file: Path | None = NOT_IN_YAML


@dataclass
class Portal:
    """Everything the generator needs, keyed by id, in file (or listed) order."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    data_files: dict[str, Path] = field(default_factory=dict)  # "roles" -> file, "routes" -> dir
    wegwijzer: Wegwijzer | None = None
    signals: Signals | None = None
    after_report: AfterReport | None = None
    beslishulp: Beslishulp | None = None  # the professionals' decision aid
    chain: Chain | None = None  # data/keten.yml: the chain map and consultation
    agenda: tuple[Event, ...] = ()  # data/agenda/: events, earliest first


Record = TypeVar("Record")


def _empty(kind: Any) -> Any:
    """The value of an absent optional key: () for a tuple, {} for a map, else None."""
    kind = _optional(kind)
    origin = typing.get_origin(kind) or kind
    return () if origin is tuple else {} if origin is dict else None


def _optional(kind: Any) -> Any:
    """X of `X | None`."""
    if isinstance(kind, types.UnionType):
        kinds = [k for k in typing.get_args(kind) if k is not type(None)]
        return kinds[0] if len(kinds) == 1 else kind
    return kind


def _convert(kind: Any, value: Any) -> Any:
    """A YAML value as the attribute's type: a record, a tuple (of records)."""
    kind = _optional(kind)
    if is_dataclass(kind) and isinstance(value, dict):
        return load_record(kind, value)
    if typing.get_origin(kind) is tuple and isinstance(value, list):
        item = typing.get_args(kind)[0]
        return tuple(_convert(item, v) for v in value)
    return value


def yaml_path(attribute: Any) -> tuple[str, ...] | None:
    """Where a record's attribute comes from in the YAML (None: not from the YAML)."""
    return attribute.metadata.get("yaml", (attribute.name,))


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """The attributes' types of a record class, worked out once per class (typing
    evaluates the annotations' strings on every call)."""
    return typing.get_type_hints(cls)


def load_record(cls: type[Record], raw: dict, **extra: Any) -> Record:
    """A record of type `cls` from its validated YAML mapping (see the module docstring);
    `extra` gives the attributes that are not in the YAML (`file`)."""
    hints = _type_hints(cls)
    values: dict[str, Any] = {}
    for attribute in fields(cls):
        path = yaml_path(attribute)
        if path is None:
            continue
        value: Any = raw
        for key in path:
            value = value.get(key, MISSING) if isinstance(value, dict) else MISSING
        convert = attribute.metadata.get("convert")
        if value is MISSING:  # an optional key left out: the default, or none
            if attribute.default is not MISSING:
                continue
            value = None if convert else _empty(hints[attribute.name])
        values[attribute.name] = convert(value) if convert else \
            _convert(hints[attribute.name], value)
    return cls(**values, **extra)


# Which part of which schema each record is (a path: "*" for every item of a list).
RECORD_SCHEMAS: dict[type, tuple[str, tuple[str, ...]]] = {
    Organisation: ("organisation.schema.json", ()),
    Address: ("organisation.schema.json", ("address",)),
    Channel: ("organisation.schema.json", ("channels", "*")),
    Opening: ("organisation.schema.json", ("channels", "*", "schedule", "*")),
    Source: ("organisation.schema.json", ("source",)),
    Languages: ("organisation.schema.json", ("languages",)),
    # The english and the interpreter claim share one definition ($defs/language_claim).
    LanguageClaim: ("organisation.schema.json", ("languages", "english")),
    Route: ("route.schema.json", ()),
    Step: ("route.schema.json", ("steps", "*")),
    Role: ("roles.schema.json", ("roles", "*")),
    Fallback: ("roles.schema.json", ("roles", "*", "fallback")),
    Region: ("municipalities.schema.json", ("regions", "*")),
    Municipality: ("municipalities.schema.json", ("municipalities", "*")),
    Signals: ("signals.schema.json", ()),
    Setting: ("signals.schema.json", ("settings", "*")),
    Signal: ("signals.schema.json", ("signals", "*")),
    ClaimSource: ("signals.schema.json", ("sources", "*")),
    AfterReport: ("after-report.schema.json", ()),
    AfterReportStep: ("after-report.schema.json", ("steps", "*")),
    Chain: ("keten.schema.json", ()),
    ChainVersion: ("keten.schema.json", ("versions", "*")),
    ChainStage: ("keten.schema.json", ("stages", "*")),
    ChainActor: ("keten.schema.json", ("actors", "*")),
    ChainRelation: ("keten.schema.json", ("relations", "*")),
    Consultation: ("keten.schema.json", ("consultation", "*")),
}


def in_language(record: Any, attribute: str, language: str,
                where: tuple[str, tuple[str, ...]] | None = None) -> Any:
    """The value of `record.attribute` in `language`: for English, the sibling property
    that the schema declares with `x-english` (None when the schema declares none).
    `where`: the record's schema file and path, for a record not in RECORD_SCHEMAS."""
    if language == "nl":
        return getattr(record, attribute)
    file, base = where or RECORD_SCHEMAS[type(record)]
    english = shipped_schemas().english(file, (*base, attribute))
    return getattr(record, english) if english else None


def check_model_schema(schemas: SchemaSet | None = None,
                       records: dict[type, tuple[str, tuple[str, ...]]] | None = None
                       ) -> list[str]:
    """Where the records and the schemas disagree: a property of the schema that no
    attribute reads, or an attribute that reads a path the schema does not have."""
    schemas = schemas or shipped_schemas()
    out = []
    for cls, (file, base) in (records or RECORD_SCHEMAS).items():
        declared = {p[len(base):] for p in schemas.property_paths(file)
                    if p[:len(base)] == base and len(p) > len(base)}
        read = {yaml_path(a): a.name for a in fields(cls) if yaml_path(a) is not None}
        for path in sorted(declared):
            # Read itself or as part of a block (a record, a list, a map), or flattened:
            # every part of it read by its own attribute.
            if not any(path[:len(r)] == r or r[:len(path)] == path for r in read):
                out.append(f"{file}: {'.'.join(base + path)} heeft geen attribuut in "
                           f"{cls.__name__}")
        for path, name in read.items():
            if path not in declared:
                out.append(f"{cls.__name__}.{name} leest {'.'.join(base + path)}, "
                           f"maar {file} kent die sleutel niet")
    return out


def build_portal(tree: DataTree) -> Portal:
    """Typed records from a tree that validated without errors."""
    portal = Portal()
    # The folders too: the source of the overview pages that list every record in them.
    portal.data_files["organisations"] = tree.root / "organisations"
    portal.data_files["routes"] = tree.root / "routes"
    for oid, doc in tree.organisations.items():
        portal.organisations[oid] = load_record(Organisation, doc.data, file=doc.path)
    for rid, doc in tree.routes.items():
        portal.routes[rid] = load_record(Route, doc.data, file=doc.path)
    if tree.roles is not None:
        portal.data_files["roles"] = tree.roles.path
        for raw in tree.roles.data["roles"]:
            portal.roles[raw["id"]] = load_record(Role, raw)
    if tree.municipalities is not None:
        portal.data_files["municipalities"] = tree.municipalities.path
        data = tree.municipalities.data
        for raw in data["regions"]:
            portal.regions[raw["id"]] = load_record(Region, raw)
        for raw in data["municipalities"]:
            portal.municipalities[raw["id"]] = load_record(Municipality, raw)
    if tree.signals is not None:
        portal.data_files["signals"] = tree.signals.path
        portal.signals = load_record(Signals, tree.signals.data, file=tree.signals.path)
    if tree.after_report is not None:
        portal.data_files["after_report"] = tree.after_report.path
        portal.after_report = load_record(AfterReport, tree.after_report.data,
                                          file=tree.after_report.path)
    if tree.beslishulp is not None:
        from .beslishulp import build_beslishulp  # here: beslishulp.py imports this module
        portal.data_files["beslishulp"] = tree.beslishulp.path
        portal.beslishulp = build_beslishulp(tree.beslishulp.data, tree.beslishulp.path)
    if tree.keten is not None:
        portal.data_files["keten"] = tree.keten.path
        portal.chain = load_record(Chain, tree.keten.data, file=tree.keten.path)
    if tree.agenda:
        from .agenda import build_agenda  # here: agenda.py imports this module
        portal.data_files["agenda"] = tree.root / "agenda"
        portal.agenda = build_agenda(tree)
    if tree.wegwijzer is not None:
        from .wegwijzer import build_wegwijzer  # here: wegwijzer.py imports this module
        portal.data_files["wegwijzer"] = tree.wegwijzer.path
        portal.wegwijzer = build_wegwijzer(tree.wegwijzer.data, tree.wegwijzer.path)
    return portal
