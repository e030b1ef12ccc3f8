"""Issue 13: a CSP that trusts only what the templates wrote, and JSON-LD that cannot
break out of its <script>.

The allowlist of inline scripts comes from a build of portal/sitecheck/csp_site/ (never from the
real pages); every built page carries exactly its hashes; anything else that could run
(an inline script, an on...= attribute, a javascript: URL, a script file not on the list)
stops the build with the page and its source named."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import material
import pytest

from .conftest import ROOT, build_fixture, fixture_project

THEME = Path(material.__file__).parent / "templates"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _allowlist() -> dict:
    path = ROOT / "portal" / "sitecheck" / "csp_allowlist.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _hashes() -> set[str]:
    return {e["hash"] for e in _allowlist()["inline_scripts"]}


# --- JSON-LD ---------------------------------------------------------------------------

HOSTILE_JSON = "<!--<script></script>&amp; \u2028\u2029 --> ]]>"


def test_jsonld_holds_no_markup_and_reads_back_the_same() -> None:
    from portal.exports.jsonld import render_jsonld

    data = {"description": HOSTILE_JSON, "name": "A & B <b>"}
    text = render_jsonld(data)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text, forbidden
    assert "\\u003c!--\\u003cscript\\u003e" in text
    assert json.loads(text) == data


def test_every_jsonld_writer_uses_the_one_serialiser() -> None:
    # findable.jsonld_block (home Organization, FAQPage) and the organisation pages.
    from portal.exports.findable import jsonld_block
    from portal.pages.generator import PageGenerator  # noqa: F401  (the module must import)

    block = jsonld_block({"description": HOSTILE_JSON})
    body = JSONLD.search(block).group(1)
    assert "<" not in body and json.loads(body)["description"] == HOSTILE_JSON
    source = (ROOT / "portal" / "pages" / "generator.py").read_text(encoding="utf-8")
    assert "render_jsonld(" in source and 'replace("</"' not in source


# --- reading a built page --------------------------------------------------------------

HOSTILE_MARKUP = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    '<script type="module">alert(1)</script>',
    '<script type="text/javascript">alert(1)</script>',
    "<svg><script>alert(1)</script></svg>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="x"onmouseover=alert(1)>x</a>',
    '<a href="&#106;ava&#x09;script:alert(1)">x</a>',
    '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<form action="javascript:alert(1)"><button formaction="javascript:x">x</button></form>',
    '<svg><a><animate attributeName="href" values="x;javascript:alert(1)"/><text>x</text>'
    "</a></svg>",
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "<!--><script>alert(1)</script>-->",
    "<!-- x --!><script>alert(1)</script> -->",
    "<![CDATA[ x><img src=x onerror=alert(1)>]]>",
    '<script type="application/ld+json">{}</script x><script>alert(1)</script>',
    '<script type="application/ld+json"><!--<script></script>',
    "<style></style x><img src=x onerror=alert(1)></style>",
    '<script src="/evil.js"></script>',
    '<script src="https://evil.example/x.js"></script>',
    '<script type="text/plain" data-portal-theme data-src="/evil.js"></script>',
]


@pytest.mark.parametrize("markup", HOSTILE_MARKUP)
def test_markup_that_could_run_is_found(markup: str) -> None:
    from portal.sitecheck.csp import check_page, load_allowlist

    page = f"<!doctype html><html><head></head><body><p>Tekst</p>{markup}<p>Meer</p></body></html>"
    assert check_page(page, load_allowlist(), page_url="a/b/")


def test_a_page_checked_before_gives_its_findings_again() -> None:
    """check_page keeps its answer for a page it saw (the preview's rebuilds): the same
    bytes give the same findings, and the same bytes under another allowlist are judged
    again."""
    from portal.sitecheck.csp import Allowlist, check_page, load_allowlist, script_hash

    page = "<html><body><script>alert(1)</script></body></html>"
    first = check_page(page, load_allowlist(), page_url="a/")
    assert first and check_page(page, load_allowlist(), page_url="a/") == first
    allowed = Allowlist(hashes=frozenset({script_hash("alert(1)")}))
    assert check_page(page, allowed, page_url="a/") == []
    assert check_page(page, load_allowlist(), page_url="a/") == first


def test_what_the_templates_write_passes() -> None:
    from portal.sitecheck.csp import check_page, load_allowlist, script_hash

    allowlist = load_allowlist()
    theme_script = _scope_script("../..")
    page = ("<!doctype html><html><head>"
            f"<script>{theme_script}</script>"
            '<script src="../../assets/quick-exit.js"></script>'
            '<script type="application/ld+json">{"a":"\\u003cb\\u003e"}</script>'
            "</head><body><p>&lt;script&gt;alert(1)&lt;/script&gt; en a &lt; b</p>"
            '<a href="https://example.nl/javascript:x">x</a><img alt="one" src="x.png">'
            "</body></html>")
    assert script_hash(theme_script) in allowlist.hashes
    assert check_page(page, allowlist, page_url="a/b/") == []


# --- the allowlist ---------------------------------------------------------------------

def _scope_script(base_url: str) -> str:
    text = (THEME / "partials/javascripts/base.html").read_text(encoding="utf-8")
    body = text.split("<script>", 1)[1].split("</script>", 1)[0]
    return body.replace("{{ config.extra.scope | d(base_url) }}", base_url)


def test_allowlist_names_template_and_reason_and_covers_every_depth() -> None:
    from portal.sitecheck.csp import script_hash

    entries = _allowlist()["inline_scripts"]
    for entry in entries:
        assert re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", entry["hash"]), entry
        assert entry["template"] and len(entry["reason"]) > 30, entry
    hashes = {e["hash"] for e in entries}
    # The theme's storage script, whose text holds the path to the site root: every depth
    # a page of the site may have, and 404.
    for base in [".", "/", *("/".join([".."] * d) for d in range(1, 7))]:
        assert script_hash(_scope_script(base)) in hashes, base
    # Only the theme's scripts stay inline: none of the project's own templates.
    assert all(e["template"].startswith("mkdocs-material ")
               or e["template"] == "overrides/partials/javascripts/palette.html"
               for e in entries), [e["template"] for e in entries]
    assert "assets/portal-head.js" in _allowlist()["script_files"]


def test_allowlist_in_the_repository_is_what_the_command_makes(tmp_path: Path) -> None:
    # So it cannot drift from the templates: after a theme update or an override change,
    # `portal csp-allowlist` must be run and its result committed.
    result = subprocess.run([sys.executable, "-m", "portal.cli", "csp-allowlist", "--check"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_allowlist_command_has_dutch_help() -> None:
    result = subprocess.run([sys.executable, "-m", "portal.cli", "csp-allowlist", "--help"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "toegestane" in result.stdout, result.stdout


def test_the_project_writes_no_inline_script_of_its_own() -> None:
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "<script>" not in main
    assert '<script src="{{ \'assets/portal-head.js\' | url }}"></script>' in main
    palette = (ROOT / "overrides/partials/javascripts/palette.html").read_text(encoding="utf-8")
    assert palette.count("<script>") == 1  # the theme's, unchanged (test_overrides.py)


# --- builds of the small fixture site ---------------------------------------------------



def test_every_page_carries_exactly_the_allowlist(tmp_path: Path) -> None:
    from portal.sitecheck.csp import check_page, load_allowlist, script_hash

    project = fixture_project(tmp_path)
    result = build_fixture(project)
    assert result.returncode == 0, result.stderr
    pages = list((project / "out").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policies = META.findall(text)
        assert len(policies) == 1, page
        assert set(re.findall(r"'sha256-[^']+'", policies[0])) == _hashes(), page
        # The policy comes before any script.
        assert text.index("Content-Security-Policy") < text.index("<script"), page
        url = page.relative_to(project / "out").as_posix().removesuffix("index.html")
        assert check_page(text, load_allowlist(), page_url=url) == [], page
    scope = script_hash(_scope_script("../.."))
    assert scope in (project / "out" / "hulp" / "hulplijn" / "index.html").read_text()


INJECTED = [
    ("<script>alert(1)</script>", "inline script"),
    ('<img src="x.png" alt="x" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">klik hier</a>', "javascript:"),
    ('<script src="/evil.js"></script>', "scriptbestand"),
]


@pytest.mark.parametrize(("markup", "named"), INJECTED)
def test_a_script_in_a_page_stops_the_build_naming_the_page(tmp_path, markup, named) -> None:
    # Past the validator (which refuses these in docs/): a theme override writes it into
    # the home page only, so the message must name that page and its source file.
    project = fixture_project(tmp_path)
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ super() }}'
        f"{{% if page.is_homepage %}}{markup}{{% endif %}}{{% endblock %}}", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")
    result = build_fixture(project)
    assert result.returncode != 0
    assert "De pagina / (bron: docs/index.md)" in result.stderr, result.stderr
    assert named in result.stderr and "er is niets gepubliceerd" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_script_from_a_template_names_the_data_file(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    own = (ROOT / "portal" / "pages" / "templates" / "organisation.md.j2").read_text(
        encoding="utf-8")
    (templates / "organisation.md.j2").write_text(own + "\n<script>alert(1)</script>\n",
                                                 encoding="utf-8")
    result = build_fixture(project)
    assert result.returncode != 0
    assert "hulp/hulplijn/" in result.stderr, result.stderr
    assert "organisations/hulplijn.yml" in result.stderr, result.stderr


def _faq(answer: str) -> str:
    return ("---\ntitle: Vragen\ndescription: Veelgestelde vragen over de hulplijn, voor de "
            "test van de gestructureerde gegevens.\naudience: all\nowner: Meldpunt Aanpak "
            "Loverboys Limburg - redactie\nlast_reviewed: 2026-11-01\n---\n\n# Vragen\n\n"
            "## Wat is het?\n\nEen hulplijn.\n\n## Wat typ ik?\n\n" + answer +
            "\n\n## Is het gratis?\n\nJa.\n\nEINDE-VAN-DE-PAGINA\n")


def test_a_comment_opener_in_a_faq_answer_cannot_blank_the_page(tmp_path: Path) -> None:
    # A code span is allowed text; the FAQPage data repeats it as plain text.
    project = fixture_project(tmp_path)
    (project / "docs" / "vragen.md").write_text(_faq("Typ `<!--<script>` niet."),
                                               encoding="utf-8")
    result = build_fixture(project)
    assert result.returncode == 0, result.stderr
    html = (project / "out" / "vragen" / "index.html").read_text(encoding="utf-8")
    blocks = JSONLD.findall(html)
    assert blocks and all("<" not in b for b in blocks)
    faq = json.loads(blocks[-1])
    assert "<!--<script>" in faq["mainEntity"][1]["acceptedAnswer"]["text"]
    assert "EINDE-VAN-DE-PAGINA" in html.split("</head>", 1)[1]


@pytest.mark.parametrize("description", ["<!--<script> en de rest",
                                         "1 < 2 & 3 > 2 -- en de rest"])
def test_a_comment_opener_in_a_description_cannot_blank_a_page(tmp_path, description) -> None:
    # With the real theme and overrides (the safety bar): the home page's Organization data
    # and the organisation page's own. The validator may refuse the value (then the build
    # names the file); if it is built, the rest of the page is still there.
    from portal.sitecheck.csp import CspError, build_project_site, copy_allowlist_site

    work = tmp_path / "work"
    copy_allowlist_site(ROOT, work)
    orgs = work / "data" / "organisations"
    text = (orgs / "alarmnummer.yml").read_text(encoding="utf-8")
    assert "\ndescription: " in text
    text = re.sub(r"\ndescription: .*", lambda _: "\ndescription: " + json.dumps(description), text)
    (orgs / "alarmnummer.yml").write_text(text, encoding="utf-8")
    (orgs / "meldpunt-aanpak-loverboys-limburg.yml").write_text(
        text.replace("id: alarmnummer", "id: meldpunt-aanpak-loverboys-limburg").replace(
            "name: Alarmnummer", "name: Meldpunt"), encoding="utf-8")
    try:
        site = build_project_site(ROOT, work, enforce=True)
    except CspError as exc:
        assert "alarmnummer.yml" in str(exc) and "Traceback" not in str(exc)
        return
    for page in ("index.html", "hulp/alarmnummer/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        blocks = JSONLD.findall(html)
        assert blocks and all("<" not in b for b in blocks), page
        assert any(json.loads(b).get("description") == description for b in blocks), page
        body = html.split("</head>", 1)[1]
        assert "data-portal-exit" in body and 'href="tel:112"' in body, page
        assert "md-footer" in body, page


# --- the server's header ---------------------------------------------------------------

def test_the_nginx_header_carries_exactly_the_allowlist(nginx) -> None:
    # The real build served by nginx (tests/conftest.py): header and <meta> policy agree.
    import urllib.request

    from portal.sitecheck.csp import load_allowlist

    with urllib.request.urlopen(nginx + "/") as response:
        csp = response.headers["Content-Security-Policy"]
        body = response.read().decode("utf-8")
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    page = META.search(body).group(1)
    assert set(re.findall(r"'sha256-[^']+'", csp)) == load_allowlist().hashes
    assert set(re.findall(r"'sha256-[^']+'", page)) == load_allowlist().hashes
