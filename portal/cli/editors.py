"""The editors' commands of `portal`: `new` (start an organisation, route or page from a
commented template) and `report` (which pages and records were looked at longest ago,
per team). Registered on the main parser by portal/cli/__init__.py; messages are Dutch.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..data.load import DataDirError, load_tree
from ..editors.freshness import collect_pages, collect_records, render_markdown, render_text
from ..editors.scaffold import KINDS, ScaffoldError, generate_new


def add_editor_commands(sub, iso_date: Callable[[str], date]) -> None:
    """Add `new` and `report` to the subparsers `sub` of the main parser."""
    n = sub.add_parser("new", help="maak een nieuwe organisatie, route, bijeenkomst of "
                       "pagina uit een voorbeeld met uitleg")
    n.add_argument("kind", choices=list(KINDS), metavar="soort",
                   help="organisation, route, event of page (of: organisatie, "
                   "bijeenkomst, pagina)")
    n.add_argument("id", help="korte naam: kleine letters, cijfers en streepjes; wordt de "
                   "bestandsnaam")
    n.add_argument("--map", "--section", dest="section", default=None, metavar="MAP",
                   help="voor een pagina: de map in docs/, bijv. youth (standaard docs/ zelf)")
    n.add_argument("--data", type=Path, default=Path("data"), help="map met gegevens")
    n.add_argument("--docs", type=Path, default=Path("docs"), help="map met pagina's")
    n.add_argument("--today", type=iso_date, default=None,
                   help="datum die in het nieuwe bestand komt (standaard vandaag)")
    n.set_defaults(func=cmd_new)

    r = sub.add_parser("report", help="toon welke pagina's en gegevens het langst niet zijn "
                       "nagekeken, per team")
    r.add_argument("--data", type=Path, default=Path("data"), help="map met gegevens")
    r.add_argument("--docs", type=Path, default=Path("docs"), help="map met pagina's")
    r.add_argument("--today", type=iso_date, default=None,
                   help="datum waarmee de leeftijd wordt berekend (standaard vandaag)")
    r.add_argument("--format", choices=["text", "markdown"], default="text",
                   help="uitvoer als tekst of als Markdown")
    r.set_defaults(func=cmd_report)


_NEXT = {
    "organisation": "Vul de teksten met VUL IN in, voeg kanalen toe en controleer met "
                    "'portal validate'. Verwijs op een pagina naar de organisatie met "
                    "[[{id}]].",
    "route": "Vul de teksten met VUL IN in, voeg de stappen toe en controleer met "
             "'portal validate'.",
    "event": "Vul de teksten en webadressen met VUL IN in, zet datum, tijd en plaats goed "
             "en controleer met 'portal validate'. De bijeenkomst komt op /agenda/.",
    "page": "Vul de teksten met VUL IN in en controleer met 'portal validate'. Zet de pagina "
            "in 'nav' in mkdocs.yml of link ernaar vanaf een andere pagina.",
}


def cmd_new(args: argparse.Namespace) -> int:
    try:
        new = generate_new(args.kind, args.id, data_dir=args.data, docs_dir=args.docs,
                           today=args.today or date.today(), section=args.section)
    except ScaffoldError as exc:
        print(f"portal new: fout: {exc}", file=sys.stderr)
        return 2
    except FileExistsError:
        print(f"portal new: fout: het bestand voor '{args.id}' bestaat al.", file=sys.stderr)
        return 2
    print(f"Gemaakt: {new.path}. {_NEXT[new.kind].format(id=args.id)}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    today = args.today or date.today()
    try:
        tree = load_tree(args.data, [])  # read leniently: problems are validate's
    except DataDirError as exc:
        print(f"portal report: fout: {exc}", file=sys.stderr)
        return 2
    items = collect_records(tree)
    if args.docs.is_dir():
        items += collect_pages(args.docs)
    render = render_markdown if args.format == "markdown" else render_text
    print(render(items, today), end="")
    return 0
