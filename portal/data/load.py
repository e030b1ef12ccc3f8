"""Load a data directory: every YAML file read with positions and checked against its
schema (and its dates against the calendar), with ids taken from file names. Problems are
collected, never raised. A symbolic link anywhere in the folder is refused and never
followed (Y013): a pull request could otherwise point a data file at any file of the
machine that builds the site.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..messages import Problem, display_path
from .schema import check_days, validate_schema
from .yamlsource import SYMLINK_REASON, Document, YamlError, load_yaml

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Data files a site may do without (tree attribute -> file and schema name): a page that
# shows one of them while it is missing gets K007 (portal/checks/lists.py).
OPTIONAL_FILES = {"signals": "signals", "after_report": "after-report",
                  "beslishulp": "beslishulp", "keten": "keten"}


@dataclass
class DataTree:
    """The documents of one data directory, keyed by id, as far as they could be read."""

    root: Path
    organisations: dict[str, Document] = field(default_factory=dict)
    routes: dict[str, Document] = field(default_factory=dict)
    roles: Document | None = None
    municipalities: Document | None = None
    wegwijzer: Document | None = None  # data/wegwijzer.yml: the Wegwijzer's questions
    # Optional: the signals and the steps after a report, shown where a page asks for them
    # with [[lijst signalen]] or [[lijst na-een-melding]] (portal/checks/lists.py).
    signals: Document | None = None  # data/signals.yml
    after_report: Document | None = None  # data/after-report.yml
    beslishulp: Document | None = None  # data/beslishulp.yml: the professionals' decision aid
    keten: Document | None = None  # data/keten.yml: the chain map and consultation
    # data/agenda/: one event per file; a site without the folder has no events.
    agenda: dict[str, Document] = field(default_factory=dict)
    # Ids of records whose file could not be read: references to them are not reported
    # again, so one typo gives one message.
    unreadable: set[str] = field(default_factory=set)

    def channel_index(self) -> dict[str, tuple[str, list[str] | None]]:
        """Organisation id -> (name, channel ids), for checking references in pages;
        None for a file that could not be read (reported already)."""
        index = {}
        for oid, doc in self.organisations.items():
            channels = doc.data.get("channels")
            ids = [c.get("id") for c in channels if isinstance(c, dict)] \
                if isinstance(channels, list) else []
            index[oid] = (str(doc.data.get("name", oid)), [i for i in ids if isinstance(i, str)])
        for oid in self.unreadable:
            index.setdefault(oid, (oid, None))
        return index

    def documents(self) -> list[Document]:
        singles = [d for d in (self.roles, self.municipalities, self.wegwijzer,
                               self.signals, self.after_report, self.beslishulp,
                               self.keten)
                   if d is not None]
        return [*self.organisations.values(), *self.routes.values(), *self.agenda.values(),
                *singles]


class DataDirError(Exception):
    """The data directory itself is missing or unusable (wrong use, exit status 2)."""


def find_symlinks(folder: Path) -> list[Path]:
    """Every symbolic link under `folder`: files and folders, dangling and looping ones
    too. None is followed."""
    found = []
    for parent, dirs, files in os.walk(folder):  # os.walk does not follow links
        found += [Path(parent) / name for name in sorted([*dirs, *files])
                  if (Path(parent) / name).is_symlink()]
    return found


def check_symlinks(folder: Path) -> list[Problem]:
    """Y013 for every symbolic link under `folder`."""
    return [symlink_problem(path) for path in find_symlinks(folder)]


def symlink_problem(path: Path) -> Problem:
    return Problem(display_path(path), 1, 1, "Y013", SYMLINK_REASON[0].upper()
                   + SYMLINK_REASON[1:] + ".")


def read_document(path: Path, kind: str, problems: list[Problem],
                  today: date | None = None) -> Document | None:
    """One YAML file of `kind` (a schema in portal/schemas/), checked against its schema;
    None when it cannot be read. Problems are added to `problems`, never raised."""
    where = display_path(path)
    try:
        doc = load_yaml(path)
    except YamlError as exc:
        reason = exc.reason[0].upper() + exc.reason[1:]
        problems.append(Problem(where, exc.line, exc.column, exc.code, reason + "."))
        return None
    for key_path, line, col in doc.duplicates:
        problems.append(Problem(where, line, col, "Y002",
                                f"Sleutel '{key_path[-1]}' staat twee keer in hetzelfde blok."))
    if not isinstance(doc.data, dict):
        problems.append(Problem(where, 1, 1, "Y003", "Het bestand bevat geen blok met sleutels."))
        return None
    problems.extend(validate_schema(doc, kind, where))
    problems.extend(check_days(doc, kind, where, today))
    return doc


def _read_records(
    folder: Path, kind: str, problems: list[Problem], unreadable: set[str],
    today: date | None = None,
) -> dict[str, Document]:
    """One record per file; the file name is the id (checked here, with uniqueness)."""
    records: dict[str, Document] = {}
    if folder.is_symlink() or not folder.is_dir():
        return records  # a linked folder: reported by check_symlinks, never read
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    for path in files:
        if path.is_symlink():  # reported by check_symlinks; its id counts as unreadable
            unreadable.add(path.stem)
            continue
        doc = read_document(path, kind, problems, today)
        if doc is None:
            unreadable.add(path.stem)
            continue
        where = display_path(path)
        record_id = doc.data.get("id")
        # A malformed id is reported by the schema (I003); only a well-formed one is
        # compared with the file name, so one mistake gives one message.
        if isinstance(record_id, str) and SLUG.fullmatch(record_id) and record_id != path.stem:
            line, col = doc.positions.of(("id",))
            problems.append(Problem(where, line, col, "I001",
                                    f"Id '{record_id}' hoort bij bestand '{record_id}.yml', "
                                    f"maar het bestand heet '{path.name}'."))
        key = path.stem
        if key in records:
            line, col = doc.positions.of(("id",))
            problems.append(Problem(where, line, col, "I002",
                                    f"Id '{key}' bestaat al in {display_path(records[key].path)}."))
            continue
        records[key] = doc
    return records


def load_tree(data_dir: Path, problems: list[Problem], today: date | None = None) -> DataTree:
    """The documents of `data_dir`; `today` for the dates that cannot be in the future."""
    if not data_dir.is_dir():
        raise DataDirError(f"map met gegevens niet gevonden: {data_dir}")
    tree = DataTree(data_dir)
    problems += check_symlinks(data_dir)
    tree.organisations = _read_records(
        data_dir / "organisations", "organisation", problems, tree.unreadable, today
    )
    tree.routes = _read_records(data_dir / "routes", "route", problems, tree.unreadable, today)
    # Events are referred to by no other file: an unreadable one is not an unknown id.
    tree.agenda = _read_records(data_dir / "agenda", "agenda", problems, set(), today)
    for name in ("roles", "municipalities", "wegwijzer"):
        path = data_dir / f"{name}.yml"
        if path.is_symlink():
            continue  # reported by check_symlinks, never read
        if path.is_file():
            setattr(tree, name, read_document(path, name, problems, today))
        else:
            problems.append(Problem(display_path(path), 1, 1, "Y004",
                                    f"Het bestand {path.name} ontbreekt."))
    for attribute, kind in OPTIONAL_FILES.items():
        path = data_dir / f"{kind}.yml"
        if path.is_file() and not path.is_symlink():
            setattr(tree, attribute, read_document(path, kind, problems, today))
    return tree
