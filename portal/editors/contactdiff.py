"""The contact values a change makes, for the people who review a pull request.

A pull request can come from a mistaken editor, a stolen account or a stranger's fork; a
swapped phone number looks like any other line in a YAML diff. `portal contactwijzigingen
--base <git-ref>` compares data/organisations/ in the working tree with the same folder at
<git-ref> (read with `git ls-tree` and `git show`, never checked out) and lists every
changed contact value: an organisation's name, website and address; each channel's type,
value and label; added and removed channels and organisations. CI (.github/workflows/pr.yml)
writes the list into the job summary and as a warning annotation on the changed line.

Values come from strangers, so what is shown can neither forge a workflow command (line
breaks and '%' are escaped, ::warning lines are built here) nor a table row (pipes, HTML and
Markdown are escaped), and invisible characters are shown as \\uXXXX, so that
"0800\\u200b-2000" does not pass for "0800-2000".
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.yamlsource import Document, load_yaml_text

FOLDER = "organisations"
MAX_BYTES = 1024 * 1024  # as the validator: a data file is smaller than 1 MB
NONE = "-"
HEADER = ("Organisatie", "Kanaal", "Wat", "Oud", "Nieuw")
ANNOTATION_TITLE = "Contactgegeven gewijzigd"


class GitError(Exception):
    """The comparison cannot start (no git repository, unknown base); Dutch message."""


@dataclass(frozen=True)
class Change:
    path: str  # the file, relative to the repository root
    line: int  # in the new file; 0 when the file is gone
    organisation: str  # "Name (id)"
    channel: str  # channel id, or NONE for the organisation itself
    what: str  # naam, website, adres, soort, waarde, label, kanaal nieuw/weg, organisatie nieuw/weg
    old: str
    new: str


@dataclass(frozen=True)
class Unreadable:
    path: str
    reason: str


@dataclass
class _Side:
    """One version of data/organisations/: documents by organisation id, and the files
    that could not be read."""

    docs: dict[str, tuple[str, Document]]
    unreadable: list[Unreadable]


# --- reading both versions ------------------------------------------------------------------

def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True)
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else "git gaf een fout")
    return result.stdout


def repository_root(folder: Path) -> Path:
    try:
        out = _git(folder, "rev-parse", "--show-toplevel")
    except (GitError, FileNotFoundError):
        raise GitError(f"{folder} ligt niet in een git-repository (git nodig om te "
                       "vergelijken)") from None
    return Path(out.decode("utf-8").strip())


def resolve_base(root: Path, ref: str) -> str:
    """The commit id of `ref`, or GitError. A ref that starts with '-' is refused: it would
    be read as an option of git."""
    if not ref or ref.startswith("-") or any(c in ref for c in "\0\n"):
        raise GitError(f"'{ref}' is geen git-versie")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode(
            "ascii").strip()
    except GitError:
        raise GitError(f"'{ref}' is geen commit in deze repository (met actions/checkout: "
                       "fetch-depth: 0)") from None


def _parse(rel: str, raw: bytes) -> Document | Unreadable:
    if len(raw) > MAX_BYTES:
        return Unreadable(rel, "groter dan 1 MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Unreadable(rel, "geen UTF-8")
    try:
        doc = load_yaml_text(text, Path(rel))
    except Exception as exc:  # noqa: BLE001 - any reading error: portal validate explains it
        return Unreadable(rel, getattr(exc, "reason", None) or "geen geldige YAML")
    if not isinstance(doc.data, dict):
        return Unreadable(rel, "geen blok met sleutels")
    return doc


def _collect(files: Iterable[tuple[str, bytes]]) -> _Side:
    side = _Side({}, [])
    for rel, raw in files:
        parsed = _parse(rel, raw)
        if isinstance(parsed, Unreadable):
            side.unreadable.append(parsed)
        else:
            side.docs[Path(rel).stem] = (rel, parsed)
    return side


def load_base(root: Path, commit: str, folder: str) -> _Side:
    """data/organisations/*.yml as they are at `commit` (regular files only)."""
    listing = _git(root, "ls-tree", "-z", "-l", commit, "--", f"{folder}/")
    files = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        mode, kind, _obj, _size = meta.split()
        rel = name.decode("utf-8", "replace")
        if kind != b"blob" or mode not in (b"100644", b"100755") or not rel.endswith(".yml"):
            continue
        files.append((rel, _git(root, "show", f"{commit}:{rel}")))
    return _collect(files)


def load_worktree(root: Path, folder: str) -> _Side:
    """data/organisations/*.yml in the working tree; a link is not followed."""
    base = root / folder
    files, links = [], []
    for path in sorted(base.glob("*.yml")) if base.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file():
            links.append(Unreadable(rel, "geen gewoon bestand (link)"))
        else:
            files.append((rel, path.read_bytes()))
    side = _collect(files)
    side.unreadable += links
    return side


# --- comparing --------------------------------------------------------------------------

def _text(value: Any) -> str:
    if value is None:
        return NONE
    if isinstance(value, dict):
        return ", ".join(_text(v) for v in value.values())
    return str(value)


def _channels(data: dict) -> dict[str, tuple[int, dict]]:
    found: dict[str, tuple[int, dict]] = {}
    channels = data.get("channels")
    for index, channel in enumerate(channels if isinstance(channels, list) else []):
        if not isinstance(channel, dict):
            continue
        key = str(channel.get("id") or f"#{index + 1}")
        while key in found:  # a duplicate id (an error for the validator): still listed
            key += "'"
        found[key] = (index, channel)
    return found


def _label(org_id: str, *datas: dict | None) -> str:
    names = [d.get("name") for d in datas if isinstance(d, dict) and d.get("name")]
    return f"{_text(names[0]) if names else '?'} ({org_id})"


def compare(old: _Side, new: _Side) -> list[Change]:
    """Every changed contact value between two versions of data/organisations/."""
    changes: list[Change] = []
    for org_id in sorted(set(old.docs) | set(new.docs)):
        changes += _compare_organisation(org_id, old.docs.get(org_id), new.docs.get(org_id))
    return changes


def _compare_organisation(org_id: str, old: tuple[str, Document] | None,
                          new: tuple[str, Document] | None) -> list[Change]:
    before = old[1].data if old else None
    after = new[1].data if new else None
    who = _label(org_id, after, before)
    path = (new or old)[0]
    changes: list[Change] = []

    def add(channel: str, what: str, was: str, now: str, key: tuple = ()) -> None:
        line = new[1].positions.of(key)[0] if new else 0
        changes.append(Change(path, line, who, channel, what, was, now))

    if before is None:
        add(NONE, "organisatie nieuw", NONE, _text(after.get("name")), ("name",))
    elif after is None:
        add(NONE, "organisatie weg", _text(before.get("name")), NONE)
    else:
        for key, what in (("name", "naam"), ("website", "website"), ("address", "adres")):
            if before.get(key) != after.get(key):
                add(NONE, what, _text(before.get(key)), _text(after.get(key)), (key,))
    was, now = _channels(before or {}), _channels(after or {})
    for channel_id in [*was, *(k for k in now if k not in was)]:
        if channel_id not in now:
            add(channel_id, "kanaal weg", _shown_channel(was[channel_id][1]), NONE,
                ("channels",))
            continue
        index, channel = now[channel_id]
        if channel_id not in was:
            add(channel_id, "kanaal nieuw", NONE, _shown_channel(channel),
                ("channels", index, "value"))
            continue
        previous = was[channel_id][1]
        for key, what in (("type", "soort"), ("value", "waarde"), ("label", "label")):
            if previous.get(key) != channel.get(key):
                add(channel_id, what, _text(previous.get(key)), _text(channel.get(key)),
                    ("channels", index, key))
    return changes


def _shown_channel(channel: dict) -> str:
    return f"{_text(channel.get('type'))}: {_text(channel.get('value'))}"


def contact_changes(data_dir: Path, base: str) -> tuple[list[Change], list[Unreadable]]:
    """The changes in data_dir/organisations/ since the commit `base`, and the files of
    the working tree that could not be read. GitError when git cannot compare."""
    root = repository_root(data_dir if data_dir.is_dir() else Path.cwd())
    commit = resolve_base(root, base)
    folder = Path(os.path.relpath(data_dir.resolve(), root.resolve())).as_posix()
    if folder.startswith(".."):
        raise GitError(f"{data_dir} ligt niet in de git-repository {root}")
    sub = f"{folder}/{FOLDER}" if folder != "." else FOLDER
    new = load_worktree(root, sub)
    old = load_base(root, commit, sub)
    return compare(old, new), new.unreadable


# --- showing ----------------------------------------------------------------------------

def visible(value: str) -> str:
    """`value` with every control, format (zero-width, direction) and unusual space
    character written as \\uXXXX, so that two values that look alike read differently."""
    out = []
    for char in value:
        category = unicodedata.category(char)
        if char == "\\" or (category[0] in "CZ" and char != " "):
            out.append("\\\\" if char == "\\" else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def _cells(change: Change) -> tuple[str, ...]:
    return tuple(visible(v) for v in (change.organisation, change.channel, change.what,
                                      change.old, change.new))


_MARKDOWN = str.maketrans({c: f"\\{c}" for c in "\\`*_[]|~"} |
                          {"<": "&lt;", ">": "&gt;", "&": "&amp;"})


def render_text(changes: list[Change], unreadable: list[Unreadable]) -> str:
    lines = [" | ".join(HEADER)] if changes else ["Geen contactgegevens gewijzigd."]
    lines += [" | ".join(_cells(c)) for c in changes]
    lines += [f"{visible(u.path)}: niet te lezen ({u.reason}); portal validate zegt waarom."
              for u in unreadable]
    return "\n".join(lines) + "\n"


def render_summary(changes: list[Change], unreadable: list[Unreadable]) -> str:
    """The job summary (Markdown, every value escaped)."""
    lines = ["### Gewijzigde contactgegevens", ""]
    if not changes:
        lines.append("Geen contactgegevens gewijzigd.")
    else:
        lines += [f"Deze wijziging verandert {len(changes)} contactgegeven(s). Controleer elk "
                  "nieuw nummer, adres en elke naam bij de bron voordat je goedkeurt; "
                  "onzichtbare tekens staan er als \\\\uXXXX.", "",
                  "| " + " | ".join(HEADER) + " |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(cell.translate(_MARKDOWN) for cell in _cells(c)) + " |"
                  for c in changes]
    if unreadable:
        lines += ["", "Niet te lezen (zie de controle `portal validate`):", ""]
        lines += [f"- {visible(u.path).translate(_MARKDOWN)}: {u.reason}" for u in unreadable]
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_annotations(changes: list[Change], unreadable: list[Unreadable]) -> list[str]:
    """One GitHub Actions ::warning:: per change, on its line of the new file."""
    out = []
    for change in changes:
        org, channel, what, old, new = _cells(change)
        place = f"file={_property(change.path)}"
        if change.line:
            place += f",line={change.line}"
        subject = org if channel == NONE else f"{org}, kanaal {channel}"
        out.append(f"::warning {place},title={_property(ANNOTATION_TITLE)}::"
                   + _data(f"{subject}: {what}: {old} → {new}. Controleer dit bij de bron."))
    for item in unreadable:
        out.append(f"::warning file={_property(item.path)},title="
                   f"{_property('Contactgegevens niet te lezen')}::"
                   + _data(f"Niet te lezen ({item.reason}); portal validate zegt waarom."))
    return out
