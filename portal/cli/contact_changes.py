"""`portal contactwijzigingen`: the contact values a pull request changes (see
portal/editors/contactdiff.py), as text, or for CI as GitHub annotations plus the job summary.
Registered on the main parser by portal/cli/__init__.py; messages are Dutch.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..editors.contactdiff import (
    GitError,
    contact_changes,
    render_annotations,
    render_summary,
    render_text,
)

ABOUT = ("toon welke contactgegevens (naam, website, adres, kanalen: soort, waarde, label) "
         "in data/organisations/ veranderd zijn sinds een git-versie; voor wie een wijziging "
         "goedkeurt")


def add_contact_changes_command(sub) -> None:
    """Add `contactwijzigingen` to the subparsers `sub` of the main parser."""
    c = sub.add_parser("contactwijzigingen", help=ABOUT, description=ABOUT)
    c.add_argument("--base", required=True, metavar="GIT-VERSIE",
                   help="de versie om mee te vergelijken, bijv. origin/main of een "
                   "commit-id (in CI: de basis van de pull request)")
    c.add_argument("--data", type=Path, default=Path("data"), help="map met gegevens")
    c.add_argument("--format", choices=["text", "github"], default="text",
                   help="uitvoer als tekst, of als GitHub Actions-annotaties plus een "
                   "tabel in de samenvatting van de job ($GITHUB_STEP_SUMMARY)")
    c.set_defaults(func=cmd_contact_changes, parser=c)


def cmd_contact_changes(args: argparse.Namespace) -> int:
    try:
        changes, unreadable = contact_changes(args.data, args.base)
    except GitError as exc:
        args.parser.error(str(exc))  # wrong use: exit 2
    if args.format == "github":
        for line in render_annotations(changes, unreadable):
            print(line)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(render_summary(changes, unreadable))
    else:
        sys.stdout.write(render_text(changes, unreadable))
    print(f"{len(changes)} contactgegeven(s) gewijzigd sinds {args.base}.", file=sys.stderr)
    return 0
