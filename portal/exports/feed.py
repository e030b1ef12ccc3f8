"""The Atom feed of the news posts (plain pages in docs/nieuws/ with a `date`, listed by
hand on docs/nieuws/index.md; not the theme's blog plugin, which mkdocs-static-i18n drops
from the build): one entry per post, from its front matter (title,
description, date) and its address; and one entry per event of the agenda that has not
passed on the build's day (event_posts), published on the day its announcement was read.
Entries are newest first; the feed's `updated` is the date of the newest post, so an
unchanged set of posts gives an unchanged file.

Every text is escaped for XML, and characters that XML 1.0 forbids (most control
characters, U+FFFE, U+FFFF) or discourages (DEL and the C1 controls) are dropped, so a
hostile title or summary cannot make the feed unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from xml.sax import saxutils

from ..data.agenda import Event, first_anchor, split_events, when_text

# Everything outside XML 1.0's Char production, plus DEL and C1 controls.
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    """`text` as XML character data, without the characters XML cannot carry."""
    return saxutils.escape(_NOT_XML.sub("", text))


def quoteattr(text: str) -> str:
    """`text` as a quoted XML attribute value, without the characters XML cannot carry."""
    return saxutils.quoteattr(_NOT_XML.sub("", text))


@dataclass(frozen=True)
class Post:
    title: str
    url: str  # absolute
    published: datetime
    summary: str
    categories: tuple[str, ...] = field(default=())


def post_date(value) -> datetime | None:
    """A post's `date` as the blog plugin accepts it (a date, a datetime, an ISO string or
    {created: ...}) as a datetime in UTC; None when there is none."""
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    return None


def event_posts(events: tuple[Event, ...], *, today: date, site_url: str) -> list[Post]:
    """An entry per upcoming event, linking to it on /agenda/."""
    upcoming, _ = split_events(events, today)
    page = site_url.rstrip("/") + "/agenda/"
    return [Post(event.title, f"{page}#{first_anchor(event)}",
                 datetime.combine(date.fromisoformat(event.source.read), time(), tzinfo=UTC),
                 f"{event.kind_label}, {when_text(event)}, door {event.organiser}.",
                 ("Agenda", event.kind_label))
            for event in upcoming]


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_atom(posts: list[Post], *, title: str, feed_url: str, home_url: str,
                author: str) -> str:
    """The Atom 1.0 document (RFC 4287) of the posts, in Dutch."""
    posts = sorted(posts, key=lambda p: (p.published, p.url), reverse=True)
    updated = posts[0].published if posts else datetime(2000, 1, 1, tzinfo=UTC)
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
           f"  <title>{escape(title)}</title>",
           f"  <id>{escape(home_url)}</id>",
           f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(feed_url)}/>",
           f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(home_url)}/>",
           f"  <updated>{_stamp(updated)}</updated>",
           f"  <author><name>{escape(author)}</name></author>"]
    for post in posts:
        out += ["  <entry>",
                f"    <title>{escape(post.title)}</title>",
                f"    <id>{escape(post.url)}</id>",
                f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(post.url)}/>",
                f"    <published>{_stamp(post.published)}</published>",
                f"    <updated>{_stamp(post.published)}</updated>",
                f"    <summary>{escape(post.summary)}</summary>"]
        out += [f"    <category term={quoteattr(c)}/>" for c in post.categories]
        out.append("  </entry>")
    return "\n".join([*out, "</feed>", ""])
