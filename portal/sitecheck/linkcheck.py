"""Internal link check of a built site, with no network: every href, src and srcset that
points inside the site resolves to a built file, every #fragment to an element id on the
target page, tel: and mailto: targets are valid, and every page is reachable from the
home page. Problems name the page, the link text and, where known, the source file.
The same pass runs the structure checks of pagecheck.py (headings, alt texts, link names)
and the findability check of findable.py (a title and description of its own per page).

Pages are read with regular expressions rather than an HTML parser: the site's HTML is
generated (well-formed, attributes in double quotes), and this keeps a 1,000-page check
to a few seconds on one core.
"""

from __future__ import annotations

import html
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..data.contacts import is_valid_email, parse_phone
from ..exports.findable import check_unique, read_description, read_title
from ..messages import Problem
from .pagecheck import check_link_name, check_structure

_TAG = re.compile(r"<(a|link|img|script|source|iframe|area)\b([^>]*)>", re.I)
_ATTR = re.compile(r'\b(href|src|srcset|rel)\s*=\s*"([^"]*)"', re.I)
_ID = re.compile(r'\s(?:id|name)\s*=\s*"([^"]+)"')
_A_TEXT = re.compile(r"<a\b[^>]*>(.*?)</a>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
# A page that asks search engines not to index it (e.g. the editors' pages) is
# deliberately not linked from the site: it is exempt from L005.
_NOINDEX = re.compile(r'<meta\s+name="robots"\s+content="[^"]*\bnoindex\b', re.I)
# The theme's edit link: /edit/<branch>/<file>, or /tree/<branch>/<folder> for an overview.
_EDIT = re.compile(r'<a\b[^>]*href="[^"]*/(?:edit|tree)/[^/"]+/([^"]+)"[^>]*rel="edit"', re.I)


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
    """The ids, links and structure findings of one page. `memo` is shared by the pages of
    one site: the theme repeats the same header, navigation and footer tags on each."""
    memo = {} if memo is None else memo
    page = Page(path, set(_ID.findall(text)))
    page.noindex = bool(_NOINDEX.search(text))
    page.title, page.description = read_title(text), read_description(text)
    edit = _EDIT.search(text)
    if edit:
        page.source = edit.group(1)
    page.findings = check_structure(text)
    inners = iter(m.group(1) for m in _A_TEXT.finditer(text))
    for m in _TAG.finditer(text):
        tag = m.group(1).lower()
        inner = next(inners, "") if tag == "a" else ""
        key = (tag, m.group(2), inner)
        if key not in memo:
            memo[key] = _read_tag(*key)
        links, finding = memo[key]
        page.links += links
        if finding is not None:
            page.findings.append(finding)
    return page


def _read_tag(tag: str, raw: str, inner: str) -> tuple[tuple[Link, ...], tuple | None]:
    attrs = {k.lower(): html.unescape(v) for k, v in _ATTR.findall(raw)}
    label = _clean(inner) if tag == "a" else ""
    finding = check_link_name(label, inner, raw) if tag == "a" else None
    if tag == "link" and attrs.get("rel") in ("canonical", "alternate", "alternate feed"):
        return (), finding  # these name the page's public address; they load nothing
    links = [Link(attrs[name], label, tag) for name in ("href", "src") if name in attrs]
    for candidate in attrs.get("srcset", "").split(","):
        if candidate.strip():
            links.append(Link(candidate.split()[0], label, tag))
    return tuple(links), finding


def _clean(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def load_site(site: Path) -> dict[str, Page]:
    pages, memo = {}, {}
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
