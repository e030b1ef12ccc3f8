"""The Wegwijzer's questions as typed records, read from data/wegwijzer.yml (declared in
portal/schemas/wegwijzer.schema.json): per audience, what a person may need now, in the
order asked, with the first answer and what comes after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Step, in_language


@dataclass(frozen=True)
class Answer(Step):
    """One thing to do: a contact (an organisation's or a role's channel, as in a route's
    step) or a page to read."""

    page: str | None = None  # docs-relative, e.g. "youth/als-je-belt.md"
    do_en: str | None = None  # the English Wegwijzer's (x-english of `do`)


@dataclass(frozen=True)
class Need:
    audience: str
    urgency: str
    choice: str
    title: str
    first: Answer
    then: tuple[Answer, ...] = ()
    routes: tuple[str, ...] = ()  # route ids shown before the others of this urgency
    choice_en: str | None = None
    title_en: str | None = None


@dataclass(frozen=True)
class AudienceNeeds:
    audience: str
    choice: str
    question: str
    place: str  # the question for the municipality, asked only where answers differ
    needs: tuple[Need, ...]
    choice_en: str | None = None
    question_en: str | None = None
    place_en: str | None = None


@dataclass(frozen=True)
class Wegwijzer:
    audiences: tuple[AudienceNeeds, ...]
    file: Path | None = None


def answer_from_yaml(raw: dict) -> Answer:
    return Answer(raw["do"], raw.get("organisation"), raw.get("role"), raw.get("channel"),
                  raw.get("page"), raw.get("do_en"))


def build_wegwijzer(data: dict, file: Path | None = None) -> Wegwijzer:
    """Typed records from a wegwijzer.yml that validated without errors."""
    audiences = []
    for raw in data["audiences"]:
        needs = tuple(
            Need(raw["audience"], n["urgency"], n["choice"], n["title"],
                 answer_from_yaml(n["first"]),
                 tuple(answer_from_yaml(a) for a in n.get("then", ())),
                 tuple(n.get("routes", ())),
                 n.get("choice_en"), n.get("title_en"))
            for n in raw["needs"])
        audiences.append(AudienceNeeds(raw["audience"], raw["choice"], raw["question"],
                                       raw["place"], needs, raw.get("choice_en"),
                                       raw.get("question_en"), raw.get("place_en")))
    return Wegwijzer(tuple(audiences), file)



# Where each record is in the schema (not model.RECORD_SCHEMAS: these records are built
# by hand above, and a need carries its audience, which its YAML block does not).
_SCHEMA_PATHS: dict[type, tuple[str, tuple[str, ...]]] = {
    AudienceNeeds: ("wegwijzer.schema.json", ("audiences", "*")),
    Need: ("wegwijzer.schema.json", ("audiences", "*", "needs", "*")),
    Answer: ("wegwijzer.schema.json", ("audiences", "*", "needs", "*", "first")),
}


def wegwijzer_text(record: AudienceNeeds | Need | Answer, attribute: str,
                   language: str) -> str | None:
    """A text of the Wegwijzer in `language` (English: its x-english sibling)."""
    return in_language(record, attribute, language, _SCHEMA_PATHS[type(record)])
