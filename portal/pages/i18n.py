"""Pages in a second language (English for newcomers) beside the leading Dutch ones.

The Dutch pages are complete; a translation sits next to its page as `name.en.md`
(mkdocs-static-i18n, suffix structure) and is built under /en/. Only translated pages
are built there: an English page's link to a page without a translation goes to the
Dutch page itself (link_untranslated), and the English text says "(in Dutch)".

Here: the English words for the data (kinds, channels, opening hours, whether you can
talk in English or with an interpreter) used by the generated pages, and the language
mechanics the MkDocs adapter needs, kept free of MkDocs (files and pages are read by
their attributes).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..data.markdown import page_language
from ..data.model import Channel, in_language
from ..data.synonyms import Group
from ..data.text import format_items, hours
from .search import expand_index

DEFAULT_LANGUAGE = "nl"

EN_AUDIENCES = {"youth": "young people", "parents": "parents", "professionals": "professionals"}
EN_CHANNEL_TYPES = {"phone": "Phone", "chat": "Chat", "email": "E-mail", "whatsapp": "WhatsApp",
                    "webform": "Web form", "walk-in": "Walk-in"}
EN_KINDS = {
    "emergency": "Emergency number", "helpline": "Helpline",
    "reporting-point": "Reporting point", "police": "Police", "care-provider": "Care provider",
    "youth-care": "Youth care", "education": "Education",
    "expertise-centre": "Expertise centre", "municipal-team": "Municipal team",
    "victim-support": "Victim support", "coordination-centre": "Coordination centre",
    "shelter": "Shelter", "residential-care": "Youth care with a place to stay",
    "closed-youth-care": "Secure youth care", "family-home": "Family home",
}


def language_of(uri: str) -> str | None:
    """'hulp/index.en.md' -> 'en'; a Dutch page (no suffix) -> None."""
    language = page_language(uri)
    return None if language == DEFAULT_LANGUAGE else language


def en_list(items: list[str] | tuple[str, ...]) -> str:
    return format_items(items, "en")


def en_hours(channel: Channel) -> str:
    """Opening hours in English, or '' when the data has none."""
    return hours(channel, "en")


MARK_LABELS = {
    "nl": {"free": "Gratis", "not_free": "Niet gratis", "anonymous": "Anoniem mogelijk"},
    "en": {"free": "Free of charge", "not_free": "Not free",
           "anonymous": "You can stay anonymous"},
}


def marks(channel: Channel, language: str = "nl") -> list[str]:
    """The channel's marks (free, not free, anonymous) in the given language."""
    labels = MARK_LABELS[language]
    wanted = [channel.free is True and "free", channel.free is False and "not_free",
              channel.anonymous is True and "anonymous"]
    return [labels[key] for key in wanted if key]


def en_marks(channel: Channel) -> list[str]:
    return marks(channel, "en")


def en_channel_types(channels) -> str:
    """'phone and e-mail': the kinds of channel, each once, in order."""
    return en_list(list(dict.fromkeys(EN_CHANNEL_TYPES[c.type].lower() for c in channels)))


def en_audiences(audiences) -> str:
    return en_list([EN_AUDIENCES[a] for a in audiences])


# What an organisation's `languages` claims say, per language: the heading of the line,
# the sentence, and the short words in a list of organisations. Shown only for a claim
# in the data, and the schema gives every claim its source.
LANGUAGE_CLAIMS = {
    "nl": {"english": ("Engels", "Je kunt Engels praten", "ook in het Engels"),
           "interpreter": ("Tolk", "Een tolk is mogelijk", "tolk mogelijk")},
    "en": {"english": ("English", "You can talk in English", "English possible"),
           "interpreter": ("Interpreter", "An interpreter is possible",
                           "interpreter possible")},
}


def language_claims(org, language: str = "nl") -> list[dict]:
    """The organisation's claims about English and interpreters, each with its heading,
    sentence, short words, its detail in `language` (None: only in Dutch, see `dutch`)
    and its source."""
    out = []
    for kind, claim in (org.languages.claims() if org.languages else []):
        heading, sentence, short = LANGUAGE_CLAIMS[language][kind]
        out.append({"kind": kind, "heading": heading, "sentence": sentence, "short": short,
                    "detail": in_language(claim, "detail", language),
                    "dutch": claim.detail, "source": claim.source})
    return out


def en_language_claims(org) -> list[dict]:
    return language_claims(org, "en")


FILTERS = {"en_hours": en_hours, "en_marks": en_marks, "en_channel_types": en_channel_types,
           "en_audiences": en_audiences, "en_list": en_list,
           "language_claims": language_claims, "en_language_claims": en_language_claims}
GLOBALS = {"EN_KINDS": EN_KINDS, "EN_CHANNEL_TYPES": EN_CHANNEL_TYPES,
           "EN_AUDIENCES": EN_AUDIENCES,
           # A record's text in a language (model.in_language): for English, the sibling
           # that the schema declares with x-english; None where it has none.
           "in_language": in_language}


def nested_build(i18n: Any) -> bool:
    """True in the build of a second language, which mkdocs-static-i18n (`i18n`, the
    plugin or None) runs from the on_post_build of the default language's build."""
    return bool(getattr(i18n, "building", False))


def other_languages(i18n: Any) -> set[str]:
    """The languages mkdocs-static-i18n builds besides Dutch (none without the plugin)."""
    if i18n is None:
        return set()
    return {lang.locale for lang in i18n.config.languages if lang.build} - {DEFAULT_LANGUAGE}


def restore_content(files: Any, added: dict[str, str | bytes]) -> Any:
    """Give generated files their content back. mkdocs-static-i18n replaces every file of
    the docs folder by a new File read from disk; a generated page has no file there."""
    for file in files:
        content = added.get(file.src_uri)
        if content is not None and file.generated_by is None:
            if isinstance(content, bytes):
                file.content_bytes = content
            else:
                file.content_string = content
            file.generated_by = "portal"
    return files


# A Markdown link to a page of the docs folder: [text](path.md) or (path.md#part), not
# a web address or a path from the host's root.
_PAGE_LINK = re.compile(r"(\]\()(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^()\s#]+\.md)(#[^()\s]*)?(\))")


def link_untranslated(markdown: str, src_uri: str, url: str,
                      exists: Callable[[str], bool]) -> str:
    """Point a translated page's links to pages without a translation at the Dutch page.
    `src_uri` is the page's file ("youth/index.en.md"), `url` where it is built
    ("en/youth/"), `exists(path)` whether the docs path ("youth/signalen.md") is built in
    this language. The link becomes relative to the page's address, so the site also
    works below a folder of its host."""
    base = posixpath.dirname(src_uri)

    def point(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(base, match.group(2)))
        if target.startswith("../") or exists(target):
            return match.group(0)
        # The Dutch page's folder: "youth/signalen.md" -> youth/signalen/, "hulp/index.md"
        # -> hulp/ (the site's addresses end in a folder).
        folder = (posixpath.dirname(target) if posixpath.basename(target) == "index.md"
                  else target[:-len(".md")])
        href = posixpath.relpath(folder or ".", url.rstrip("/") or ".") + "/"
        return f"{match.group(1)}{href}{match.group(3) or ''}{match.group(4)}"

    return _PAGE_LINK.sub(point, markdown)


def localise_index_file(path: Path, groups: list[Group], *,
                        prefixes: tuple[str, ...]) -> None:
    """Rewrite a built site's search_index.json in place, with the Dutch word forms and
    synonyms added to the Dutch pages alone (those under `prefixes` are another language)."""
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs", [])
    dutch = [d for d in docs if not d.get("location", "").startswith(prefixes)]
    other = [d for d in docs if d.get("location", "").startswith(prefixes)]
    expanded = expand_index({**index, "docs": dutch}, groups)
    expanded["docs"] += other
    path.write_text(json.dumps(expanded, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
