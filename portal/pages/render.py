"""The Jinja environment for generated pages: template lookup (project overrides first,
then the package's templates), and the filters that turn data into Dutch text.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    pass_context,
)
from markupsafe import Markup

from ..data.model import AUDIENCES, CHANNEL_TYPES, URGENCIES, in_language
from ..data.text import hours, nl_date, nl_list
from ..data.wegwijzer import wegwijzer_text
from . import i18n
from .escape import front_matter, md_block, md_inline, md_url
from .i18n import marks


def channel_types(channels) -> str:
    """'telefoon en e-mail': the kinds of channel, each once, in order."""
    kinds = dict.fromkeys(CHANNEL_TYPES[c.type].lower() for c in channels)
    return nl_list(list(kinds))


def audience_names(audiences) -> str:
    return nl_list([AUDIENCES[a] for a in audiences])


MARKDOWN_SUFFIX = ".md.j2"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pass_context
def _finalize(context, value):
    """Every `{{ ... }}` of a Markdown template is text, escaped for HTML and Markdown;
    Markup (what a template or macro wrote itself) passes. HTML templates get Jinja's
    own autoescaping."""
    if (context.name or "").endswith(MARKDOWN_SUFFIX) and not isinstance(value, Markup):
        return md_inline(value)
    return value


@pass_context
def _join(context, items, separator: str = "") -> Markup | str:
    """Jinja's join marks its result safe after HTML escaping only; in a Markdown template
    each item is escaped for Markdown too."""
    items = list(items)
    if (context.name or "").endswith(MARKDOWN_SUFFIX):
        # The separator is the template's own text.
        return Markup(separator).join(md_inline(i) for i in items)
    return Markup(separator).join(items) if context.eval_ctx.autoescape else \
        separator.join(map(str, items))


def md_id(value: str) -> Markup:
    """An id for an attribute list (`{ #id }`): a slug, or the build stops."""
    text = str(value).lower().replace(" ", "-")
    if not _SLUG.fullmatch(text):
        raise ValueError(f"'{value}' is geen geldig id (kleine letters, cijfers, streepjes)")
    return Markup(text)


def template_cache() -> FileSystemBytecodeCache:
    """Compiled templates kept between builds (Jinja's own cache, in a folder of this user
    under the system's temporary folder, keyed by each template's name and source).
    Compiling the theme's and the generator's templates took about 1.2 s of a 2.7 s
    build of the test fixtures; every build, every saved edit under `scripts/serve` and
    every test build paid it again."""
    return FileSystemBytecodeCache()


def make_environment(override_dir: Path | None = None) -> Environment:
    """Templates from `override_dir` win over the package's own, file by file.

    Escaping is by construction: HTML templates autoescape; in Markdown templates
    (`.md.j2`) every output is escaped for Markdown and HTML as well (portal/pages/escape.py),
    URLs go through `md_url`, ids through `md_id`, and front matter is written by
    `front_matter(...)`, a YAML dumper."""
    loaders = []
    if override_dir is not None and override_dir.is_dir():
        loaders.append(FileSystemLoader(str(override_dir)))
    loaders.append(PackageLoader("portal.pages", "templates"))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      undefined=StrictUndefined, finalize=_finalize,
                      bytecode_cache=template_cache())
    env.filters.update(join=_join, md_url=md_url, md_block=md_block, md_id=md_id)
    env.globals.update(front_matter=front_matter)
    env.filters.update(nl_date=nl_date, nl_list=nl_list, hours=hours, marks=marks,
                       audience_names=audience_names, channel_types=channel_types)
    env.globals.update(AUDIENCES=AUDIENCES, URGENCIES=URGENCIES, CHANNEL_TYPES=CHANNEL_TYPES)
    env.filters.update(i18n.FILTERS)  # the English pages (directory.en.md.j2)
    env.globals.update(i18n.GLOBALS)
    env.globals.update(wegwijzer_text=wegwijzer_text, in_language=in_language,
                       zip=zip)  # wegwijzer.en.md.j2
    return env


def relative_link(from_uri: str, to_uri: str) -> Markup:
    """A Markdown link target from one docs-relative page to another (both .md paths,
    made by the generator from ids), percent-encoded where needed."""
    return md_url(posixpath.relpath(to_uri, posixpath.dirname(from_uri) or "."))
