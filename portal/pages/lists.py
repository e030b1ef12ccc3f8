"""Write the texts kept once in data/ into the pages that ask for them: every
`[[lijst signalen ...]]` and `[[lijst na-een-melding ...]]` line becomes Markdown, worded
for the page's audience in the page's language (found and checked by
portal/checks/lists.py, which explains the line).

Young people and parents read the list alone; the professionals' wording is followed by
the public pages it rests on, as on the rest of their pages.
"""

from __future__ import annotations

from ..checks.lists import ListCall, find_lists, page_audience
from ..data.markdown import page_language, parse_markdown, split_lines
from ..data.model import AfterReport, ClaimSource, Portal, Signals, in_language
from .escape import md_inline, md_url

SOURCES_LABEL = {"nl": "Bronnen", "en": "Sources"}


def _sources_line(ids: list[str], sources: dict[str, ClaimSource], language: str) -> str:
    seen = list(dict.fromkeys(ids))
    links = ", ".join(f"[{md_inline(sources[s].title)}]({md_url(sources[s].url)})"
                      for s in seen if s in sources)
    return f"{SOURCES_LABEL[language]}: {links}." if links else ""


def render_signals(signals: Signals, call: ListCall, audience: str, language: str) -> str:
    """Every setting under its own `##` heading, or the settings the line names as one
    list without heading."""
    blocks: list[str] = []
    used: list[str] = []
    settings = [s for s in signals.settings if not call.settings or s.id in call.settings]
    for setting in settings:
        items = []
        for signal in signals.signals:
            text = (in_language(signal, "wording", language) or {}).get(audience)
            if signal.setting == setting.id and text:
                items.append(f"- {md_inline(text)}")
                used += signal.sources
        if not items:
            continue
        if not call.settings:
            title = (in_language(setting, "title", language) or {}).get(audience, "")
            blocks.append(f"## {md_inline(title)}")
        blocks.append("\n".join(items))
    if audience == "professionals":
        blocks.append(_sources_line(used, signals.sources, language))
    return "\n\n".join(b for b in blocks if b)


def render_after_report(after: AfterReport, audience: str, language: str) -> str:
    """The steps as a numbered list."""
    lines, used = [], []
    for step in after.steps:
        text = (in_language(step, "wording", language) or {}).get(audience)
        if text:
            lines.append(f"{len(lines) + 1}. {md_inline(text)}")
            used += step.sources
    blocks = ["\n".join(lines)]
    if audience == "professionals":
        blocks.append(_sources_line(used, after.sources, language))
    return "\n\n".join(b for b in blocks if b)


def expand_lists(markdown: str, portal: Portal, page_uri: str,
                 meta: dict | None = None) -> str:
    """The page at docs-relative `page_uri` with every list line replaced by its list.
    `meta`: the page's front matter when `markdown` is the body alone (as MkDocs hands it
    to a plugin). Check first (portal validate): this assumes the lists and their data
    exist."""
    if "[[" not in markdown:
        return markdown
    page = parse_markdown(markdown)
    meta = page.meta if meta is None else meta
    language = page_language(page_uri)
    lines = split_lines(page.text)
    for call in sorted(find_lists(page), key=lambda c: -c.line):
        audience = page_audience(meta, call)
        if call.name == "signalen" and portal.signals is not None and audience:
            text = render_signals(portal.signals, call, audience, language)
        elif call.name == "na-een-melding" and portal.after_report is not None and audience:
            text = render_after_report(portal.after_report, audience, language)
        else:
            continue
        lines[call.line - 1] = text
    return "\n".join(lines) + ("\n" if page.text.endswith("\n") else "")
