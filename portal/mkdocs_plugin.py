"""The MkDocs adapter: wires MkDocs events to the generator's core and nothing more.

on_config validates the data and renders every generated file once per build;
on_files adds them (a hand-written page at the same path wins); on_page_markdown fills
contact references; on_page_context points the edit link of a generated page at its
YAML file (or, for an overview, its folder); pages with `robots: noindex` are left out
of sitemap.xml. Edit links, the editors' page and a banner with what is not checked yet
are in preview builds only (`preview`, or PORTAL_PREVIEW=1), never on the public site.
A validation error stops the build with the validator's own Dutch messages.

With mkdocs-static-i18n (English under /en/, portal/pages/i18n.py) the build runs per
language; the data is validated once, and the CSP, search index, 404 page and editor
finished once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .build import Generated, GenerationError, expand_page, generate_site
from .data.synonyms import SYNONYMS_FILE, load_synonyms
from .editors.admin import (
    DEFAULT_DIR,
    AdminError,
    AdminSite,
    build_admin,
    check_admin,
    check_editor_dir,
    check_editor_host,
)
from .editors.editlinks import edit_url, set_edit_links
from .editors.freshness import (
    FRESHNESS_URI,
    check_states,
    linked_organisations,
    preview_banner,
    render_sitemap_without,
)
from .engines.finish import BuiltPage, finish_page
from .exports.feed import event_posts
from .exports.site_extras import SiteExtras
from .pages.accessibility import (
    AccessibilityContactError,
    check_accessibility_contact,
    render_accessibility_contact,
)
from .pages.escape import escape_meta, unescape_text
from .pages.i18n import (
    DEFAULT_LANGUAGE,
    language_of,
    link_untranslated,
    localise_index_file,
    nested_build,
    other_languages,
    restore_content,
)
from .pages.materials import MaterialsError, build_materials, crisis_line
from .pages.printing import start_background_prints, watched_print_cache
from .pages.render import template_cache
from .sitecheck.csp import ALLOWLIST, CspError, load_allowlist, nginx_include

log = logging.getLogger("mkdocs.plugins.portal")


T = TypeVar("T")


class Checked(base.BaseConfigOption[T]):
    """An option whose value a function of the core checks and normalises; its ValueError
    (in Dutch) stops MkDocs when it loads mkdocs.yml, not halfway through a build."""

    def __init__(self, check: Callable[[object], T], default: T | None = None) -> None:
        super().__init__()
        self.check, self.default = check, default

    def run_validation(self, value: object) -> T:
        try:
            return self.check(value)
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from None


def check_iso_date(value: object) -> date | None:
    """today: a date (YYYY-MM-DD). YAML reads an unquoted 2026-11-29 as a date already."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"geen datum (JJJJ-MM-DD): {value!r}") from None


def check_contact_ref(value: object) -> str:
    """crisis_channel: `organisation/channel`; whether it exists is checked with the data."""
    org, slash, channel = str(value).partition("/")
    if not (isinstance(value, str) and slash and org and channel and "/" not in channel):
        raise ValueError(
            f"verwacht 'organisatie/kanaal', bijvoorbeeld 'alarmnummer/bellen': {value!r}")
    return value


class PortalConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Generate pages and open data from `data_dir`. Off: the site builds from docs/ only."""

    data_dir = c.Dir(exists=True, default="data")
    """Folder (relative to mkdocs.yml; it must exist) with organisations/, routes/,
    roles.yml and municipalities.yml."""

    templates_dir = c.Optional(c.Dir(exists=True))
    """Templates here replace the package's own templates of the same name; default:
    overrides/portal/ when it exists."""

    today = Checked(check_iso_date)
    """Date (YYYY-MM-DD) for the freshness check; default: the day of the build."""

    strict = c.Type(bool, default=False)
    """Treat freshness warnings as errors (for a production deploy)."""

    crisis_channel = Checked(check_contact_ref, default="alarmnummer/bellen")
    """The `organisation/channel` shown as the crisis line on every page."""

    content_security_policy = c.Type(bool, default=True)
    """Check every built page against the allowlist of the templates' inline scripts
    (portal/sitecheck/csp.py) and add a CSP <meta> with exactly the allowlist's hashes. A script,
    event-handler attribute or `javascript:` URL that no template wrote stops the build."""

    csp_allowlist = c.Optional(c.File(exists=True))
    """The allowlist (made by `portal csp-allowlist`); default:
    portal/sitecheck/csp_allowlist.json."""

    nginx_csp_include = c.Optional(c.Type(str))
    """Write the server's CSP header (the allowlist's hashes) to this file for nginx."""

    search_terms = c.Type(str, default=SYNONYMS_FILE)
    """Synonym groups (in data_dir) added, with Dutch word forms, to the search index."""

    decap_admin = c.Type(bool, default=True)
    """Write the web editor (Decap CMS) to decap_dir: its page, its script copied from
    node_modules/decap-cms (`npm ci`), and config.yml generated from portal/schemas/."""

    decap_dir = Checked(check_editor_dir, default=DEFAULT_DIR)
    """The editor's folder, relative to mkdocs.yml, never in site_dir or docs_dir: the
    public site holds no editor (Decap keeps the GitHub token in localStorage)."""

    editor_host = Checked(check_editor_host)
    """The editor's own host name (e.g. redactie.<domain>), not the site's; its start
    script runs Decap CMS only there, and deploy/nginx serves decap_dir only there."""

    decap_auth_url = c.Optional(c.Type(str))
    """Address of the OAuth provider that logs editors in with GitHub (Decap's base_url);
    default: Decap's own (Netlify's)."""

    materials = c.Type(bool, default=True)
    """Posters (A4), pocket cards (A6) as PDF (Debian's chromium), the Materialen pages."""

    preview = c.Type(bool, default=False)
    """A build for editors, never for the public (scripts/serve, the artifact of a pull
    request): every page gets a banner with what the editors have not checked yet, and
    its edit link, and the site the editors' page /redactie/actualiteit/. Also on when
    the environment has PORTAL_PREVIEW=1. Off, the site shows none of these."""


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.generated: Generated | None = None
        self.sources: dict[str, Path] = {}
        self.allowlist = None  # csp.Allowlist, read in on_config
        self.search_groups: list = []
        self.noindex: set[str] = set()  # urls of pages with `robots: noindex`
        self.added: dict[str, str | bytes] = {}  # src_uri -> content of the files added
        self.page_404: str | None = None  # the default language's 404.html
        self.extras = SiteExtras()  # robots.txt, share image, feed, short addresses, JSON-LD
        self.preview = False  # a build for editors (PortalConfig.preview)
        self.states: dict[str, str] = {}  # organisations an editor must check -> why
        self.page_orgs: dict[str, list[str]] = {}  # page url -> organisations it names

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.extra["portal_social"] = self.extras.social(config.site_url, config.docs_dir)
        try:  # where visitors report an accessibility problem (docs/toegankelijkheid.md)
            config.extra["accessibility_contact"] = check_accessibility_contact(
                config.extra.get("accessibility_contact"))
        except AccessibilityContactError as exc:
            raise PluginError(str(exc)) from None
        self.preview = self.config.preview or os.environ.get("PORTAL_PREVIEW") == "1"
        features = list(config.theme.get("features") or [])
        set_edit_links(features, self.preview)  # edit links: preview builds only
        config.theme["features"] = features
        if self.config.decap_admin:  # fail before building, not after
            try:
                check_admin(self._admin_site(config))
            except AdminError as exc:
                raise PluginError(str(exc)) from None
        if self.config.content_security_policy:
            self._load_allowlist(config)
        if not self.config.enabled:
            return config
        if self.generated is not None and nested_build(config.plugins.get("i18n")):
            return config  # the data was validated and the pages rendered for this run
        data_dir = Path(self.config.data_dir)  # absolute: c.Dir resolved it at load
        today = self.config.today or date.today()
        try:
            self.generated = generate_site(
                data_dir, today=today, docs_dir=Path(config.docs_dir),
                templates_dir=self._templates_dir(config), strict=self.config.strict)
        except GenerationError as exc:
            lines = "\n".join(p.format_text() for p in exc.problems if p.severity == "error")
            raise PluginError(
                f"De gegevens bevatten fouten; er is niets gepubliceerd.\n{lines}") from None
        for problem in self.generated.problems:
            # Freshness is reported by `portal validate`; in the build it is information,
            # so the shipped (never yet confirmed) data builds with --strict.
            log.info(problem.format_text())
        self.search_groups, problems = load_synonyms(data_dir / self.config.search_terms)
        if problems:
            lines = "\n".join(p.format_text() for p in problems)
            raise PluginError(f"De zoekwoorden bevatten fouten; er is niets gepubliceerd.\n{lines}")
        self.states = check_states(self.generated.portal.organisations, today)
        # The agenda's upcoming events in the news feed (issue 17), on the build's day.
        self.extras.events = event_posts(self.generated.portal.agenda, today=today,
                                         site_url=self.extras.site_url)
        config.watch.append(str(data_dir))
        config.extra["portal_crisis"] = self._crisis()
        if self.config.materials:  # PDFs and pages, added to the files like the others
            if self.preview:  # a PDF printed beside a rebuild lands here and starts the next
                config.watch.append(str(watched_print_cache()))
            try:
                self.generated.files += build_materials(
                    self.generated.portal, config.site_url, today=today,
                    templates_dir=self._templates_dir(config),
                    crisis_channel=self.config.crisis_channel, background=self.preview)
            except MaterialsError as exc:
                raise PluginError(f"portal: {exc}") from None
        return config

    def _templates_dir(self, config: MkDocsConfig) -> Path:
        if self.config.templates_dir:
            return Path(self.config.templates_dir)
        return Path(config.config_file_path).parent / "overrides" / "portal"

    def _load_allowlist(self, config: MkDocsConfig) -> None:
        path = self.config.csp_allowlist
        try:
            self.allowlist = load_allowlist(Path(path) if path else ALLOWLIST)
        except CspError as exc:
            raise PluginError(str(exc)) from None

    def _crisis(self) -> dict[str, str]:
        try:
            return crisis_line(self.generated.portal, self.config.crisis_channel)
        except MaterialsError as exc:
            raise PluginError(f"portal: crisis_channel: {exc}") from None

    def _add_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.generated is None:
            return files
        i18n = config.plugins.get("i18n")
        for generated in self.generated.files:
            if language_of(generated.uri) not in (None, *other_languages(i18n)):
                continue  # e.g. hulp/index.en.md on a site without English
            if files.get_file_from_path(generated.uri) is not None:
                continue  # a hand-written page at the same path wins
            if generated.uri == FRESHNESS_URI and not self.preview:
                continue  # the editors' page: editorial state is not for the public
            file = File.generated(config, generated.uri, content=generated.content)
            if i18n is not None:  # the i18n plugin takes only files of the docs folder
                file.abs_src_path = os.path.normpath(os.path.join(config.docs_dir, file.src_uri))
            files.append(file)
            self.added[generated.uri] = generated.content
            self.sources[generated.uri] = generated.source
        return files

    @event_priority(-150)  # after mkdocs-static-i18n (-100), which made new File objects
    def _restore_content(self, files: Files, *, config: MkDocsConfig) -> Files:
        return restore_content(files, self.added)

    on_files = CombinedEvent(_add_files, _restore_content)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        escape_meta(page.meta)  # before any page is rendered: other pages' nav shows titles
        if "noindex" in str(page.meta.get("robots", "")):
            self.noindex.add(page.url)  # left out of sitemap.xml (on_post_template)
        markdown = render_accessibility_contact(markdown, config.extra.get("accessibility_contact"))
        if self.generated is not None:
            markdown = expand_page(markdown, self.generated.portal, page.file.src_uri,
                                   page.meta)
        if config.theme["language"] == DEFAULT_LANGUAGE:
            return markdown
        # A translated page: its links to pages without a translation (not built in this
        # language) go to the Dutch page.
        return link_untranslated(markdown, page.file.src_uri, page.url,
                                 lambda path: files.get_file_from_path(path) is not None)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if "title" not in page.meta and page.title and not page.is_homepage:
            # The title from the page's first heading is HTML already; as meta title the
            # theme prints it as it is, where it would unescape it with `striptags`.
            page.meta["title"] = Markup(page.title)
        if self.preview and self.generated is not None:
            self.page_orgs[page.url] = linked_organisations(
                html, page.url, list(self.generated.portal.organisations))
        return html

    def on_page_context(self, context: TemplateContext, *, page: Page,
                        config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        if not self.preview:
            page.edit_url = None  # edit links are for editors: preview builds only
            return context
        context["portal_preview"] = preview_banner(
            self.page_orgs.get(page.url, []),
            self.generated.portal.organisations if self.generated else {}, self.states)
        uri = page.file.src_uri
        if uri not in self.sources:
            return context  # a Markdown page: the theme's edit link is right
        # No source (the freshness report, made from all): no link.
        page.edit_url = edit_url(self.sources[uri], Path(config.config_file_path).parent,
                                 config.repo_url, config.edit_uri)
        return context

    def on_post_page(self, output: str, *, page: Page | None, config: MkDocsConfig) -> str:
        built = None
        if page is not None:
            built = BuiltPage(page.file.src_uri, page.url, unescape_text(page.title),
                              {k: unescape_text(v) for k, v in page.meta.items()},
                              page.is_homepage)
        csp = self.config.content_security_policy
        output, findings = finish_page(
            output, page=built, extras=self.extras, portal=getattr(self.generated, "portal", None),
            allowlist=self.allowlist if csp else None,
            site_path=urlsplit(config.site_url or "/").path or "/")
        if findings:
            self._check_scripts(findings, page=page, config=config)
        return output

    def _check_scripts(self, findings: list, *, page: Page | None,
                       config: MkDocsConfig) -> None:
        """Stop the build at a script, event handler or `javascript:` URL that no template
        wrote (csp.check_page, through finish_page), naming the page and the file it was
        made from."""
        url = page.url if page is not None else "404.html"
        root = Path(config.config_file_path).parent
        if page is None:
            source = "het sjabloon 404.html (overrides/ of het thema)"
        elif page.file.src_uri in self.sources:
            data = Path(self.sources[page.file.src_uri])
            source = (f"{page.file.src_uri}, gemaakt uit "
                      f"{data.relative_to(root) if data.is_relative_to(root) else data}")
        else:
            docs = Path(config.docs_dir) / page.file.src_uri
            source = str(docs.relative_to(root) if docs.is_relative_to(root) else docs)
        lines = "\n".join(f"  {f.format_text()}" for f in findings)
        raise PluginError(
            f"De pagina {url or '/'} (bron: {source}) bevat script dat niet uit de sjablonen "
            f"komt; er is niets gepubliceerd.\n{lines}\nTip: schrijf geen HTML met script, "
            "on...=-attributen of javascript:-links in pagina's of gegevens. Komt het uit een "
            "eigen sjabloon: zet het script in docs/assets/ en maak de lijst opnieuw met "
            "'portal csp-allowlist'.")

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = env.bytecode_cache or template_cache()  # the theme's templates
        return env

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str:
        # 404.html is rendered as a template, not a page; it needs the same policy.
        if template_name.endswith(".html"):
            output_content = self.on_post_page(output_content, page=None, config=config)
            if template_name == "404.html" and not nested_build(config.plugins.get("i18n")):
                self.page_404 = output_content  # a second language writes its own over it
            return output_content
        if template_name == "sitemap.xml" and self.noindex:
            return render_sitemap_without(output_content, self.noindex)
        return output_content

    # After the search plugin has written its index, and after mkdocs-static-i18n (-100)
    # has built the other languages and merged their search entries into that index.
    @event_priority(-150)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if nested_build(config.plugins.get("i18n")):
            return  # finished once, for all languages, by the default language's build
        site = Path(config.site_dir)
        if self.page_404 is not None:
            (site / "404.html").write_text(self.page_404, encoding="utf-8")
        index = site / "search" / "search_index.json"
        if self.generated is not None and index.is_file():
            others = tuple(f"{lang}/" for lang in other_languages(config.plugins.get("i18n")))
            localise_index_file(index, self.search_groups, prefixes=others)
        if self.config.nginx_csp_include:
            target = Path(config.config_file_path).parent / self.config.nginx_csp_include
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(nginx_include(self.allowlist.hashes if self.allowlist else
                                            frozenset()), encoding="utf-8")
        if self.config.decap_admin:
            self._write_admin(config)
        redirects = config.plugins.get("redirects")  # short campaign addresses (nginx: 301)
        csp = self.config.nginx_csp_include  # nginx-redirects.conf is written beside it
        self.extras.post_build(
            site, site_name=config.site_name, site_description=config.site_description or "",
            redirect_maps=redirects.config["redirect_maps"] if redirects else {},
            nginx_dir=(Path(config.config_file_path).parent / csp).parent if csp else None)
        start_background_prints()  # the preview's changed posters, now the pages are written

    def _admin_site(self, config: MkDocsConfig) -> AdminSite:
        root = Path(config.config_file_path).parent
        return AdminSite(
            root=root, editor_dir=root / self.config.decap_dir, site_dir=Path(config.site_dir),
            docs_dir=Path(config.docs_dir), site_name=config.site_name,
            site_url=config.site_url, repo_url=config.repo_url, edit_uri=config.edit_uri,
            editor_host=self.config.editor_host, auth_url=self.config.decap_auth_url)

    def _write_admin(self, config: MkDocsConfig) -> None:
        try:
            build_admin(self._admin_site(config))
        except AdminError as exc:
            raise PluginError(str(exc)) from None
