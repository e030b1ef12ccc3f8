"""Open data written by the build: Open Referral HSDS 3.0 organizations, a CSV of every
channel, one vCard per organisation, and schema.org JSON-LD for each organisation page.

Ids in the HSDS export are UUID version 5 of the portal's own ids, so they stay the same
from build to build.

Every export is safe for hostile text by construction: numbers, e-mail addresses and web
addresses are written from their parsed form (contacts.py) or left out when they do not
parse; vCard values are escaped and folded per RFC 6350 (no value can start a property of
its own); CSV cells that a spreadsheet would run as a formula are neutralised as OWASP
advises; JSON is written by the json module.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import uuid

from ..data.contacts import email_address, safe_url, unwritable
from ..data.model import AUDIENCES, Channel, Organisation, Portal
from ..data.text import hours  # the same Dutch hours text as on the pages

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://www.meldpuntaanpakloverboyslimburg.nl/")
_ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"
_SCHEMA_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
                "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


# --- HSDS 3.0 ---------------------------------------------------------------------------

def _hsds_schedules(org: Organisation, channel: Channel) -> list[dict]:
    base = {"service_id": stable_id(org.id, channel.id)}
    if channel.always_open:
        return [{**base, "id": stable_id(org.id, channel.id, "schedule"), "freq": "WEEKLY",
                 "byday": _ALL_DAYS, "opens_at": "00:00", "closes_at": "23:59",
                 "description": "24/7"}]
    return [{**base, "id": stable_id(org.id, channel.id, "schedule", str(i)), "freq": "WEEKLY",
             "byday": ",".join(o.days), "opens_at": o.opens_at, "closes_at": o.closes_at}
            for i, o in enumerate(channel.openings)]


def _hsds_service(org: Organisation, channel: Channel) -> dict:
    sid = stable_id(org.id, channel.id)
    service: dict = {"id": sid, "organization_id": stable_id(org.id), "name": channel.label,
                     "status": "active", "description": channel.schedule_note or org.description}
    if channel.phone is not None:
        service["phones"] = [{"id": stable_id(org.id, channel.id, "phone"), "service_id": sid,
                              "number": channel.phone.display,
                              "type": "text" if channel.type == "whatsapp" else "voice",
                              "description": channel.label}]
    elif channel.type == "email" and email_address(channel.value):
        service["email"] = email_address(channel.value)
    elif channel.type in ("chat", "webform") and safe_url(channel.value):
        service["url"] = safe_url(channel.value)
    schedules = _hsds_schedules(org, channel)
    if schedules:
        service["schedules"] = schedules
    costs = {True: "Gratis", False: "Niet gratis"}
    if channel.cost:
        service["fees_description"] = channel.cost
    elif channel.free is not None:
        service["fees_description"] = costs[channel.free]
    service["service_areas"] = [{"id": stable_id(org.id, channel.id, "area"), "service_id": sid,
                                 "name": org.area_description or org.scope}]
    return service


def hsds_organization(org: Organisation) -> dict:
    out: dict = {"id": stable_id(org.id), "name": org.name, "description": org.description}
    if _website(org):
        out["website"] = _website(org)
    emails = [email_address(c.value) for c in org.channels if c.type == "email"]
    emails = [e for e in emails if e]
    if emails:
        out["email"] = emails[0]
    out["services"] = [_hsds_service(org, c) for c in org.channels]
    return out


def _website(org: Organisation) -> str | None:
    return safe_url(org.website) if org.website else None


def hsds_organizations(portal: Portal) -> list[dict]:
    return [hsds_organization(o) for o in portal.organisations.values()]


# --- CSV --------------------------------------------------------------------------------

CSV_COLUMNS = ["organisatie_id", "organisatie", "kanaal_id", "soort", "waarde", "weergave",
               "link", "label", "openingstijden", "gratis", "anoniem", "voor", "bron",
               "bron_gelezen", "gecontroleerd"]


# A cell starting with one of these is a formula (or becomes one) in a spreadsheet; OWASP
# advises a leading single quote, which shows the text as written.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def contacts_csv(portal: Portal) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    yes_no = {True: "ja", False: "nee", None: ""}
    for org in portal.organisations.values():
        for c in org.channels:
            source = c.source or org.source
            writer.writerow(_csv_cell(str(cell)) for cell in [
                org.id, org.name, c.id, c.type, c.value, c.shown, c.href, c.label,
                hours(c), yes_no[c.free], yes_no[c.anonymous],
                ";".join(AUDIENCES[a] for a in (c.audiences or org.audiences)),
                source.url or "", source.read, org.verified_date or "",
            ])
    return buf.getvalue()


# --- vCard ------------------------------------------------------------------------------

_LINE_END = re.compile(r"\r\n?|[\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _vcard_escape(text: str) -> str:
    """A property value per RFC 6350 (3.4): every line break becomes the two characters
    `\\n`, backslash, comma and semicolon get a backslash, other control characters go."""
    text = _LINE_END.sub("\n", text)
    text = "".join(ch for ch in text if ch == "\n" or not (
        unicodedata.category(ch) == "Cc" or unwritable(ch)))
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 6350 line folding at 75 octets, continuation lines start with a space."""
    out, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > 75:
            out.append(current.decode("utf-8"))
            current = b" "
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n".join(out)


def vcard(org: Organisation) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_escape(org.name)}",
             f"N:{_vcard_escape(org.name)};;;;", f"ORG:{_vcard_escape(org.name)}",
             f"UID:urn:uuid:{stable_id(org.id)}"]
    # Only parsed values: a value that does not parse (or holds a line break) is left out.
    for c in org.channels:
        if c.type == "phone" and c.phone:
            lines.append(f"TEL;TYPE=VOICE:{_vcard_escape(c.phone.tel)}")
        elif c.type == "whatsapp" and c.phone:
            lines.append(f"TEL;TYPE=CELL:{_vcard_escape(c.phone.tel)}")
        elif c.type == "email" and email_address(c.value):
            lines.append(f"EMAIL;TYPE=INTERNET:{_vcard_escape(email_address(c.value))}")
        elif c.type in ("chat", "webform") and safe_url(c.value):
            lines.append(f"URL:{_vcard_escape(safe_url(c.value))}")
    if _website(org):
        lines.append(f"URL:{_vcard_escape(_website(org))}")
    lines.append(f"NOTE:{_vcard_escape(org.description)}")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


# --- schema.org JSON-LD -----------------------------------------------------------------

def jsonld_organisation(org: Organisation) -> dict:
    points = []
    for c in org.channels:
        point: dict = {"@type": "ContactPoint", "contactType": c.label,
                       "availableLanguage": "nl"}
        if c.type in ("phone", "whatsapp") and c.phone:
            point["telephone"] = c.phone.tel
        elif c.type == "email" and email_address(c.value):
            point["email"] = email_address(c.value)
        elif c.type in ("chat", "webform") and safe_url(c.value):
            point["url"] = safe_url(c.value)
        else:
            continue
        if c.always_open:
            point["hoursAvailable"] = {"@type": "OpeningHoursSpecification",
                                       "dayOfWeek": list(_SCHEMA_DAYS.values()),
                                       "opens": "00:00", "closes": "23:59"}
        elif c.openings:
            point["hoursAvailable"] = [
                {"@type": "OpeningHoursSpecification",
                 "dayOfWeek": [_SCHEMA_DAYS[d] for d in o.days],
                 "opens": o.opens_at, "closes": o.closes_at} for o in c.openings]
        points.append(point)
    data: dict = {"@context": "https://schema.org", "@type": "Organization", "name": org.name,
                  "description": org.description}
    if _website(org):
        data["url"] = _website(org)
    if points:
        data["contactPoint"] = points
    return data


def export_files(portal: Portal) -> dict[str, str]:
    """Every open-data file, keyed by its path under the site root."""
    files = {
        "open-data/hsds/organizations.json":
            json.dumps(hsds_organizations(portal), ensure_ascii=False, indent=2) + "\n",
        "open-data/contacts.csv": contacts_csv(portal),
    }
    for org in portal.organisations.values():
        files[f"open-data/vcard/{org.id}.vcf"] = vcard(org)
    return files
