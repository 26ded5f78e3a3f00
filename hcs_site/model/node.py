"""Every model object remembers the file and place it came from, so rules can point at it."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Loc
from ..load.yaml_reader import Document, Pointer


@dataclass(eq=False)
class Node:
    doc: Document
    ptr: Pointer

    def loc(self, *sub: str | int) -> Loc:
        return self.doc.loc(*self.ptr, *sub)

    def key_loc(self, *sub: str | int) -> Loc:
        return self.doc.key_loc(*self.ptr, *sub)

    @property
    def path(self) -> str:
        return self.doc.path
