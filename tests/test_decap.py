"""The web editor (Decap CMS): its config.yml follows the JSON Schemas field for field;
the build writes it into its own folder (plugin option decap_dir), never into the public
site, to be served on its own host name (editor_host) with the policy that Decap needs
(tests/test_nginx.py serves it and starts it in Chromium); wrong options stop the build."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from portal.editors.decap import (
    ADMIN_DIR,
    DECAP_DIST,
    SchemaNotSupported,
    admin_policy,
    edit_branch,
    github_repo,
    load_schemas,
    page_folders,
    render_config_yaml,
    render_decap_config,
)
from portal.sitecheck.linkcheck import check_site

from .conftest import FIXTURES, ROOT

SCHEMAS = load_schemas()
MKDOCS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0]
                        .replace("!!python", ""))
REPO = github_repo(MKDOCS["repo_url"])
CONFIG = render_decap_config(SCHEMAS, REPO, site_url=MKDOCS["site_url"],
                             folders=page_folders(ROOT / "docs"))
COLLECTIONS = {c["name"]: c for c in CONFIG["collections"]}
FOR_SCHEMA = {"organisations": "organisation.schema.json", "routes": "route.schema.json"}


# --- the generated config against the schemas (an independent reading of them) ---------

def _resolve(schema: dict, file: str) -> tuple[dict, str, bool]:
    """(schema with $refs followed, its file, whether it is the shared date)."""
    is_date = schema.get("format") == "date"
    while "$ref" in schema:
        ref_file, _, pointer = schema["$ref"].partition("#")
        file = ref_file or file
        target = SCHEMAS[file]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        is_date = is_date or pointer.endswith("/date")
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema, file, is_date


def _widgets(schema: dict, is_date: bool) -> set[str]:
    kind = schema.get("type")
    if kind is None and ("oneOf" in schema or "anyOf" in schema) and "enum" not in schema:
        return {"hidden"}  # a choice between shapes: kept as it is, edited in git
    if "enum" in schema:
        return {"select"}
    if is_date:
        return {"datetime"}
    if isinstance(kind, list):
        return {"number"} if "number" in kind else {"string", "text"}
    return {"string": {"string", "text"}, "boolean": {"boolean"}, "array": {"list"},
            "object": {"object"}, "number": {"number"}, "integer": {"number"}}[kind]


def _compare(schema: dict, file: str, fields: list[dict], where: str) -> int:
    """Assert that fields match the object schema's properties one to one; returns the
    number of fields compared (nested ones included)."""
    properties = schema.get("properties", {})
    by_name = {f["name"]: f for f in fields}
    assert list(by_name) == list(properties), where  # every property, none more, in order
    required = set(schema.get("required", ()))
    count = 0
    for name, prop in properties.items():
        field, at = by_name[name], f"{where}.{name}"
        prop, prop_file, is_date = _resolve(prop, file)
        assert field["required"] is (name in required), at
        assert field["widget"] in _widgets(prop, is_date), (at, field["widget"])
        count += 1
        if field["widget"] == "select":
            values = [o["value"] if isinstance(o, dict) else o for o in field["options"]]
            assert values == prop["enum"], at
        elif field["widget"] == "datetime":
            assert field["format"] == field["date_format"] == "YYYY-MM-DD", at
            assert field["time_format"] is False, at
        elif field["widget"] == "object":
            count += _compare(prop, prop_file, field["fields"], at)
        elif field["widget"] == "list":
            items, items_file, items_date = _resolve(prop["items"], prop_file)
            assert field.get("min") == prop.get("minItems"), at
            if items.get("type") == "object":
                count += _compare(items, items_file, field["fields"], at + "[]")
            else:
                assert field["field"]["widget"] in _widgets(items, items_date), at
        elif field["widget"] in ("string", "text") and "pattern" in prop:
            assert field["pattern"][0] == prop["pattern"], at
    return count


@pytest.mark.parametrize("collection", ["organisations", "routes"])
def test_data_fields_follow_their_schema(collection: str) -> None:
    file = FOR_SCHEMA[collection]
    assert _compare(SCHEMAS[file], file, COLLECTIONS[collection]["fields"], collection) > 10


def test_page_fields_follow_the_page_schema_plus_the_text() -> None:
    pages = [c for c in CONFIG["collections"] if c["name"].startswith("pages")]
    assert {c["folder"] for c in pages} >= {"docs", "docs/youth", "docs/parents",
                                           "docs/professionals"}
    for collection in pages:
        *front, body = collection["fields"]
        _compare(SCHEMAS["page.schema.json"], "page.schema.json", front, collection["name"])
        assert body["name"] == "body" and body["widget"] == "markdown"
        assert body["modes"] == ["raw"]  # rich text would rewrite [[...]] and { .class }
        assert collection["format"] == "frontmatter" and collection["extension"] == "md"


def test_a_changed_schema_changes_the_fields() -> None:
    """The comparison can fail: a property added to a schema must appear as a field."""
    schemas = {**SCHEMAS, "route.schema.json": {**SCHEMAS["route.schema.json"]}}
    route = schemas["route.schema.json"]
    route["properties"] = {**route["properties"], "extra": {"type": "boolean"}}
    route["required"] = [*route["required"], "extra"]
    fields = {c["name"]: c for c in render_decap_config(schemas, REPO)["collections"]}
    extra = next(f for f in fields["routes"]["fields"] if f["name"] == "extra")
    assert extra == {"name": "extra", "label": "extra", "required": True, "widget": "boolean"}
    with pytest.raises(AssertionError):
        _compare(route, "route.schema.json", COLLECTIONS["routes"]["fields"], "routes")


def test_a_shape_without_widget_is_refused() -> None:
    schemas = {**SCHEMAS, "route.schema.json": {**SCHEMAS["route.schema.json"]}}
    route = schemas["route.schema.json"]
    route["properties"] = {**route["properties"], "map": {"type": "object",
                                                          "additionalProperties": True}}
    with pytest.raises(SchemaNotSupported, match="map"):
        render_decap_config(schemas, REPO)


def test_collections_editorial_workflow_and_backend() -> None:
    assert CONFIG["publish_mode"] == "editorial_workflow"  # every save is a pull request
    assert CONFIG["backend"]["name"] == "github"
    assert CONFIG["backend"]["repo"] == REPO  # from repo_url in mkdocs.yml
    assert CONFIG["backend"]["branch"] == edit_branch(MKDOCS["edit_uri"]) == "main"
    assert CONFIG["locale"] == "nl"
    for name, folder in (("organisations", "data/organisations"), ("routes", "data/routes")):
        collection = COLLECTIONS[name]
        assert collection["folder"] == folder and collection["format"] == "yml"
        assert collection["slug"] == "{{fields.id}}"  # file name = id (I001)
    for collection in CONFIG["collections"]:
        assert (ROOT / collection["folder"]).is_dir(), collection["folder"]


def test_config_yaml_parses_to_the_same_config() -> None:
    text = render_config_yaml(CONFIG)
    assert text.startswith("# Generated")
    assert "&id" not in text and "*id" not in text  # no YAML aliases
    assert yaml.safe_load(text) == CONFIG


@pytest.mark.parametrize(("url", "repo"), [
    ("https://github.com/meldpunt/portal", "meldpunt/portal"),
    ("https://github.com/meldpunt/portal.git", "meldpunt/portal"),
    ("https://github.com/meldpunt/portal/", "meldpunt/portal"),
])
def test_github_repo(url: str, repo: str) -> None:
    assert github_repo(url) == repo


@pytest.mark.parametrize("url", [None, "", "https://gitlab.com/a/b", "https://github.com/a",
                                 "https://github.com/a/b/c"])
def test_github_repo_refuses_other_addresses(url) -> None:
    with pytest.raises(ValueError, match="repo_url"):
        github_repo(url)


# --- the build --------------------------------------------------------------------------

PLUGIN = next(p["portal"] for p in MKDOCS["plugins"] if isinstance(p, dict) and "portal" in p)


@pytest.fixture(scope="module")
def editor(built_project: Path) -> Path:
    """The built web editor: <project>/<decap_dir>."""
    return built_project / PLUGIN.get("decap_dir", "build/webredactie")


def test_the_public_site_holds_no_editor(built_site: Path, editor: Path) -> None:
    assert editor.is_dir() and (editor / "index.html").is_file()
    assert not (built_site / ADMIN_DIR).exists()
    assert not list(built_site.rglob("decap-cms.js")) and not list(built_site.rglob("*.wasm"))
    assert not list(built_site.rglob("config.yml"))
    assert editor.resolve().relative_to(built_site.parent.resolve())  # beside site/, not in it
    assert not editor.resolve().is_relative_to(built_site.resolve())


def test_the_editor_host_is_its_own_and_configured_in_mkdocs_yml() -> None:
    host = PLUGIN["editor_host"]
    assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", host)
    assert host != urlsplit(MKDOCS["site_url"]).hostname
    assert PLUGIN["decap_dir"] == "build/webredactie"


def test_admin_page_is_noindex_and_loads_only_the_local_script(editor: Path) -> None:
    page = (editor / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="robots" content="[^"]*\bnoindex\b', page)
    assert '<html lang="nl">' in page and "<title>Webredactie" in page
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    assert scripts == [(' src="start.js"', "")]  # no inline script, nothing else
    assert f'content="{admin_policy()}"' in page
    assert not re.search(r"https?://", page.replace(admin_policy(), ""))  # loads nothing else


def test_the_start_script_loads_decap_on_the_editor_host_only(editor: Path) -> None:
    script = (editor / "start.js").read_text(encoding="utf-8")
    assert f'var HOST = "{PLUGIN["editor_host"]}";' in script
    assert 'script.src = "decap-cms.js";' in script
    assert script.index("window.location.hostname !== HOST") < script.index("createElement")


@pytest.mark.browser
def test_on_another_host_the_editor_does_not_start(editor: Path, browser) -> None:
    """A copy of the folder served elsewhere (here: plain HTTP on 127.0.0.1) says where the
    editor lives and never loads Decap CMS."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(editor))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    requested: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
        page.wait_for_timeout(300)
        text = page.text_content("body")
    finally:
        context.close()
        server.shutdown()
    assert f"alleen op https://{PLUGIN['editor_host']}/" in text
    assert any(u.endswith("/start.js") for u in requested)
    assert not [u for u in requested if "decap-cms" in u or u.endswith("config.yml")]


def test_admin_files_come_from_the_npm_package(editor: Path) -> None:
    admin, dist = editor, ROOT / DECAP_DIST
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(admin / "decap-cms.js") == digest(dist / "decap-cms.js")
    chunks = sorted(p.name for p in dist.glob("*.decap-cms.js"))
    assert chunks and chunks == sorted(p.name for p in admin.glob("*.decap-cms.js"))
    assert not list(admin.glob("*.map"))  # no source maps (25 MB) on the site
    pinned = yaml.safe_load((ROOT / "package.json").read_text())["dependencies"]["decap-cms"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned)  # exact version
    installed = yaml.safe_load((dist.parent / "package.json").read_text())["version"]
    assert installed == pinned


def test_built_config_is_the_generated_one(editor: Path) -> None:
    built = yaml.safe_load((editor / "config.yml").read_text(encoding="utf-8"))
    # The test build's site_url points at 127.0.0.1; everything else is as generated.
    assert {**built, "site_url": None, "display_url": None} == \
        {**CONFIG, "site_url": None, "display_url": None}


def test_no_cdn_in_admin(editor: Path) -> None:
    admin = editor
    for name in ("index.html", "config.yml"):
        text = (admin / name).read_text(encoding="utf-8")
        assert not re.search(r"unpkg|jsdelivr|cdnjs|cdn\.", text, re.I), name
    for script in admin.glob("*.js"):
        text = script.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"unpkg\.com|jsdelivr\.net|cdnjs", text), script.name


def test_admin_is_not_in_search_or_sitemap(built_site: Path) -> None:
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "admin/" not in index and "Webredactie" not in index
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_link_check_passes(built_site: Path) -> None:
    problems = check_site(built_site)
    assert [p for p in problems if p.severity == "error"] == []


def test_unlinked_noindex_page_is_not_an_orphan(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    (site / "verborgen").mkdir()
    (site / "index.html").write_text("<html><body><h1>Start</h1></body></html>")
    (site / "admin" / "index.html").write_text(
        '<html><head><meta name="robots" content="noindex, nofollow"></head><body></body></html>')
    (site / "verborgen" / "index.html").write_text("<html><body><h1>V</h1></body></html>")
    assert [(p.path, p.code) for p in check_site(site)] == [("verborgen/index.html", "L005")]


def _fixture_project(tmp_path: Path, options: str = "") -> Path:
    project = tmp_path / "src"
    shutil.copytree(FIXTURES / "site", project)
    shutil.copytree(FIXTURES / "data", project / "data")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "decap_admin: false", "decap_admin: true" + options)
        .replace("repo_url: https://example.org/repo", "repo_url: https://github.com/test/portaal"))
    return project


def _build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "out")],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_missing_decap_stops_the_build_in_dutch(tmp_path: Path) -> None:
    result = _build(_fixture_project(tmp_path))
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "webredactie" in log and "npm ci" in log and "Traceback" not in log
    assert not (tmp_path / "src" / "out" / "index.html").exists()  # stopped before building


def test_fixture_build_writes_the_editor_beside_the_site(tmp_path: Path) -> None:
    project = _fixture_project(tmp_path, "\n      decap_dir: uit/redactie"
                                         "\n      editor_host: redactie.example.org")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((project / "uit" / "redactie" / "config.yml").read_text())
    assert config["backend"]["repo"] == "test/portaal"
    assert [c["folder"] for c in config["collections"]][0] == "docs"
    assert config["site_url"] == "https://example.org/"  # the public site, for "view live"
    assert not (project / "out" / "admin").exists()
    assert not list((project / "out").rglob("decap-cms.js"))


HOST = "\n      editor_host: redactie.example.org"


@pytest.mark.parametrize(("options", "needle"), [
    (HOST + "\n      decap_dir: /tmp/redactie", "decap_dir"),
    (HOST + "\n      decap_dir: ../buiten", "decap_dir"),
    (HOST + "\n      decap_dir: out/admin", "decap_dir"),  # inside the public site
    (HOST + "\n      decap_dir: docs/admin", "decap_dir"),  # inside docs/: would be published
    (HOST + "\n      decap_dir: 12", "decap_dir"),
    ("\n      editor_host: https://redactie.example.org/", "editor_host"),
    ("\n      editor_host: redactie.example.org/admin", "editor_host"),
    ("\n      editor_host: 'redactie example'", "editor_host"),
    ("\n      editor_host: example.org", "editor_host"),  # the public site's own host
    ("\n      editor_host: EXAMPLE.org", "editor_host"),
])
def test_wrong_editor_options_stop_the_build_in_dutch(tmp_path: Path, options: str,
                                                      needle: str) -> None:
    project = _fixture_project(tmp_path, options)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    result = _build(project)
    log = result.stdout + result.stderr
    assert result.returncode != 0 and needle in log and "Traceback" not in log, log
    assert "Unrecognised configuration name" not in log, log  # the option exists
    assert not (project / "out" / "index.html").exists()  # stopped before building


# --- the web server ---------------------------------------------------------------------

def _headers_of(conf: str) -> dict[str, str]:
    text = (ROOT / "deploy" / "nginx" / conf).read_text(encoding="utf-8")
    return dict(re.findall(r'^add_header ([\w-]+) "(.*)" always;$', text, re.M))


def test_admin_headers_follow_the_site_headers_and_the_policy() -> None:
    site, admin = _headers_of("security-headers.conf"), _headers_of("admin-headers.conf")
    assert admin.pop("Content-Security-Policy") == admin_policy(header=True)
    assert admin.pop("Cross-Origin-Opener-Policy") == "same-origin-allow-popups"
    assert admin.pop("X-Robots-Tag") == "noindex, nofollow"
    site.pop("Cross-Origin-Opener-Policy")
    assert admin == site  # the other headers are the same
    # tests/test_nginx.py: the editor's own server block uses these headers.
