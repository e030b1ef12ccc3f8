"""The professionals' decision aid as typed records, read from data/beslishulp.yml
(declared in portal/schemas/beslishulp.schema.json): the questions of the Meldcode's
afwegingskader as yes/no questions, each pointing to the next question or to an outcome,
and the outcomes with whom to call or e-mail (answers as in the Wegwijzer).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import ClaimSource, load_record
from .wegwijzer import Answer, answer_from_yaml


@dataclass(frozen=True)
class Question:
    id: str
    step: str  # the Meldcode's step (the afwegingskader: 4 and 5)
    ask: str
    sources: tuple[str, ...]
    yes: str  # the id of the next question or of an outcome
    no: str
    explain: str | None = None


@dataclass(frozen=True)
class Outcome:
    id: str
    action: str  # melden, hulp or afsluiten
    title: str
    text: str
    sources: tuple[str, ...]
    first: Answer
    then: tuple[Answer, ...] = ()


@dataclass(frozen=True)
class Beslishulp:
    sources: dict[str, ClaimSource]
    advice: Answer  # above the questions: whom to call when in doubt
    place: str  # the question for the municipality, where an outcome's contact differs
    before: str  # what comes before the questions: the Meldcode's steps 1 to 3
    questions: tuple[Question, ...]
    outcomes: dict[str, Outcome]
    read: tuple[Answer, ...] = ()  # pages to read on, below the questions
    file: Path | None = None

    @property
    def start(self) -> Question:
        return self.questions[0]

    def next(self, question: Question, answer: bool) -> Question | Outcome:
        target = question.yes if answer else question.no
        return self.outcomes.get(target) or next(q for q in self.questions if q.id == target)

    def paths(self) -> list[tuple[tuple[bool, ...], Outcome]]:
        """Every path from the first question to an outcome: (answers, outcome). The
        validator (portal/checks/beslishulp.py) has made sure the questions end."""
        found = []

        def walk(node: Question | Outcome, answers: tuple[bool, ...]) -> None:
            if isinstance(node, Outcome):
                found.append((answers, node))
                return
            for answer in (True, False):
                walk(self.next(node, answer), (*answers, answer))

        walk(self.start, ())
        return found


def build_beslishulp(data: dict, file: Path | None = None) -> Beslishulp:
    """Typed records from a beslishulp.yml that validated without errors."""
    questions = tuple(Question(q["id"], q["step"], q["ask"], tuple(q["sources"]), q["yes"],
                               q["no"], q.get("explain")) for q in data["questions"])
    outcomes = {o["id"]: Outcome(o["id"], o["action"], o["title"], o["text"],
                                 tuple(o["sources"]), answer_from_yaml(o["first"]),
                                 tuple(answer_from_yaml(a) for a in o.get("then", ())))
                for o in data["outcomes"]}
    sources = {sid: load_record(ClaimSource, raw) for sid, raw in data["sources"].items()}
    return Beslishulp(sources, answer_from_yaml(data["advice"]), data["place"], data["before"],
                      questions, outcomes,
                      tuple(answer_from_yaml(a) for a in data.get("read", ())), file)
