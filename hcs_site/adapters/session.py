"""One build's session: everything a build needs beyond mkdocs.yml, handed to the plugin explicitly.

`hcs-site build` checks the content first, then makes a `BuildSession` and sets it on the plugin
object of each MkDocs build it starts (after `load_config`, before `build`). A plain `mkdocs build`
or `mkdocs serve` has no driver around it: the plugin makes its own session from its
configuration (`for_plain_mkdocs`). Nothing travels through module state or the environment.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..check.pipeline import CheckResult
from ..selection import Selection
from .api_writer import WriterSlot
from .cache_store import CacheStore
from .carry_over import CarryOver
from .progress import Progress, Silent
from .serve_state import ServeSession


@dataclass(frozen=True)
class BuildSession:
    result: CheckResult | None = None
    """The checked repository; None: the plugin checks it (and reports its problems) itself."""
    selection: Selection = field(default_factory=Selection)
    """The part of the site this build makes (`--shard`)."""
    language: str | None = None
    """The language of this build; None: the district's default language, at the site's root."""
    progress: Progress = field(default_factory=Silent)
    build_date: int = 0
    """Seconds since 1970 (UTC): the date MkDocs writes into the sitemap, the same for every page."""
    serve: ServeSession | None = None
    """`hcs-site serve`'s flags and memory between rebuilds; None for a build."""
    cache: CacheStore | None = None
    """The build cache (`--cache-dir`); None: every page is rendered (`--no-cache`, plain MkDocs, serve)."""
    carry: CarryOver | None = None
    """What this build may take from the site it replaces (`carry_over`); None: nothing."""
    runs_languages: bool = False
    """Whether the default language's build goes on to build the other languages itself: only
    when no driver loops over them (a plain `mkdocs build`, `mkdocs serve`)."""
    api: WriterSlot | None = None
    """Where the child writing the JSON API is kept (`api_writer`): the driver waits for it before
    the swap, or kills it. None (a plain `mkdocs build`): the API is written by MkDocs."""

    @property
    def reported(self) -> bool:
        """Whoever checked the content printed its problems: the plugin must not print them again."""
        return self.result is not None

    def for_language(self, language: str, result: CheckResult) -> BuildSession:
        """The session of another language's site: all of it, never incremental, nothing printed."""
        return replace(self, result=result, language=language, selection=Selection(), serve=None,
                       runs_languages=False, carry=None)

    def sitemap_date(self) -> str:
        return dt.datetime.fromtimestamp(self.build_date, dt.UTC).strftime("%Y-%m-%d")


def build_date(root: Path) -> int:
    """`SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), else the time of the last
    Git commit, else 0: the same repository always gets the same date."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if given.isdigit():
        return int(given)
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return 0
    stamp = out.stdout.strip()
    return int(stamp) if out.returncode == 0 and stamp.isdigit() else 0


def for_plain_mkdocs(root: Path, serve: ServeSession | None) -> BuildSession:
    """The session of a build no hcs-site command started: it checks the content itself and runs
    the other languages' builds after its own."""
    return BuildSession(build_date=build_date(root), serve=serve, runs_languages=True)
