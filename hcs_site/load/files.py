"""Reading content files from disk: size, encoding and front matter, each failure a diagnostic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Loc, Severity
from . import no_links
from .characters import FORBIDDEN, describe, forbidden_in
from .yaml_reader import Document, read_yaml

MAX_TEXT_BYTES = 1_000_000
"""A competency area or a course is a few dozen KB; anything near a megabyte is a mistake."""

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


_RESAVE = "save the file as UTF-8 (most editors: 'Save with encoding' > UTF-8)"


def _error(path: str, code: str, message: str, hint: str, line: int = 1, col: int = 1) -> Diagnostic:
    return Diagnostic(Loc(path, line, col), code, Severity.ERROR, message, hint)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: every other byte of ASCII text is NUL."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if even.count(0) > len(even) * 0.3 > odd.count(0):
        return "UTF-16 (big-endian)"
    if odd.count(0) > len(odd) * 0.3 > even.count(0):
        return "UTF-16"
    return None


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 with or without BOM; everything else is named so the author can re-save the file."""
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            return None, [_error(path, "encoding", f"the file is saved as {name}", _RESAVE)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    utf16 = _looks_utf16(data)
    if utf16:
        return None, [_error(path, "encoding", f"the file is saved as {utf16}", _RESAVE)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line_start = before.rfind(b"\n") + 1
        line = before.count(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", "replace")) + 1
        bad = data[exc.start]
        char = bytes([bad]).decode("cp1252", "replace")
        guess = ""
        if char != "\ufffd":
            guess = f"; it looks saved as Latin-1 (Windows-1252), where it is '{char}'"
        return None, [
            _error(
                path,
                "encoding",
                f"the file is not valid UTF-8 (byte 0x{bad:02X}){guess}",
                _RESAVE,
                line,
                col,
            )
        ]
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return None, [
            _error(path, "encoding", "the file contains NUL bytes: it is not a text file", _RESAVE, line, col)
        ]
    # A lone CR (old Mac files, some pasted text) is a line break for editors and for YAML alike.
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def shown_path(rel: str) -> str:
    """`rel` safe to print: a forbidden character in a file name is shown as `<U+XXXX>`, never sent
    to the terminal or the CI log (an escape sequence there could rewrite what the reader sees)."""
    return FORBIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", rel)


def _name_problem(rel: str) -> Diagnostic | None:
    bad = FORBIDDEN.search(rel)
    if bad is None:
        return None
    return _error(shown_path(rel), "invisible-character", f"the file name contains {describe(bad.group())}",
                  "rename the file with letters, digits and '-' only", 0, 0)


def read_text(root: Path, rel: str, limit: int = MAX_TEXT_BYTES) -> tuple[str | None, list[Diagnostic]]:
    """The text of a content file, or why it cannot be used: the one place every file hcs-site
    validates passes through, so size, encoding and forbidden characters are checked here, once."""
    named = _name_problem(rel)
    if named is not None:
        return None, [named]
    try:
        data = no_links.read_bytes(root, rel, limit)  # never through a link: see load/no_links.py
        if len(data) > limit:
            size = max(len(data), (root / rel).lstat().st_size)
            return None, [
                _error(
                    rel,
                    "file-too-large",
                    f"the file is {size:,} bytes; the limit is {limit:,}",
                    "split the content or remove what does not belong in it",
                )
            ]
    except no_links.LinkRefused as refused:
        return None, [_error(rel, "symlink", f"the file is not read: {refused.reason}", no_links.FIX_HINT)]
    except OSError as exc:
        return None, [_error(rel, "unreadable", f"cannot read the file: {exc.strerror}", "check permissions")]
    text, diags = decode(data, rel)
    if text is None:
        return None, diags
    if not text.strip():
        return None, [_error(rel, "empty-file", "the file is empty", "write the content, or delete the file")]
    forbidden = forbidden_in(text, rel)
    if forbidden:
        return None, forbidden
    return text, diags


def mapping_or_problem(doc: Document) -> list[Diagnostic]:
    if isinstance(doc.data, dict):
        return []
    if doc.data is None:
        return [
            Diagnostic(
                doc.loc(),
                "empty-file",
                Severity.ERROR,
                "the file has no fields (only comments or blank lines)",
                "write the content, or delete the file",
            )
        ]
    found = "a list" if isinstance(doc.data, list) else "a single value"
    loc = doc.loc()
    return [
        Diagnostic(
            loc,
            "not-a-mapping",
            Severity.ERROR,
            f"the file must hold a mapping of fields (`key: value` lines), but it holds {found}",
            "start the file with fields such as `id:` and `title:`, without a leading '-'",
        )
    ]


def load_yaml_file(root: Path, rel: str) -> tuple[Document | None, list[Diagnostic]]:
    text, diags = read_text(root, rel)
    if text is None:
        return None, diags
    doc, diags = read_yaml(text, rel, scanned=True)
    if doc is None:
        return None, diags
    problems = mapping_or_problem(doc)
    return (None, problems) if problems else (doc, [])


@dataclass
class MarkdownFile:
    front: Document
    body: str
    body_line: int
    """1-based line where the Markdown body starts, for positions in body checks."""


def split_front_matter(text: str, rel: str) -> tuple[str, str, int] | Diagnostic:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return _error(
            rel,
            "front-matter-missing",
            "the file must start with front matter between two '---' lines",
            "add a first line '---', the fields, then a closing '---' line",
        )
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1 :]), i + 2
    return _error(
        rel,
        "front-matter-unclosed",
        "the front matter is never closed",
        "add a line '---' after the last field",
    )


def load_markdown_file(root: Path, rel: str) -> tuple[MarkdownFile | None, list[Diagnostic]]:
    text, diags = read_text(root, rel)
    if text is None:
        return None, diags
    split = split_front_matter(text, rel)
    if isinstance(split, Diagnostic):
        return None, [split]
    front_text, body, body_line = split
    if not front_text.strip():
        return None, [
            _error(rel, "empty-file", "the front matter is empty", "fill in the fields between '---' lines")
        ]
    doc, diags = read_yaml(front_text, rel, line_offset=1, scanned=True)
    if doc is None:
        return None, diags
    problems = mapping_or_problem(doc)
    if problems:
        return None, problems
    return MarkdownFile(doc, body, body_line), []
