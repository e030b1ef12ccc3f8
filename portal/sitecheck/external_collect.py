"""Collect the external (http and https) addresses of the portal, with where each is used:
every href and src in the built site's HTML, and every web address in the data files,
with the file, line and key of the record that holds it. `external_links` checks them.

Nothing here touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from ..data.yamlsource import Document, YamlError, load_yaml, walk_strings
from ..messages import display_path
from .linkcheck import Page, load_site

# A web address inside a longer text; trailing punctuation belongs to the sentence.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`{}|\\^\[\]]+", re.I)
_TRAILING = ".,;:!?)"


@dataclass(frozen=True, order=True)
class Place:
    """Where one external address is used: on a built page or in a data file."""

    kind: str  # "page" or "data"
    path: str  # site-relative page ("youth/index.html") or data file as typed
    line: int = 0  # 1-based line in a data file; 0 for a page
    column: int = 0
    label: str = ""  # a page's link text, or a data file's key path ("source.url")
    source: str = ""  # the file a page was built from, when the page names it

    def as_json(self) -> dict[str, Any]:
        if self.kind == "page":
            return {"kind": "page", "path": self.path, "text": self.label,
                    "source": self.source or None}
        return {"kind": "data", "path": self.path, "line": self.line, "column": self.column,
                "key": self.label}


Addresses = dict[str, list[Place]]


def is_external(target: str) -> bool:
    return target[:8].lower().startswith(("http://", "https://"))


def _add(found: Addresses, url: str, place: Place) -> None:
    url = urldefrag(url.strip())[0]  # the fragment never reaches the server
    places = found.setdefault(url, [])
    if place not in places:
        places.append(place)


def _is_edit_link(page: Page, target: str) -> bool:
    # The theme's "edit this page" link points into the repository; it needs a login and
    # says nothing about the content, so it is not checked.
    return (bool(page.source) and ("/edit/" in target or "/tree/" in target)
            and target.endswith(f"/{page.source}"))


def collect_page_urls(site: Path, found: Addresses | None = None) -> Addresses:
    """Every external address in site/**/*.html (a, link, img, script, source, iframe)."""
    found = {} if found is None else found
    for path, page in load_site(site).items():
        for link in page.links:
            target = link.target.strip()
            if is_external(target) and not _is_edit_link(page, target):
                _add(found, target, Place("page", path, label=link.text,
                                          source=page.source or ""))
    return found


def _key_path(data: Any, path: tuple[Any, ...]) -> str:
    """`channels[chat].source.url`: list items by their id where they have one."""
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            name = item.get("id") if isinstance(item, dict) else None
            parts.append(f"[{name if isinstance(name, str) else step}]")
            node = item
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts)


def _urls_in(text: str) -> list[str]:
    return [m.group(0).rstrip(_TRAILING) for m in _URL_IN_TEXT.finditer(text)]


def _line_of(doc: Document, url: str, path: tuple[Any, ...]) -> tuple[int, int]:
    """The line that shows `url`: the key's line, or a later one for a long folded text."""
    line, column = doc.positions.of(path)
    lines = doc.text.splitlines()
    for number in range(line, min(len(lines), line + 40) + 1):
        at = lines[number - 1].find(url)
        if at >= 0:
            return number, at + 1
    return line, column


def collect_data_urls(data_dir: Path, found: Addresses | None = None) -> Addresses:
    """Every web address in the YAML files under `data_dir`: `url:` values, channel
    values, websites and addresses inside texts, each with file, line and key path.
    A file that cannot be read is skipped here; `portal validate` reports it."""
    found = {} if found is None else found
    files = sorted([*data_dir.rglob("*.yml"), *data_dir.rglob("*.yaml")])
    for file in files:
        try:
            doc = load_yaml(file)
        except YamlError:
            continue
        where = display_path(file)
        for path, text in walk_strings(doc.data):
            for url in _urls_in(text):
                line, column = _line_of(doc, url, path)
                _add(found, url, Place("data", where, line, column, _key_path(doc.data, path)))
    return found


def collect_external_urls(site: Path | None, data_dir: Path | None) -> Addresses:
    """Address -> places, from the built site and the data files (either may be None)."""
    found: Addresses = {}
    if site is not None:
        collect_page_urls(site, found)
    if data_dir is not None:
        collect_data_urls(data_dir, found)
    for places in found.values():
        places.sort()
    return dict(sorted(found.items()))
