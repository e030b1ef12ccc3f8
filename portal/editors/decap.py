"""The web editor (Decap CMS) for editors who do not use git.

Its `config.yml` is generated from the JSON Schemas in portal/schemas/ on every build, so
the editor's forms cannot drift from what `portal validate` accepts: every schema
property becomes one field, with a widget chosen from the property's JSON-schema type and
its `required` flag from the schema's `required` list. Every save in the editor becomes a
pull request (`publish_mode: editorial_workflow`) that runs the same checks as any other.

The editor's script comes from the npm package `decap-cms` (pinned in package.json,
installed by `npm ci`) and is served by our own server; no CDN. It is never part of the
public site: Decap keeps the editor's GitHub token in localStorage, so a script that ran
on the public origin could take the repository. The build writes it into its own folder
(plugin option decap_dir, beside site/), served only on its own host name (editor_host),
and a small start script loads Decap only there. Decap CMS needs a looser
Content-Security-Policy than the site's pages (see `admin_policy`): in a <meta> here and
as a header in deploy/nginx/admin-headers.conf.

Everything here is pure except `page_folders` (reads docs/) and `write_admin` (copies
the package's files and writes the page); the build's editor step (editors/admin.py)
calls them after the site is built.
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..data.markdown import parse_markdown
from ..data.schema import SCHEMA_DIR, SchemaSet
from ..sitecheck.csp import POLICY
from .decap_fields import SchemaNotSupported, schema_fields

# Relative to the folder of mkdocs.yml (the repository root), where `npm ci` installs it.
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
SCRIPT = "decap-cms.js"
START = "start.js"  # loads SCRIPT on the editor's own host name only
# Where the editor used to be on the public site; deploy/nginx answers 404 there.
ADMIN_DIR = "admin"

# Which schema file describes which editable folder of the repository.
DATA_COLLECTIONS = (
    # name, label, singular, folder, schema, identifier field
    ("organisations", "Organisaties", "Organisatie", "data/organisations",
     "organisation.schema.json", "name"),
    ("routes", "Routes (Wat kan ik doen?)", "Route", "data/routes", "route.schema.json",
     "title"),
)
PAGE_SCHEMA = "page.schema.json"

# The editor's own policy, tried in Chromium (without either 'unsafe-' source the editor
# does not start). Decap CMS validates its configuration with ajv, which compiles
# validators with `new Function` ('unsafe-eval'; decaporg/decap-cms#2138), and styles its
# interface with CSS-in-JS <style> elements ('unsafe-inline' styles). It talks to GitHub's
# API, shows the editor's GitHub avatar, and previews uploaded images from data: and blob:
# URLs. Its preview pane is an about:srcdoc frame, which frame-src 'none' allows. Scripts
# still come only from the site itself: no inline script, no CDN.
ADMIN_POLICY = {
    **POLICY,  # the site's own policy, with only these differences:
    "script-src": ["'self'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"],
    "connect-src": ["'self'", "https://api.github.com"],
}


__all__ = [  # the web editor's public API (editors/admin.py, tests)
    "ADMIN_DIR", "ADMIN_POLICY", "DECAP_DIST", "DecapMissing",
    "SchemaNotSupported",  # raised by render_decap_config; editors/admin.py catches it
    "admin_policy", "edit_branch", "github_repo", "load_schemas", "page_folders",
    "render_admin_html", "render_config_yaml", "render_decap_config",
    "render_start_script", "write_admin",
]


class DecapMissing(FileNotFoundError):
    """node_modules/decap-cms is not installed."""


def admin_policy(*, header: bool = False) -> str:
    """The Content-Security-Policy of the web editor (the header adds frame-ancestors)."""
    directives = {k: list(v) for k, v in ADMIN_POLICY.items()}
    if header:
        directives["frame-ancestors"] = ["'none'"]
    return "; ".join(" ".join([k, *v]) for k, v in directives.items())


def load_schemas(folder: Path = SCHEMA_DIR) -> dict[str, dict]:
    """Every `*.schema.json` in folder, by file name."""
    return SchemaSet.load(folder).files


def github_repo(repo_url: str | None) -> str:
    """'owner/name' of a https://github.com/owner/name repository address."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.netloc.lower() not in ("github.com", "www.github.com") or len(path) != 2 \
            or not all(path):
        raise ValueError(f"'{repo_url}' is geen GitHub-repository (https://github.com/eigenaar/"
                         "naam); zet repo_url in mkdocs.yml.")
    return "/".join(path)


def edit_branch(edit_uri: str | None, default: str = "main") -> str:
    """The branch in MkDocs' edit_uri ('edit/main/docs/' -> 'main')."""
    parts = (edit_uri or "").strip("/").split("/")
    return parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree") else default


def page_folders(docs_dir: Path) -> list[tuple[str, str]]:
    """(folder relative to docs_dir, Dutch label) of every folder holding Markdown pages;
    the label is the title of the folder's index.md."""
    folders: dict[str, str] = {}
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.parent.relative_to(docs_dir).as_posix()
        rel = "" if rel == "." else rel
        if rel in folders:
            continue
        index = page.parent / "index.md"
        title = ""
        if rel and index.is_file():
            title = str(parse_markdown(index.read_text(encoding="utf-8")).meta.get("title") or "")
        folders[rel] = f"Pagina's: {title or rel}" if rel else "Pagina's: algemeen"
    return sorted(folders.items())


BODY = {"name": "body", "label": "Tekst", "widget": "markdown", "required": True,
        # Raw Markdown only: the rich-text mode rewrites the Markdown when it saves, and
        # would escape contact references ([[veilig-thuis/telefoon]]), attribute lists
        # ({ .portal-choice }) and admonitions (!!! note).
        "modes": ["raw"],
        "hint": "Markdown. Verwijs naar contactgegevens met [[organisatie/kanaal]], nooit "
                "met een nummer of e-mailadres."}


def render_decap_config(schemas: Mapping[str, dict], repo: str, *, branch: str = "main",
                        site_url: str | None = None,
                        folders: Iterable[tuple[str, str]] = (("", "Pagina's"),),
                        docs_dir: str = "docs", auth_url: str | None = None) -> dict:
    """Decap CMS's config.yml (as a dict) for the GitHub repository `repo` ('owner/name'):
    one collection per folder of pages (front matter from page.schema.json plus the text)
    and one each for organisations and routes, their fields generated from the schemas."""
    backend: dict = {
        "name": "github", "repo": repo, "branch": branch,
        "commit_messages": {
            "create": "Nieuw in {{collection}}: “{{slug}}”",
            "update": "Wijziging in {{collection}}: “{{slug}}”",
            "delete": "Verwijderd uit {{collection}}: “{{slug}}”",
            "uploadMedia": "Afbeelding toegevoegd: “{{path}}”",
            "deleteMedia": "Afbeelding verwijderd: “{{path}}”",
        },
    }
    if auth_url:  # the OAuth provider that logs editors in with GitHub
        backend["base_url"] = auth_url.rstrip("/")
    page_fields = [*schema_fields(schemas, PAGE_SCHEMA), BODY]
    collections = []
    for rel, label in folders:
        folder = f"{docs_dir}/{rel}".rstrip("/")
        collections.append({
            "name": "pages" + (f"-{rel.replace('/', '-')}" if rel else ""),
            "label": label, "label_singular": "Pagina",
            "folder": folder, "extension": "md", "format": "frontmatter",
            "create": True, "identifier_field": "title", "slug": "{{slug}}",
            "summary": "{{title}}", "fields": page_fields,
        })
    for name, label, singular, folder, schema, identifier in DATA_COLLECTIONS:
        collections.append({
            "name": name, "label": label, "label_singular": singular, "folder": folder,
            "extension": "yml", "format": "yml", "create": True,
            "identifier_field": identifier, "slug": "{{fields.id}}",
            "summary": f"{{{{{identifier}}}}} ({{{{id}}}})",
            "fields": schema_fields(schemas, schema),
        })
    config: dict = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "media_folder": f"{docs_dir}/assets/images",
        "public_folder": "/assets/images",
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    config["collections"] = collections
    return config


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # shared field lists written out in full
        return True


def render_config_yaml(config: dict) -> str:
    return ("# Generated by the portal build from portal/schemas/ (portal/editors/decap.py); "
            "do not edit.\n" + yaml.dump(config, Dumper=_NoAliases, allow_unicode=True,
                                         sort_keys=False, width=100))


def render_admin_html(site_name: str) -> str:
    """The editor's page: no inline script, only the start script from the same folder."""
    title = html.escape(f"Webredactie – {site_name}")
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{admin_policy()}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body>
<noscript>De webredactie werkt alleen met JavaScript aan.</noscript>
<script src="{START}"></script>
</body>
</html>
"""


def render_start_script(editor_host: str) -> str:
    """The start script: Decap CMS only on `editor_host` (a copy of the folder on another
    host, the public site's above all, would keep the GitHub token on that origin)."""
    return f"""/* Generated by the portal build (portal/editors/decap.py): starts the web editor
 * only on its own host name (editor_host in mkdocs.yml). */
(function () {{
  "use strict";
  var HOST = {json.dumps(editor_host)};
  if (window.location.hostname !== HOST || window.location.protocol !== "https:") {{
    document.body.textContent = "De webredactie werkt alleen op https://" + HOST + "/.";
    return;
  }}
  var script = document.createElement("script");
  script.src = {json.dumps(SCRIPT)};
  document.body.appendChild(script);
}})();
"""


def write_admin(target: Path, dist: Path, config: dict, site_name: str,
                editor_host: str) -> Path:
    """Write the editor's folder `target`: index.html, the start script, config.yml, and
    Decap CMS's script with the chunks it loads on demand (from dist, the package's dist
    folder). Returns the folder."""
    if not (dist / SCRIPT).is_file():
        raise DecapMissing(str(dist / SCRIPT))
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dist / SCRIPT, target / SCRIPT)
    # Code-split chunks (editor modes) and the WebAssembly they load, named by content.
    for extra in [*dist.glob(f"*.{SCRIPT}"), *dist.glob("*.wasm")]:
        shutil.copyfile(extra, target / extra.name)
    (target / "config.yml").write_text(render_config_yaml(config), encoding="utf-8")
    (target / START).write_text(render_start_script(editor_host), encoding="utf-8")
    (target / "index.html").write_text(render_admin_html(site_name), encoding="utf-8")
    return target
