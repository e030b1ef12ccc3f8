"""Contact references written into a page: `[[organisation]]` or `[[organisation/channel]]`
becomes the organisation's linked name and the channel's value, from data/ alone (found
and checked by portal/checks/contactrefs.py).
"""

from __future__ import annotations

from collections.abc import Callable

from ..checks.contactrefs import find_references
from ..data.markdown import split_lines
from ..data.model import Channel, Organisation
from .escape import md_inline, md_url
from .generator import organisation_uri
from .render import relative_link


def expand_references(markdown: str, organisations: dict[str, Organisation],
                      page_uri: str) -> str:
    """The page at docs-relative `page_uri` with every reference filled in, each name
    linked relative to that page. Used by both doors: the MkDocs plugin per page, and
    `portal generate` for every page of docs/, so any engine gets complete Markdown."""

    def render(org: Organisation, channel: Channel | None) -> str:
        return render_reference(org, channel, relative_link(page_uri, organisation_uri(org.id)))

    return render_references(markdown, organisations, render)


def render_references(
    markdown: str,
    organisations: dict[str, Organisation],
    render: Callable[[Organisation, Channel | None], str],
) -> str:
    """Replace every reference with `render(org, channel)`; check first, this assumes ids
    resolve."""
    lines = split_lines(markdown, keepends=True)  # as find_references counts lines
    for ref in sorted(find_references(markdown), key=lambda r: (r.line, -r.column)):
        org = organisations[ref.organisation]
        channel = org.channel(ref.channel) if ref.channel else None
        line = lines[ref.line - 1]
        start = ref.column - 1
        lines[ref.line - 1] = line[:start] + render(org, channel) + line[start + len(ref.text):]
    return "".join(lines)


def render_reference(org: Organisation, channel: Channel | None, org_link: str) -> str:
    """The Markdown of one reference: the name linked to the organisation's page, and the
    channel's value (a tap-to-call or mail link where it has one). Every value from data/
    is escaped for Markdown and HTML (portal/pages/escape.py), so a name cannot add a link,
    markup or script to the page that cites it."""
    name = f"[{md_inline(org.name)}]({md_url(org_link)})"
    if channel is None:
        return name
    if not channel.href:
        return f"{name}: {md_inline(channel.shown)}"
    return f"{name}: [{md_inline(channel.shown)}]({md_url(channel.href)}){{ .portal-contact }}"
