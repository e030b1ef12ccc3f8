"""The chain map of data/keten.yml, drawn at build time as an inline SVG for one region's
version: who does what from the first signal to the feedback.

Hand-made on purpose. Mermaid's browser build comes from a CDN and its command line
downloads a browser; a layout engine (Graphviz) is not installed here and lays graphs out
for a wide screen. The stages are sequential, so one column of boxes, stage after stage,
is the whole layout: it reads on a 390 px phone without zooming and needs no engine.
Each relation is drawn as its own step, "from" box, labelled arrow, "to" box; a box that
was just drawn is not drawn again, and a box drawn earlier comes back with its name only.
Text is wrapped by a count of characters (no font metrics at build time), with room to
spare.

Colours come from the theme's CSS variables through the classes in
docs/assets/portal.css (.portal-chain ...), so the map follows light and dark; the
presentation attributes are plain fallbacks (currentColor). The site's
Content-Security-Policy allows no style attribute. Every text is escaped with markupsafe.
A relation without a source is never drawn (the validator says so: V001), nor listed;
one whose sources are all 'low' is drawn dashed and marked "niet bevestigd".
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ..data.model import (
    Chain,
    ChainActor,
    ChainRelation,
    ChainStage,
    ChainVersion,
    ClaimSource,
    Organisation,
)

UNCONFIRMED = "niet bevestigd"
WIDTH = 360
BOX_X, BOX_W = 8, 344
PAD = 10
ARROW_X = 40  # the arrows run down the left of the column; their labels stand beside
# At the sizes of portal.css (15 px names, 14 px text, 17 px stage titles), a line of a
# box holds about 40 characters; these leave room for wide letters.
NAME_CHARS, ROLE_CHARS, LABEL_CHARS, STAGE_CHARS = 30, 37, 33, 43
NAME_LINE, ROLE_LINE, LABEL_LINE, STAGE_LINE = 19, 18, 18, 18


def confirmed(source: ClaimSource) -> bool:
    """A source the site may state as fact (not 'low': old, undated, second-hand)."""
    return source.confidence != "low"


@dataclass(frozen=True)
class ChainStep:
    """One relation as it is drawn and listed: with its two links resolved."""

    relation: ChainRelation
    start: ChainActor
    end: ChainActor

    @property
    def source(self) -> ClaimSource:
        assert self.relation.source is not None  # steps are made only with a source
        return self.relation.source

    @property
    def confirmed(self) -> bool:
        return confirmed(self.source)


def in_version(versions: tuple[str, ...], version: ChainVersion) -> bool:
    return not versions or version.id in versions


def chain_steps(chain: Chain, version: ChainVersion) -> list[tuple[ChainStage, list[ChainStep]]]:
    """The stages in order, each with the relations drawn in `version`: only those with a
    source, whose two links take part in this region."""
    actors = {a.id: a for a in chain.actors if in_version(a.versions, version)}
    out = []
    for stage in chain.stages:
        steps = [ChainStep(r, actors[r.from_], actors[r.to]) for r in chain.relations
                 if r.stage == stage.id and r.source is not None
                 and in_version(r.versions, version) and r.from_ in actors and r.to in actors]
        out.append((stage, steps))
    return out


def actor_name(actor: ChainActor, organisations: Mapping[str, Organisation]) -> str:
    """The name shown: the link's own name, else its organisation's."""
    if actor.name:
        return actor.name
    org = organisations.get(actor.organisation or "")
    return org.name if org else str(actor.organisation)


def actor_role(actor: ChainActor) -> str:
    """The task, marked when its only source is weak."""
    if confirmed(actor.source):
        return actor.role
    return f"{actor.role.rstrip('.')} ({UNCONFIRMED})."


def relation_label(step: ChainStep) -> str:
    label = step.relation.label
    return label if step.confirmed else f"{label} ({UNCONFIRMED})"


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _text(x: int, y: int, lines: list[str], line: int, cls: str) -> Markup:
    """<text> with one <tspan> per line; every line escaped."""
    spans = Markup("").join(
        Markup('<tspan x="{}" dy="{}">{}</tspan>').format(x, 0 if i == 0 else line, t)
        for i, t in enumerate(lines))
    return Markup('<text class="{}" x="{}" y="{}" fill="currentColor">{}</text>').format(
        cls, x, y, spans)


class _Canvas:
    """The parts of one map, top to bottom, and how far down it has come."""

    def __init__(self) -> None:
        self.parts: list[Markup] = []
        self.y = 8

    def stage(self, number: int, stage: ChainStage) -> None:
        title = _lines(f"{number}. {stage.title}", STAGE_CHARS - 15)
        text = _lines(stage.text, STAGE_CHARS)
        top = self.y
        height = 10 + len(title) * 21 + len(text) * STAGE_LINE
        self.parts.append(Markup(
            '<g class="portal-chain__stage"><rect class="portal-chain__band" x="0" y="{}" '
            'width="4" height="{}" fill="currentColor"/>').format(top, height - 4))
        self.parts.append(_text(12, top + 16, title, 21, "portal-chain__stage-title"))
        self.parts.append(_text(12, top + 16 + len(title) * 21, text, STAGE_LINE,
                                "portal-chain__stage-text"))
        self.parts.append(Markup("</g>"))
        self.y = top + height + 6

    def box(self, actor: ChainActor, name: str, role: str | None) -> None:
        names = _lines(name, NAME_CHARS)
        roles = _lines(role, ROLE_CHARS) if role else []
        height = PAD * 2 + len(names) * NAME_LINE + len(roles) * ROLE_LINE - 4
        self.parts.append(Markup(
            '<g class="portal-chain__node" data-actor="{}"><rect class="portal-chain__box" '
            'x="{}" y="{}" width="{}" height="{}" rx="6" fill="none" stroke="currentColor"/>'
        ).format(actor.id, BOX_X, self.y, BOX_W, height))
        first = self.y + PAD + 14
        self.parts.append(_text(BOX_X + PAD, first, names, NAME_LINE, "portal-chain__name"))
        if roles:
            self.parts.append(_text(BOX_X + PAD, first + len(names) * NAME_LINE, roles,
                                    ROLE_LINE, "portal-chain__role"))
        self.parts.append(Markup("</g>"))
        self.y += height

    def arrow(self, step: ChainStep) -> None:
        labels = _lines(relation_label(step), LABEL_CHARS)
        height = max(34, len(labels) * LABEL_LINE + 16)
        top, bottom = self.y, self.y + height
        dashed = Markup(' stroke-dasharray="5 4"') if not step.confirmed else Markup("")
        cls = "portal-chain__edge" + ("" if step.confirmed else " portal-chain__edge--unconfirmed")
        self.parts.append(Markup(
            '<g class="{}" data-from="{}" data-to="{}">'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="2"{}/>'
            '<polygon points="{},{} {},{} {},{}" fill="currentColor"/>').format(
                cls, step.start.id, step.end.id, ARROW_X, top, ARROW_X, bottom - 7, dashed,
                ARROW_X - 6, bottom - 8, ARROW_X + 6, bottom - 8, ARROW_X, bottom))
        first = top + (height - len(labels) * LABEL_LINE) // 2 + 12
        self.parts.append(_text(ARROW_X + 14, first, labels, LABEL_LINE, "portal-chain__label"))
        self.parts.append(Markup("</g>"))
        self.y = bottom


def _box(canvas: _Canvas, actor: ChainActor, shown_roles: set[str],
         organisations: Mapping[str, Organisation]) -> None:
    """A link's box: with its task the first time on this map, its name only after."""
    role = None if actor.id in shown_roles else actor_role(actor)
    shown_roles.add(actor.id)
    canvas.box(actor, actor_name(actor, organisations), role)


def render_chain_svg(chain: Chain, version: ChainVersion,
                     organisations: Mapping[str, Organisation]) -> Markup:
    """The map of `version` as one <svg> element (no blank line inside, so Markdown
    leaves it whole), with <title> and <desc> named by aria-labelledby."""
    canvas = _Canvas()
    shown_roles: set[str] = set()
    count = 0
    for number, (stage, steps) in enumerate(chain_steps(chain, version), start=1):
        canvas.stage(number, stage)
        last = None
        for step in steps:
            if last != step.start.id:
                if last is not None:
                    canvas.y += 14  # a new start: a gap, so it does not look joined on
                _box(canvas, step.start, shown_roles, organisations)
            canvas.arrow(step)
            _box(canvas, step.end, shown_roles, organisations)
            last = step.end.id
            count += 1
        canvas.y += 12
    key = f"keten-{version.id}"
    title = f"Wie doet wat in de keten: {version.name}"
    desc = (f"Stroomschema in {len(chain.stages)} fasen, van signaal tot terugkoppeling, "
            f"met {count} verbanden. Dezelfde inhoud staat als lijst onder de kaart.")
    head = Markup(
        '<svg class="portal-chain" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-labelledby="{k}-title {k}-desc">'
        '<title id="{k}-title">{t}</title><desc id="{k}-desc">{d}</desc>').format(
            w=WIDTH, h=canvas.y, k=key, t=title, d=desc)
    return head + Markup("").join(canvas.parts) + Markup("</svg>")

