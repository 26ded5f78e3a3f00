"""Writes `format: N` into district.yml's text, changing nothing else of the file."""

from __future__ import annotations

import re

from ..load.yaml_reader import read_yaml

COMMENT = "# The content format of these files. Only `hcs-site upgrade` changes it."
_EXISTING = re.compile(r"^format:[ \t]*([^#\r\n]*?)([ \t]+#[^\r\n]*)?(?=\r?$)", re.M)
_TOP = re.compile(r"(?:%[^\r\n]*(?:\r?\n|\r)|[ \t]*#[^\r\n]*(?:\r?\n|\r)|[ \t]*(?:\r?\n|\r))*---[^\r\n]*(?:\r?\n|\r)"
                  r"|# yaml-language-server:[^\r\n]*(?:\r?\n|\r)")
"""What stays above the new line: directives up to `---`, or the editor's schema modeline."""


def with_format(text: str, rel: str, value: int) -> str | None:
    """`text` with its top-level `format:` set to `value`; None when that cannot be done by editing
    one line and leaving the data otherwise the same (a `{...}` mapping on one line, say)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    before, _ = read_yaml(body, rel)
    if before is None or not isinstance(before.data, dict):
        return None
    newline = "\r\n" if "\r\n" in body else "\r" if "\r" in body else "\n"
    existing = _EXISTING.search(body)
    if existing:
        new = body[:existing.start(1)] + str(value) + body[existing.end(1):]
    else:
        top = _TOP.match(body)
        end = top.end() if top else 0
        new = body[:end] + COMMENT + newline + f"format: {value}" + newline + body[end:]
    after, problems = read_yaml(new, rel)
    if after is None or problems or after.data != {**before.data, "format": value}:
        return None
    return bom + new
