"""Internal link check of a built site, with no network: every href, src and srcset that
points inside the site resolves to a built file, every #fragment to an element id on the
target page, tel: and mailto: targets are valid, and every page is reachable from the
home page. Problems name the page, the link text and, where known, the source file.
The same pass runs the structure checks of pagecheck.py (headings, alt texts, link names)
and the findability check of findable.py (a title and description of its own per page).

Pages are read by the one HTML scanner (portal/data/markup.py, Python's html.parser), so
an attribute in single quotes or none, or with an entity in it, is read as a browser
reads it. The pages of one site share the scanner's memo: the theme repeats the same
header, navigation and footer on each, and those lines are parsed once.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..data.contacts import is_valid_email, parse_phone
from ..data.markup import Token, elements, scan_html
from ..exports.findable import check_unique
from ..messages import Problem
from .pagecheck import CONTENT, HEADINGS, check_content, check_link_name

# Tags whose href, src or srcset loads or links something.
LINK_TAGS = frozenset({"a", "link", "img", "script", "source", "iframe", "area"})
# What they load: data-src is a theme script that theme-on-demand.js loads when needed.
_LINK_ATTRIBUTES = ("href", "src", "data-src")
# <link rel=...> that names the page's public address and loads nothing.
_NAMING_RELS = frozenset({"canonical", "alternate", "alternate feed"})
# The theme's edit link: /edit/<branch>/<file>, or /tree/<branch>/<folder> for an overview.
_EDIT = re.compile(r"/(?:edit|tree)/[^/]+/(.+)$")
_TEXT_OF = HEADINGS | {"a", "title"}


@dataclass
class Link:
    target: str
    text: str
    tag: str


@dataclass
class Page:
    path: str  # site-relative, e.g. "youth/index.html"
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    source: str | None = None  # the Markdown or YAML file it was built from
    noindex: bool = False  # <meta name="robots" content="noindex">: need not be reachable
    findings: list[tuple[str, str]] = field(default_factory=list)  # (code, detail)
    title: str = ""  # <title> and <meta name="description">, as plain text
    description: str = ""


def read_page(text: str, path: str, memo: dict | None = None) -> Page:
    """The ids, links and structure findings of one page. `memo` is the scanner's, shared
    by the pages of one site."""
    tokens = scan_html(text, memo).tokens
    found = elements(tokens, _TEXT_OF, CONTENT)
    page = Page(path)
    page.findings = check_content(tokens, found)
    anchors = {e.index: e for e in found if e.start.name == "a"}
    title = next((e for e in found if e.start.name == "title"), None)
    page.title = title.text if title is not None else ""
    for index, token in enumerate(tokens):
        if token.kind != "start" or not token.attrs:
            continue
        _read_attributes(page, token)
        if token.name not in LINK_TAGS:
            continue
        anchor = anchors.get(index)
        label = anchor.text if anchor is not None else ""
        page.links += _links(token, label)
        if anchor is not None and (finding := check_link_name(anchor)) is not None:
            page.findings.append(finding)
    return page


def _read_attributes(page: Page, token: Token) -> None:
    """What a tag's attributes say about the page: an id (or an <a name>) to link to, the
    robots and description <meta>, the theme's edit link."""
    for key, value in token.attrs:
        if key == "id" and value:
            page.ids.add(value)
    if token.name == "a":
        if name := token.attr("name"):
            page.ids.add(name)
        if page.source is None and "edit" in (token.attr("rel") or "").split():
            edit = _EDIT.search(token.attr("href") or "")
            if edit:
                page.source = edit.group(1)
    elif token.name == "meta":
        name, content = (token.attr("name") or "").lower(), token.attr("content") or ""
        if name == "robots" and "noindex" in content.lower().replace(",", " ").split():
            page.noindex = True
        elif name == "description" and not page.description:
            page.description = " ".join(content.split())


def _links(token: Token, label: str) -> list[Link]:
    tag = token.name
    if tag == "link" and " ".join((token.attr("rel") or "").lower().split()) in _NAMING_RELS:
        return []  # these name the page's public address; they load nothing
    links = [Link(value, label, tag) for name in _LINK_ATTRIBUTES
             if (value := token.attr(name)) is not None]
    for candidate in (token.attr("srcset") or "").split(","):
        if candidate.strip():
            links.append(Link(candidate.split()[0], label, tag))
    return links


def load_site(site: Path) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    memo: dict = {}
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        pages[rel] = read_page(file.read_text(encoding="utf-8", errors="replace"), rel, memo)
    return pages


class _Resolver:
    """Resolves link targets to site-relative files, remembering each (folder, target)."""

    def __init__(self, site: Path):
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        for path in site.rglob("*"):
            rel = path.relative_to(site).as_posix()
            (self.dirs if path.is_dir() else self.files).add(rel)
        self._memo: dict[tuple[str, str], tuple[str | None, str]] = {}

    def __call__(self, page: str, target: str) -> tuple[str | None, str]:
        """(site-relative file, or None for another site; fragment) of a link target."""
        base = page.rsplit("/", 1)[0] if "/" in page else ""
        key = (base, target)
        if key not in self._memo:
            self._memo[key] = self._resolve(base, page, target)
        return self._memo[key]

    def _resolve(self, base: str, page: str, target: str) -> tuple[str | None, str]:
        head = target.split("/", 1)[0]
        if ":" in head or target.startswith("//"):
            return None, ""  # a scheme or a host: another site
        path, _, fragment = target.partition("#")
        path = path.partition("?")[0]
        if not path:
            return page, fragment
        raw = unquote(path)
        joined = raw if raw.startswith("/") else f"{base}/{raw}"
        resolved: list[str] = []
        for part in joined.split("/"):
            if part == "..":
                if resolved:
                    resolved.pop()
            elif part not in ("", "."):
                resolved.append(part)
        rel = "/".join(resolved)
        if raw.endswith("/") or rel in self.dirs:
            rel = f"{rel}/index.html" if rel else "index.html"
        return rel, fragment


def check_site(site: Path, pages: dict[str, Page] | None = None) -> list[Problem]:
    pages = pages if pages is not None else load_site(site)
    problems: list[Problem] = []
    resolve = _Resolver(site)
    edges: dict[str, set[str]] = {}
    for path, page in pages.items():
        edges[path] = set()
        for link in page.links:
            problems += _check_link(resolve, page, link, pages, edges[path])
        problems += [_problem(page, code, detail) for code, detail in page.findings]
    problems += _orphans(pages, edges)
    problems += [_problem(pages[path], code, detail)
                 for path, code, detail in check_unique(pages)]
    return sorted(problems)


def _problem(page: Page, code: str, detail: str, link: Link | None = None) -> Problem:
    if link is not None and link.text:
        detail += f" (linktekst: '{link.text}')"
    if page.source:
        detail += f" [bron: {page.source}]"
    return Problem(page.path, 0, 0, code, detail)  # line 0: about the page as a whole


def _check_link(resolve, page, link, pages, edges) -> list[Problem]:
    target = link.target.strip()
    if target.startswith("tel:"):
        if parse_phone(unquote(target[4:])) is None:
            return [_problem(page, "L003", f"'{target}' is geen geldig telefoonnummer.", link)]
        return []
    if target.startswith("mailto:"):
        address = unquote(target[7:].split("?", 1)[0])
        if not is_valid_email(address):
            return [_problem(page, "L004", f"'{target}' is geen geldig e-mailadres.", link)]
        return []
    if target.startswith(("javascript:", "data:")) or not target:
        return []
    rel, fragment = resolve(page.path, target)
    if rel is None:
        return []  # another site
    if rel not in resolve.files:
        return [_problem(page, "L001", f"Link naar '{target}': het bestand bestaat niet.",
                         link)]
    if link.tag == "a" and rel in pages:
        edges.add(rel)
    if fragment and rel in pages and unquote(fragment) not in pages[rel].ids:
        return [_problem(page, "L002", f"Link naar '{target}': anker '#{fragment}' bestaat "
                                       "niet op die pagina.", link)]
    return []


def _orphans(pages: dict[str, Page], edges: dict[str, set[str]]) -> list[Problem]:
    if "index.html" not in pages:
        return []
    seen, queue = {"index.html"}, deque(["index.html"])
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return [_problem(pages[p], "L005", "Geen enkele link leidt vanaf de startpagina naar "
                                       "deze pagina.")
            for p in pages if p not in seen and p != "404.html" and not pages[p].noindex]
