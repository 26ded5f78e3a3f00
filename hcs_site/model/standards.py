"""A state's published standards (an imported CASE framework), referenced by code or identifier.

Stored by `hcs-site import case` as `content/standards/<id>.json`: the CASE items a district can
align to, normalised (sorted by code, then identifier) so that a new retrieval diffs line by line.
An objective names one as `<set id>:<code>` (`gse-math:MGSE7.RP.1`) or `<set id>:<identifier>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

FORMAT = "hcs-site/standards/v1"
WEB_ADDRESS = re.compile(r"https?://[^\s/?#@]+(/[^\s]*)?", re.IGNORECASE)
"""What a standard's URI must be to be linked or exported: http(s), no user, no spaces."""
STANDARDS_DIR = "content/standards"


@dataclass(frozen=True)
class Standard:
    identifier: str
    uri: str
    code: str
    statement: str
    item_type: str = ""
    education_level: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.code or self.identifier


@dataclass
class StandardSet:
    id: str
    path: str
    title: str
    source: str
    retrieved: str
    case_version: str
    document_uri: str
    items: list[Standard] = field(default_factory=list)

    @cached_property
    def by_ref(self) -> dict[str, Standard]:
        """Code (as written, then case-folded) and identifier to the standard."""
        out: dict[str, Standard] = {}
        for item in self.items:
            out.setdefault(item.identifier.lower(), item)
            if item.code:
                out.setdefault(item.code, item)
                out.setdefault(item.code.casefold(), item)
        return out

    def find(self, ref: str) -> Standard | None:
        return self.by_ref.get(ref) or self.by_ref.get(ref.casefold())


def split_ref(ref: str) -> tuple[str, str]:
    """`gse-math:MGSE7.RP.1` -> (`gse-math`, `MGSE7.RP.1`); no colon -> (``, ref)."""
    head, sep, tail = ref.partition(":")
    return (head, tail) if sep else ("", ref)


def standard_set(data: dict[str, Any], path: str) -> StandardSet:
    """The stored file's data (already checked to be an object with a list of items)."""
    raw = data.get("document")
    doc: dict[str, Any] = raw if isinstance(raw, dict) else {}
    items = [Standard(str(i.get("identifier", "")), str(i.get("uri", "")), str(i.get("code", "")),
                      str(i.get("statement", "")), str(i.get("type", "")),
                      tuple(str(x) for x in i.get("educationLevel", []) if isinstance(x, str)))
             for i in data.get("items", []) if isinstance(i, dict)]
    return StandardSet(str(data.get("id", "")), path, str(doc.get("title", "")), str(data.get("source", "")),
                       str(data.get("retrieved", "")), str(data.get("caseVersion", "")), str(doc.get("uri", "")),
                       items)
