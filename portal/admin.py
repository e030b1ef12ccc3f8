"""The web editor at /admin/ as one step of the build: check that Decap CMS is installed,
generate its config from the schemas and the site's settings, and write the folder.
Problems are AdminError with a Dutch message (the plugin shows it as a PluginError).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


class AdminError(Exception):
    """The web editor cannot be built; the message says why, in Dutch."""


@dataclass(frozen=True)
class AdminSite:
    root: Path  # the folder of mkdocs.yml
    site_dir: Path
    docs_dir: Path
    site_name: str
    site_url: str | None
    repo_url: str | None
    edit_uri: str | None
    auth_url: str | None = None


MISSING = ("De webredactie (/admin/) kan niet worden gebouwd: het npm-pakket decap-cms "
           f"ontbreekt ({DECAP_DIST.as_posix()}). Voer 'npm ci' uit in de map van "
           "mkdocs.yml (scripts/build doet dat zelf), of zet de optie decap_admin van de "
           "plugin portal op false.")


def check_decap(root: Path) -> Path:
    """The installed Decap CMS dist folder, or AdminError saying how to install it."""
    dist = root / DECAP_DIST
    if not (dist / "decap-cms.js").is_file():
        raise AdminError(MISSING)
    return dist


def build_admin(site: AdminSite) -> Path:
    """Write site_dir/admin/ (after the pages: /admin/ has its own CSP, see decap.py)."""
    dist = check_decap(site.root)
    try:
        repo = github_repo(site.repo_url)
    except ValueError as exc:
        raise AdminError(f"portal: webredactie (/admin/): {exc}") from None
    try:
        config = render_decap_config(
            load_schemas(), repo, branch=edit_branch(site.edit_uri), site_url=site.site_url,
            folders=page_folders(site.docs_dir),
            docs_dir=site.docs_dir.resolve().relative_to(site.root.resolve()).as_posix(),
            auth_url=site.auth_url)
    except SchemaNotSupported as exc:
        raise AdminError(f"portal: webredactie (/admin/): schema zonder formulierveld: "
                         f"{exc}") from None
    try:
        return write_admin(site.site_dir, dist, config, site.site_name)
    except DecapMissing:
        raise AdminError(MISSING) from None
