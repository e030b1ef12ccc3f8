"""Content-Security-Policy for the built pages: scripts only from the site itself, and
inline scripts only those that the templates write, known in advance.

The allowlist (portal/sitecheck/csp_allowlist.json, checked in) holds the SHA-256 hash of every
inline script the templates write, with the template it comes from and why it must stay
inline, and the script files the pages may load. `portal csp-allowlist` makes it from a
build of portal/sitecheck/csp_site/ (made-up data; pages at every depth the real site uses and
deeper, in both languages, and 404.html) with the real mkdocs.yml, theme and overrides;
never from the real pages, so nothing that data or page text brings in can enter it. The
theme's storage script holds the path from the page to the site root, so it has one hash
per depth.

Every built page carries exactly the allowlist's hashes (a <meta> policy, and the same in
the nginx header), and is read before it is written (check_page): an inline script that is
not on the list, an event-handler attribute (on...=), a `javascript:` URL or a script file
not on the list stops the build, with the page and its source named by the plugin.

Pages are read with the standard library's html.parser, a tokenizer: it finds elements
and attributes the way a browser does (any case, any quoting, entities decoded, the raw
text of <script> and <style>), which regular expressions cannot, and needs no extra
dependency. Where it is known to end a construct in another place than a browser (a
comment closed by `--!>` or opened as `<!-->`, `</script ` with a space, CDATA sections,
a tag it cannot read), the page is refused instead of trusted: markup never belongs there.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

ALLOWLIST = Path(__file__).with_name("csp_allowlist.json")
SITE = Path(__file__).with_name("csp_site")  # the made-up site the allowlist is built from

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}

# <script type> values that browsers do not run (data blocks); any other type, or none,
# counts as a script, even one a browser would skip: a false alarm is safe, a miss is not.
DATA_TYPES = {"application/ld+json", "application/json", "text/plain"}
# Attributes whose value a browser may follow as a URL (and so run `javascript:`).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "codebase", "cite", "longdesc", "ping", "data-src"}
# SVG animation values, which can set a link's href to a `javascript:` URL.
ANIMATED = {"values", "to", "from", "by"}
# Why each template's inline script stays inline; `portal csp-allowlist` refuses a script
# from a template not named here, so a new inline script is a decision, not an accident.
REASONS = {
    "partials/javascripts/base.html":
        "The theme's storage helpers (__md_scope, __md_get, __md_set), which the palette "
        "script below needs before the page is drawn; the text holds the path from the page "
        "to the site root (extra.scope), so there is one hash per page depth.",
    "partials/javascripts/palette.html":
        "The theme's palette script, kept unchanged (tests/test_overrides.py): it applies "
        "the stored colour scheme before the page is drawn, so no flash of the wrong scheme.",
    "partials/javascripts/content.html":
        "The theme's script that opens the content tab named in the address (#__tabbed_...) "
        "before the page is drawn.",
    "partials/javascripts/announce.html":
        "The theme's script that hides an announcement dismissed before.",
    "partials/javascripts/outdated.html":
        "The theme's script that shows the notice on an outdated version.",
    "partials/javascripts/consent.html":
        "The theme's cookie-consent script.",
}


class CspError(Exception):
    """The allowlist cannot be read or made; the message is Dutch, for the command line."""


def script_hash(text: str) -> str:
    """The CSP source expression of an inline script's text: 'sha256-...'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass(frozen=True)
class Allowlist:
    hashes: frozenset[str] = frozenset()  # 'sha256-...' of the templates' inline scripts
    script_files: frozenset[str] = frozenset()  # paths below the site root, e.g. assets/x.js


def load_allowlist(path: Path = ALLOWLIST) -> Allowlist:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Allowlist(frozenset(e["hash"] for e in data["inline_scripts"]),
                         frozenset(data["script_files"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CspError(f"De lijst met toegestane scripts ({path}) is niet te lezen: {exc}. "
                       "Maak hem opnieuw met: portal csp-allowlist") from None


# --- reading a built page ----------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """Something in a built page that no template wrote; line and column in that page."""

    line: int
    column: int
    what: str  # Dutch

    def format_text(self) -> str:
        return f"gebouwde pagina, regel {self.line}, kolom {self.column + 1}: {self.what}"


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit] + "…")


def is_javascript_url(value: str) -> bool:
    """True for a URL a browser would run as script, read as the browser's URL parser
    does: leading control characters and spaces dropped, tabs and line breaks removed."""
    cleaned = re.sub(r"[\t\n\r]", "", value).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08"
                                                    "\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14"
                                                    "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
                                                    "\x1e\x1f ")
    return cleaned[:11].lower() == "javascript:"


@dataclass
class _Script:
    attrs: dict[str, str | None]
    line: int
    column: int
    text: list[str] = field(default_factory=list)


class _PageReader(HTMLParser):
    """Collects a page's scripts, and the findings that need no allowlist."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # so a '<' left in text can be seen
        self.scripts: list[_Script] = []  # in page order
        self.findings: list[Finding] = []
        self._open: _Script | None = None
        self._style: list[str] | None = None

    def _found(self, what: str) -> None:
        line, column = self.getpos()
        self.findings.append(Finding(line, column, what))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self._found(f"gebeurtenis-attribuut {name}= op <{tag}> (voert script uit)")
            elif name == "srcdoc":
                self._found(f"srcdoc= op <{tag}> (een pagina in een attribuut)")
            elif name in URL_ATTRIBUTES and value and is_javascript_url(value):
                self._found(f"javascript:-adres in {name}= op <{tag}>: {_excerpt(value)}")
            elif name in ANIMATED and value and any(map(is_javascript_url, value.split(";"))):
                # <svg><animate attributeName="href" values="javascript:..."> sets a link
                self._found(f"javascript:-adres in {name}= op <{tag}>: {_excerpt(value)}")
        if tag == "script":
            line, column = self.getpos()
            self._open = _Script(dict(attrs), line, column)
            self.scripts.append(self._open)
        elif tag == "style":
            self._style = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):  # <script/> is not closed in HTML: the rest is its
            self._found(f"<{tag}/> zonder eigen einde")  # text for a browser

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None
        elif tag == "style" and self._style is not None:
            if "<" in "".join(self._style):  # may end elsewhere for a browser (see above)
                self._found("<style> met opmaak (<) erin")
            self._style = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.text.append(data)
        elif self._style is not None:
            self._style.append(data)
        elif re.search(r"<[A-Za-z/!?]", data):
            self._found(f"opmaak die niet te lezen is: {_excerpt(data)}")

    def handle_comment(self, data: str) -> None:
        if "<" in data or ">" in data:
            self._found(f"HTML-commentaar met opmaak erin: {_excerpt(data)}")

    def unknown_decl(self, data: str) -> None:
        self._found(f"CDATA of onbekende declaratie: {_excerpt(data)}")

    def close(self) -> None:
        super().close()
        if self._open is not None:
            self.findings.append(Finding(self._open.line, self._open.column,
                                         "<script> zonder einde"))


def _is_data_block(attrs: dict[str, str | None]) -> bool:
    kind = (attrs.get("type") or "").strip(" \t\n\r\f").lower()
    return kind in DATA_TYPES


def _site_path(url: str, *, page_url: str, site_path: str) -> str | None:
    """The path below the site root that `url` on the page at `page_url` points to; None
    for another site."""
    base = "https://portal.invalid" + site_path
    target = urlsplit(urljoin(urljoin(base, page_url), url.strip()))
    if target.netloc != "portal.invalid" or not target.path.startswith(site_path):
        return None
    return target.path[len(site_path):]


def _read_page(html: str) -> tuple[_PageReader, list[Finding]]:
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader, reader.findings


def check_page(html: str, allowlist: Allowlist, *, page_url: str,
               site_path: str = "/") -> list[Finding]:
    """Everything in a built page that the templates did not write: inline scripts not on
    the allowlist, script files not on it, event-handler attributes, `javascript:` URLs,
    and markup a browser may read otherwise than html.parser. `page_url` is the page's
    address below the site root (MkDocs' page.url), `site_path` the site root's path.

    A page checked before, byte for byte the same at the same address under the same
    allowlist, is not parsed again: `mkdocs serve` rebuilds every page on each save, and
    most come out unchanged (a hash costs a fraction of a millisecond, the parse 3 ms)."""
    memo = (hashlib.sha256(html.encode("utf-8")).digest(), allowlist, page_url, site_path)
    if (known := _CHECKED.get(memo)) is not None:
        return list(known)
    findings = _check_page(html, allowlist, page_url=page_url, site_path=site_path)
    if len(_CHECKED) >= _CHECKED_MAX:
        _CHECKED.clear()  # a long preview session: start again rather than grow
    _CHECKED[memo] = tuple(findings)
    return findings


_CHECKED: dict[tuple, tuple[Finding, ...]] = {}
_CHECKED_MAX = 20_000


def _check_page(html: str, allowlist: Allowlist, *, page_url: str,
                site_path: str) -> list[Finding]:
    reader, findings = _read_page(html)
    for script in reader.scripts:
        text = "".join(script.text)
        where = (script.line, script.column)
        for name in ("src", "data-src"):
            if name not in script.attrs:
                continue
            path = _site_path(script.attrs[name] or "", page_url=page_url, site_path=site_path)
            if path not in allowlist.script_files:
                findings.append(Finding(*where, f"scriptbestand dat niet op de lijst staat: "
                                        f"{name}={_excerpt(script.attrs[name] or '')}"))
        if _is_data_block(script.attrs):
            if "<" in text:  # JSON-LD is written with \u003c (portal/exports/jsonld.py)
                findings.append(Finding(*where, f"gegevensblok (<script type="
                                        f"{script.attrs.get('type')}>) met opmaak erin"))
        elif "src" not in script.attrs and script_hash(text) not in allowlist.hashes:
            findings.append(Finding(*where, f"inline script dat niet uit de sjablonen komt: "
                                    f"{_excerpt(text)}"))
    return sorted(findings, key=lambda f: (f.line, f.column))


# --- the policy ------------------------------------------------------------------------

def render_policy(hashes: frozenset[str] | set[str], *, header: bool = False) -> str:
    directives = {k: list(v) for k, v in POLICY.items()}
    directives["script-src"] += sorted(hashes)
    if header:  # ignored in a <meta> policy; only the server header can forbid framing
        directives["frame-ancestors"] = ["'none'"]
    return "; ".join(" ".join([k, *v]) for k, v in directives.items())


def add_policy_meta(html: str, hashes: frozenset[str] | set[str]) -> str:
    """The page with the policy <meta> first in <head>, before any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{render_policy(hashes)}">'
    return re.sub(r"<head>", lambda _: "<head>\n" + meta, html, count=1, flags=re.I)


def nginx_include(hashes: frozenset[str] | set[str]) -> str:
    return ("# Generated by the portal build from portal/sitecheck/csp_allowlist.json; "
            "do not edit.\n"
            f'add_header Content-Security-Policy "{render_policy(hashes, header=True)}" '
            "always;\n")


# --- making the allowlist --------------------------------------------------------------

def _build_config(root: Path, work: Path, *, enforce: bool) -> dict:
    """The project's mkdocs.yml, pointed at portal/sitecheck/csp_site/ instead of docs/ and
    data/."""
    try:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CspError(f"mkdocs.yml is niet te lezen: {exc}") from None
    config["docs_dir"] = str(work / "docs")
    config["site_dir"] = str(work / "site")
    for key in ("nav", "not_in_nav", "validation"):
        config.pop(key, None)
    theme = config.get("theme") or {}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    plugins = []
    for entry in config.get("plugins") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        options = dict(options or {})
        if name == "portal":
            options.update(
                data_dir=str(work / "data"), today="2026-11-29",
                content_security_policy=enforce, decap_admin=False, materials=False)
            if options.get("templates_dir"):  # it must exist; unset: overrides/portal if any
                options["templates_dir"] = str(root / options["templates_dir"])
            options.pop("nginx_csp_include", None)
            options.pop("csp_allowlist", None)
        elif name == "redirects":
            options["redirect_maps"] = {}
        plugins.append({name: options})
    config["plugins"] = plugins
    return config


def copy_allowlist_site(root: Path, work: Path) -> None:
    """portal/sitecheck/csp_site/ into work/, with the site's own static files (docs/assets)."""
    shutil.copytree(SITE / "docs", work / "docs")
    shutil.copytree(SITE / "data", work / "data")
    if (root / "docs" / "assets").is_dir():
        shutil.copytree(root / "docs" / "assets", work / "docs" / "assets")


def build_project_site(root: Path, work: Path, *, enforce: bool = False) -> Path:
    """Build work/docs and work/data with the project's mkdocs.yml (theme, overrides,
    plugins) into work/site; `enforce`: with the CSP check of every page."""
    (work / "mkdocs.yml").write_text(
        yaml.safe_dump(_build_config(root, work, enforce=enforce), allow_unicode=True),
        encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml")],
        cwd=root, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
             "PATH": "/usr/bin:/bin"})
    if result.returncode != 0:
        raise CspError(f"De bouw van {work} is mislukt:\n{result.stdout}{result.stderr}")
    return work / "site"


def _template_of(text: str, root: Path, custom_dir: Path | None) -> tuple[str, str]:
    """(label, path below the templates folder) of the template that wrote a script: the
    one holding the longest opening part of its text (the rest may be filled in by Jinja,
    as the theme's base_url is), overrides before the theme."""
    # Only `portal csp-allowlist` gets here: it reads the theme's template files to name
    # the template of each script, by location, without importing the theme (the core
    # stays free of MkDocs; the build never calls this).
    from importlib.util import find_spec

    spec = find_spec("material")
    if spec is None or spec.origin is None:
        raise CspError("Het thema mkdocs-material is niet geïnstalleerd.")
    theme = Path(spec.origin).parent / "templates"
    text = text.strip()
    folders = [(custom_dir, str(custom_dir.relative_to(root)) + "/")] if custom_dir else []
    folders.append((theme, f"mkdocs-material {_theme_version()}: "))
    best: tuple[int, str, str] = (0, "", "")
    for folder, label in folders:
        for template in sorted(folder.rglob("*.html")):
            source = template.read_text(encoding="utf-8", errors="replace")
            low, high = 0, len(text)  # the longest prefix of text found in source
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if text[:middle] in source else (low, middle - 1)
            if low > best[0]:
                rel = template.relative_to(folder).as_posix()
                best = (low, label + rel, rel)
    if best[0] < 16:
        raise CspError(f"Inline script {_excerpt(text)} komt uit geen enkel sjabloon; "
                       "zet het in een eigen bestand (docs/assets/).")
    return best[1], best[2]


def _theme_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def scripts_of_site(site: Path) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """The scripts of a built site as the page check reads them: its inline scripts by
    hash, with their text and the first page (below `site`) that has each, and the
    script files they load (paths below the site root). Data blocks are left out."""
    inline: dict[str, tuple[str, str]] = {}
    files: set[str] = set()
    for page in sorted(site.rglob("*.html"), key=lambda p: p.relative_to(site).as_posix()):
        rel = page.relative_to(site).as_posix()
        url = "404.html" if rel.endswith("404.html") else rel.removesuffix("index.html")
        reader, _ = _read_page(page.read_text(encoding="utf-8"))
        for script in reader.scripts:
            for name in ("src", "data-src"):
                if script.attrs.get(name):
                    path = _site_path(script.attrs[name], page_url=url, site_path="/")
                    if path is not None:
                        files.add(path)
            if _is_data_block(script.attrs) or "src" in script.attrs:
                continue
            text = "".join(script.text)
            inline.setdefault(script_hash(text), (text, rel))
    return inline, files


def render_allowlist(root: Path) -> str:
    """The allowlist's JSON text, from a fresh build of portal/sitecheck/csp_site/."""
    root = root.resolve()
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = config.get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    custom_dir = (root / custom).resolve() if custom else None
    with tempfile.TemporaryDirectory(prefix="portal-csp-") as tmp:
        copy_allowlist_site(root, Path(tmp))
        site = build_project_site(root, Path(tmp))
        found, files = scripts_of_site(site)
        inline: dict[str, dict] = {}
        for digest, (text, rel) in found.items():
            label, rel_template = _template_of(text, root, custom_dir)
            if rel_template not in REASONS:
                raise CspError(f"Inline script uit {label} ({_excerpt(text)}) heeft nog "
                               "geen reden in REASONS (portal/sitecheck/csp.py): zet het "
                               "in een eigen bestand, of schrijf op waarom het inline moet.")
            inline[digest] = {"hash": digest, "template": label,
                              "reason": REASONS[rel_template], "first_page": rel,
                              "starts_with": text.strip()[:60]}
    data = {
        "about": "Inline scripts and script files the templates write, from a build of "
                 "portal/sitecheck/csp_site/ with mkdocs.yml; made by `portal csp-allowlist`, "
                 "do not edit. Every page's CSP carries exactly these hashes.",
        "inline_scripts": sorted(inline.values(), key=lambda e: (e["template"],
                                                                  e["first_page"])),
        "script_files": sorted(files),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
