"""A student's folder as the check last judged it, read back while nothing it depends on changed.

At 20,000 pages the rules that read one student's files (private details in every sentence, the
references into the framework, the names, the artifacts) were a quarter of a rebuild in which one
evidence file changed. What they say about a student depends only on

- that student's folder: the files the check reads (portfolio.md, evidence, artifacts), by path
  and bytes, read as the reader reads them (never through a link);
- the framework as the rules see it (`student_view`: the district, the areas, and of the courses
  only their IDs, titles, objectives' IDs, titles and assessment types), by its `fingerprint`;
- the day (consent is judged each day), whether the folder holds a link, and the software.

So one entry per student (layer "checked", beside the per-file entries of `cache.py`) holds the
student's checked Markdown files and every diagnostic the rules gave, in order. The rule that
compares students (`check_keys`) and the decision to publish run on every build. The model the
build renders is made again from the stored files; an entry is stored only when that model is
the one the rules left (a rule that rewrote a reference would otherwise be lost) and the entry
reads back exactly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from ..diagnostics import Diagnostic, Report
from ..digests import digest
from ..load import no_links
from ..load.discover import PortfolioFiles
from ..load.files import MAX_TEXT_BYTES
from ..model.portfolio import Portfolio, build_evidence, build_portfolio
from . import checked_json
from .cache import LAYER, EntryStore, FileCache
from .rules_artifacts import MAX_ARTIFACT_BYTES

Judged = tuple[Portfolio, bool]
"""A student's portfolio as the rules left it, and whether its portfolio.md had the right shape."""
Files = list[tuple[str, checked_json.Checked]]
"""The student's Markdown files as read and shape-checked: portfolio.md first, then the evidence."""


class StudentCache:
    """The check's per-student entries, for one check of the repository on one day."""

    def __init__(self, files: FileCache, root: Path, today: dt.date, framework: str) -> None:
        """`framework`: the key of the framework the rules are given (`student_view.view_key`)."""
        assert files.store is not None
        self.store = files.store
        self.root = root
        self.context = digest(files.software, LAYER, "student", today.isoformat(), framework)
        self.hits = 0
        self.judged_now: list[tuple[str, Files, list[Diagnostic], Judged]] = []
        """Students judged and not stored yet (`store_judged`)."""
        self.folders: dict[str, str] = {}
        """Each student's key -> the digest of the files the check read (`Files`), for the
        students' pages in the build cache (their Markdown is made of those files alone)."""

    def key(self, entry: PortfolioFiles, linked: bool) -> str | None:
        """The entry's key, or None when a file cannot be read as the check reads it (the check says why)."""
        parts: list[str | bytes] = [entry.key, str(linked)]
        named = [("portfolio", entry.portfolio or "")] + [("evidence", rel) for rel in entry.evidence]
        named += [("artifact", rel) for rel in entry.artifacts]
        for kind, rel in named:
            limit = MAX_ARTIFACT_BYTES if kind == "artifact" else MAX_TEXT_BYTES
            try:
                data = no_links.read_bytes(self.root, rel, limit)
            except (no_links.LinkRefused, OSError):
                return None
            if len(data) > limit:
                return None
            parts += [kind, rel, data]
        self.folders[entry.key] = digest(*parts)
        return digest(self.context, self.folders[entry.key])

    def judged(self, entry: PortfolioFiles, linked: bool, report: Report,
               judge: Callable[[Report, Files], Judged | None]) -> Judged | None:
        """The student's portfolio, from the cache or judged by `judge` (which fills the files it
        read and the report); the student's diagnostics are added to `report` either way."""
        key = self.key(entry, linked) if entry.portfolio else None
        if key is not None:
            payload = self.store.get(LAYER, key)
            found = _decode(payload, key) if payload is not None else None
            if found is not None:
                stored, diagnostics, shaped = found
                self.store.touch(LAYER, key)
                self.hits += 1
                report.extend(diagnostics)
                return _model(entry.key, stored), shaped
        own = Report()
        read: Files = []
        judged = judge(own, read)
        report.extend(own.diagnostics)
        if key is not None and judged is not None:
            if self.key(entry, linked) != key:  # a file changed while it was judged: no entry,
                self.folders.pop(entry.key, None)  # and the pages' key reads the folder itself
                return judged
            self.judged_now.append((key, read, own.diagnostics, judged))
        return judged

    def store_judged(self) -> None:
        """Store the entries of the students judged since the last call, in a child of the build
        (`EntryStore.later`): encoding and checking 2,541 entries was 1.5 s of a cold build's one
        core. The child sees them as they were judged: nothing changes a student's files, report
        or model between the check of that student and the end of the check of all of them."""
        jobs, self.judged_now = self.judged_now, []
        if jobs:
            store = self.store
            self.store.later(lambda: _store_all(store, jobs), len(jobs))


def _store_all(store: EntryStore, jobs: list[tuple[str, Files, list[Diagnostic], Judged]]) -> int:
    stored = 0
    for key, read, diagnostics, judged in jobs:
        encoded = _encode(key, read, diagnostics, judged)
        if encoded is not None:
            store.put(LAYER, key, encoded)
            stored += 1
    return stored


def _model(key: str, files: Files) -> Portfolio:
    """The portfolio made from its files, as the rules see it before they run."""
    (_rel, (md, _p, _s)), *evidence = files
    assert md is not None
    portfolio = build_portfolio(key, md)
    for rel, (ev_md, _problems, _shape) in evidence:
        if ev_md is not None:
            portfolio.evidence.append(build_evidence(PurePosixPath(rel).stem, ev_md))
    return portfolio


def _encode(key: str, files: Files, diagnostics: list[Diagnostic], judged: Judged) -> bytes | None:
    """The entry, or None when reading it back would not give this student's model and report: a
    value JSON does not keep exactly (`checked_json.plain`), or a model the rules changed without a word
    (`_same`: the model made again from the files is the one the rules left)."""
    data = {"key": key, "files": [[rel, checked_json.to_data(value)] for rel, value in files],
            "diagnostics": checked_json.diagnostics_data(diagnostics), "shaped": judged[1]}
    if not checked_json.plain(data) or not _same(_model(judged[0].key, files), judged[0]):
        return None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _same(a: Any, b: Any) -> bool:
    """Equal value for value, type for type; one object is the same as itself (the Documents both
    models share are not compared twice)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return False
    return bool(a == b)


def _decode(payload: bytes, key: str) -> tuple[Files, list[Diagnostic], bool] | None:
    try:
        data: Any = json.loads(payload)
        if data["key"] != key or not data["files"] or data["files"][0][1]["md"] is None:
            return None
        files = [(str(rel), checked_json.from_data(value)) for rel, value in data["files"]]
        return files, checked_json.read_diagnostics(data["diagnostics"]), bool(data["shaped"])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
