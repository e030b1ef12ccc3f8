"""The Zensical door: build the site with Zensical instead of MkDocs (issue 18).

Zensical reads mkdocs.yml (theme, markdown_extensions, extra, nav, not_in_nav) but runs
no MkDocs plugin, so what the portal plugin does inside MkDocs is done here, around the
engine, from the core's own functions:

1. `portal generate DIR --materials` writes the complete docs folder: hand-written pages
   with their `[[…]]` references filled in, the generated pages, the open data and the
   print materials.
2. prepare() splits it by language, as mkdocs-static-i18n does: every Dutch file, and the
   English pages (`*.en.md`, renamed to `*.md`) in a project of their own whose site goes
   under /en/; an English page's link to a page without a translation goes to the Dutch
   page (i18n.link_untranslated). Each project gets a config derived from mkdocs.yml
   (no plugins but the search's separator; the theme's `classic` variant, which is the
   look of Material for MkDocs; the portal's values in `extra`, which the plugin sets in
   MkDocs) and the overrides that fit Zensical's templates (all but MKDOCS_ONLY_OVERRIDES).
3. `zensical build` per language (the script or build_site runs it).
4. finish() puts the languages together in one site and does the plugin's steps after
   the build: per page the head tags and JSON-LD, the check of its scripts against
   Zensical's allowlist and the CSP <meta> (finish.finish_page, as the plugin), the
   sitemap without noindex pages, the Dutch word forms and synonyms in Zensical's search
   index, robots.txt, share image, feed, the Dutch pages at the short addresses, the nginx
   includes and the web editor.

What differs from the MkDocs build is listed in README ("Engines").
"""

from __future__ import annotations

import copy
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..build import docs_files, generate_site, write_files
from ..data.load import load_tree
from ..data.markdown import page_language, parse_markdown
from ..data.model import Portal, build_portal
from ..data.synonyms import SYNONYMS_FILE, Group, load_synonyms
from ..editors.admin import AdminError, AdminSite, build_admin
from ..editors.editlinks import edit_url, set_edit_links
from ..editors.freshness import (
    FRESHNESS_URI,
    check_states,
    linked_organisations,
    preview_banner,
    render_sitemap_without,
)
from ..exports.feed import event_posts
from ..exports.site_extras import SiteExtras, source_url
from ..pages.accessibility import (
    AccessibilityContactError,
    check_accessibility_contact,
    render_accessibility_contact,
)
from ..pages.generator import GeneratedFile
from ..pages.i18n import DEFAULT_LANGUAGE, link_untranslated
from ..pages.materials import MaterialsError, build_materials, crisis_line
from ..pages.search import expand_index
from ..sitecheck import csp
from ..sitecheck.csp import (
    Allowlist,
    CspError,
    load_allowlist,
    nginx_include,
    scripts_of_site,
)
from .finish import BuiltPage, finish_page

ENGINE = "zensical"
# The overrides that are copies of Material for MkDocs 9.8 templates (for valid HTML, a
# named search dialog, the palette script kept as the allowlist knows it): Zensical has
# its own versions of these templates, with other asset names, so they stay MkDocs-only.
# Every other file of overrides/ works with both engines.
MKDOCS_ONLY_OVERRIDES = frozenset({
    "base.html", "partials/nav-item.html", "partials/toc.html", "partials/search.html",
    "partials/javascripts/palette.html"})
# The inline scripts of Zensical's templates, from a Zensical build of
# portal/sitecheck/csp_site/ (`portal zensical csp-allowlist`), as csp_allowlist.json is
# for MkDocs.
ALLOWLIST = Path(__file__).with_name("zensical_csp_allowlist.json")
# The <style> element that Zensical's bundle (0.0.73) adds for its search dialog: without
# its hash in style-src the dialog is unstyled under the site's policy (style-src 'self').
# Found with Chromium's CSP report on a Zensical build; MkDocs' theme has no such element.
# A new Zensical version may change it: check the search dialog in a browser after an
# update (README, "Engines").
STYLE_HASHES = ("'sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k='",)
# Zensical's search index (MkDocs: search/search_index.json).
SEARCH_INDEX = "search.json"
SEARCH_FIELDS = ("title_forms", "title_synonyms", "text_forms")


class ZensicalError(Exception):
    """The Zensical build cannot go on; the message is Dutch, for the command line."""


# --- the configuration --------------------------------------------------------------

def read_config(root: Path) -> dict:
    try:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ZensicalError(f"mkdocs.yml is niet te lezen: {exc}") from None
    return config


def plugin_options(config: dict, name: str) -> dict | None:
    """The options of plugin `name` in mkdocs.yml ({} without options), None if absent."""
    for entry in config.get("plugins") or []:
        key, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if key == name:
            return dict(options or {})
    return None


def languages(config: dict) -> dict[str, dict]:
    """locale -> the i18n plugin's options of that language, default language first."""
    i18n = plugin_options(config, "i18n") or {}
    listed = {lang.get("locale"): lang for lang in i18n.get("languages") or []}
    found = {DEFAULT_LANGUAGE: listed.get(DEFAULT_LANGUAGE, {})}
    for locale, lang in listed.items():
        if lang.get("build", True) and locale != DEFAULT_LANGUAGE:
            found[locale] = lang
    return found


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in extra.items()}}
    if isinstance(base, list) and isinstance(extra, list):  # palette: entry by entry
        return [_merge(b, e) for b, e in zip(base, extra, strict=False)] + base[len(extra):]
    return copy.deepcopy(extra)


def prune_nav(nav: Any, exists) -> Any:
    """The nav without entries whose page is not in the docs (the Materialen pages of a
    build without materials): Zensical would link their .md file."""
    if isinstance(nav, list):
        kept = [prune_nav(item, exists) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {k: prune_nav(v, exists) for k, v in nav.items()}
        return {k: v for k, v in kept.items() if v not in (None, [], {})}
    if isinstance(nav, str) and nav.endswith(".md") and "://" not in nav:
        return nav if exists(nav) else None
    return nav


def engine_config(config: dict, *, locale: str, language: dict, extra: dict) -> dict:
    """mkdocs.yml as Zensical builds one language of the site from it."""
    out = copy.deepcopy(config)
    for key in ("plugins", "hooks", "validation"):
        out.pop(key, None)
    search = plugin_options(config, "search")
    if search is not None:  # the theme's search; its separator splits words at quotes
        out["plugins"] = [{"search": {k: v for k, v in search.items() if k == "separator"}}]
    out["docs_dir"], out["site_dir"] = "docs", "site"
    theme = out.setdefault("theme", {})
    theme["variant"] = "classic"  # the look of Material for MkDocs (Zensical: "modern")
    features = list(theme.get("features") or [])
    set_edit_links(features, is_preview(config))  # edit links: preview builds only
    theme["features"] = features
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    names = languages(config)
    site_url = (config.get("site_url") or "/").rstrip("/") + "/"
    # The language switch of the theme's header (mkdocs-static-i18n: reconfigure_material):
    # each language's home page here; finish() points it at the page's translation.
    root_path = urlsplit(site_url).path or "/"
    alternate = [{"name": opts.get("name") or loc, "lang": loc,
                  "link": root_path if loc == DEFAULT_LANGUAGE else f"{root_path}{loc}/"}
                 for loc, opts in names.items()]
    out["extra"] = {**(out.get("extra") or {}), **extra, "portal_engine": ENGINE}
    if len(alternate) > 1:
        out["extra"]["alternate"] = alternate
    if locale != DEFAULT_LANGUAGE:
        theme["language"] = locale
        out["site_url"] = f"{site_url}{locale}/"
        if language.get("site_description"):
            out["site_description"] = language["site_description"]
        if language.get("nav"):
            out["nav"] = language["nav"]
        if (language.get("theme") or {}).get("palette") and theme.get("palette"):
            theme["palette"] = _merge(theme["palette"], language["theme"]["palette"])
        if language.get("extra"):
            out["extra"] = _merge(out["extra"], language["extra"])
        # not_in_nav names Dutch folders; the English site has the same ones.
    return out


# --- preparing the projects -----------------------------------------------------------

def _meta(text: str) -> dict:
    try:
        return dict(parse_markdown(text).meta or {})
    except Exception:  # noqa: BLE001 - the validator reported it; the title falls back
        return {}


def _page_url(rel: str, locale: str) -> str:
    url = source_url(rel).lstrip("/")
    return url if locale == DEFAULT_LANGUAGE else f"{locale}/{url}"


def prepare(root: Path, generated: Path, work: Path,
            sources: Path | None = None) -> dict[str, Path]:
    """Split the docs folder written by `portal generate` into one Zensical project per
    language below `work` (work/nl, work/en: mkdocs.yml, docs/, overrides/); returns the
    config file of each, default language first. Writes work/pages.json, what finish()
    needs of each page's source (`sources`: the file `portal generate --sources` wrote,
    for the edit links of a preview build)."""
    config = read_config(root)
    preview = is_preview(config)
    source_of = (json.loads(sources.read_text(encoding="utf-8"))
                 if sources is not None and sources.is_file() else {})
    try:
        contact = check_accessibility_contact((config.get("extra") or {})
                                              .get("accessibility_contact"))
    except AccessibilityContactError as exc:
        raise ZensicalError(str(exc)) from None
    names = languages(config)
    if work.exists():
        shutil.rmtree(work)
    files = sorted(p for p in generated.rglob("*") if p.is_file())
    rels = {p.relative_to(generated).as_posix() for p in files}
    pages: dict[str, dict] = {}
    for path in files:
        rel = path.relative_to(generated).as_posix()
        if rel == FRESHNESS_URI and not preview:
            continue  # the editors' page: preview builds only (MkDocs: scripts/serve)
        if not rel.endswith(".md"):
            # Static files at the root; another language's site gets its own copy of the
            # site's assets (its pages load them from there). An English page links other
            # files (PDFs, open data) of the Dutch site by no relative path today:
            # check-links would name such a link.
            shared = rel.startswith("assets/")
            for locale in names if shared else (DEFAULT_LANGUAGE,):
                target = work / locale / "docs" / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            continue
        locale = page_language(rel)
        if locale not in names:
            continue
        text = render_accessibility_contact(path.read_text(encoding="utf-8-sig"), contact)
        target_rel = rel
        if locale != DEFAULT_LANGUAGE:
            target_rel = rel.removesuffix(f".{locale}.md") + ".md"
            text = link_untranslated(
                text, rel, _page_url(target_rel, locale),
                lambda p, loc=locale: p.removesuffix(".md") + f".{loc}.md" in rels)
        target = work / locale / "docs" / target_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        url = _page_url(target_rel, locale)
        pages[url] = {"src_uri": rel, "meta": _meta(text), "source": source_of.get(rel)}
    portal = _portal(root, config)
    extras = SiteExtras()
    extra = {"portal_social": extras.social(config.get("site_url"), str(generated)),
             "accessibility_contact": contact,
             "portal_crisis": _crisis(portal, config)}
    configs = {}
    overrides = _custom_dir(root, config)
    for locale, language in names.items():
        project = work / locale
        (project / "docs").mkdir(parents=True, exist_ok=True)
        if overrides is not None:
            copy_overrides(overrides, project / "overrides")
        out = engine_config(config, locale=locale, language=language, extra=extra)
        if out.get("nav"):
            out["nav"] = prune_nav(out["nav"], lambda p, d=project / "docs": (d / p).is_file())
        (project / "mkdocs.yml").write_text(
            yaml.safe_dump(out, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs[locale] = project / "mkdocs.yml"
    (work / "pages.json").write_text(json.dumps(pages, ensure_ascii=False, default=str),
                                     encoding="utf-8")
    return configs


def copy_overrides(source: Path, target: Path) -> None:
    """overrides/ without the MkDocs-only copies of the theme's templates."""
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source).as_posix()
        if path.is_file() and rel not in MKDOCS_ONLY_OVERRIDES:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / rel)


def _custom_dir(root: Path, config: dict) -> Path | None:
    theme = config.get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return (root / custom) if custom else None


def _portal_options(config: dict) -> dict:
    return plugin_options(config, "portal") or {}


def is_preview(config: dict) -> bool:
    """A build for editors, as the plugin decides it: its option `preview`, or
    PORTAL_PREVIEW=1 in the environment."""
    return bool(_portal_options(config).get("preview")) or \
        os.environ.get("PORTAL_PREVIEW") == "1"


def _portal(root: Path, config: dict) -> Portal:
    data_dir = root / _portal_options(config).get("data_dir", "data")
    return build_portal(load_tree(data_dir, []))


def _crisis(portal: Portal, config: dict) -> dict:
    channel = _portal_options(config).get("crisis_channel", "alarmnummer/bellen")
    try:
        return crisis_line(portal, channel)
    except MaterialsError as exc:
        raise ZensicalError(f"portal: crisis_channel: {exc}") from None


# --- the engine -------------------------------------------------------------------------

def zensical_command() -> list[str]:
    """Zensical's command line, from the environment this runs in."""
    beside = Path(sys.executable).with_name("zensical")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("zensical")
    if found is None:
        raise ZensicalError("Zensical is niet geïnstalleerd. Installeer het met "
                            "scripts/build --engine zensical (uit requirements/zensical.lock).")
    return [found]


def run_zensical(config_file: Path) -> None:
    result = subprocess.run([*zensical_command(), "build", "-f", config_file.name],
                            cwd=config_file.parent, capture_output=True, text=True)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise ZensicalError(f"zensical build van {config_file} is mislukt:\n" + "\n".join(tail))


# --- after the build ------------------------------------------------------------------

def nav_titles(nav: Any, found: dict[str, str] | None = None) -> dict[str, str]:
    """'over-het-meldpunt.md' -> 'Over het meldpunt': the titles the nav gives pages."""
    found = {} if found is None else found
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    found.setdefault(value, str(title))
                else:
                    nav_titles(value, found)
    return found


def _title(page_html: str, meta: dict, nav_title: str | None = None) -> str:
    """The page's title as MkDocs names it: from the nav, the front matter or the h1."""
    if nav_title:
        return nav_title
    if meta.get("title"):
        return str(meta["title"])
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def assemble(work: Path, site: Path) -> None:
    """The languages' sites in one: the default language's at the root, the others under
    their locale (as mkdocs-static-i18n writes them)."""
    if not (work / DEFAULT_LANGUAGE / "site" / "index.html").is_file():
        raise ZensicalError(f"geen gebouwde site in {work / DEFAULT_LANGUAGE / 'site'}: voer "
                            "eerst 'portal zensical prepare' en 'zensical build' uit "
                            "(scripts/build --engine zensical doet alles)")
    if site.exists():
        shutil.rmtree(site)
    locales = sorted(p.name for p in work.iterdir() if (p / "site").is_dir())
    shutil.move(str(work / DEFAULT_LANGUAGE / "site"), str(site))
    for locale in locales:
        if locale != DEFAULT_LANGUAGE:
            shutil.move(str(work / locale / "site"), str(site / locale))
            # One 404 page for the site (nginx: error_page 404 /404.html), as with MkDocs.
            (site / locale / "404.html").unlink(missing_ok=True)
            merge_sitemap(site / "sitemap.xml", site / locale / "sitemap.xml")


_URL_ENTRY = re.compile(r"<url>.*?</url>\s*", re.S)


def merge_sitemap(main: Path, other: Path) -> None:
    """One sitemap.xml for the site, as mkdocs-static-i18n writes it: the entries of a
    language's own sitemap (absolute addresses) go into the default language's."""
    if not (main.is_file() and other.is_file()):
        return
    entries = "".join(_URL_ENTRY.findall(other.read_text(encoding="utf-8")))
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace("</urlset>", entries + "</urlset>", 1), encoding="utf-8")
    other.unlink()


# Zensical's templates put an empty <a id="__skip"> before the content as the target of
# their skip link: an <a> without href or name, which the page check (A002) and screen
# readers take for a link without text. A <span> is the same target (tabindex="-1").
_SKIP_TARGET = '<a id="__skip" tabindex="-1"></a>'


def fix_markup(page_html: str) -> str:
    return page_html.replace(_SKIP_TARGET, '<span id="__skip" tabindex="-1"></span>')


_LANGUAGE_LINK = re.compile(r'(<a href=")([^"]*)(" hreflang="([\w-]+)" class="md-select__link">)')


def switch_languages(page_html: str, url: str, urls: set[str], others: set[str]) -> str:
    """The theme's language switch as mkdocs-static-i18n makes it: the page's own
    language links to the page itself, another language to the page's translation
    where it has one (else to that language's home page, as the config says)."""
    first = url.split("/", 1)[0]
    language = first if first in others else DEFAULT_LANGUAGE
    dutch = url.split("/", 1)[1] if language != DEFAULT_LANGUAGE else url

    def point(match: re.Match) -> str:
        target_language = match.group(4)
        if target_language == language:
            return f"{match.group(1)}./{match.group(3)}"
        target = dutch if target_language == DEFAULT_LANGUAGE else f"{target_language}/{dutch}"
        if target not in urls:
            return match.group(0)
        href = posixpath.relpath("/" + target, "/" + url) if target != url else "."
        href = href.rstrip("/") + "/" if href != "." else "./"
        return f"{match.group(1)}{html.escape(href)}{match.group(3)}"

    return _LANGUAGE_LINK.sub(point, page_html)


def with_style_hashes(text: str) -> str:
    """The page's (or nginx header's) policy with STYLE_HASHES in its style-src."""
    return text.replace("style-src 'self'", " ".join(("style-src 'self'", *STYLE_HASHES)), 1)


def localise_search(path: Path, groups: list[Group]) -> None:
    """Zensical's search.json with the Dutch word forms and synonyms (pages/search.py).
    Its search indexes only an entry's title, text and path, not extra fields as the
    theme's lunr does: the forms go into the text, in a hidden element."""
    index = json.loads(path.read_text(encoding="utf-8"))
    items = index.get("items", [])
    docs = [{"location": i.get("location", ""), "title": i.get("title", ""),
             "text": i.get("text", "")} for i in items]
    expanded = expand_index({"config": index.get("config", {}), "docs": docs}, groups)
    for item, doc in zip(items, expanded["docs"], strict=True):
        added = " ".join(doc[name] for name in SEARCH_FIELDS if doc.get(name))
        if added:
            hidden = html.escape(added, quote=False)
            item["text"] = f'{item.get("text", "")} <span hidden>{hidden}</span>'
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


_ARTICLE = '<article class="md-content__inner md-typeset">'
_EDIT_LINK = re.compile(r'<a href="[^"]*"( title="[^"]*" class="md-content__button md-icon" '
                        r'rel="edit">.*?</a>)', re.S)


class Preview:
    """What a preview build adds to a page (the plugin does it in on_page_context and
    overrides/main.html): the banner with the organisations an editor must still check,
    and the edit link to the page's own source (a generated page's YAML file)."""

    def __init__(self, root: Path, config: dict, portal: Portal, today: date) -> None:
        from jinja2 import Environment, FileSystemLoader  # the theme's own engine in MkDocs

        self.root, self.config, self.portal = root, config, portal
        self.states = check_states(portal.organisations, today)
        overrides = _custom_dir(root, config) or root / "overrides"
        self.env = Environment(loader=FileSystemLoader(str(overrides)), autoescape=False)
        self.env.filters["url"] = str
        self.template = self.env.get_template("partials/preview-banner.html")

    def page(self, page_html: str, url: str, source: str | None) -> str:
        orgs = linked_organisations(page_html, url, list(self.portal.organisations))
        # MkDocs' `url` filter: the address relative to the page (read at render time).
        self.env.filters["url"] = lambda target: (
            posixpath.relpath("/" + target, "/" + url).rstrip("/") + "/")
        banner = self.template.render(
            portal_preview=preview_banner(orgs, self.portal.organisations, self.states))
        page_html = page_html.replace(_ARTICLE, f"{_ARTICLE}\n{banner}", 1)
        link = edit_url(Path(source), self.root, self.config.get("repo_url"),
                        self.config.get("edit_uri")) if source else None
        if link is None:  # no single source (the editors' page): no edit link
            return _EDIT_LINK.sub("", page_html)
        return _EDIT_LINK.sub(lambda m: f'<a href="{html.escape(link)}"{m.group(1)}',
                              page_html)


def finish(root: Path, work: Path, site: Path, *, today: date,
           allowlist: Allowlist | None = None, admin: bool | None = None,
           nginx: bool = True) -> int:
    """Put the built languages together in `site` and run the plugin's steps on it;
    returns the number of pages. Raises ZensicalError naming a page with a script that no
    template wrote (nothing is published then). `admin` None: as the plugin's
    decap_admin; `nginx` False: no nginx includes (a test's build)."""
    config = read_config(root)
    options = _portal_options(config)
    assemble(work, site)
    pages = json.loads((work / "pages.json").read_text(encoding="utf-8"))
    portal = _portal(root, config)
    site_url = config.get("site_url")
    extras = SiteExtras()
    extras.social(site_url, str(work / DEFAULT_LANGUAGE / "docs"))
    extras.events = event_posts(portal.agenda, today=today, site_url=extras.site_url)
    if allowlist is None and options.get("content_security_policy", True):
        try:
            allowlist = load_allowlist(Path(options["csp_allowlist"]) if
                                       options.get("csp_allowlist") else ALLOWLIST)
        except CspError as exc:
            raise ZensicalError(str(exc)) from None
    site_path = urlsplit(site_url or "/").path or "/"
    count = 0
    errors = []
    # The default language first: its page is the one the feed and short addresses name.
    others = set(languages(config)) - {DEFAULT_LANGUAGE}
    files = sorted(site.rglob("*.html"),
                   key=lambda p: (p.relative_to(site).parts[0] in others, str(p)))
    noindex = set()
    titles = nav_titles(config.get("nav") or [])
    preview = Preview(root, config, portal, today) if is_preview(config) else None
    for path in files:
        rel = path.relative_to(site).as_posix()
        url = rel.removesuffix("index.html")
        text = fix_markup(path.read_text(encoding="utf-8"))
        if others:
            text = switch_languages(text, url, set(pages), others)
        source = pages.get(url)
        built = None
        if source is not None:
            meta = {k: v for k, v in source["meta"].items()}
            if "noindex" in str(meta.get("robots", "")):
                noindex.add(url)
            nav_title = titles.get(source["src_uri"]) if not url.startswith(
                tuple(f"{loc}/" for loc in others)) else None
            built = BuiltPage(source["src_uri"], url, _title(text, meta, nav_title), meta,
                              home=url == "")  # as MkDocs: the Dutch home page
            if preview is not None:
                text = preview.page(text, url, source.get("source"))
        elif not rel.endswith("404.html"):
            continue  # not a page of the docs (e.g. a template in docs/assets)
        text, findings = finish_page(text, page=built, extras=extras, portal=portal,
                                     allowlist=allowlist, site_path=site_path)
        if findings:
            lines = "\n".join(f"  {f.format_text()}" for f in findings)
            errors.append(f"De pagina /{url} (bron: {source['src_uri'] if source else rel}) "
                          f"bevat script dat niet uit de sjablonen komt:\n{lines}")
            continue
        path.write_text(with_style_hashes(text), encoding="utf-8")
        count += 1
    if errors:
        raise ZensicalError("\n".join(errors) + "\nEr is niets gepubliceerd. Tip: schrijf geen "
                            "HTML met script, on...=-attributen of javascript:-links in "
                            "pagina's of gegevens. Na een update van Zensical of overrides/: "
                            "maak de lijst opnieuw met 'portal zensical csp-allowlist' en "
                            "bekijk het verschil voor je het vastlegt.")
    for sitemap in site.rglob("sitemap.xml"):
        if noindex:
            sitemap.write_text(render_sitemap_without(sitemap.read_text(encoding="utf-8"),
                                                      noindex), encoding="utf-8")
    index = site / SEARCH_INDEX
    if index.is_file():
        data_dir = root / options.get("data_dir", "data")
        groups, problems = load_synonyms(data_dir / options.get("search_terms", SYNONYMS_FILE))
        if problems:
            raise ZensicalError("De zoekwoorden bevatten fouten; er is niets gepubliceerd.\n"
                                + "\n".join(p.format_text() for p in problems))
        localise_search(index, groups)
    redirects = plugin_options(config, "redirects") or {}
    csp_file = options.get("nginx_csp_include") if nginx else None
    if csp_file:
        target = root / csp_file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_style_hashes(nginx_include(
            allowlist.hashes if allowlist else frozenset())), encoding="utf-8")
    extras.post_build(site, site_name=config.get("site_name", ""),
                      site_description=config.get("site_description") or "",
                      redirect_maps=redirects.get("redirect_maps") or {},
                      nginx_dir=(root / csp_file).parent if csp_file else None)
    if options.get("decap_admin", True) if admin is None else admin:
        try:
            build_admin(AdminSite(
                root=root, editor_dir=root / options.get("decap_dir", "build/webredactie"),
                site_dir=site, docs_dir=root / config.get("docs_dir", "docs"),
                site_name=config.get("site_name", ""), site_url=site_url,
                repo_url=config.get("repo_url"), edit_uri=config.get("edit_uri"),
                editor_host=options.get("editor_host"),
                auth_url=options.get("decap_auth_url")))
        except AdminError as exc:
            raise ZensicalError(str(exc)) from None
    return count


# --- the whole build, in one call (the test; the script runs the steps one by one) -----

def material_files(root: Path, portal: Portal, *, today: date,
                   templates_dir: Path | None) -> list[GeneratedFile]:
    """The print materials (PDFs by Debian's Chromium) and the Materialen pages, with the
    site address and crisis line of mkdocs.yml, as the plugin's `materials` option makes
    them."""
    config = read_config(root)
    try:
        return build_materials(portal, config.get("site_url"), today=today,
                               templates_dir=templates_dir,
                               crisis_channel=_portal_options(config).get(
                                   "crisis_channel", "alarmnummer/bellen"))
    except MaterialsError as exc:
        raise ZensicalError(f"portal: {exc}") from None


def generate(root: Path, outdir: Path, *, today: date, materials: bool) -> int:
    """What `portal generate OUTDIR [--materials]` writes; returns the number of files."""
    config = read_config(root)
    data_dir = root / _portal_options(config).get("data_dir", "data")
    docs_dir = root / config.get("docs_dir", "docs")
    templates = root / "overrides" / "portal"
    templates_dir = templates if templates.is_dir() else None
    generated = generate_site(data_dir, today=today, docs_dir=docs_dir,
                              templates_dir=templates_dir)
    files = generated.files
    if materials:
        files += material_files(root, generated.portal, today=today,
                                templates_dir=templates_dir)
    files = files + docs_files(docs_dir, generated.portal)
    if outdir.exists():
        shutil.rmtree(outdir)
    write_files(files, outdir)
    write_sources(files, outdir.parent / "sources.json")
    return len(files)


def write_sources(files: list[GeneratedFile], target: Path) -> None:
    """Each written file's source (a YAML file, a folder, a page of docs/), for the edit
    links of a preview build; a hand-written page at a generated page's path wins."""
    sources = {}
    for f in files:
        if f.source is not None:
            sources[f.uri] = str(Path(f.source).resolve())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(sources, ensure_ascii=False, indent=0), encoding="utf-8")


def build_site(root: Path, site: Path, *, today: date, materials: bool = True,
               work: Path | None = None, admin: bool | None = None,
               nginx: bool = True) -> int:
    """Generate, prepare, build every language with Zensical and finish: the site in
    `site`; returns the number of pages."""
    with tempfile.TemporaryDirectory(prefix="portal-zensical-") as tmp:
        base = work or Path(tmp)
        generate(root, base / "generated", today=today, materials=materials)
        for config_file in prepare(root, base / "generated", base / "projects",
                                   base / "sources.json").values():
            run_zensical(config_file)
        return finish(root, base / "projects", site, today=today, admin=admin, nginx=nginx)


# --- the allowlist of Zensical's inline scripts -------------------------------------

def render_allowlist(root: Path) -> str:
    """Zensical's allowlist (JSON), from a Zensical build of portal/sitecheck/csp_site/
    with the project's mkdocs.yml and overrides, never from the real pages."""
    with tempfile.TemporaryDirectory(prefix="portal-zensical-csp-") as tmp:
        work = Path(tmp)
        csp.copy_allowlist_site(root, work / "src")
        project = work / "project"
        if (root / "overrides").is_dir():
            shutil.copytree(root / "overrides", project / "overrides")
        config = read_config(root)
        for entry in config.get("plugins") or []:
            if isinstance(entry, dict) and "portal" in entry:
                entry["portal"] = {**(entry["portal"] or {}), "data_dir": "data"}
        shutil.copytree(work / "src" / "data", project / "data")
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                            encoding="utf-8")
        generated = generate_site(project / "data", today=date(2026, 11, 29),
                                  docs_dir=work / "src" / "docs")
        write_files(generated.files + docs_files(work / "src" / "docs", generated.portal),
                    work / "generated")
        for config_file in prepare(project, work / "generated", work / "projects").values():
            run_zensical(config_file)
        site = work / "site"
        assemble(work / "projects", site)
        found, files = scripts_of_site(site)  # read as the page check reads them
        inline = {digest: {"hash": digest, "first_page": rel, "starts_with": text.strip()[:60]}
                  for digest, (text, rel) in found.items()}
    data = {
        "about": "Inline scripts and script files of Zensical's templates, from a Zensical "
                 "build of portal/sitecheck/csp_site/ with mkdocs.yml (portal/engines/"
                 "zensical.py); made by `portal zensical csp-allowlist`, do not edit. Every "
                 "page of a Zensical build carries exactly these hashes.",
        "engine": f"zensical {_zensical_version()}",
        "inline_scripts": sorted(inline.values(), key=lambda e: (e["first_page"], e["hash"])),
        "script_files": sorted(files),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _zensical_version() -> str:
    result = subprocess.run([*zensical_command(), "--version"], capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    return (result.stdout.strip().split() or ["?"])[-1]
