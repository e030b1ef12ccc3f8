"""The MkDocs adapter: wires MkDocs events to the generator's core and nothing more.

on_config validates the data and renders every generated file once per build;
on_files adds them (a hand-written page at the same path wins); on_page_markdown fills
contact references; on_page_context points the edit link of a generated page at its
YAML file. A validation error stops the build with the validator's own Dutch messages.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .contactrefs import render_references
from .csp import add_policy_meta, nginx_include
from .generate import Generated, GenerationError, generate_site
from .model import Channel, Organisation
from .pages import organisation_uri
from .render import relative_link

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


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.generated: Generated | None = None
        self.sources: dict[str, Path] = {}
        self.script_hashes: set[str] = set()

    def on_config(self, config):
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
        page.edit_url = None  # no single data file (e.g. the directory): no edit link
        root = Path(config.config_file_path).parent.resolve()
        # The repository root is taken to be the folder of mkdocs.yml.
        if source is not None and config.repo_url and source.resolve().is_relative_to(root):
            rel = source.resolve().relative_to(root).as_posix()
            edit = (config.edit_uri or "edit/main/docs/").rstrip("/").rsplit("/", 1)[0]
            page.edit_url = f"{config.repo_url.rstrip('/')}/{edit}/{rel}"
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        if not self.config.content_security_policy:
            return output
        output, hashes = add_policy_meta(output)
        self.script_hashes.update(hashes)
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        # 404.html is rendered as a template, not a page; it needs the same policy.
        if template_name.endswith(".html"):
            return self.on_post_page(output_content, page=None, config=config)
        return output_content

    def on_post_build(self, *, config) -> None:
        if self.config.nginx_csp_include:
            target = Path(config.config_file_path).parent / self.config.nginx_csp_include
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(nginx_include(self.script_hashes), encoding="utf-8")
