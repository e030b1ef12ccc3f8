"""The "Wijzig deze pagina" address of a generated page: the data file (or, for an
overview, the data folder, or a template of this package) an editor changes.

Edit links are for editors: only a preview build shows them (the portal plugin's
`preview`, PORTAL_PREVIEW=1); on the public site a pencil leading to GitHub is noise, and
a trace of the site in a visitor's history of GitHub pages.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parent.parent.resolve()  # portal/
EDIT_FEATURE = "content.action.edit"  # the theme's (Material for MkDocs) edit button


def set_edit_links(features: list[str], preview: bool) -> None:
    """Switch the theme's edit button on in a preview build and off otherwise, whatever
    mkdocs.yml says, so that a public build cannot show it by mistake."""
    if preview and EDIT_FEATURE not in features:
        features.append(EDIT_FEATURE)
    while not preview and EDIT_FEATURE in features:
        features.remove(EDIT_FEATURE)


def repository_path(source: Path | None, root: Path) -> str | None:
    """A source's path in the repository: under `root` (the folder of mkdocs.yml), or a
    template of this package (whose folder is portal/ in the repository)."""
    if source is None:
        return None
    source, root = source.resolve(), root.resolve()
    if source.is_relative_to(root):
        return source.relative_to(root).as_posix()
    if source.is_relative_to(PACKAGE):
        return "portal/" + source.relative_to(PACKAGE).as_posix()
    return None


def edit_url(source: Path | None, root: Path, repo_url: str | None,
             edit_uri: str | None) -> str | None:
    """The edit address on the repository's host, or None when there is no single source.
    A file opens in the host's editor; a folder opens as a listing ("tree")."""
    rel = repository_path(source, root)
    if rel is None or not repo_url:
        return None
    edit = (edit_uri or "edit/main/docs/").rstrip("/").rsplit("/", 1)[0]
    if source.is_dir():
        edit = edit.replace("edit", "tree", 1)
    return f"{repo_url.rstrip('/')}/{edit}/{rel}"
