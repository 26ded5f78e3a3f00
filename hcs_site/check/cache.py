"""Remembering what a file said, as long as it has not changed on disk.

`hcs-site serve` re-checks the repository after every save; with this cache only the saved file
is read and validated again, while the cross-reference rules still run over everything (that is
where a change shows its fallout in other files). `hcs-site build` gives it the build cache's
folder (`store`): a student's folder read and checked once is read back by every later build
while nothing it depends on changed (`student_cache`); the framework is read on every build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..diagnostics import Diagnostic
from ..load.files import MarkdownFile, load_markdown_file, load_yaml_file
from ..load.yaml_reader import Document
from .schema import validate_document

T = TypeVar("T")
LAYER = "checked"


class EntryStore(Protocol):
    """The build cache's folder (`adapters.cache_store.CacheStore`), as the check uses it."""

    def get(self, layer: str, key: str) -> bytes | None: ...
    def put(self, layer: str, key: str, payload: bytes) -> None: ...
    def touch(self, layer: str, key: str) -> None: ...
    def later(self, work: Callable[[], object], entries: int) -> None:
        """Run `work` (which stores that many entries) beside the build, or now."""


class FileCache:
    def __init__(self, store: EntryStore | None = None, software: str = "") -> None:
        self.entries: dict[str, tuple[tuple[int, int], Any]] = {}
        self.store = store
        self.software = software
        """The digest of hcs-site's files and versions: a new version never reads an older entry."""

    def fetch(self, root: Path, rel: str, compute: Callable[[], T]) -> T:
        try:
            st = (root / rel).stat()
        except OSError:
            return compute()
        key = (st.st_mtime_ns, st.st_size)
        hit = self.entries.get(rel)
        if hit is not None and hit[0] == key:
            return hit[1]  # type: ignore[no-any-return]
        value = compute()
        self.entries[rel] = (key, value)
        return value


def yaml_checked(root: Path, rel: str, kind: str,
                 cache: FileCache | None) -> tuple[Document | None, list[Diagnostic]]:
    """A YAML file read and shape-checked: its document (if readable) and its problems."""
    def compute() -> tuple[Document | None, list[Diagnostic]]:
        doc, problems = load_yaml_file(root, rel)
        return doc, problems + (validate_document(doc, kind) if doc is not None else [])

    return cache.fetch(root, rel, compute) if cache else compute()


def markdown_checked(root: Path, rel: str, kind: str,
                     cache: FileCache | None) -> tuple[MarkdownFile | None, list[Diagnostic], list[Diagnostic]]:
    """A Markdown file with front matter: the file, its reading problems, its shape problems."""
    def compute() -> tuple[MarkdownFile | None, list[Diagnostic], list[Diagnostic]]:
        md, problems = load_markdown_file(root, rel)
        return md, problems, (validate_document(md.front, kind) if md is not None else [])

    return cache.fetch(root, rel, compute) if cache else compute()
