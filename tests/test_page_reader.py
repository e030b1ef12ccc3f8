"""The one Markdown page reader (portal/data/markdown.py): front matter and body as
MkDocs reads them, whatever line breaks or BOM the file was saved with; lines, fences
and code spans as every page check sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.data.markdown import (
    blank_code_spans,
    parse_markdown,
    read_markdown,
    read_markdown_tree,
    split_lines,
)
from portal.data.yamlsource import YamlError

PAGE = "---\ntitle: T\naudience: youth\n---\n# Kop\n\nTekst.\n"

# (id, text as saved, bom, meta, body_line, kinds of the lines)
READ = [
    ("lf", PAGE, False, {"title": "T", "audience": "youth"}, 5, "FFFFTTT"),
    ("crlf", PAGE.replace("\n", "\r\n"), False, {"title": "T", "audience": "youth"}, 5,
     "FFFFTTT"),
    ("cr", PAGE.replace("\n", "\r"), False, {"title": "T", "audience": "youth"}, 5, "FFFFTTT"),
    ("bom", "\ufeff" + PAGE, True, {"title": "T", "audience": "youth"}, 5, "FFFFTTT"),
    ("bom-crlf", "\ufeff" + PAGE.replace("\n", "\r\n"), True,
     {"title": "T", "audience": "youth"}, 5, "FFFFTTT"),
    ("dots-close", "---\ntitle: T\n...\nTekst.\n", False, {"title": "T"}, 4, "FFFT"),
    ("spaces-after-dashes", "--- \ntitle: T\n---\t\nTekst.\n", False, {"title": "T"}, 4,
     "FFFT"),
    ("no-front-matter", "# Kop\n---\n", False, {}, 1, "TT"),
    ("not-on-line-one", "\n---\ntitle: T\n---\n", False, {}, 1, "TTTT"),
    ("never-closed", "---\ntitle: T\nTekst.\n", False, {}, 1, "TTT"),
    ("not-a-mapping", "---\n- a\n---\nTekst.\n", False, {}, 4, "FFFT"),
    ("yaml-error", "---\ntitle: [\n---\nTekst.\n", False, {}, 4, "FFFT"),
    ("date-stays-text", "---\nlast_reviewed: 2026-02-30\n---\n", False,
     {"last_reviewed": "2026-02-30"}, 4, "FFF"),
    ("no-final-newline", "---\ntitle: T\n---", False, {"title": "T"}, 4, "FFF"),
    ("fence", "Tekst.\n```md\n[[a]]\n```\nTekst.\n", False, {}, 1, "TBCBT"),
    ("tilde-fence", "~~~\n```\n~~~\n", False, {}, 1, "BCB"),
    ("longer-fence", "````\n```\n````\n", False, {}, 1, "BCB"),
    ("close-needs-no-info", "```\n```python\n```\n", False, {}, 1, "BCB"),
    ("indented-fence", "!!! note\n    ```\n    code\n    ```\n", False, {}, 1, "TBCB"),
    ("unclosed-fence", "```\ncode\n", False, {}, 1, "BC"),
]
KINDS = {"F": "front", "T": "text", "B": "fence", "C": "code"}


@pytest.mark.parametrize(("text", "bom", "meta", "body_line", "kinds"),
                         [r[1:] for r in READ], ids=[r[0] for r in READ])
def test_read(text: str, bom: bool, meta: dict, body_line: int, kinds: str) -> None:
    page = parse_markdown(text)
    assert (page.bom, page.meta, page.body_line) == (bom, meta, body_line)
    assert [line.kind for line in page.lines] == [KINDS[k] for k in kinds]
    assert [line.number for line in page.lines] == list(range(1, len(kinds) + 1))
    assert "\r" not in page.text and "\ufeff" not in page.text


def test_front_matter_positions_are_the_files() -> None:
    page = parse_markdown("\ufeff---\r\ntitle: T\r\nowner: x\r\n---\r\n")
    doc = page.front_matter()
    assert doc is not None and doc.positions.of(("owner",))[0] + 1 == 3  # line 3 of the file
    with pytest.raises(YamlError):
        parse_markdown("---\ntitle: [\n---\n").front_matter()


@pytest.mark.parametrize(("line", "blanked"), [
    ("geen code", "geen code"),
    ("a `[[b]]` c", "a         c"),
    ("a ``x ` y`` c", "a           c"),
    ("a `open", "a `open"),  # never closed: not a code span
    ("``", "``"),
    ("`a` en `b`", "        "[:3] + " en " + "   "),
])
def test_blank_code_spans(line: str, blanked: str) -> None:
    assert blank_code_spans(line) == blanked
    assert len(blank_code_spans(line)) == len(line)


def test_prose_leaves_out_front_matter_code_and_code_spans() -> None:
    page = parse_markdown("---\nt: '[[a]]'\n---\nTekst `[[b]]`\n```\n[[c]]\n```\n[[d]]\n")
    assert [(line.number, line.text.strip()) for line in page.prose()] == \
        [(4, "Tekst"), (8, "[[d]]")]


@pytest.mark.parametrize(("text", "lines"), [
    ("", []),
    ("a", ["a"]),
    ("a\n", ["a"]),
    ("a\r\nb\rc\n\nd", ["a", "b", "c", "", "d"]),
    ("a\u2028b\x0cc", ["a\u2028b\x0cc"]),  # not line breaks to Markdown (str.splitlines)
])
def test_split_lines(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines
    assert "".join(split_lines(text, keepends=True)) == text


def test_files_are_read_as_data_files_are(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n")
    (tmp_path / "b.md").write_bytes(b"caf\xe9\n")  # Latin-1: not read, reported by Y005
    (tmp_path / "c.md").symlink_to(tmp_path / "a.md")  # never followed (G004)
    assert read_markdown(tmp_path / "a.md").meta == {"title": "A"}
    with pytest.raises(YamlError):
        read_markdown(tmp_path / "c.md")
    assert [page.path.name for page in read_markdown_tree(tmp_path)] == ["a.md"]
