"""What `hcs-site serve` remembers between rebuilds, so a saved file shows in seconds.

A rebuild re-reads only the files that changed (the check cache), reports only problems that are
new, and has MkDocs render only the pages whose Markdown changed: the others keep the HTML of the
previous build (MkDocs serves with `dirty` on, so the folder is not wiped). When the navigation
changes, every page shows it, so everything is rebuilt. The search index is merged, so search still
covers every page.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check.cache import FileCache
from ..diagnostics import Diagnostic, Report
from ..render.page import Page

log = logging.getLogger("mkdocs.plugins.hcs")


def digest(content: str) -> str:
    return hashlib.sha1(content.encode("utf-8")).hexdigest()


@dataclass
class ServeState:
    cache: FileCache = field(default_factory=FileCache)
    pages: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> digest of the Markdown built last time."""
    nav: str = ""
    reported: set[tuple[str, int, int, str, str]] = field(default_factory=set)
    summary: list[str] = field(default_factory=list)
    checked: bool = False
    """A first check was reported: later ones say how many problems are new."""
    search_docs: list[dict[str, Any]] = field(default_factory=list)
    built_urls: set[str] = field(default_factory=set)
    builds: int = 0
    course_pages: dict[tuple[str, str, str, str], Page] = field(default_factory=dict)
    """Rendered course pages by (language, course, file digest, context digest)."""

    def new_problems(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Problems not reported by the previous rebuild (the rest were shown already)."""
        keys = {(d.loc.path, d.loc.line, d.loc.col, d.code, d.message): d for d in diagnostics}
        fresh = [d for k, d in keys.items() if k not in self.reported]
        self.reported = set(keys)
        return fresh

    def new_summary(self, lines: list[str]) -> list[str]:
        """The one-line summaries of informational lines, when they changed since the last rebuild."""
        fresh = [] if lines == self.summary else lines
        self.summary = lines
        return fresh

    def plan(self, pages: dict[str, str], nav: Any, site_dir: Path, owned: Path | None = None) -> set[str]:
        """The generated pages to render this time; wipes the old output when the nav changed, only
        when it lies inside `owned`, the folder `hcs-site serve` made for itself."""
        signature = json.dumps(nav, sort_keys=True, default=str)
        current = {path: digest(content) for path, content in pages.items()}
        if signature != self.nav or not self.pages:
            # Only ever the folder `hcs-site serve` made for itself (never a configured site_dir).
            if self.pages and site_dir.is_dir() and owned is not None and owned in site_dir.resolve().parents:
                for child in site_dir.iterdir():
                    shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
            changed = set(current)
            self.search_docs = []
        else:
            changed = {p for p, d in current.items() if self.pages.get(p) != d}
        self.nav, self.pages = signature, current
        self.builds += 1
        return changed

    def merge_search(self, index_file: Path) -> None:
        """The search plugin saw only the rebuilt pages: keep the other pages' entries."""
        if not index_file.is_file():
            return
        index = json.loads(index_file.read_text(encoding="utf-8"))
        rebuilt = {doc["location"].split("#", 1)[0] for doc in index.get("docs", [])} | self.built_urls
        kept = [d for d in self.search_docs if d["location"].split("#", 1)[0] not in rebuilt]
        index["docs"] = kept + index.get("docs", [])
        self.search_docs = index["docs"]
        index_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")


@dataclass
class ServeSession:
    """What `hcs-site serve` asks of every rebuild, and what it remembers between them."""

    portfolios: bool = False
    """Also build the student portfolio pages (`--portfolios`)."""
    all_languages: bool = False
    """Also build the other languages (`--all-languages`)."""
    folder: Path | None = None
    """The temporary folder `hcs-site serve` made, where MkDocs writes: the only one ever wiped."""
    state: ServeState = field(default_factory=ServeState)
    verbose: bool = False
    """`hcs-site serve -v`: each informational line instead of their one-line summary."""
    report: Report | None = None
    """The last rebuild's check, for the error page when that rebuild fails."""


_serving: dict[Path, ServeSession] = {}
"""The one registry between `hcs-site serve` and the plugin, keyed by repository root.

It exists because MkDocs' serve loop loads mkdocs.yml again for every rebuild, and with it a new
plugin object, so nothing set on the first object reaches the next. (A plugin that defines
`on_startup` is kept across rebuilds instead, but MkDocs then keeps it for the whole process, in a
cache on its class-level `plugins` option: every later build in that process, of any repository,
would get the same object and whatever the last build left on it.) `hcs-site build` needs no
registry: it sets a `BuildSession` on the plugin object of each build it starts."""


@contextlib.contextmanager
def serving(root: Path, portfolios: bool = False, all_languages: bool = False,
            folder: Path | None = None, verbose: bool = False) -> Iterator[ServeSession]:
    """While inside, builds of `root` are `hcs-site serve`'s incremental rebuilds."""
    key = root.resolve()
    session = _serving[key] = ServeSession(portfolios, all_languages, folder, verbose=verbose)
    try:
        yield session
    finally:
        if _serving.get(key) is session:
            del _serving[key]


def lookup(root: Path) -> ServeSession | None:
    return _serving.get(root.resolve())
