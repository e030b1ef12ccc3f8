"""The MkDocs adapter: wires MkDocs events to the generator's core and nothing more.

on_config validates the data and renders every generated file once per build;
on_files adds them (a hand-written page at the same path wins); on_page_markdown fills
contact references; on_page_context points the edit link of a generated page at its
YAML file (or, for an overview, its folder); pages with `robots: noindex` are left out
of sitemap.xml. A validation error stops the build with the validator's own Dutch
messages.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .contactrefs import render_references
from .csp import PLACEHOLDER, add_policy_meta, fill_policy_meta, nginx_include
from .decap import (
    DECAP_DIST,
    DecapMissing,
    SchemaNotSupported,
    edit_branch,
    github_repo,
    load_schemas,
    page_folders,
    render_decap_config,
    write_admin,
)
from .freshness import render_sitemap_without
from .generate import Generated, GenerationError, generate_site
from .headtags import move_jsonld_to_head
from .model import Channel, Organisation
from .pages import organisation_uri
from .render import relative_link
from .search import expand_index_file, load_synonyms

log = logging.getLogger("mkdocs.plugins.portal")


class PortalConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Generate pages and open data from `data_dir`. Off: the site builds from docs/ only."""

    data_dir = c.Type(str, default="data")
    """Folder with organisations/, routes/, roles.yml and municipalities.yml."""

    templates_dir = c.Type(str, default="overrides/portal")
    """Templates here replace the package's own templates of the same name."""

    today = c.Optional(c.Type(str))
    """Date (YYYY-MM-DD) for the freshness check; default: the day of the build."""

    strict = c.Type(bool, default=False)
    """Treat freshness warnings as errors (for a production deploy)."""

    crisis_channel = c.Type(str, default="alarmnummer/bellen")
    """The `organisation/channel` shown as the crisis line on every page."""

    content_security_policy = c.Type(bool, default=True)
    """Add a CSP <meta> with the hashes of each page's own inline scripts."""

    nginx_csp_include = c.Optional(c.Type(str))
    """Write the server's CSP header (union of all hashes) to this file for nginx."""

    search_terms = c.Type(str, default="zoekwoorden.yml")
    """Synonym groups (in data_dir) added, with Dutch word forms, to the search index."""

    decap_admin = c.Type(bool, default=True)
    """Write the web editor (Decap CMS) to /admin/: its page, its script copied from
    node_modules/decap-cms (`npm ci`), and config.yml generated from portal/schemas/."""

    decap_auth_url = c.Optional(c.Type(str))
    """Address of the OAuth provider that logs editors in with GitHub (Decap's base_url);
    default: Decap's own (Netlify's)."""


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.generated: Generated | None = None
        self.sources: dict[str, Path] = {}
        self.script_hashes: set[str] = set()
        self.search_groups: list = []
        self.noindex: set[str] = set()  # urls of pages with `robots: noindex`

    def on_config(self, config):
        if self.config.decap_admin:  # fail before building, not after
            self._decap_dist(config)
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent
        data_dir = root / self.config.data_dir
        try:
            today = date.fromisoformat(self.config.today) if self.config.today else date.today()
        except ValueError:
            raise PluginError(f"portal: 'today' is geen datum: {self.config.today}") from None
        try:
            self.generated = generate_site(
                data_dir, today=today, docs_dir=Path(config.docs_dir),
                templates_dir=root / self.config.templates_dir, strict=self.config.strict)
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
        config.watch.append(str(data_dir))
        config.extra["portal_crisis"] = self._crisis()
        return config

    def _crisis(self) -> dict:
        org_id, _, channel_id = self.config.crisis_channel.partition("/")
        org = self.generated.portal.organisations.get(org_id)
        channel = org.channel(channel_id) if org else None
        if channel is None or channel.phone is None:
            raise PluginError(f"portal: crisis_channel '{self.config.crisis_channel}' is geen "
                              "telefoonkanaal in data/organisations/.")
        return {"label": channel.label, "tel": channel.phone.tel, "shown": channel.shown}

    def on_files(self, files: Files, *, config) -> Files:
        if self.generated is None:
            return files
        for generated in self.generated.files:
            if files.get_file_from_path(generated.uri) is not None:
                continue  # a hand-written page at the same path wins
            files.append(File.generated(config, generated.uri, content=generated.content))
            self.sources[generated.uri] = generated.source
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if "noindex" in str(page.meta.get("robots", "")):
            self.noindex.add(page.url)  # left out of sitemap.xml (on_post_template)
        if self.generated is None:
            return markdown
        orgs = self.generated.portal.organisations
        uri = page.file.src_uri

        def render(org: Organisation, channel: Channel | None) -> str:
            name = f"[{org.name}]({relative_link(uri, organisation_uri(org.id))})"
            if channel is None:
                return name
            if not channel.href:
                return f"{name}: {channel.shown}"
            return f"{name}: [{channel.shown}]({channel.href}){{ .portal-contact }}"

        return render_references(markdown, orgs, render)

    def on_page_context(self, context, *, page, config, nav):
        uri = page.file.src_uri
        if uri not in self.sources:
            return context  # a Markdown page: the theme's edit link is right
        source = self.sources[uri]
        page.edit_url = None  # no source (the freshness report, made from all): no link
        root = Path(config.config_file_path).parent.resolve()
        # The repository root is taken to be the folder of mkdocs.yml.
        if source is not None and config.repo_url and source.resolve().is_relative_to(root):
            rel = source.resolve().relative_to(root).as_posix()
            edit = (config.edit_uri or "edit/main/docs/").rstrip("/").rsplit("/", 1)[0]
            if source.is_dir():  # an overview's folder, e.g. data/organisations: its listing
                edit = edit.replace("edit", "tree", 1)
            page.edit_url = f"{config.repo_url.rstrip('/')}/{edit}/{rel}"
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        output = move_jsonld_to_head(output)
        if not self.config.content_security_policy:
            return output
        output, hashes = add_policy_meta(output)
        self.script_hashes.update(hashes)
        return output

    def _fill_policies(self, site: Path) -> None:
        # Only now are the inline scripts of every page known (see csp.py).
        for html in site.rglob("*.html"):
            text = html.read_text(encoding="utf-8")
            if PLACEHOLDER in text:
                html.write_text(fill_policy_meta(text, self.script_hashes), encoding="utf-8")

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        # 404.html is rendered as a template, not a page; it needs the same policy.
        if template_name.endswith(".html"):
            return self.on_post_page(output_content, page=None, config=config)
        if template_name == "sitemap.xml" and self.noindex:
            return render_sitemap_without(output_content, self.noindex)
        return output_content

    @event_priority(-50)  # after the search plugin has written its index
    def on_post_build(self, *, config) -> None:
        if self.config.content_security_policy:
            self._fill_policies(Path(config.site_dir))
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.generated is not None and index.is_file():
            expand_index_file(index, self.search_groups)
        if self.config.nginx_csp_include:
            target = Path(config.config_file_path).parent / self.config.nginx_csp_include
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(nginx_include(self.script_hashes), encoding="utf-8")
        if self.config.decap_admin:
            self._write_admin(config)

    def _write_admin(self, config) -> None:
        # Written after the pages, so the page CSP above does not apply: /admin/ has its own
        # (portal/decap.py, deploy/nginx/admin-headers.conf).
        root = Path(config.config_file_path).parent
        try:
            repo = github_repo(config.repo_url)
        except ValueError as exc:
            raise PluginError(f"portal: webredactie (/admin/): {exc}") from None
        try:
            decap_config = render_decap_config(
                load_schemas(), repo, branch=edit_branch(config.edit_uri),
                site_url=config.site_url, folders=page_folders(Path(config.docs_dir)),
                docs_dir=Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix(),
                auth_url=self.config.decap_auth_url)
        except SchemaNotSupported as exc:
            raise PluginError(f"portal: webredactie (/admin/): schema zonder formulierveld: "
                              f"{exc}") from None
        try:
            write_admin(Path(config.site_dir), self._decap_dist(config), decap_config,
                        config.site_name)
        except DecapMissing:
            self._decap_dist(config, missing=True)

    def _decap_dist(self, config, *, missing: bool = False) -> Path:
        dist = Path(config.config_file_path).parent / DECAP_DIST
        if missing or not (dist / "decap-cms.js").is_file():
            raise PluginError(
                "De webredactie (/admin/) kan niet worden gebouwd: het npm-pakket decap-cms "
                f"ontbreekt ({DECAP_DIST.as_posix()}). Voer 'npm ci' uit in de map van "
                "mkdocs.yml (scripts/build doet dat zelf), of zet de optie decap_admin van "
                "de plugin portal op false.")
        return dist
