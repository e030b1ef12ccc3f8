"""Where visitors report an accessibility problem: the address the site's operator sets
(`extra.accessibility_contact` in mkdocs.yml, an e-mail address or an https:// address)
written into the page that asks for it (docs/toegankelijkheid.md).

The page holds the text for the case without an address between two markers:

    <!-- portal:toegankelijkheidscontact -->
    ... how else to reach the Meldpunt ...
    <!-- /portal:toegankelijkheidscontact -->

With an address set, that text is replaced by one that names the address; without one
(the shipped default), the page's own text stays. So no address is ever made up, and an
engine that does not run the plugin still shows a correct page."""

from __future__ import annotations

import re

from .escape import md_inline, md_url

START = "<!-- portal:toegankelijkheidscontact -->"
END = "<!-- /portal:toegankelijkheidscontact -->"
_BLOCK = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_WEB = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s<>\"'`()\[\]{}]*)?")


class AccessibilityContactError(ValueError):
    """The configured address is neither an e-mail address nor an https:// address."""


def check_accessibility_contact(value: object) -> str | None:
    """The configured address, stripped; None when none is set. Raises with a Dutch
    message for anything else than one e-mail address or one https:// address."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip() if isinstance(value, str) else ""
    if _EMAIL.fullmatch(text) or _WEB.fullmatch(text):
        return text
    raise AccessibilityContactError(
        f"extra.accessibility_contact in mkdocs.yml: {value!r} is geen e-mailadres en geen "
        "webadres dat met https:// begint. Vul één adres in dat het Meldpunt leest, of laat "
        "het leeg: dan zegt de pagina Toegankelijkheid hoe je het Meldpunt anders bereikt.")


def render_accessibility_contact(markdown: str, contact: str | None) -> str:
    """The page with the marked block replaced by the configured address, or with only
    the markers removed when none is set."""
    if START not in markdown:
        return markdown
    if contact is None:
        return markdown.replace(START, "").replace(END, "")
    if "@" in contact and not contact.startswith("https://"):
        text = (f"Mail het naar [{md_inline(contact)}]({md_url('mailto:' + contact)})"
                "{ .portal-contact }.")
    else:
        text = f"Meld het via [{md_inline(contact)}]({md_url(contact)})."
    return _BLOCK.sub(lambda _: text, markdown)
