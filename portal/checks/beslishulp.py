"""Check data/beslishulp.yml (the professionals' decision aid): ids once, every 'yes' and
'no' leads to a question or an outcome that exists, the questions lead to an outcome on
every path (no loop), every question and outcome can be reached from the first question,
every source named exists, and every contact (the advice above the questions too) names
an organisation, role, channel or page that exists (as in the Wegwijzer).
"""

from __future__ import annotations

from pathlib import Path

from ..data.load import DataTree
from ..messages import Problem
from .wegwijzer import check_answer, dict_items


def check_beslishulp(tree: DataTree, docs_dir: Path | None = None) -> list[Problem]:
    doc = tree.beslishulp
    if doc is None:
        return []  # optional, or unreadable: reported already
    problems: list[Problem] = []
    sources = doc.data.get("sources") if isinstance(doc.data.get("sources"), dict) else {}
    questions: dict[str, tuple[int, dict]] = {}
    outcomes: dict[str, tuple[int, dict]] = {}
    for kind, found in (("questions", questions), ("outcomes", outcomes)):
        for i, block in dict_items(doc.data.get(kind)):
            bid = block.get("id")
            if bid in questions or bid in outcomes:
                problems.append(doc.problem((kind, i, "id"), "I002",
                                            f"Id '{bid}' staat twee keer in de beslishulp."))
                continue
            found[bid] = (i, block)
            for k, sid in enumerate(block.get("sources") or []):
                if sid not in sources:
                    problems.append(doc.problem((kind, i, "sources", k), "K004",
                                                f"Bron '{sid}' staat niet onder 'sources'."))
    if isinstance(doc.data.get("advice"), dict):
        problems += check_answer(doc, ("advice",), doc.data["advice"], tree, "Het advies",
                                  docs_dir)
    for k, answer in dict_items(doc.data.get("read")):
        problems += check_answer(doc, ("read", k), answer, tree, f"Pagina {k + 1}", docs_dir)
    for i, outcome in outcomes.values():
        if isinstance(outcome.get("first"), dict):
            problems += check_answer(doc, ("outcomes", i, "first"), outcome["first"], tree,
                                      "De eerste stap", docs_dir)
        for k, answer in dict_items(outcome.get("then")):
            problems += check_answer(doc, ("outcomes", i, "then", k), answer, tree,
                                      f"Stap {k + 2}", docs_dir)
    for i, question in questions.values():
        for key in ("yes", "no"):
            target = question.get(key)
            if isinstance(target, str) and target not in questions and target not in outcomes:
                problems.append(doc.problem(("questions", i, key), "J001",
                                            f"'{key}: {target}' is geen vraag of uitkomst "
                                            "in de beslishulp."))
    if problems or not questions:
        return problems  # the paths below need every target to exist
    return problems + _check_paths(doc, questions, outcomes)


def _check_paths(doc, questions: dict, outcomes: dict) -> list[Problem]:
    """Walk from the first question: a question met again on its own path is a loop
    (J002); a question or outcome never met cannot be reached (J003)."""
    problems: list[Problem] = []
    reached: set[str] = set()

    def walk(qid: str, path: tuple[str, ...]) -> None:
        reached.add(qid)
        if qid in outcomes:
            return
        i, question = questions[qid]
        for key in ("yes", "no"):
            target = question.get(key)
            if target in path or target == qid:
                problems.append(doc.problem(("questions", i, key), "J002",
                                            f"'{key}: {target}' gaat terug naar een vraag "
                                            "die al gesteld is."))
                continue
            walk(target, (*path, qid))

    walk(next(iter(questions)), ())
    if problems:
        return problems  # what a loop cuts off is not reported again
    for kind, found in (("questions", questions), ("outcomes", outcomes)):
        for bid, (i, _) in found.items():
            if bid not in reached:
                problems.append(doc.problem((kind, i, "id"), "J003",
                                            f"'{bid}' is vanaf de eerste vraag niet te "
                                            "bereiken."))
    return problems
