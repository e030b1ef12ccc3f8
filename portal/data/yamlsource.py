"""Read YAML files while keeping the line and column of every key and item.

Editors need `file:line:column` in every message, so positions come from composing the
node tree with PyYAML (libyaml when available) and recording where each path (a tuple of
keys and list indexes) starts. Dates, times and numbers stay strings: the schemas check
their form, and an editor's `2026-13-01` becomes a message, not a crash.

Most files are valid and their positions are never needed, so a document is first read
with the much faster `yaml_rs` (Rust) and only composed by PyYAML when it has to be: when
`yaml_rs` fails, finds a duplicate key, or reads a number (which PyYAML keeps as text
here), and lazily when a problem needs a position. Both paths give the same data.

Files come from pull requests, so what either parser could be made to do is refused
before it parses: a file is read only if it is a regular file (never through a symbolic
link) under 1 MB in UTF-8; a byte-order mark, control characters and tabs in the
indentation are found by cheap text checks; anchors and aliases (the "billion laughs"),
tags (`!include`, `!!python/...`) and nesting deeper than MAX_DEPTH are found in libyaml's
event stream, which is only looked at when the text holds `&`, `*`, `!` or a directive, or
when the fast reader could not answer. Every refusal is a YamlError with a code, a line
and a Dutch reason.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from ..messages import Problem, display_path

try:  # libyaml is about ten times faster; the pure-Python loader gives the same result.
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


# Keep timestamps and numbers as text (see module docstring): `value: 112` is a phone
# number, not an integer. YAML 1.1 words such as "yes", "no", "on" and "off" stay text
# too: only true/false are booleans.
_TEXT_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("timestamp", "bool", "int", "float")}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _TEXT_TAGS]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
# The YAML 1.2 spellings, as yaml_rs reads them.
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)

Path_ = tuple[Any, ...]


@dataclass
class Positions:
    """Line and column (1-based) of each path in one document."""

    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int, int]] = field(default_factory=list)

    def of(self, path: Path_) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))


@dataclass
class Document:
    path: Path
    data: Any
    text: str = ""
    _positions: Positions | None = field(default=None, repr=False)

    def problem(self, path: Path_, code: str, detail: str) -> Problem:
        """A Problem at the line and column of `path` in this document."""
        line, col = self.positions.of(path)
        return Problem(display_path(self.path), line, col, code, detail)

    @property
    def duplicates(self) -> list[tuple[Path_, int, int]]:
        # The fast reader refuses duplicate keys, so only a composed document has any.
        return self._positions.duplicates if self._positions is not None else []

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = _compose(self.text, self.path)[1]
        return self._positions


class YamlError(Exception):
    """A file that cannot be read: `reason` in Dutch, `code` from messages.CODES."""

    def __init__(self, path: Path, line: int, column: int, reason: str, code: str = "Y001"):
        super().__init__(reason)
        self.path, self.line, self.column, self.reason = path, line, column, reason
        self.code = code


# The largest data file or page is 6 kB; a larger file than this is refused (Y014), so a
# hostile one costs every later check little.
MAX_BYTES = 250_000
MAX_DEPTH = 20  # the data needs 6 levels; libyaml itself allows 1,000
# Values (keys, texts, lists, blocks) in one file: the largest shipped file has under 1,000;
# each value costs every later check some time, so 1 MB of "- x" lines is refused early.
MAX_VALUES = 10_000
SYMLINK_REASON = ("dit is een symbolische link of een ander bijzonder bestand; de site leest "
                  "alleen gewone bestanden en volgt nooit een link")


def read_source(path: Path) -> str:
    """The text of a file editors wrote: a regular file, never read through a symbolic
    link (not even a dangling or looping one), at most MAX_BYTES, in UTF-8."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise YamlError(path, 1, 1, SYMLINK_REASON, "Y013") from None
        raise YamlError(path, 1, 1, f"het bestand is niet te openen ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise YamlError(path, 1, 1, SYMLINK_REASON, "Y013")
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise YamlError(path, 1, 1, f"het bestand is groter dan {MAX_BYTES // 1000} kB",
                        "Y014")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[start:exc.start].decode("utf-8", errors="replace")) + 1
        raise YamlError(path, line, column, f"het bestand is geen UTF-8: byte "
                        f"0x{data[exc.start]:02X} hoort niet in UTF-8 (opgeslagen als "
                        "Windows-1252 of Latin-1?)", "Y005") from None


def place(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of character `index` of `text`."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {0x00: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
_TAB_INDENT = re.compile(r"^ *\t[ \t]*\S", re.M)
# Characters that may start an anchor, alias or tag: only then is the event stream read.
_SUSPECT = re.compile(r"[&*!]")
# Either kind, so that most files are scanned once for both.
_ODD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f&*!]")


def control_reason(char: str) -> str:
    name = _CONTROL_NAMES.get(ord(char))
    return (f"onzichtbaar stuurteken U+{ord(char):04X}{f' ({name})' if name else ''} in de "
            "tekst")


def check_text(text: str, path: Path) -> None:
    """Refuse a byte-order mark, control characters and tabs in the indentation (cheap
    text checks, before any parser sees the text)."""
    if text.startswith("\ufeff"):
        raise YamlError(path, 1, 1, "het bestand begint met een byte-order mark (BOM, het "
                        "onzichtbare teken U+FEFF)", "Y006")
    if _ODD.search(text) and (found := CONTROL.search(text)):
        line, col = place(text, found.start())
        raise YamlError(path, line, col, control_reason(found.group()), "Y008")
    if "\t" in text and (found := _TAB_INDENT.search(text)):
        line, _ = place(text, found.start())
        col = found.group().index("\t") + 1
        raise YamlError(path, line, col, "een tab in de inspringing; YAML telt alleen "
                        "spaties", "Y007")


def _check_events(text: str, path: Path) -> bool:
    """Refuse anchors, aliases, tags and deep nesting from libyaml's events (nothing is
    built, so nothing can grow). False when the text is not valid YAML: the composer
    then explains where."""
    depth = count = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = event.start_mark
            where = (path, mark.line + 1, mark.column + 1)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                kind = "verwijzing" if sign == "*" else "anker"
                raise YamlError(*where, f"{kind} '{sign}{event.anchor}': ankers en "
                                "verwijzingen zijn niet toegestaan", "Y010")
            if getattr(event, "tag", None) or getattr(event, "tags", None):
                tag = getattr(event, "tag", None) or "%TAG"
                raise YamlError(*where, f"YAML-tag '{tag}': tags zijn niet toegestaan",
                                "Y011")
            count += 1
            if count > MAX_VALUES:
                raise YamlError(path, 1, 1, _TOO_MANY, "Y014")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(*where, f"de gegevens zijn hier meer dan {MAX_DEPTH} "
                                    "niveaus diep genest", "Y012")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()
    return True


def _record(node: yaml.Node, path: Path_, pos: Positions) -> None:
    pos.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*path, key)
            if key in seen:
                mark = key_node.start_mark
                pos.duplicates.append((child, mark.line + 1, mark.column + 1))
            seen.add(key)
            _record(value_node, child, pos)
            # The key's own line is where an editor looks for it.
            pos.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*path, index), pos)


def _compose(text: str, path: Path, first_line: int = 1) -> tuple[Any, Positions]:
    """Data and positions with PyYAML; raise YamlError with a position on bad syntax."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Positions()
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, text, path, first_line) from None
    except yaml.YAMLError as exc:  # not expected after check_text; still in Dutch
        raise YamlError(path, 1, 1, f"ongeldige YAML ({exc})") from None
    finally:
        loader.dispose()
    positions = Positions()
    _record(node, (), positions)
    return data, positions


def _plain(value: Any, depth: int = 1) -> bool:
    """True if `value` holds only text, booleans, null, lists and mappings (no numbers),
    nested at most MAX_DEPTH deep."""
    if isinstance(value, dict):
        return depth <= MAX_DEPTH and all(isinstance(k, str) and _plain(v, depth + 1)
                                          for k, v in value.items())
    if isinstance(value, list):
        return depth <= MAX_DEPTH and all(_plain(v, depth + 1) for v in value)
    return value is None or isinstance(value, (str, bool))


_TOO_MANY = f"het bestand bevat meer dan {MAX_VALUES:,} waarden".replace(",", ".")


def _too_many(value: Any) -> bool:
    """True if `value` holds more than MAX_VALUES values (keys count too)."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            count += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        if count > MAX_VALUES:
            return True
    return False


def walk_strings(value: Any, path: Path_ = (), *, keys: bool = False
                 ) -> Iterator[tuple[Path_, str]]:
    """Every text in `value` (and with `keys`, every mapping key too), with the path where
    it is: the one walk the data checks share."""
    if isinstance(value, dict):
        for key, item in value.items():
            if keys:
                yield (*path, key), key
            yield from walk_strings(item, (*path, key), keys=keys)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_strings(item, (*path, index), keys=keys)
    elif isinstance(value, str):
        yield path, value


def load_yaml_text(text: str, path: Path, first_line: int = 1) -> Document:
    """Parse one YAML document; raise YamlError with a code and a position (in `text`)
    when the text is refused or not valid YAML. `first_line`: the line of the file where
    `text` starts, for the lines a reason names (front matter starts on line 2)."""
    check_text(text, path)
    suspect = (_ODD.search(text) is not None and _SUSPECT.search(text) is not None) or \
        text.startswith("%") or "\n%" in text
    valid = _check_events(text, path) if suspect else True
    data = _FALLBACK
    if valid:  # what libyaml cannot read, yaml_rs is not asked to (no parser differences)
        try:
            data = yaml_rs.loads(text, parse_datetime=False)
        except Exception:  # noqa: BLE001 - any failure: PyYAML decides and explains
            data = _FALLBACK
    if data is not _FALLBACK and "\n---" not in text and _plain(data):
        # A short file cannot hold too many values (4 bytes each at least).
        if len(text) > 4 * MAX_VALUES and _too_many(data):
            raise YamlError(path, 1, 1, _TOO_MANY, "Y014")
        doc = Document(path, data, text)
    else:
        if not suspect:
            _check_events(text, path)
        data, positions = _compose(text, path, first_line)
        doc = Document(path, data, text, positions)
    if "\\" in text:  # an escape in a quoted text ("\0", "\e") can make a control character
        for key_path, value in walk_strings(doc.data, keys=True):
            if isinstance(value, str) and (found := CONTROL.search(value)):
                line, col = doc.positions.of(key_path)
                raise YamlError(path, line, col, control_reason(found.group()), "Y008")
    return doc


_FALLBACK = object()


def load_yaml(path: Path) -> Document:
    """Read one data file (see read_source) and parse it."""
    return load_yaml_text(read_source(path), path)


def _explain(exc: yaml.MarkedYAMLError, text: str, path: Path, first_line: int) -> YamlError:
    """A YamlError at the place an editor has to look, with a Dutch reason. A quote that
    is never closed is reported where it opens, with the line where the reader stopped
    (lines in the reason are counted from `first_line`, the file's line of the text)."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    shown = line + first_line - 1
    if "quoted scalar" in (exc.context or "") and "end of stream" in (exc.problem or "") \
            and exc.context_mark is not None:
        opened = exc.context_mark
        return YamlError(path, opened.line + 1, opened.column + 1, "het aanhalingsteken op "
                         f"regel {opened.line + first_line} wordt nergens gesloten; het lezen "
                         f"liep vast aan het eind, op regel {shown}", "Y009")
    if (opened := _quote_ending_at(text, line)) is not None:
        return YamlError(path, opened.line + 1, opened.column + 1, "het aanhalingsteken op "
                         f"regel {opened.line + first_line} wordt niet op die regel gesloten: "
                         "de tekst loopt door tot het volgende aanhalingsteken, op regel "
                         f"{shown}, waar het lezen vastliep ({_dutch_reason(exc)})", "Y009")
    if "nesting depth" in (exc.problem or ""):
        return YamlError(path, line, col, f"de gegevens zijn hier meer dan {MAX_DEPTH} "
                         "niveaus diep genest", "Y012")
    return YamlError(path, line, col, _dutch_reason(exc))


def _quote_ending_at(text: str, line: int) -> yaml.Mark | None:
    """Where a quoted text starts that runs over several lines and ends on `line` (the
    line where reading stopped): most likely a closing quote was left out there."""
    loader = _Loader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if token.start_mark.line + 1 > line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and \
                    token.start_mark.line < token.end_mark.line == line - 1:
                return token.start_mark
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return None


# libyaml's problems (and PyYAML's composer's) in Dutch; the English stays only in
# parentheses when no entry matches.
_REASONS = {
    "mapping values are not allowed": "hier mag geen dubbele punt staan; zet de tekst "
    "tussen aanhalingstekens",
    "found character '\\t' that cannot start any token": "een tab is niet toegestaan; "
    "gebruik spaties",
    "found a tab character": "een tab is niet toegestaan; gebruik spaties",
    "could not find expected ':'": "er ontbreekt een dubbele punt na een sleutel",
    "found undefined alias": "onbekende verwijzing (alias)",
    "expected <block end>, but found": "de inspringing klopt niet",
    "did not find expected key": "de inspringing klopt niet of er ontbreekt een sleutel",
    "did not find expected '-' indicator": "de inspringing van de lijst klopt niet",
    "did not find expected ',' or ']'": "een lijst tussen [ ] is niet gesloten of mist een "
    "komma",
    "did not find expected ',' or '}'": "een blok tussen { } is niet gesloten of mist een "
    "komma",
    "did not find expected node content": "hier ontbreekt een waarde",
    "found unexpected end of stream": "het bestand houdt onverwacht op (ontbreekt een "
    "aanhalingsteken?)",
    "but found another document": "het bestand bevat meer dan één document (---)",
    "expected a single document": "het bestand bevat meer dan één document (---)",
    "found unknown escape character": "onbekende code na een backslash (\\) in tekst tussen "
    "dubbele aanhalingstekens; schrijf \\\\ of gebruik enkele aanhalingstekens",
    "did not find expected hexdecimal number": "onvolledige code na \\x, \\u of \\U in tekst "
    "tussen dubbele aanhalingstekens",
    "found invalid Unicode character escape code": "ongeldige tekencode na \\u of \\U",
    "did not find expected alphabetic or numeric character": "na & of * hoort een naam; "
    "begint de tekst met & of *, zet hem dan tussen aanhalingstekens",
    "found character that cannot start any token": "een teken dat hier niet mag (zoals @, ` "
    "of een tab); zet de tekst tussen aanhalingstekens",
    "found an indentation indicator equal to 0": "na | of > mag geen 0 staan",
    "did not find expected comment or line break": "na | of > mag op dezelfde regel alleen "
    "een commentaar staan",
    "block sequence entries are not allowed": "een lijst (-) mag hier niet beginnen; "
    "controleer de inspringing",
    "found unexpected ':'": "hier mag geen dubbele punt staan; zet de tekst tussen "
    "aanhalingstekens",
    "exceeded maximum nesting depth": f"de gegevens zijn te diep genest (meer dan {MAX_DEPTH} "
    "niveaus)",
    "found duplicate anchor": "hetzelfde anker staat twee keer in het bestand",
    "found undefined tag handle": "onbekende YAML-tag; tags zijn niet toegestaan",
    "could not determine a constructor for the tag": "YAML-tags zijn niet toegestaan",
    "did not find expected <document start>": "hier hoort een nieuwe sleutel aan het begin "
    "van de regel; controleer de inspringing",
    "found unexpected document indicator": "'---' of '...' hoort hier niet",
    "found incompatible YAML document": "onbekende YAML-versie in een %YAML-regel",
    "found duplicate %YAML directive": "de regel %YAML staat twee keer in het bestand",
    "did not find expected whitespace or line break": "na een speciaal teken hoort een spatie",
    "did not find the expected '>'": "een tag met < is niet gesloten",
    "control characters are not allowed": "onzichtbaar stuurteken in de tekst",
}


def _dutch_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or ""
    for english, dutch in _REASONS.items():
        if english in problem:
            return dutch
    return f"de YAML klopt hier niet ({problem})"
