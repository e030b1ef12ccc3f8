"""The Wegwijzer's questions as typed records, read from data/wegwijzer.yml (declared in
portal/schemas/wegwijzer.schema.json): per audience, what a person may need now, in the
order asked, with the first answer and what comes after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Step


@dataclass(frozen=True)
class Answer(Step):
    """One thing to do: a contact (an organisation's or a role's channel, as in a route's
    step) or a page to read."""

    page: str | None = None  # docs-relative, e.g. "youth/als-je-belt.md"


@dataclass(frozen=True)
class Need:
    audience: str
    urgency: str
    choice: str
    title: str
    first: Answer
    then: tuple[Answer, ...] = ()
    routes: tuple[str, ...] = ()  # route ids shown before the others of this urgency


@dataclass(frozen=True)
class AudienceNeeds:
    audience: str
    choice: str
    question: str
    place: str  # the question for the municipality, asked only where answers differ
    needs: tuple[Need, ...]


@dataclass(frozen=True)
class Wegwijzer:
    audiences: tuple[AudienceNeeds, ...]
    file: Path | None = None


def _answer(raw: dict) -> Answer:
    return Answer(raw["do"], raw.get("organisation"), raw.get("role"), raw.get("channel"),
                  raw.get("page"))


def build_wegwijzer(data: dict, file: Path | None = None) -> Wegwijzer:
    """Typed records from a wegwijzer.yml that validated without errors."""
    audiences = []
    for raw in data["audiences"]:
        needs = tuple(
            Need(raw["audience"], n["urgency"], n["choice"], n["title"], _answer(n["first"]),
                 tuple(_answer(a) for a in n.get("then", ())), tuple(n.get("routes", ())))
            for n in raw["needs"])
        audiences.append(AudienceNeeds(raw["audience"], raw["choice"], raw["question"],
                                       raw["place"], needs))
    return Wegwijzer(tuple(audiences), file)
