"""What the build adds for search engines, social media and campaigns, called by the MkDocs
adapter with plain values (no MkDocs objects):

- social(): the addresses of the share image and the news feed for the theme's
  partials/social-meta.html (Open Graph, Twitter card, feed link);
- page(): per built page, JSON-LD of the site's own organisation (home page) and FAQPage
  (a page of questions and answers), and what the feed and the short addresses need to
  know of the page;
- post_build(): robots.txt, the share image, the Atom feed, the Dutch pages at the short
  campaign addresses and the nginx map with their 301s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..data.model import Portal
from .feed import Post, post_date, render_atom
from .findable import add_to_head, faq_page, home_organisation, jsonld_block, render_robots
from .shareimage import render_share_image
from .shortlinks import nginx_map, redirect_page

SHARE_IMAGE = "assets/images/delen.png"
NEWS_FEED = "nieuws/feed.xml"  # written when docs/nieuws/ exists
SITE_ORGANISATION = "meldpunt-aanpak-loverboys-limburg"  # whose site this is (data/)
# Editors' pages, also noindex themselves. The web editor is not on this host at all.
ROBOTS_DISALLOW = ("/redactie/",)
NGINX_REDIRECTS = "nginx-redirects.conf"  # next to the CSP include (nginx_csp_include)


def source_url(src_uri: str) -> str:
    """The site path of a Markdown file with directory URLs: 'jongeren/index.md' and
    'jongeren.md' -> '/jongeren/', 'index.md' -> '/'."""
    stem = src_uri.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem
    return f"/{stem}/" if stem else "/"


@dataclass
class SiteExtras:
    site_url: str = ""
    feed: bool = False
    posts: dict[str, Post] = field(default_factory=dict)  # src_uri -> post
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (url, title)
    events: list[Post] = field(default_factory=list)  # the agenda's (feed.event_posts)

    def social(self, site_url: str | None, docs_dir: str) -> dict:
        """config.extra.portal_social for the theme; remembers the site's address."""
        self.site_url = (site_url or "/").rstrip("/") + "/"
        self.feed = (Path(docs_dir) / NEWS_FEED).parent.is_dir()
        return {"image": self.site_url + SHARE_IMAGE,
                "feed": self.site_url + NEWS_FEED if self.feed else ""}

    def page(self, html: str, *, src_uri: str, url: str, title: str, meta: dict,
             home: bool, portal: Portal | None) -> str:
        """The built page with its structured data; records it for the feed and the short
        addresses (the first page built from a file wins: the Dutch page, built before
        its translation)."""
        self.pages.setdefault(src_uri, ("/" + url, title))
        published = post_date(meta.get("date"))
        if self.feed and published and "noindex" not in str(meta.get("robots", "")):
            self.posts.setdefault(src_uri, Post(
                str(meta.get("title") or title), self.site_url + url, published,
                str(meta.get("description", "")), tuple(meta.get("categories") or ())))
        org = portal.organisations.get(SITE_ORGANISATION) if portal else None
        if home and org is not None:
            html = add_to_head(html, jsonld_block(home_organisation(org, self.site_url)))
        if (faq := faq_page(html)) is not None:
            html = add_to_head(html, jsonld_block(faq))
        return html

    def short_addresses(self, redirect_maps: dict) -> dict[str, tuple[str, str]]:
        """'/jongeren/' -> ('/youth/', title of the target) for each entry of the redirects
        plugin's map that names a page of this site (the plugin warns about the others)."""
        found = {}
        for old, new in redirect_maps.items():
            path, hash_, fragment = str(new).partition("#")
            if path in self.pages:
                url, title = self.pages[path]
                found[source_url(str(old))] = (url + hash_ + fragment, title)
        return found

    def post_build(self, site: Path, *, site_name: str, site_description: str,
                   redirect_maps: dict, nginx_dir: Path | None) -> None:
        """Write the files; robots.txt and the share image only with an absolute site_url
        (both name it), and a robots.txt in docs/ wins."""
        if urlsplit(self.site_url).netloc:
            if not (site / "robots.txt").exists():
                (site / "robots.txt").write_text(
                    render_robots(self.site_url, ROBOTS_DISALLOW), encoding="utf-8")
            render_share_image(site / SHARE_IMAGE, title=site_name, subtitle=site_description,
                               footer=urlsplit(self.site_url).netloc)
        if self.feed:
            (site / NEWS_FEED).write_text(render_atom(
                [*self.posts.values(), *self.events], title=f"Nieuws - {site_name}",
                feed_url=self.site_url + NEWS_FEED,
                home_url=self.site_url + NEWS_FEED.rpartition("/")[0] + "/",
                author=site_name), encoding="utf-8")
        addresses = self.short_addresses(redirect_maps)
        for address, (target, title) in addresses.items():
            # Replaces the redirects plugin's page (English, with an inline script).
            page = site / address.strip("/") / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(redirect_page(address, target, title=title,
                                          site_url=self.site_url, site_name=site_name),
                            encoding="utf-8")
        if nginx_dir is not None:
            nginx_dir.mkdir(parents=True, exist_ok=True)
            (nginx_dir / NGINX_REDIRECTS).write_text(
                nginx_map({a: t for a, (t, _) in addresses.items()}), encoding="utf-8")
        self.pages.clear()  # a rebuild (mkdocs serve) starts afresh
        self.posts.clear()
