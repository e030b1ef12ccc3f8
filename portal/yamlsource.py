"""Read YAML files while keeping the line and column of every key and item.

Editors need `file:line:column` in every message, so positions come from composing the
node tree with PyYAML (libyaml when available) and recording where each path (a tuple of
keys and list indexes) starts. Dates, times and numbers stay strings: the schemas check
their form, and an editor's `2026-13-01` becomes a message, not a crash.

Most files are valid and their positions are never needed, so a document is first read
with the much faster `yaml_rs` (Rust) and only composed by PyYAML when it has to be: when
`yaml_rs` fails, finds a duplicate key, or reads a number (which PyYAML keeps as text
here), and lazily when a problem needs a position. Both paths give the same data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from .messages import Problem, display_path

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
    def __init__(self, path: Path, line: int, column: int, reason: str):
        super().__init__(reason)
        self.path, self.line, self.column, self.reason = path, line, column, reason


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


def _compose(text: str, path: Path) -> tuple[Any, Positions]:
    """Data and positions with PyYAML; raise YamlError with a position on bad syntax."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Positions()
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(path, line, col, _dutch_reason(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, 1, str(exc)) from None
    finally:
        loader.dispose()
    positions = Positions()
    _record(node, (), positions)
    return data, positions


def _plain(value: Any) -> bool:
    """True if `value` holds only text, booleans, null, lists and mappings (no numbers)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (str, bool))


def load_yaml_text(text: str, path: Path) -> Document:
    """Parse one YAML document; raise YamlError with a position on bad syntax."""
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any failure: PyYAML decides and explains
        data = _FALLBACK
    if data is not _FALLBACK and "\n---" not in text and _plain(data):
        return Document(path, data, text)
    data, positions = _compose(text, path)
    return Document(path, data, text, positions)


_FALLBACK = object()


def load_yaml(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, 1, 1, f"het bestand is geen UTF-8 ({exc.reason})") from None
    return load_yaml_text(text, path)


_REASONS = {
    "mapping values are not allowed": "hier mag geen dubbele punt staan; zet de tekst "
    "tussen aanhalingstekens",
    "found character '\\t' that cannot start any token": "een tab is niet toegestaan; "
    "gebruik spaties",
    "could not find expected ':'": "er ontbreekt een dubbele punt na een sleutel",
    "found undefined alias": "onbekende verwijzing (alias)",
    "expected <block end>, but found": "de inspringing klopt niet",
    "did not find expected key": "de inspringing klopt niet of er ontbreekt een sleutel",
    "did not find expected '-' indicator": "de inspringing van de lijst klopt niet",
    "found unexpected end of stream": "het bestand houdt onverwacht op (ontbreekt een "
    "aanhalingsteken?)",
    "expected a single document": "het bestand bevat meer dan één document (---)",
}


def _dutch_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or ""
    for english, dutch in _REASONS.items():
        if english in problem:
            return dutch
    return f"ongeldige YAML ({problem})"
