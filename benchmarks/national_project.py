"""A synthetic national-scale copy of the project, for benchmarks/national_scale.py.

make_national(folder) writes, into `folder`, the shipped mkdocs.yml, overrides/, docs/
and data/, extended to 25 regions with 342 municipalities, 1,000 organisations and 300
hand-written pages. The shipped records stay (the materials, the chain map and the shipped
pages name them); the synthetic ones are added beside them:

- regions: the 3 shipped + 22 synthetic, each with its own Veilig Thuis (roles
  veilig-thuis and meldpunt) and, in two of three regions, a crisis line for young people
  (jeugd-crisis; the others say it is unknown, as the shipped data does);
- municipalities: the 31 shipped + 311 synthetic (Dutch-ish names, some with villages and
  their own roles), 342 in all;
- organisations: the 19 shipped + per synthetic region a Veilig Thuis and maybe a crisis
  line, a municipal team per synthetic municipality, and regional and national
  organisations up to 1,000 (fictitious 088- and 0800- numbers, example.nl addresses);
- the chain map (data/keten.yml): a version per synthetic region, as there is a Veilig
  Thuis region per map;
- docs/: the shipped pages + a page per synthetic region and topic pages under it, 300
  hand-written pages in all, some citing the synthetic organisations with [[org/channel]]
  and [[org]], and linking to generated pages.

Routes, roles, the Wegwijzer, the decision aid, signals and search terms are the shipped
ones: they name roles, which every synthetic region and municipality fills in.
make_limburg(folder) copies the shipped project as it is. Both link node_modules (the web
editor copies Decap CMS from it).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REGIONS, MUNICIPALITIES, ORGANISATIONS, PAGES = 25, 342, 1000, 300
READ = "2026-11-29"
NOTE = "Verzonnen gegevens voor de benchmark op landelijke schaal."

_FRONT = ("Noord", "Zuid", "Oost", "West", "Groot", "Klein", "Nieuw", "Oud", "Hoog", "Laag",
          "Sint", "Ter", "Ven", "Heer", "Bos", "Zand", "Hal", "Mol", "Wil", "Els", "Rijn",
          "Lin", "Ber", "Dor", "Hel", "Kam", "Lie", "Mar", "Ros", "Tol")
_BACK = ("veen", "dam", "dijk", "horst", "broek", "rade", "wijk", "hoven", "berg", "dorp",
         "meer", "zand", "loo", "sloot", "hem", "hout", "beek", "kerk", "donk", "haven")
_REGION_WORDS = ("Kempen", "Vallei", "Heuvelland", "Polder", "Delta", "Kust", "Venen",
                 "Waarden", "Hof", "Duinen", "Zandstreek", "Rivierenland")
_TOPICS = ("Signalen herkennen", "Praten met jongeren", "Melden in de regio",
           "Hulp na uitbuiting", "Voorlichting op school", "Samenwerking in de wijk",
           "Online risico's", "Criminele uitbuiting", "Steun voor ouders",
           "Training voor professionals", "Weglopen en vermissing", "Geld en schulden")
_AUDIENCES = ("professionals", "all", "professionals", "all", "professionals")


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-").replace("'", "")


def _dump(path: Path, data: object, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def _names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(_FRONT) + rng.choice(_BACK)
        if rng.random() < 0.2:
            name = f"{name} aan de {rng.choice(('Maas', 'Waal', 'Vecht', 'Linge', 'Dommel'))}"
        if _slug(name) not in taken:
            taken.add(_slug(name))
            names.append(name)
    return names


def _source(url: str) -> dict:
    return {"url": url, "read": READ, "note": NOTE}


def _org(org_id: str, name: str, kind: str, description: str, area: dict, channels: list,
         audiences: list[str], website: str | None = None) -> dict:
    org = {"id": org_id, "name": name, "kind": kind, "description": description,
           "audiences": audiences}
    if website:
        org["website"] = website
    org["service_area"] = area
    org["channels"] = channels
    org["source"] = _source(website or f"https://www.{org_id}.example.nl/")
    return org


def _phone(number: str, label: str, *, free: bool = False) -> dict:
    channel = {"id": "telefoon", "type": "phone", "value": number, "label": label,
               "schedule": [{"byday": ["MO", "TU", "WE", "TH", "FR"],
                             "opens_at": "09:00", "closes_at": "17:00"}]}
    if free:
        channel["free"] = True
    return channel


def _mail(address: str, label: str, channel_id: str = "mail") -> dict:
    return {"id": channel_id, "type": "email", "value": address, "label": label}


class National:
    """The synthetic records, kept for the pages that cite them."""

    def __init__(self, seed: int = 18) -> None:
        self.rng = random.Random(seed)
        shipped = yaml.safe_load((ROOT / "data" / "municipalities.yml").read_text("utf-8"))
        self.shipped = shipped
        taken = {m["id"] for m in shipped["municipalities"]} | {r["id"] for r in
                                                                 shipped["regions"]}
        taken |= {_slug(p) for m in shipped["municipalities"]
                  for p in m.get("places", {}).get("names", [])}
        self.regions: list[dict] = []  # the synthetic regions
        self.municipalities: list[dict] = []
        self.organisations: list[dict] = []
        extra_regions = REGIONS - len(shipped["regions"])
        words = list(_REGION_WORDS)
        region_names = []
        for i in range(extra_regions):
            name = f"{self.rng.choice(_FRONT)}-{words[i % len(words)]}"
            while _slug(name) in taken:
                name = f"{self.rng.choice(_FRONT)}-{words[i % len(words)]}"
            taken.add(_slug(name))
            region_names.append(name)
        extra_munis = MUNICIPALITIES - len(shipped["municipalities"])
        muni_names = _names(self.rng, extra_munis, taken)
        for name in region_names:
            self.regions.append({"id": _slug(name), "name": name})
        for i, name in enumerate(muni_names):
            self.municipalities.append({"id": _slug(name), "name": name,
                                        "region": self.regions[i % len(self.regions)]["id"]})
        self._organisations()

    def _organisations(self) -> None:
        shipped = len(list((ROOT / "data" / "organisations").glob("*.yml")))
        number = iter(range(1000000, 9999999, 7919))
        for k, region in enumerate(self.regions):
            rid, name = region["id"], region["name"]
            vt = f"veilig-thuis-{rid}"
            self.organisations.append(_org(
                vt, f"Veilig Thuis {name}", "reporting-point",
                f"Veilig Thuis {name} geeft advies en neemt meldingen aan voor de gemeenten "
                f"van de regio {name}. Bellen is gratis.",
                {"scope": "regions", "regions": [rid]},
                [{**_phone("0800-2000", "Bel gratis", free=True), "schedule": "24/7"},
                 _mail(f"meldpunt@{vt}.example.nl", "Melden bij het meldpunt mensenhandel",
                       "meldpunt-mensenhandel")],
                ["youth", "parents", "professionals"], f"https://www.{vt}.example.nl/"))
            region["roles"] = {"veilig-thuis": vt, "meldpunt": vt}
            if k % 3 != 2:
                crisis = f"crisishulp-jeugd-{rid}"
                self.organisations.append(_org(
                    crisis, f"Crisishulp Jeugd {name}", "youth-care",
                    f"Het crisisnummer voor jeugdhulp in de regio {name}, dag en nacht.",
                    {"scope": "regions", "regions": [rid]},
                    [{**_phone(f"088-{next(number):07d}", "Bel Crisishulp Jeugd"),
                      "schedule": "24/7"}],
                    ["parents", "professionals"]))
                region["roles"]["jeugd-crisis"] = crisis
            else:
                region["roles"]["jeugd-crisis"] = {"unknown": (
                    f"We hebben geen nummer gevonden voor crisishulp voor jongeren in {name}.")}
        for i, muni in enumerate(self.municipalities):
            team = f"wijkteam-{muni['id']}"
            self.organisations.append(_org(
                team, f"Wijkteam {muni['name']}", "municipal-team",
                f"Het wijkteam van de gemeente {muni['name']} helpt jongeren en ouders met "
                "vragen over opvoeden, veiligheid en zorg.",
                {"scope": "municipalities", "municipalities": [muni["id"]]},
                [_phone(f"088-{next(number):07d}", "Bel het wijkteam"),
                 _mail(f"info@{team}.example.nl", "Mail het wijkteam")],
                ["youth", "parents"], f"https://www.{team}.example.nl/"))
            if i % 9 == 0:  # a municipality that fills in a role itself
                muni["roles"] = {"jeugd-crisis": team}
            if i % 4 == 0:
                muni["places"] = {"names": [f"{muni['name']}-Dorp", f"{muni['name']}erveld"],
                                  "source": _source(f"https://www.{team}.example.nl/kernen")}
        kinds = ("care-provider", "victim-support", "expertise-centre", "education",
                 "youth-care", "helpline")
        i = 0
        while len(self.organisations) + shipped < ORGANISATIONS:
            i += 1
            kind = kinds[i % len(kinds)]
            oid = f"{kind}-{i:03d}"
            word = {"care-provider": "Zorggroep", "victim-support": "Steunpunt",
                    "expertise-centre": "Kenniscentrum", "education": "Scholengroep",
                    "youth-care": "Jeugdzorg", "helpline": "Hulplijn"}[kind]
            if i % 10 == 0:
                area = {"scope": "national"}
                place = "heel Nederland"
            elif i % 3 == 0:
                munis = self.rng.sample(self.municipalities, 3)
                area = {"scope": "municipalities", "municipalities": [m["id"] for m in munis]}
                place = munis[0]["name"]
            else:
                regions = self.rng.sample(self.regions, 1 + i % 2)
                area = {"scope": "regions", "regions": [r["id"] for r in regions]}
                place = regions[0]["name"]
            channels = [_phone(f"088-{next(number):07d}", "Bel ons")]
            if i % 2:
                channels.append(_mail(f"info@{oid}.example.nl", "Mail ons"))
            self.organisations.append(_org(
                oid, f"{word} {i} in {place}", kind,
                f"{word} {i} werkt in {place} met jongeren, ouders en professionals rond "
                "uitbuiting en loverboys.", area, channels,
                ["youth", "parents", "professionals"][: 1 + i % 3],
                f"https://www.{oid}.example.nl/"))

    # The data folder ----------------------------------------------------------------

    def write_data(self, data: Path) -> None:
        shutil.copytree(ROOT / "data", data)
        doc = dict(self.shipped)
        doc["regions"] = self.shipped["regions"] + self.regions
        doc["municipalities"] = self.shipped["municipalities"] + self.municipalities
        _dump(data / "municipalities.yml", doc, "../portal/schemas/municipalities.schema.json")
        for org in self.organisations:
            _dump(data / "organisations" / f"{org['id']}.yml", org,
                  "../../portal/schemas/organisation.schema.json")
        chain = yaml.safe_load((data / "keten.yml").read_text("utf-8"))
        chain["versions"] += [{"id": r["id"], "name": r["name"], "regions": [r["id"]]}
                              for r in self.regions]
        _dump(data / "keten.yml", chain, "../portal/schemas/keten.schema.json")

    # The hand-written pages -----------------------------------------------------------

    def write_docs(self, docs: Path) -> int:
        shutil.copytree(ROOT / "docs", docs)
        shipped = sum(1 for _ in docs.rglob("*.md"))
        extra = PAGES - shipped
        by_region: dict[str, list[dict]] = {}
        for muni in self.municipalities:
            by_region.setdefault(muni["region"], []).append(muni)
        orgs_by_region: dict[str, list[dict]] = {}
        for org in self.organisations:
            for rid in org["service_area"].get("regions", []):
                orgs_by_region.setdefault(rid, []).append(org)
        written = 0
        for region in self.regions:
            if written >= extra:
                break
            rid, name = region["id"], region["name"]
            folder = docs / "regio" / rid
            folder.mkdir(parents=True)
            munis = by_region.get(rid, [])
            lines = [f"- [{m['name']}](../../gemeenten/{m['id']}.md)" for m in munis]
            chosen = _TOPICS[:extra - written - 1]
            topics = [f"- [{t}]({_slug(t)}.md)" for t in chosen]
            self._page(folder / "index.md", f"Aanpak loverboys in {name}",
                       f"Wat de regio {name} doet tegen loverboys en uitbuiting, en waar u "
                       "hulp vindt.", "all",
                       f"De gemeenten van {name} werken samen tegen loverboys en uitbuiting.",
                       f"## Melden in {name}\n\n"
                       f"Melden kan bij [[veilig-thuis-{rid}/meldpunt-mensenhandel]]. Advies "
                       f"vragen kan ook: [[veilig-thuis-{rid}/telefoon]].\n\n"
                       "## Onderwerpen\n\n" + "\n".join(topics) + "\n\n"
                       "## De gemeenten\n\n" + "\n".join(lines) + "\n")
            written += 1
            orgs = orgs_by_region.get(rid, [])
            for k, topic in enumerate(chosen):
                org = orgs[k % len(orgs)] if orgs else None
                cite = ""
                if org is not None and k % 2 == 0:
                    cite = (f"\n\n## Hulp in de buurt\n\n{org['name']} helpt hierbij: "
                            f"[[{org['id']}/{org['channels'][0]['id']}]]. Meer over deze "
                            f"organisatie: [{org['name']}](../../hulp/{org['id']}.md).\n")
                elif org is not None:
                    cite = f"\n\n## Hulp in de buurt\n\nZie [[{org['id']}]].\n"
                muni = munis[k % len(munis)] if munis else None
                local = (f"\n\nWoont de jongere in {muni['name']}? Kijk dan op "
                         f"[de pagina van {muni['name']}](../../gemeenten/{muni['id']}.md).\n"
                         if muni else "")
                self._page(folder / f"{_slug(topic)}.md", f"{topic} in {name}",
                           f"{topic}: wat professionals en ouders in de regio {name} kunnen "
                           "doen.", _AUDIENCES[k % len(_AUDIENCES)],
                           f"Over {topic.lower()} in de regio {name}. Wat u ziet, wat u "
                           "doet en wie u helpt.",
                           "## Wat u kunt doen\n\nSchrijf op wat u ziet en wanneer. Praat "
                           "erover met een collega. Vraag advies bij Veilig Thuis: "
                           f"[[veilig-thuis-{rid}/telefoon]].{local}{cite}")
                written += 1
        assert written == extra, (written, extra)
        return shipped + written

    @staticmethod
    def _page(path: Path, title: str, description: str, audience: str, lead: str,
              body: str) -> None:
        path.write_text(
            f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\n"
            f"audience: {audience}\n"
            "owner: Meldpunt Aanpak Loverboys Limburg - redactie\nlast_reviewed: 2026-11-29\n"
            f"---\n\n# {title}\n\n{lead}\n\n{body}", encoding="utf-8")


def _project_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "node_modules").symlink_to(ROOT / "node_modules")


def make_national(folder: Path) -> National:
    """The national project in `folder`; returns its synthetic records."""
    _project_files(folder)
    national = National()
    national.write_data(folder / "data")
    national.write_docs(folder / "docs")
    return national


def make_limburg(folder: Path) -> None:
    """The shipped project, copied as it is."""
    _project_files(folder)
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "docs", folder / "docs")
