"""The plain-Dutch (B1) check: Markdown read as plain sentences with their lines, the
Flesch-Douma score, and T001-T003 on youth and parent pages only."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.checks.readability import (
    B1,
    check_page,
    check_readability_tree,
    douma,
    measure,
    measure_tree,
    sentences,
    split_sentences,
    strip_inline,
    syllables,
)
from portal.checks.validate import validate_tree
from portal.cli import main

from .conftest import ROOT, TODAY

YOUTH = "---\ntitle: Test\naudience: youth\n---\n\n# Test\n\n"  # the body starts on line 8
# A page with the whole front matter `portal validate` asks for; the body starts on line 11.
FULL = YOUTH.replace("audience: youth\n", "description: Een testpagina.\naudience: youth\n"
                     "owner: Meldpunt Aanpak Loverboys Limburg - redactie\n"
                     "last_reviewed: 2026-11-01\n")
LONG = ("Je staat er niet alleen voor, want er zijn veel mensen die je willen helpen en die je "
        "graag een keer willen spreken als jij dat wil.")  # 27 words
HARD = ("De gemeentelijke jeugdgezondheidszorg coördineert multidisciplinaire "
        "risicotaxaties. Ketenpartners registreren signaleringsinformatie "
        "overeenkomstig de meldcode. Professionele hulpverleners evalueren de "
        "veiligheidssituatie periodiek.")

SPLIT = [
    ("one", "Bel dan meteen.", ["Bel dan meteen."]),
    ("three-marks", "Is het erg? Nee! Praat erover.", ["Is het erg?", "Nee!", "Praat erover."]),
    ("no-final-stop", "Bel gratis: hulp", ["Bel gratis: hulp"]),
    ("abbreviation", "Vraag hulp, bijv. Veilig Thuis. Dat kan.",
     ["Vraag hulp, bijv. Veilig Thuis.", "Dat kan."]),
    ("lowercase-after-stop", "Dat gebeurt sinds 2019. daarna niet.",
     ["Dat gebeurt sinds 2019. daarna niet."]),
    ("quoted", '"Ik weet het niet. Maar ik voel me niet goed." Zeg dat.',
     ['"Ik weet het niet.', 'Maar ik voel me niet goed."', "Zeg dat."]),
    ("ellipsis", "Misschien… Of toch niet.", ["Misschien…", "Of toch niet."]),
    ("decimal-and-time", "Bel om 9.00 uur. Of later.", ["Bel om 9.00 uur.", "Of later."]),
    ("empty", "   ", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SPLIT], ids=[c[0] for c in SPLIT])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


STRIP = [
    ("link-keeps-text", "Lees [wat je kunt doen](wat-kun-je-doen.md).", "Lees wat je kunt doen."),
    ("reference-link", "Zie [de hulp][hulp] hier.", "Zie de hulp hier."),
    ("contact-reference", "Bel gratis: [[veilig-thuis/telefoon]]", "Bel gratis: hulp"),
    ("organisation-reference", "Meer over [[helpwanted]].", "Meer over hulp."),
    ("bold-and-italic", "**De politie.** Een _snelle_ *melding*.",
     "De politie. Een snelle melding."),
    ("inline-code", "Typ `[[org/kanaal]]` in de tekst.", "Typ in de tekst."),
    ("image", "![Logo](logo.png) Welkom.", "Welkom."),
    ("bare-url", "Bron: https://example.nl/2021/02/11/ hier.", "Bron: hier."),
    ("autolink", "Zie <https://example.nl>.", "Zie ."),
    ("html", 'Een <abbr title="x">zin</abbr><br>hier.', "Een zin hier."),
    ("entity", "Jij&nbsp;&amp; ik.", "Jij & ik."),
    ("html-quoted-gt", "Een <span title='a > b'>zin</span>.", "Een zin."),  # the one scanner
    ("html-unquoted", "Een <span class=x>zin</span>.", "Een zin."),
    ("less-than", "Als 3 < 5 is.", "Als 3 < 5 is."),
    ("comment", "Tekst <!-- notitie --> verder.", "Tekst verder."),
    ("attr-list", "Snel weg {: .knop }", "Snel weg"),
]


@pytest.mark.parametrize(("markdown", "plain"), [c[1:] for c in STRIP], ids=[c[0] for c in STRIP])
def test_strip_inline(markdown: str, plain: str) -> None:
    assert strip_inline(markdown) == plain


PAGE = """---
title: Pagina
audience: youth
---

# Kop van de pagina

Eerste zin. Tweede zin loopt
door op de volgende regel. Derde zin.

## Tussenkop

- Een punt in een lijst
- Een punt met [een link](x.md). En nog een zin.
    - Een genest punt: [[veilig-thuis/telefoon]]

```
Code is geen zin. Nooit.
```

| Tabel | Rij |
|---|---|
| geen | zin |

!!! note "Let op"

    Tekst in een blok telt wel.

<!-- Een opmerking
over twee regels. -->
Kop in andere stijl
-------------------

Term
:   Uitleg bij de term.

> Een citaat telt ook.
"""

EXPECTED = [
    (8, "Eerste zin."),
    (8, "Tweede zin loopt door op de volgende regel."),
    (9, "Derde zin."),
    (13, "Een punt in een lijst"),
    (14, "Een punt met een link."),
    (14, "En nog een zin."),
    (15, "Een genest punt: hulp"),
    (27, "Tekst in een blok telt wel."),
    (35, "Uitleg bij de term."),
    (37, "Een citaat telt ook."),
]


def test_sentences_have_the_line_they_start_on() -> None:
    found, heading = sentences(PAGE)
    assert [(s.line, s.text) for s in found] == EXPECTED
    assert heading == 6
    assert [s.words for s in found][:3] == [2, 8, 2]


def test_syllables_are_dutch() -> None:
    assert [syllables(w) for w in ("kat", "lopen", "organisaties", "2019")] == [1, 2, 5, 1]


def test_douma_of_known_text() -> None:
    # "De kat zit op de mat.": 6 words, 6 syllables, 1 sentence.
    assert douma(6, 1, 6) == pytest.approx(206.84 - 77 - 0.93 * 6)
    report = measure(YOUTH + "De kat zit op de mat.\n", "x.md")
    assert (report.words, report.syllables, len(report.sentences)) == (6, 6, 1)
    assert report.douma == pytest.approx(124.26)


def test_textstat_dutch_mode_is_flesch_douma() -> None:
    """textstat's "nl" constants are Douma's; on text where both split alike (full stops,
    no sentence of two words or fewer) textstat gives our score."""
    import textstat

    text = ("Een loverboy doet alsof hij je vriendje is. Hij zegt dat hij van je houdt. "
            "Maar eigenlijk wil hij geld verdienen aan de slachtoffers.")
    report = measure(YOUTH + text + "\n", "x.md")
    textstat.set_lang("nl")
    assert textstat.flesch_reading_ease(text) == pytest.approx(report.douma, abs=0.02)


def _page(tree: Path, name: str, body: str, audience: str = "youth") -> Path:
    path = tree / "docs" / name
    path.write_text(YOUTH.replace("youth", audience) + body, encoding="utf-8")
    return path


def test_too_long_sentence_gives_t001_with_file_and_line(fixture_tree: Path, monkeypatch,
                                                         capsys) -> None:
    monkeypatch.chdir(fixture_tree)
    (fixture_tree / "docs" / "lang.md").write_text(
        FULL + f"Een korte zin. Nog een.\nHier komt het. {LONG}\n", encoding="utf-8")
    problems = validate_tree(fixture_tree / "data", today=TODAY,
                             docs_dir=fixture_tree / "docs")[1]
    assert [(p.code, p.path, p.line) for p in problems] == [("T001", "docs/lang.md", 12)]
    assert "Zin van 27 woorden (meer dan 20): 'Je staat er niet alleen voor" in \
        problems[0].detail
    assert len(problems[0].detail) < 140  # the sentence is quoted shortened
    assert main(["validate", "--today", "2026-11-29"]) == 0
    assert main(["validate", "--today", "2026-11-29", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "docs/lang.md:12:1: T001 waarschuwing: Zin van 27 woorden" in out


@pytest.mark.parametrize(("saved", "codes"), [
    ("crlf", []),  # Windows line breaks: a page like any other
    ("cr", []),  # old Mac line breaks
    ("bom", ["Y006"]),  # the BOM itself is refused, and the text is still read
    ("bom-crlf", ["Y006"]),
])
def test_a_page_saved_with_crlf_or_a_bom_gets_the_plain_dutch_check(
        fixture_tree: Path, monkeypatch, saved: str, codes: list[str]) -> None:
    """Issue 14: the check read such a page's front matter as missing and skipped it."""
    monkeypatch.chdir(fixture_tree)
    text = FULL + f"Een korte zin. Nog een.\nHier komt het. {LONG}\n"
    if "crlf" in saved:
        text = text.replace("\n", "\r\n")
    if saved == "cr":
        text = text.replace("\n", "\r")
    data = ("\ufeff" if "bom" in saved else "") + text
    (fixture_tree / "docs" / "lang.md").write_bytes(data.encode("utf-8"))
    problems = validate_tree(fixture_tree / "data", today=TODAY,
                             docs_dir=fixture_tree / "docs")[1]
    assert [(p.code, p.path, p.line) for p in problems] == \
        [(code, "docs/lang.md", 1) for code in codes] + [("T001", "docs/lang.md", 12)]
    assert "docs/lang.md" in [r.path for r in measure_tree(fixture_tree / "docs")]


def test_hard_text_gives_t002(fixture_tree: Path) -> None:
    _page(fixture_tree, "moeilijk.md", HARD + "\n")
    problems = check_readability_tree(fixture_tree / "docs")
    assert "T002" in {p.code for p in problems}
    t002 = next(p for p in problems if p.code == "T002")
    assert t002.line == 6 and "Flesch-Douma" in t002.detail and "regel 8" in t002.detail


def test_long_words_give_t003(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(YOUTH + "Hulpverleners en jongerenwerkers helpen je. "
                                   "Bel ze gerust. Ze zijn er voor jou.\n", encoding="utf-8")
    problems = check_readability_tree(tmp_path)
    assert [p.code for p in problems] == ["T003"]
    assert "'Hulpverleners' (regel 8)" in problems[0].detail


@pytest.mark.parametrize("audience", ["professionals", "all", "[professionals]"])
def test_other_audiences_are_not_checked(tmp_path: Path, audience: str) -> None:
    (tmp_path / "p.md").write_text(YOUTH.replace("youth", audience) + f"{HARD} {LONG}\n",
                                   encoding="utf-8")
    (tmp_path / "zonder.md").write_text(f"# Geen front matter\n\n{HARD} {LONG}\n")
    assert check_readability_tree(tmp_path) == []


def test_audience_list_and_translations(tmp_path: Path) -> None:
    body = f"{LONG}\n"
    (tmp_path / "a.md").write_text(YOUTH.replace("youth", "[parents, professionals]") + body)
    (tmp_path / "a.en.md").write_text(YOUTH + body)  # mkdocs-static-i18n: English
    (tmp_path / "b.nl.md").write_text(YOUTH + body)
    assert sorted(r.path.rsplit("/", 1)[-1] for r in measure_tree(tmp_path)) == \
        ["a.md", "b.nl.md"]


def test_shipped_youth_and_parent_pages_are_plain_dutch() -> None:
    reports = measure_tree(ROOT / "docs")
    paths = {Path(r.path).parent.name for r in reports}
    assert {"youth", "parents"} <= paths and len(reports) >= 10
    problems = [p for r in reports for p in check_page(r)]
    assert problems == [], [p.format_text() for p in problems]


def test_cli_report_lists_the_worst_sentence(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    _page(tmp_path, "p.md", f"Een korte zin.\n\nNog een zin. {LONG}\n")
    assert main(["leesbaarheid"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == "docs/p.md: te moeilijk (T001)"
    assert any(line.startswith("  Flesch-Douma ") for line in lines)
    worst = lines.index("  Langste zinnen:") + 1
    assert lines[worst].startswith("    regel 10 (27 woorden, te lang): Je staat er niet")
    assert "1 pagina's voor jongeren en ouders gelezen, 1 te moeilijk" in captured.err


def test_cli_report_on_shipped_docs_passes(monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["leesbaarheid", "--docs", "docs"]) == 0
    assert "docs/youth/index.md: in orde" in capsys.readouterr().out


def test_cli_report_missing_docs_is_wrong_use(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["leesbaarheid", "--docs", "geen"]) == 2
    assert "niet gevonden" in capsys.readouterr().err


def test_guide_states_the_thresholds() -> None:
    guide = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    for phrase in (f"hoogstens {B1.sentence_words} woorden",
                   f"hoogstens {B1.average_words:g} woorden per zin",
                   f"minstens {B1.douma_min:g}", f"Hoogstens {100 * B1.long_share:g} van de 100",
                   f"{B1.long_syllables} of meer lettergrepen",
                   f"{B1.long_letters} of meer letters"):
        assert phrase in guide, phrase
