"""The web editor as one step of the build: check that Decap CMS is installed and that its
place is its own (a folder beside the public site, a host name other than the site's),
generate its config from the schemas and the site's settings, and write the folder.
Problems are AdminError with a Dutch message (the plugin shows it as a PluginError).

The editor never goes into the public site: Decap CMS keeps the editor's GitHub token in
localStorage, where any script on the same origin could read it. The plugin's options
decap_dir and editor_host are checked here (check_editor_dir, check_editor_host; the
plugin's typed options call them), so a wrong value stops MkDocs when it loads mkdocs.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

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

DEFAULT_DIR = "build/webredactie"
# A DNS host name: lower-case labels of letters, digits and '-', at least two of them.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOST_NAME = re.compile(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})+")


class AdminError(Exception):
    """The web editor cannot be built; the message says why, in Dutch."""


def check_editor_dir(value: object) -> str:
    """The plugin option decap_dir: a folder relative to mkdocs.yml, inside the project;
    ValueError (Dutch) otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"moet een map zijn, relatief aan mkdocs.yml (bijv. {DEFAULT_DIR}), "
                         f"niet {value!r}")
    path = PurePosixPath(value.strip())
    if path.is_absolute() or ".." in path.parts or path.as_posix() == ".":
        raise ValueError(f"'{value}' moet een map binnen het project zijn, relatief aan "
                         f"mkdocs.yml, zonder '..' (bijv. {DEFAULT_DIR})")
    return path.as_posix()


def check_editor_host(value: object) -> str | None:
    """The plugin option editor_host: a host name, lower-cased (None: not set);
    ValueError (Dutch) otherwise."""
    if value is None:
        return None
    host = value.strip().lower() if isinstance(value, str) else ""
    if not HOST_NAME.fullmatch(host):
        raise ValueError(f"{value!r} is geen hostnaam: schrijf alleen de naam, zonder "
                         "https:// en zonder pad, bijv. "
                         "redactie.meldpuntaanpakloverboyslimburg.nl")
    return host


@dataclass(frozen=True)
class AdminSite:
    root: Path  # the folder of mkdocs.yml
    editor_dir: Path  # where the editor is written (decap_dir)
    site_dir: Path
    docs_dir: Path
    site_name: str
    site_url: str | None
    repo_url: str | None
    edit_uri: str | None
    editor_host: str | None
    auth_url: str | None = None


MISSING = ("De webredactie kan niet worden gebouwd: het npm-pakket decap-cms "
           f"ontbreekt ({DECAP_DIST.as_posix()}). Voer 'npm ci' uit in de map van "
           "mkdocs.yml (scripts/build doet dat zelf), of zet de optie decap_admin van de "
           "plugin portal op false.")


def check_decap(root: Path) -> Path:
    """The installed Decap CMS dist folder, or AdminError saying how to install it."""
    dist = root / DECAP_DIST
    if not (dist / "decap-cms.js").is_file():
        raise AdminError(MISSING)
    return dist


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_admin(site: AdminSite) -> Path:
    """Decap CMS is installed and the editor's folder and host are its own; returns the
    dist folder, or AdminError."""
    dist = check_decap(site.root)
    if not site.editor_host:
        raise AdminError("portal: de webredactie heeft een eigen hostnaam nodig, buiten de "
                         "openbare site: zet editor_host bij de plugin portal in mkdocs.yml "
                         "(bijv. redactie.meldpuntaanpakloverboyslimburg.nl).")
    public = (urlsplit(site.site_url or "").hostname or "").lower()
    if site.editor_host == public:
        raise AdminError(f"portal: editor_host '{site.editor_host}' is de host van de "
                         "openbare site (site_url); de webredactie hoort op een eigen "
                         "hostnaam, anders kan een script op de site haar GitHub-sleutel "
                         "lezen.")
    for folder, what in ((site.site_dir, "de gebouwde site (site_dir)"),
                         (site.docs_dir, "docs_dir")):
        if _inside(site.editor_dir, folder) or _inside(folder, site.editor_dir):
            raise AdminError(f"portal: decap_dir '{site.editor_dir}' ligt in of om "
                             f"{what}; de webredactie hoort in een eigen map naast de site "
                             "(bijv. build/webredactie), anders wordt ze mee gepubliceerd.")
    return dist


def build_admin(site: AdminSite) -> Path:
    """Write the editor into site.editor_dir (after the pages)."""
    dist = check_admin(site)
    try:
        repo = github_repo(site.repo_url)
    except ValueError as exc:
        raise AdminError(f"portal: webredactie: {exc}") from None
    try:
        config = render_decap_config(
            load_schemas(), repo, branch=edit_branch(site.edit_uri), site_url=site.site_url,
            folders=page_folders(site.docs_dir),
            docs_dir=site.docs_dir.resolve().relative_to(site.root.resolve()).as_posix(),
            auth_url=site.auth_url)
    except SchemaNotSupported as exc:
        raise AdminError(f"portal: webredactie: schema zonder formulierveld: {exc}") from None
    try:
        return write_admin(site.editor_dir, dist, config, site.site_name, site.editor_host)
    except DecapMissing:
        raise AdminError(MISSING) from None
