"""The steps on a built page that do not depend on the engine: the tidy head, the
structured data and what the feed and short addresses need (SiteExtras.page), the check
of its scripts against the allowlist and the policy <meta> (portal/sitecheck/csp.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.model import Portal
from ..exports.headtags import tidy_head
from ..exports.site_extras import SiteExtras
from ..sitecheck.csp import Allowlist, Finding, add_policy_meta, check_page


@dataclass(frozen=True)
class BuiltPage:
    """A page as the engine built it: its source file ('youth/index.md'), its address
    below the site root ('youth/'), its title and front matter as plain text."""

    src_uri: str
    url: str
    title: str
    meta: dict = field(default_factory=dict)
    home: bool = False


def finish_page(html: str, *, page: BuiltPage | None, extras: SiteExtras,
                portal: Portal | None, allowlist: Allowlist | None,
                site_path: str = "/") -> tuple[str, list[Finding]]:
    """The page as it is written, and what its check found (nothing written then: the
    door stops the build and names the source). `page` None: a template without a page
    (404.html); `allowlist` None: no policy."""
    html = tidy_head(html)
    if page is not None:
        html = extras.page(html, src_uri=page.src_uri, url=page.url, title=page.title,
                           meta=page.meta, home=page.home, portal=portal)
    if allowlist is None:
        return html, []
    findings = check_page(html, allowlist, page_url=page.url if page else "404.html",
                          site_path=site_path if site_path.endswith("/") else site_path + "/")
    if findings:
        return html, findings
    return add_policy_meta(html, allowlist.hashes), []
