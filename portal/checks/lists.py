"""Texts kept once in data/ and shown on several pages: the signals of exploitation
(data/signals.yml) and the steps after a report (data/after-report.yml).

A page asks for one with a line of its own: `[[lijst signalen]]` (every setting, each
under its heading), `[[lijst signalen online klusjes]]` (those settings, one list), or
`[[lijst na-een-melding]]`. The wording is the page's audience (its front matter), or the
audience named in the line (`[[lijst na-een-melding ouders]]`), in the page's language.
So the youth, parent and professional pages, in Dutch and English, cannot drift apart.

Here: finding those lines and checking them (K001-K003, K005-K007), and checking the two
data files (K002 setting, K004 source id, K008 a text with weak sources only). Writing the
lists into a page is portal/pages/lists.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..data.load import DataTree
from ..data.markdown import MarkdownPage, page_language, parse_markdown, read_markdown_tree
from ..data.schema import shipped_schemas
from ..data.yamlsource import Document
from ..messages import Problem, display_path

# A line that is nothing but the directive (blank lines around it are the author's).
DIRECTIVE = re.compile(r"^(\s*)(\[\[\s*lijst\b([^\]]*)\]\])\s*$")
# The lists by the name a page uses, with the tree attribute and file that hold them.
LISTS = {"signalen": ("signals", "data/signals.yml"),
         "na-een-melding": ("after_report", "data/after-report.yml")}
AUDIENCE_WORDS = {"jongeren": "youth", "ouders": "parents", "professionals": "professionals"}
# The audiences whose texts are written in English (the translated pages are theirs).
ENGLISH_AUDIENCES = ("youth", "parents")


class ListCall(NamedTuple):
    """One `[[lijst ...]]` line: where it is, which list, and for whom."""

    line: int
    column: int
    text: str
    name: str
    audience: str | None  # named in the line, else None (the page's audience counts)
    settings: tuple[str, ...]  # signalen only: the settings asked for; () = all
    unknown: tuple[str, ...]  # words that are neither


def find_lists(page: MarkdownPage) -> Iterator[ListCall]:
    """Every list line in the body of `page`, outside code."""
    for number, text, _ in page.prose():
        match = DIRECTIVE.match(text)
        if match is None:
            continue
        words = match.group(3).split()
        name, rest = (words[0], words[1:]) if words else ("", [])
        audience = next((AUDIENCE_WORDS[w] for w in rest if w in AUDIENCE_WORDS), None)
        others = tuple(w for w in rest if w not in AUDIENCE_WORDS)
        yield ListCall(number, len(match.group(1)) + 1, match.group(2), name, audience,
                       others if name == "signalen" else (),
                       () if name == "signalen" else others)


def page_audience(meta: dict, call: ListCall) -> str | None:
    """The audience whose wording the list shows: named in the line, else the page's
    (`meta`: its front matter)."""
    if call.audience:
        return call.audience
    value = meta.get("audience")
    return value if isinstance(value, str) and value in AUDIENCE_WORDS.values() else None


def _items(data: dict, name: str) -> list[tuple[int, dict]]:
    key = "signals" if name == "signalen" else "steps"
    value = data.get(key)
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] \
        if isinstance(value, list) else []


def _settings(data: dict) -> dict[str, dict]:
    value = data.get("settings")
    return {s.get("id"): s for s in value if isinstance(s, dict)} \
        if isinstance(value, list) else {}


def _english_key(name: str, key: str) -> str | None:
    """The English sibling of `key`, as the schema declares it (x-english)."""
    file, item = ("signals.schema.json", "signals") if name == "signalen" \
        else ("after-report.schema.json", "steps")
    path = ("settings", "*", key) if key == "title" else (item, "*", key)
    return shipped_schemas().english(file, path)


def check_call(page: MarkdownPage, call: ListCall, tree: DataTree) -> list[Problem]:
    """Problems of one list line: unknown list or word, no audience, no data, nothing to
    show, or English missing on an English page."""
    where = display_path(page.path)

    def problem(code: str, detail: str) -> list[Problem]:
        return [Problem(where, call.line, call.column, code, detail)]

    if call.name not in LISTS:
        return problem("K001", f"{call.text}: lijst '{call.name}' bestaat niet (wel: "
                               f"{', '.join(LISTS)}).")
    attribute, file = LISTS[call.name]
    doc: Document | None = getattr(tree, attribute)
    if not (tree.root / Path(file).name).is_file():
        return problem("K007", f"{call.text}: {file} ontbreekt.")
    if doc is None or not isinstance(doc.data, dict):
        return []  # unreadable: reported already
    settings = _settings(doc.data)
    unknown = [w for w in (*call.settings, *call.unknown) if w not in settings]
    if unknown:
        return problem("K002", f"{call.text}: '{unknown[0]}' is geen omgeving of doelgroep.")
    audience = page_audience(page.meta, call)
    if audience is None:
        return problem("K003", f"{call.text}: voor welke doelgroep? De pagina heeft geen "
                               "audience youth, parents of professionals.")
    language = page_language(page.path.name)
    items = [item for _, item in _items(doc.data, call.name)
             if not call.settings or item.get("setting") in call.settings]
    shown = [item for item in items if audience in (item.get("wording") or {})]
    if not shown:
        return problem("K006", f"{call.text}: geen tekst voor {audience} in deze lijst.")
    if language == "nl":
        return []
    wording_en = _english_key(call.name, "wording")
    missing = [item["wording"][audience] for item in shown
               if audience not in (item.get(wording_en) or {})]
    if call.name == "signalen" and not call.settings:
        title_en = _english_key(call.name, "title")
        missing += [s["title"][audience] for s in settings.values()
                    if audience in (s.get("title") or {})
                    and audience not in (s.get(title_en) or {})]
    if missing:
        return problem("K005", f"{call.text}: geen Engelse tekst voor {audience} bij "
                               f"'{missing[0]}'" + (f" en {len(missing) - 1} andere"
                                                    if len(missing) > 1 else "") + ".")
    return []


def list_wordings(page: MarkdownPage, call: ListCall, tree: DataTree) -> list[str]:
    """The texts a list line shows on `page` (for the plain-Dutch check, which reads them
    where the line stands); [] when the line or its data is not usable."""
    attribute, _ = LISTS.get(call.name, (None, None))
    doc = getattr(tree, attribute) if attribute else None
    audience = page_audience(page.meta, call)
    if doc is None or not isinstance(doc.data, dict) or audience is None:
        return []
    key = "wording" if page_language(page.path.name) == "nl" else \
        _english_key(call.name, "wording")
    return [str((item.get(key) or {}).get(audience)) for _, item in _items(doc.data, call.name)
            if (not call.settings or item.get("setting") in call.settings)
            and (item.get(key) or {}).get(audience)]


def fill_lists(page: MarkdownPage, tree: DataTree | None) -> MarkdownPage:
    """`page` with each list line replaced by the texts it shows, on that one line (so
    line numbers stay), each ending a sentence."""
    if tree is None or "[[" not in page.text:
        return page
    lines = page.text.split("\n")
    changed = False
    for call in find_lists(page):
        texts = list_wordings(page, call, tree)
        if texts:
            lines[call.line - 1] = " ".join(t if t[-1] in ".?!" else t + "." for t in texts)
            changed = True
    return parse_markdown("\n".join(lines), page.path) if changed else page


def check_list_data(doc: Document | None, name: str) -> list[Problem]:
    """In data/signals.yml or data/after-report.yml: every setting and source id known,
    and no text with weak sources alone (a low-confidence claim is never stated as fact)."""
    if doc is None or not isinstance(doc.data, dict):
        return []
    out = []
    sources = doc.data.get("sources") if isinstance(doc.data.get("sources"), dict) else {}
    settings = _settings(doc.data)
    key = "signals" if name == "signalen" else "steps"
    for i, item in _items(doc.data, name):
        if name == "signalen" and item.get("setting") not in settings:
            out.append(doc.problem((key, i, "setting"), "K002",
                                   f"Omgeving '{item.get('setting')}' staat niet onder "
                                   "'settings'."))
        ids = item.get("sources") if isinstance(item.get("sources"), list) else []
        for j, sid in enumerate(ids):
            if sid not in sources:
                out.append(doc.problem((key, i, "sources", j), "K004",
                                       f"Bron '{sid}' staat niet onder 'sources'."))
        known = [sources[sid] for sid in ids if sid in sources]
        if known and all(_confidence(s) == "low" for s in known):
            out.append(doc.problem((key, i, "sources"), "K008",
                                   "Deze tekst heeft alleen bronnen met zekerheid 'low'."))
    return out


def _confidence(source: Any) -> Any:
    return source.get("confidence") if isinstance(source, dict) else None


def check_lists(tree: DataTree, docs_dir: Path | None) -> list[Problem]:
    """The two data files, and every list line of the pages under `docs_dir`."""
    problems = check_list_data(tree.signals, "signalen")
    problems += check_list_data(tree.after_report, "na-een-melding")
    if docs_dir is None or not docs_dir.is_dir():
        return problems
    for page in read_markdown_tree(docs_dir):
        if "[[" not in page.text:
            continue
        for call in find_lists(page):
            problems += check_call(page, call, tree)
    return problems
