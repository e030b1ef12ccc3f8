"""Findability of the built site: every page a search engine may show has its own title and
description (checked by `portal check-links`, codes U001 and U002), robots.txt, and the
structured data (schema.org JSON-LD) that the site adds to pages beyond the organisation
pages: the Meldpunt itself as an Organization on the home page, and FAQPage for a page
that consists of questions and answers.

Pages are read with the same regular expressions as linkcheck.py: the HTML is generated.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Protocol
from urllib.parse import urlsplit

from ..data.markup import plain_text
from ..data.model import Organisation
from .jsonld import render_jsonld_script
from .opendata import jsonld_organisation


class _Page(Protocol):
    path: str
    title: str
    description: str
    noindex: bool


def check_unique(pages: dict[str, _Page]) -> list[tuple[str, str, str]]:
    """(page, code, Dutch detail) for each page whose title (U001) or description (U002) is
    also that of another page that search engines may show, and (U002) for a page without
    a description on a site whose other pages have one. Pages with `robots: noindex` and
    the 404 page are not shown by search engines and are left out."""
    shown = {p: page for p, page in pages.items() if not page.noindex and p != "404.html"}
    found: list[tuple[str, str, str]] = []
    described = any(page.description for page in shown.values())
    for code, attr, label in (("U001", "title", "Titel"), ("U002", "description",
                                                             "Beschrijving")):
        by_value: dict[str, list[str]] = defaultdict(list)
        for path, page in shown.items():
            value = getattr(page, attr)
            if value:
                by_value[value.casefold()].append(path)
            elif attr == "description" and described:
                found.append((path, code, "De pagina heeft geen beschrijving (description)."))
        for paths in by_value.values():
            for path in paths if len(paths) > 1 else ():
                others = ", ".join(p for p in paths if p != path)
                value = getattr(shown[path], attr)
                found.append((path, code, f"{label} '{value}' staat ook op: {others}."))
    return found


def render_robots(site_url: str, disallow: list[str]) -> str:
    """robots.txt: every crawler may read the site except the given paths (below the path
    of site_url), and finds the sitemap there."""
    base = urlsplit(site_url).path.rstrip("/")
    lines = ["# Gemaakt door de bouw van de site (portal); niet met de hand aanpassen.",
             "User-agent: *"]
    lines += [f"Disallow: {base}/{path.lstrip('/')}" for path in disallow] or ["Disallow:"]
    return "\n".join([*lines, "", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml", ""])


def jsonld_block(data: dict) -> str:
    """A JSON-LD <script> for the page's <head>; no text in it can end the script or open
    a comment (portal/exports/jsonld.py)."""
    return render_jsonld_script(data)


def home_organisation(org: Organisation, site_url: str) -> dict:
    """The site's own organisation for its home page: the facts of its data file."""
    data = {**jsonld_organisation(org), "@id": f"{site_url.rstrip('/')}/#organisatie"}
    if org.scope == "province":
        data["areaServed"] = {"@type": "AdministrativeArea", "name": "Limburg"}
    return data


_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S | re.I)
_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S | re.I)
_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S | re.I)
_PERMALINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S | re.I)


def faq_page(text: str, *, minimum: int = 3) -> dict | None:
    """FAQPage data for a page that is questions and answers: at least `minimum` sections
    (## headings), each heading a question (ending in '?') with an answer below it; an
    introduction under the title may stay. None for any other page."""
    article = _ARTICLE.search(text)
    if article is None:
        return None
    content = _PERMALINK.sub("", article.group(1))
    h1 = _H1.search(content)
    parts = _H2.split(content[h1.end() if h1 else 0:])
    if len(parts) // 2 < minimum:
        return None
    # The headings first: most pages fail there, without reading their sections' text.
    asked = [plain_text(q) for q in parts[1::2]]
    if not all(q.endswith("?") for q in asked):
        return None
    questions = list(zip(asked, (plain_text(a) for a in parts[2::2]), strict=True))
    if not all(a for _, a in questions):
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": q,
         "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in questions]}


def add_to_head(text: str, block: str) -> str:
    """The page with `block` inserted just before </head>."""
    end = text.find("</head>")
    return text if end < 0 else text[:end] + block + text[end:]
