"""Reading content files from disk: size, encoding and front matter, each failure a diagnostic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Loc, Severity
from .yaml_reader import Document, read_yaml

MAX_TEXT_BYTES = 1_000_000
"""A competency area or a course is a few dozen KB; anything near a megabyte is a mistake."""

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def _error(path: str, code: str, message: str, hint: str, line: int = 1, col: int = 1) -> Diagnostic:
    return Diagnostic(Loc(path, line, col), code, Severity.ERROR, message, hint)


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 with or without BOM; everything else is named so the author can re-save the file."""
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            return None, [
                _error(path, "encoding", f"the file is saved as {name}", "save the file as UTF-8")
            ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            _error(
                path,
                "encoding",
                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X})",
                "save the file as UTF-8 (most editors: 'Save with encoding' > UTF-8)",
                line,
                col,
            )
        ]
    if "\x00" in text:
        return None, [_error(path, "encoding", "the file contains NUL bytes", "save it as UTF-8 text")]
    return text.replace("\r\n", "\n"), []


def read_text(root: Path, rel: str, limit: int = MAX_TEXT_BYTES) -> tuple[str | None, list[Diagnostic]]:
    target = root / rel
    try:
        size = target.stat().st_size
        if size > limit:
            return None, [
                _error(
                    rel,
                    "file-too-large",
                    f"the file is {size:,} bytes; the limit is {limit:,}",
                    "split the content or remove what does not belong in it",
                )
            ]
        data = target.read_bytes()
    except OSError as exc:
        return None, [_error(rel, "unreadable", f"cannot read the file: {exc.strerror}", "check permissions")]
    text, diags = decode(data, rel)
    if text is not None and not text.strip():
        return None, [_error(rel, "empty-file", "the file is empty", "write the content or delete the file")]
    return text, diags


def mapping_or_problem(doc: Document) -> list[Diagnostic]:
    if isinstance(doc.data, dict):
        return []
    found = {list: "a list", str: "a single value", type(None): "nothing"}.get(type(doc.data), "a value")
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
    doc, diags = read_yaml(text, rel)
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
    doc, diags = read_yaml(front_text, rel, line_offset=1)
    if doc is None:
        return None, diags
    problems = mapping_or_problem(doc)
    if problems:
        return None, problems
    return MarkdownFile(doc, body, body_line), []
