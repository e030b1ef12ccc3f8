"""Which files may live under docs/: the trust boundary of a pull request.

Everything under docs/ is published as it is. A pull request (from the web editor, a stolen
account or a stranger's fork) may therefore add only Markdown pages and a short list of
image and PDF types, whose first bytes must match their name: an SVG or HTML file can carry
script that runs on the site's own origin, and a file named .png that is really HTML is the
same risk on a server that sniffs. The site's own scripts and stylesheets sit directly in
docs/assets/, which .github/CODEOWNERS gives to the maintainers; a .js or .css file
anywhere else is refused. Symlinks are refused and never followed (MkDocs would publish
whatever they point at, also outside the repository). Every finding is at line 1 of the
file (codes G001-G008, portal/messages.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..data.markdown import PAGE_SUFFIX
from ..messages import Problem, display_path

# Types an editor may add anywhere under docs/, with the first bytes their content must
# start with (Pillow or a PDF reader would say the same; these few bytes are enough).
MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and "WEBP" at byte 8, checked below
    ".pdf": (b"%PDF-",),
}
PAGES = (PAGE_SUFFIX,)  # exactly as written: MkDocs would publish "X.MD" unread
# The project's own front-end files: only directly in docs/assets/ (maintainers only).
CODE = (".js", ".css")
CODE_DIR = "assets"
SVG = (".svg", ".svgz")
HTML = (".html", ".htm", ".xhtml", ".shtml", ".xht")
MAX_BYTES = 5 * 1024 * 1024  # an image or PDF for a web page; larger ones are a mistake
# ASCII letters, digits, '-', '_' and '.': a name that reads the same in every link,
# shell and file system, with no look-alike or direction-changing characters.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
ALLOWED = ", ".join([*PAGES, *MAGIC])


def check_docs_files(docs_dir: Path) -> list[Problem]:
    """One problem for every file or symlink under docs_dir that may not be published."""
    problems: list[Problem] = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                problems.append(_problem(here / name, "G004", "Dit is een symbolische link "
                                         "naar een map; links worden niet gevolgd."))
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        for name in sorted(files):
            problem = check_docs_file(here / name, docs_dir)
            if problem is not None:
                problems.append(problem)
    return problems


def check_docs_file(path: Path, docs_dir: Path) -> Problem | None:
    """Why `path` (a file under docs_dir) may not be published, or None."""
    if path.is_symlink():
        return _problem(path, "G004", "Dit is een symbolische link; links worden niet gevolgd.")
    rel = path.relative_to(docs_dir)
    suffix = path.suffix.lower()
    if any(s in SVG for s in _suffixes(path.name)):
        return _problem(path, "G005", "Een SVG-bestand kan scripts bevatten.")
    if any(s in HTML for s in _suffixes(path.name)):
        return _problem(path, "G006", "Een HTML-bestand kan scripts bevatten.")
    if suffix in CODE:
        if rel.parent != Path(CODE_DIR):
            return _problem(path, "G002", f"'{suffix}' mag alleen direct in docs/{CODE_DIR}/ "
                                          "staan.")
        return _name_problem(path)
    if path.suffix not in PAGES and suffix not in MAGIC:
        kind = f"'{path.suffix}'" if suffix else "een bestand zonder extensie"
        return _problem(path, "G001", f"{kind} is niet toegestaan in docs/; toegestaan: "
                                      f"{ALLOWED}.")
    name = _name_problem(path)
    if name is not None:
        return name
    if suffix in MAGIC:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _problem(path, "G007", f"Het bestand is {size / 1024 / 1024:.1f} MB; "
                                          f"het mag hoogstens {MAX_BYTES // 1024 // 1024} MB zijn.")
        with path.open("rb") as handle:
            head = handle.read(16)
        if not _matches(suffix, head):
            return _problem(path, "G003", f"De inhoud is geen {suffix[1:].upper()}-bestand, "
                                          "al zegt de naam dat wel.")
    return None


def _suffixes(name: str) -> list[str]:
    """Every extension in a name, lower-case ('foto.png.html' -> ['.png', '.html'])."""
    return [f".{part.lower()}" for part in name.split(".")[1:]]


def _matches(suffix: str, head: bytes) -> bool:
    if not head.startswith(MAGIC[suffix]):
        return False
    return suffix != ".webp" or head[8:12] == b"WEBP"


def _name_problem(path: Path) -> Problem | None:
    if NAME.fullmatch(path.name):
        return None
    return _problem(path, "G008", f"De naam {ascii(path.name)} mag alleen letters zonder "
                                  "accent, cijfers, '-', '_' en '.' bevatten.")


def _problem(path: Path, code: str, detail: str) -> Problem:
    return Problem(display_path(path), 1, 1, code, detail)
