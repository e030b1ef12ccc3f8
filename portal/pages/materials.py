"""Print materials and the partner banner, made from the same data as the site.

Per audience (youth, parents, professionals) an A4 poster and an A6 pocket card: the key
message (from the templates in templates/materials/, overridable like the others), the
crisis line and the contact routes of CONTACTS (names, numbers and hours from data/), a QR
code (segno, inline SVG) to the audience's section of the site, and the date they were
made. Each is an HTML page that Debian's Chromium prints to a one-page PDF (printing.py).
The banner is one HTML snippet with its own CSS for partners' websites; the Materialen
pages list the PDFs and show the banner with the code to copy.

The signal card for professionals (A4 and A6) is printed the same way from
data/signals.yml: the professionals' wording of every signal of the settings on the card,
under the settings' titles, what to do with a signal (contacts from data/), the sources,
and a QR code to its page (docs/professionals/signaalkaart.md, which shows the same data
with a `[[lijst signalen]]` line), so the page and the card cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import segno
from jinja2 import Environment
from markupsafe import Markup, escape

from ..data.markup import plain_text
from ..data.model import AUDIENCES, Channel, ClaimSource, Organisation, Portal, Setting
from ..data.text import hours, nl_list
from .generator import GeneratedFile
from .printing import PrintError, find_chromium, print_pdfs
from .render import make_environment, marks


class MaterialsError(Exception):
    """A material cannot be made; the message is Dutch, for the editor."""


@dataclass(frozen=True)
class Paper:
    name: str  # "A4"
    kind: str  # what it is called in Dutch, in file names and on the Materialen page
    width_mm: int
    height_mm: int


SIZES = {"a4": Paper("A4", "poster", 210, 297), "a6": Paper("A6", "zakkaart", 105, 148)}
SECTIONS = {"youth": "youth/", "parents": "parents/", "professionals": "professionals/"}
# The contact routes on each audience's materials after the crisis line, as
# `organisation/channel` in data/organisations/. Numbers and hours come from there.
CONTACTS = {
    "youth": ("de-kindertelefoon/telefoon", "fier/chat", "veilig-thuis/telefoon"),
    "parents": ("veilig-thuis/telefoon",
                "veilig-thuis-noord-en-midden-limburg/meldpunt-mensenhandel",
                "veilig-thuis-zuid-limburg/meldpunt-mensenhandel"),
    "professionals": ("veilig-thuis-noord-en-midden-limburg/meldpunt-mensenhandel",
                      "veilig-thuis-zuid-limburg/meldpunt-mensenhandel",
                      "veilig-thuis/telefoon"),
}
MATERIALS_DIR = "materials"  # the PDFs: site/materials/<file>.pdf
PAGE_URI = "materialen/index.md"

# The signal card for professionals. The A4 card holds every setting; the A6 card (pocket
# size, 7 pt) only the settings a teacher sees at school, in the data's order, and names
# the others. A signal added to one of these settings can make the A6 card too long: the
# build then says so (the PDF must be one page).
CARD = "signaalkaart"  # file names: signaalkaart-a4.pdf, signaalkaart-a6.pdf
CARD_AUDIENCE = "professionals"
CARD_PAGE = "professionals/signaalkaart.md"  # the page the QR code goes to
CARD_SIZES = {"a4": Paper("A4", "signaalkaart", 210, 297),
              "a6": Paper("A6", "signaalkaart", 105, 148)}
CARD_SETTINGS: dict[str, tuple[str, ...] | None] = {"a4": None,
                                                    "a6": ("school", "gedrag", "spullen")}
# What to do with a signal: advice (first), then a report per region; from data/.
CARD_ADVICE = "veilig-thuis/telefoon"
CARD_REPORT = ("veilig-thuis-noord-en-midden-limburg/meldpunt-mensenhandel",
               "veilig-thuis-zuid-limburg/meldpunt-mensenhandel")
BANNER_URI = "materialen/banner/index.md"
BANNER_CSS_URI = "materialen/banner/banner.css"


def material_filename(audience: str, size: str) -> str:
    """'jongeren-poster-a4.pdf': Dutch, as visitors see it."""
    return f"{AUDIENCES[audience]}-{SIZES[size].kind}-{size}.pdf"


def section_url(site_url: str | None, audience: str) -> str:
    if not site_url:
        raise MaterialsError("De materialen hebben een QR-code naar de website nodig, maar "
                             "site_url ontbreekt in mkdocs.yml.")
    return site_url.rstrip("/") + "/" + SECTIONS[audience]


def lookup(portal: Portal, ref: str) -> tuple[Organisation, Channel]:
    org_id, _, channel_id = ref.partition("/")
    org = portal.organisations.get(org_id)
    channel = org.channel(channel_id) if org else None
    if channel is None:
        raise MaterialsError(f"Drukwerk: het contact '{ref}' bestaat niet in "
                             "data/organisations/ (zie CONTACTS in portal/pages/materials.py).")
    return org, channel


def crisis_line(portal: Portal, ref: str) -> dict[str, str]:
    """The crisis line that every page shows (the plugin's `crisis_channel`): it must be a
    phone channel."""
    try:
        _, channel = lookup(portal, ref)
    except MaterialsError:
        raise MaterialsError(f"het contact '{ref}' bestaat niet in data/organisations/.") from None
    if channel.phone is None:
        raise MaterialsError(f"het contact '{ref}' is geen telefoonnummer.")
    return {"label": channel.label, "tel": channel.phone.tel, "shown": channel.shown}


def shown(channel: Channel) -> str:
    """The value as printed: an address without 'https://', a number as on the site."""
    return re.sub(r"^https?://", "", channel.shown).rstrip("/")


def note(channel: Channel) -> str:
    """'Bel gratis · Dag en nacht (24/7)': the label, the marks it does not say yet, hours."""
    said = channel.label.lower()
    parts = [channel.label, *(m for m in marks(channel) if m.split()[0].lower() not in said)]
    return " · ".join([*parts, hours(channel)] if hours(channel) else parts)


def qr_svg(url: str) -> str:
    """The QR code as inline SVG that scales to its box (no width or height of its own)."""
    return segno.make(url, error="m").svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True,
        title=f"QR-code naar {url}")


def _env(env: Environment | None, templates_dir: Path | None) -> Environment:
    env = env or make_environment(templates_dir)
    env.filters.setdefault("shown", shown)
    env.filters.setdefault("note", note)
    return env


def material_context(portal: Portal, audience: str, size: str, site_url: str | None, *,
                     today: date, crisis_channel: str) -> dict:
    if audience not in CONTACTS or size not in SIZES:
        raise MaterialsError(f"Drukwerk: onbekende doelgroep of formaat: {audience} {size}")
    url = section_url(site_url, audience)
    crisis = lookup(portal, crisis_channel)
    contacts = [lookup(portal, ref) for ref in CONTACTS[audience]]
    url_shown = re.sub(r"^https?://", "", url).rstrip("/")
    return dict(audience=audience, size=size, paper=SIZES[size], url=url, url_shown=url_shown,
                # a line may break after a slash, not in the middle of a word
                url_html=Markup(escape(url_shown).replace("/", Markup("/<wbr>"))),
                qr=qr_svg(url),
                crisis=crisis, contacts=contacts,
                today=today.isoformat(), site_name=portal_name(portal))


def portal_name(portal: Portal) -> str:
    org = portal.organisations.get("meldpunt-aanpak-loverboys-limburg")
    return org.name if org else "Meldpunt Aanpak Loverboys Limburg"


def render_material_html(portal: Portal, audience: str, size: str, site_url: str | None, *,
                         today: date | None = None, crisis_channel: str = "alarmnummer/bellen",
                         env: Environment | None = None,
                         templates_dir: Path | None = None) -> str:
    """The poster (a4) or pocket card (a6) of one audience as a self-contained HTML page."""
    context = material_context(portal, audience, size, site_url, today=today or date.today(),
                               crisis_channel=crisis_channel)
    return _env(env, templates_dir).get_template(f"materials/{audience}.html.j2").render(
        **context)


def card_filename(size: str) -> str:
    """'signaalkaart-a4.pdf'."""
    return f"{CARD}-{size}.pdf"


def card_url(site_url: str | None) -> str:
    """The public address of the signal card's page (its QR code)."""
    if not site_url:
        raise MaterialsError("De signaalkaart heeft een QR-code naar de website nodig, maar "
                             "site_url ontbreekt in mkdocs.yml.")
    return site_url.rstrip("/") + "/" + CARD_PAGE.removesuffix(".md") + "/"


def setting_title(setting: Setting) -> str:
    return setting.title.get(CARD_AUDIENCE, "")


def setting_phrase(settings: list[Setting]) -> str:
    """'op school, bij de jongere en in spullen en uiterlijk': the titles ('Signalen op
    school', ...) without their shared first word, for a sentence about the card."""
    parts = []
    for setting in settings:
        title = setting_title(setting)
        first, _, rest = title.partition(" ")
        parts.append(rest if first.lower() == "signalen" and rest else title[:1].lower()
                     + title[1:])
    return nl_list(parts)


@dataclass(frozen=True)
class CardContent:
    """What one size of the signal card shows, from data/signals.yml."""

    settings: list[tuple[Setting, list[str]]]  # each setting with its signals' wordings
    left_out: list[Setting]  # settings with professionals' signals not on this card
    sources: list[ClaimSource]  # of the signals shown, each once, in order

    @property
    def shown_phrase(self) -> str:
        return setting_phrase([s for s, _ in self.settings])

    @property
    def left_out_phrase(self) -> str:
        return setting_phrase(self.left_out)

    @property
    def source_names(self) -> list[str]:
        """'Maak Het Zichtbaar (CKM)': each source's title up to its first comma (the
        publisher), each once; the whole titles and addresses are on the page."""
        return list(dict.fromkeys(s.title.split(",")[0].strip() for s in self.sources))


def card_content(portal: Portal, size: str) -> CardContent:
    signals = portal.signals
    if signals is None:
        raise MaterialsError("De signaalkaart wordt gemaakt uit data/signals.yml, maar dat "
                             "bestand ontbreekt.")
    wanted = CARD_SETTINGS[size]
    shown: list[tuple[Setting, list[str]]] = []
    left_out: list[Setting] = []
    used: list[str] = []
    for setting in signals.settings:
        items = [s for s in signals.signals
                 if s.setting == setting.id and CARD_AUDIENCE in s.wording]
        if not items or not setting_title(setting):
            continue
        if wanted is not None and setting.id not in wanted:
            left_out.append(setting)
            continue
        shown.append((setting, [s.wording[CARD_AUDIENCE] for s in items]))
        used += [source for s in items for source in s.sources]
    if wanted is not None and (missing := set(wanted) - {s.id for s, _ in shown}):
        raise MaterialsError(
            f"Signaalkaart {size.upper()}: de omgeving '{sorted(missing)[0]}' heeft geen "
            "signalen voor professionals in data/signals.yml (zie CARD_SETTINGS in "
            "portal/pages/materials.py).")
    return CardContent(shown, left_out, [signals.sources[s] for s in dict.fromkeys(used)
                                         if s in signals.sources])


def report_line(portal: Portal, ref: str) -> tuple[str, Channel]:
    """('Zuid-Limburg', its reporting address): the card says 'Veilig Thuis in uw regio'
    once, so each line names the region alone, which keeps it on one line on A6."""
    org, channel = lookup(portal, ref)
    return org.name.removeprefix("Veilig Thuis ").strip() or org.name, channel


def render_card_html(portal: Portal, size: str, site_url: str | None, *,
                     today: date | None = None, crisis_channel: str = "alarmnummer/bellen",
                     env: Environment | None = None,
                     templates_dir: Path | None = None) -> str:
    """The signal card (a4 or a6) as a self-contained HTML page."""
    if size not in CARD_SIZES:
        raise MaterialsError(f"Signaalkaart: onbekend formaat: {size}")
    url = card_url(site_url)
    url_shown = re.sub(r"^https?://", "", url).rstrip("/")
    context = dict(
        audience=CARD_AUDIENCE, size=size, paper=CARD_SIZES[size], url=url,
        url_shown=url_shown, url_html=Markup(escape(url_shown).replace("/", Markup("/<wbr>"))),
        qr=qr_svg(url), crisis=lookup(portal, crisis_channel),
        advice=lookup(portal, CARD_ADVICE), reports=[report_line(portal, r) for r in CARD_REPORT],
        card=card_content(portal, size), today=(today or date.today()).isoformat(),
        site_name=portal_name(portal))
    return _env(env, templates_dir).get_template("materials/signal-card.html.j2").render(
        **context)


def headline(material_html: str) -> str:
    """The text of a material's <h1>, for the description on the Materialen page."""
    m = re.search(r"<h1[^>]*>(.*?)</h1>", material_html, re.S)  # our own template's h1
    return plain_text(m.group(1)) if m else ""


@dataclass(frozen=True)
class Banner:
    css: str  # the stylesheet, also served as BANNER_CSS_URI for the preview on our page
    markup: str  # the banner itself

    @property
    def snippet(self) -> str:
        """What a partner pastes: the CSS in a <style> element, then the markup."""
        return f"<style>\n{self.css.strip()}\n</style>\n{self.markup.strip()}\n"


def render_banner(portal: Portal, site_url: str | None, *, crisis_channel: str,
                  env: Environment | None = None, templates_dir: Path | None = None) -> Banner:
    if not site_url:
        raise MaterialsError("De banner linkt naar de website, maar site_url ontbreekt in "
                             "mkdocs.yml.")
    env = _env(env, templates_dir)
    org, channel = lookup(portal, crisis_channel)
    context = dict(site_url=site_url, crisis=channel, crisis_org=org,
                   site_shown=re.sub(r"^https?://(www\.)?", "", site_url).rstrip("/"))
    return Banner(env.get_template("materials/banner.css.j2").render(**context),
                  env.get_template("materials/banner.html.j2").render(**context))


def kilobytes(size: int) -> str:
    return f"{size / 1024:.0f} kB" if size >= 10240 else f"{size / 1024:.1f} kB".replace(".", ",")


def build_materials(portal: Portal, site_url: str | None, *, today: date,
                    crisis_channel: str = "alarmnummer/bellen",
                    templates_dir: Path | None = None, chromium: str | None = None,
                    audiences: tuple[str, ...] = tuple(CONTACTS),
                    sizes: tuple[str, ...] = tuple(SIZES),
                    signal_card: bool = True, background: bool = False
                    ) -> list[GeneratedFile]:
    """Every PDF (printed by Chromium), the banner's stylesheet and the two Materialen pages;
    with `signal_card`, the signal card in both sizes too. Raises MaterialsError (Dutch)
    when Chromium is missing or a material does not fit. `background`: the preview's
    rebuilds print changed materials beside the build (printing.print_pdfs)."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise MaterialsError(
            "Het drukwerk (posters en zakkaarten als PDF) kan niet worden gemaakt: Chromium "
            "ontbreekt. Installeer Debian's pakket chromium (scripts/build doet dat zelf), of "
            "zet de optie materials van de plugin portal op false.")
    env = _env(None, templates_dir)
    pages: dict[str, str] = {}
    items = []
    for audience in audiences:
        for size in sizes:
            name = material_filename(audience, size)
            pages[name] = render_material_html(portal, audience, size, site_url, today=today,
                                               crisis_channel=crisis_channel, env=env)
    if signal_card:
        for size in CARD_SIZES:
            pages[card_filename(size)] = render_card_html(
                portal, size, site_url, today=today, crisis_channel=crisis_channel, env=env)
    try:
        pdfs = print_pdfs(pages, chromium, background=background)
    except PrintError as exc:
        hint = (" Staan er meer signalen in data/signals.yml? Zet dan minder omgevingen op "
                "de A6-kaart (CARD_SETTINGS in portal/pages/materials.py)."
                if str(exc).startswith(card_filename("a6")) else "")
        raise MaterialsError(f"Drukwerk: {exc}{hint}") from None
    files = [GeneratedFile(f"{MATERIALS_DIR}/{name}", pdf) for name, pdf in pdfs.items()]
    for audience in audiences:
        items.append(dict(
            audience=audience, url=section_url(site_url, audience),
            headline=headline(pages[material_filename(audience, sizes[0])]),
            crisis=lookup(portal, crisis_channel), contacts=[lookup(portal, ref)
                                                             for ref in CONTACTS[audience]],
            files=[dict(name=material_filename(audience, s), paper=SIZES[s],
                        size=kilobytes(len(pdfs[material_filename(audience, s)])))
                   for s in sizes]))
    card = None
    if signal_card:
        card = dict(page="../" + CARD_PAGE, url=card_url(site_url),
                    a6=card_content(portal, "a6"),
                    files=[dict(name=card_filename(s), paper=CARD_SIZES[s],
                                size=kilobytes(len(pdfs[card_filename(s)])))
                           for s in CARD_SIZES])
    banner = render_banner(portal, site_url, crisis_channel=crisis_channel, env=env)
    files.append(GeneratedFile(BANNER_CSS_URI, banner.css))
    # The pages' texts are in the templates; the numbers come from data/organisations/.
    texts = Path(__file__).parent / "templates" / "materials"
    files.append(GeneratedFile(PAGE_URI, env.get_template("materials/page.md.j2").render(
        items=items, card=card, today=today.isoformat(), materials_dir=MATERIALS_DIR), texts))
    # From the site's root, not relative: a translated copy of the page (en/...) has no
    # banner.css of its own next to it.
    css_href = urlsplit(site_url).path.rstrip("/") + "/" + BANNER_CSS_URI
    files.append(GeneratedFile(BANNER_URI, env.get_template("materials/banner.md.j2").render(
        banner=banner, site_url=site_url, css_href=css_href), texts))
    return files
