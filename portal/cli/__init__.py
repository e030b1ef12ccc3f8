"""The `portal` command: the editors' and CI's entry point to the generator's core.

Exit status: 0 all good, 1 the data (or site) has errors, 2 the command was used wrongly
(arguments, a missing folder), 3 an internal error (a bug: no data input may cause one).
Messages are in Dutch; a Python traceback is never what an editor sees.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..build import GenerationError, docs_files, generate_site, write_files
from ..checks.readability import B1, check_page, format_report, measure_tree, num
from ..checks.validate import has_errors, validate_tree
from ..data.load import DataDirError, load_tree
from ..messages import Severity, render_code_table, summarize
from ..sitecheck.external_collect import collect_external_urls
from ..sitecheck.external_http import Settings
from ..sitecheck.external_links import (
    check_external,
    collect_problems,
    format_summary,
    render_json,
    render_text,
)
from ..sitecheck.linkcheck import check_site
from .contact_changes import add_contact_changes_command
from .editors import add_editor_commands

_ENGLISH = {
    "the following arguments are required": "deze argumenten ontbreken",
    "unrecognized arguments": "onbekende argumenten",
    "invalid choice": "ongeldige keuze",
    "(choose from": "(kies uit",
    "argument ": "optie ",
    "expected one argument": "verwacht één waarde",
    "invalid": "ongeldige waarde",
}


class _DutchFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class _DutchParser(argparse.ArgumentParser):
    """argparse with its help and errors in Dutch: editors read them."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _DutchFormatter)
        kwargs["add_help"] = False  # its -h says "show this help message and exit"
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze uitleg en stop")

    def error(self, message: str) -> None:  # argparse's messages are English
        for english, dutch in _ENGLISH.items():
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen datum (JJJJ-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _DutchParser(prog="portal", description="Generator van het portaal van het "
                          "Meldpunt Aanpak Loverboys Limburg.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_DutchParser,
                                metavar="opdracht")
    v = sub.add_parser("validate", help="controleer data/ en de pagina's in docs/")
    v.add_argument("--data", type=Path, default=Path("data"), help="map met gegevens")
    v.add_argument("--docs", type=Path, default=Path("docs"),
                   help="map met pagina's (Markdown) om op nummers en leesbaarheid te "
                   "controleren")
    v.add_argument("--today", type=_iso_date, default=None,
                   help="datum voor de controle op versheid (standaard vandaag)")
    v.add_argument("--strict", action="store_true",
                   help="waarschuwingen tellen als fouten (voor publicatie)")
    v.add_argument("--format", choices=["text", "github"], default="text",
                   help="uitvoer als tekst of als GitHub Actions-annotaties")
    v.set_defaults(func=cmd_validate)

    g = sub.add_parser("generate", help="schrijf de gegenereerde pagina's en open data naar "
                       "een map (zonder MkDocs)")
    g.add_argument("outdir", type=Path, help="doelmap")
    g.add_argument("--data", type=Path, default=Path("data"), help="map met gegevens")
    g.add_argument("--docs", type=Path, default=Path("docs"),
                   help="map met pagina's: gecontroleerd en, met ingevulde verwijzingen "
                   "[[…]], mee naar de doelmap geschreven")
    g.add_argument("--templates", type=Path, default=Path("overrides/portal"),
                   help="map met eigen sjablonen die de standaardsjablonen vervangen")
    g.add_argument("--today", type=_iso_date, default=None, help="datum voor de versheid")
    g.add_argument("--materials", action="store_true",
                   help="ook het drukwerk (posters en zakkaarten als PDF, met Chromium) en de "
                   "pagina's Materialen, met site_url en crisis_channel uit mkdocs.yml")
    g.add_argument("--project", type=Path, default=Path("."),
                   help="map met mkdocs.yml (voor --materials; standaard de huidige map)")
    g.add_argument("--sources", type=Path, metavar="BESTAND",
                   help="schrijf per bestand zijn bron (JSON), voor de bewerklinks van een "
                   "voorbeeldversie met Zensical")
    g.set_defaults(func=cmd_generate)

    z = sub.add_parser("zensical", help="bouw de site met Zensical in plaats van MkDocs "
                       "(scripts/build --engine zensical doet alle stappen)")
    z.add_argument("step", choices=["prepare", "finish", "csp-allowlist"],
                   help="prepare: zet de uitvoer van 'portal generate' klaar als project per "
                   "taal; finish: zet de gebouwde talen samen en doe de stappen na de bouw "
                   "(CSP, zoekwoorden, korte adressen, feed); csp-allowlist: maak de lijst "
                   "met de scripts van Zensicals sjablonen opnieuw")
    z.add_argument("work", type=Path, nargs="?", default=Path("build/zensical"),
                   help="werkmap (standaard build/zensical); de uitvoer van 'portal generate' "
                   "staat in WORK/generated")
    z.add_argument("--site", type=Path, default=Path("site"), help="doelmap van de site")
    z.add_argument("--project", type=Path, default=Path("."),
                   help="map met mkdocs.yml (standaard de huidige map)")
    z.add_argument("--today", type=_iso_date, default=None, help="datum voor de versheid")
    z.add_argument("--check", action="store_true",
                   help="bij csp-allowlist: schrijf niets, meld alleen of de lijst nog klopt")
    z.set_defaults(func=cmd_zensical)

    k = sub.add_parser("check-links", help="controleer de links van de gebouwde site "
                       "(zonder netwerk)")
    k.add_argument("site", type=Path, nargs="?", default=Path("site"), help="gebouwde site")
    k.add_argument("--format", choices=["text", "github"], default="text",
                   help="uitvoer als tekst of als GitHub Actions-annotaties")
    _add_external_options(k)
    k.set_defaults(func=cmd_check_links)

    c = sub.add_parser("codes", help="toon de tabel met alle foutcodes (Markdown)")
    c.add_argument("--update", type=Path, metavar="BESTAND",
                   help="vervang de tabel tussen de codes-markeringen in BESTAND")
    c.set_defaults(func=cmd_codes)

    r = sub.add_parser("leesbaarheid", help="toon per pagina voor jongeren en ouders hoe "
                       "makkelijk de tekst is (B1) en welke zinnen te lang zijn")
    r.add_argument("--docs", type=Path, default=Path("docs"), help="map met pagina's")
    r.add_argument("--data", type=Path, default=Path("data"),
                   help="map met gegevens: de lijsten ([[lijst ...]]) leest hij mee")
    r.set_defaults(func=cmd_readability)

    about = ("maak de lijst met toegestane scripts (portal/sitecheck/csp_allowlist.json) "
             "opnieuw uit een voorbeeldsite (portal/sitecheck/csp_site/), nooit uit de echte "
             "pagina's: na een update "
             "van het thema of van overrides/")
    a = sub.add_parser("csp-allowlist", help=about, description=about)
    a.add_argument("--project", type=Path, default=Path("."),
                   help="map met mkdocs.yml (standaard: de huidige map)")
    a.add_argument("--check", action="store_true",
                   help="schrijf niets; geef een fout als de lijst niet meer klopt")
    a.set_defaults(func=cmd_csp_allowlist)
    add_editor_commands(sub, _iso_date)  # new, report
    add_contact_changes_command(sub)  # contactwijzigingen
    return parser


def cmd_generate(args: argparse.Namespace) -> int:
    try:
        generated = generate_site(args.data, today=args.today or date.today(),
                                  docs_dir=args.docs, templates_dir=args.templates)
    except DataDirError as exc:
        print(f"portal generate: fout: {exc}", file=sys.stderr)
        return 2
    except GenerationError as exc:
        for problem in exc.problems:
            print(problem.format_text())
        print("Niets geschreven: de gegevens bevatten fouten.", file=sys.stderr)
        return 1
    files = generated.files
    if args.materials:
        from ..engines.zensical import ZensicalError, material_files

        try:
            files = files + material_files(args.project, generated.portal,
                                           today=args.today or date.today(),
                                           templates_dir=args.templates
                                           if args.templates.is_dir() else None)
        except ZensicalError as exc:
            print(f"portal generate: fout: {exc}", file=sys.stderr)
            return 1
    if args.docs.is_dir():  # a hand-written page at the same path wins, as in the plugin
        files = files + docs_files(args.docs, generated.portal)
    write_files(files, args.outdir)
    if args.sources is not None:
        from ..engines.zensical import write_sources

        write_sources(files, args.sources)
    print(f"{len(files)} bestanden geschreven naar {args.outdir}", file=sys.stderr)
    return 0


def cmd_zensical(args: argparse.Namespace) -> int:
    from ..engines import zensical

    try:
        if args.step == "prepare":
            configs = zensical.prepare(args.project, args.work / "generated",
                                       args.work / "projects", args.work / "sources.json")
            for config_file in configs.values():
                print(config_file)  # scripts/build runs `zensical build` on each
            return 0
        if args.step == "finish":
            count = zensical.finish(args.project, args.work / "projects", args.site,
                                    today=args.today or date.today())
            print(f"{count} pagina's afgemaakt in {args.site} (CSP, zoekwoorden, korte "
                  "adressen, feed)", file=sys.stderr)
            return 0
        text = zensical.render_allowlist(args.project.resolve())
        if args.check:
            current = (zensical.ALLOWLIST.read_text(encoding="utf-8")
                       if zensical.ALLOWLIST.is_file() else "")
            if text != current:
                print(f"{zensical.ALLOWLIST} klopt niet meer met Zensicals sjablonen. Maak "
                      "hem opnieuw met 'portal zensical csp-allowlist' en bekijk het verschil "
                      "voor je het vastlegt.", file=sys.stderr)
                return 1
            print(f"{zensical.ALLOWLIST} klopt met Zensicals sjablonen.", file=sys.stderr)
            return 0
        zensical.ALLOWLIST.write_text(text, encoding="utf-8")
        print(f"{zensical.ALLOWLIST} geschreven.", file=sys.stderr)
        return 0
    except zensical.ZensicalError as exc:
        print(f"portal zensical {args.step}: fout: {exc}", file=sys.stderr)
        return 1


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0:
        raise argparse.ArgumentTypeError(f"'{value}' is geen getal groter dan 0")
    return number


def _add_external_options(k: argparse.ArgumentParser) -> None:
    x = k.add_argument_group("externe links (--external, met netwerk; voor een geplande taak)")
    x.add_argument("--external", action="store_true",
                   help="controleer de http(s)-links van de site en van data/ via het netwerk")
    x.add_argument("--data", type=Path, default=Path("data"), help="map met gegevens")
    x.add_argument("--timeout", type=_positive, default=10.0, help="seconden per verzoek")
    x.add_argument("--retries", type=int, choices=range(0, 6), default=2, metavar="0-5",
                   help="extra pogingen na 429, 5xx of time-out")
    x.add_argument("--backoff", type=_positive, default=1.0,
                   help="eerste wachttijd in seconden voor een nieuwe poging (verdubbelt)")
    x.add_argument("--per-host", type=int, choices=range(1, 9), default=2, metavar="1-8",
                   help="verzoeken tegelijk per server")
    x.add_argument("--cache", type=Path, default=Path("build/external-links.json"),
                   help="cachebestand (JSON) met links die werkten")
    x.add_argument("--max-age", type=_positive, default=24.0,
                   help="uren dat een werkende link niet opnieuw wordt gevraagd")
    x.add_argument("--json", action="store_true", help="rapport als JSON")
    x.add_argument("--strict", action="store_true",
                   help="waarschuwingen (verhuisde links) tellen als fouten")


def cmd_check_external(args: argparse.Namespace) -> int:
    settings = Settings(timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                        per_host=args.per_host)
    addresses = collect_external_urls(args.site, args.data)
    results = check_external(addresses, settings, cache=args.cache,
                             max_age_hours=args.max_age)
    problems = collect_problems(addresses, results)
    if args.json:
        print(render_json(addresses, results), end="")
    elif args.format == "github":
        for problem in problems:
            print(problem.format_github())
    else:
        print(render_text(addresses, results), end="")
    print(format_summary(results), file=sys.stderr)
    return 1 if has_errors(problems, strict=args.strict) else 0


def cmd_check_links(args: argparse.Namespace) -> int:
    if not (args.site / "index.html").is_file():
        print(f"portal check-links: fout: geen gebouwde site in {args.site} "
              "(index.html ontbreekt); bouw eerst met scripts/build", file=sys.stderr)
        return 2
    if args.external:
        if not args.data.is_dir():
            print(f"portal check-links: fout: map met gegevens niet gevonden: {args.data}",
                  file=sys.stderr)
            return 2
        return cmd_check_external(args)
    problems = check_site(args.site)
    for problem in problems:
        print(problem.format_github() if args.format == "github" else problem.format_text())
    pages = sum(1 for _ in args.site.rglob("*.html"))
    print(f"Links gecontroleerd in {pages} pagina's: {summarize(problems)}", file=sys.stderr)
    return 1 if has_errors(problems) else 0


CODES_START, CODES_END = "<!-- codes:start -->", "<!-- codes:end -->"


def cmd_codes(args: argparse.Namespace) -> int:
    table = render_code_table()
    if args.update is None:
        print(table, end="")
        return 0
    try:
        text = args.update.read_text(encoding="utf-8")
        head, rest = text.split(CODES_START, 1)
        _, tail = rest.split(CODES_END, 1)
    except (OSError, ValueError):
        print(f"portal codes: fout: {args.update} bestaat niet of mist de markeringen "
              f"{CODES_START} en {CODES_END}", file=sys.stderr)
        return 2
    text = f"{head}{CODES_START}\n{table}{CODES_END}{tail}"
    from ..data.contacts import PHONES_START, update_phone_table

    if PHONES_START in text:  # the phone policy, generated from contacts.PHONE_POLICY too
        text = update_phone_table(text)
    args.update.write_text(text, encoding="utf-8")
    return 0


def cmd_csp_allowlist(args: argparse.Namespace) -> int:
    from ..sitecheck.csp import ALLOWLIST, CspError, render_allowlist

    if not (args.project / "mkdocs.yml").is_file():
        print(f"portal csp-allowlist: fout: geen mkdocs.yml in {args.project}", file=sys.stderr)
        return 2
    try:
        text = render_allowlist(args.project)
    except CspError as exc:
        print(f"portal csp-allowlist: fout: {exc}", file=sys.stderr)
        return 1
    current = ALLOWLIST.read_text(encoding="utf-8") if ALLOWLIST.is_file() else ""
    if args.check:
        if text != current:
            print(f"{ALLOWLIST} klopt niet meer met de sjablonen. Maak hem opnieuw met "
                  "'portal csp-allowlist' en bekijk het verschil voor je het vastlegt.",
                  file=sys.stderr)
            return 1
        print(f"{ALLOWLIST} klopt met de sjablonen.", file=sys.stderr)
        return 0
    ALLOWLIST.write_text(text, encoding="utf-8")
    count = text.count('"hash"')
    print(f"{ALLOWLIST} geschreven: {count} inline scripts uit de sjablonen.", file=sys.stderr)
    return 0


def cmd_readability(args: argparse.Namespace) -> int:
    if not args.docs.is_dir():
        print(f"portal leesbaarheid: fout: map {args.docs} niet gevonden", file=sys.stderr)
        return 2
    # The lists a page shows from data/ are read where they stand; without a readable data
    # folder the pages are read as they are.
    tree = load_tree(args.data, []) if args.data.is_dir() else None
    reports = measure_tree(args.docs, tree=tree)
    for report in reports:
        print("\n".join(format_report(report)), end="\n\n")
    hard = sum(1 for report in reports if check_page(report))
    print(f"{len(reports)} pagina's voor jongeren en ouders gelezen, {hard} te moeilijk. "
          f"Grenzen (B1): zinnen hoogstens {B1.sentence_words} woorden, gemiddeld hoogstens "
          f"{num(B1.average_words)}, Flesch-Douma minimaal {num(B1.douma_min, 0)}, hoogstens "
          f"{num(100 * B1.long_share, 0)}% lange woorden.", file=sys.stderr)
    return 1 if hard else 0


def cmd_validate(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    try:
        _, problems = validate_tree(args.data, today=today, docs_dir=args.docs)
    except DataDirError as exc:
        print(f"portal validate: fout: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.format_github() if args.format == "github" else problem.format_text())
    failed = has_errors(problems, strict=args.strict)
    summary = summarize(problems)
    if args.strict and any(p.severity is Severity.WARNING for p in problems):
        summary += " Met --strict tellen waarschuwingen als fouten."
    print(("Gegevens afgekeurd: " if failed else "Gegevens in orde: ") + summary,
          file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - an editor never sees a traceback
        print(f"portal: interne fout ({type(exc).__name__}: {exc}). Meld dit bij de "
              "beheerders van de site, met de opdracht die je gaf.", file=sys.stderr)
        return 3  # not 2: the command was used rightly


if __name__ == "__main__":
    sys.exit(main())
