"""`hcs-site build`: MkDocs driven from Python, with an all-or-nothing output folder (serve: serve.py)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs import exceptions
from mkdocs.config import load_config

from .. import scratch
from ..check.pipeline import CheckResult
from ..outputs import HINT_SITE, check_folder
from ..selection import Selection, ShardError
from . import balance, shards
from .api_writer import WriterStopped
from .cache_store import CacheStore
from .carry_over import CarryOver, SiteChanged, linked, still_intact
from .driver import build_shard
from .languages import site_languages
from .parallel import DiskFull, build_parallel
from .progress import Progress
from .session import build_date


class BuildFailed(Exception):
    """MkDocs refused to build (strict warnings, a broken link, a bad mkdocs.yml)."""


class ConfigMissing(Exception):
    pass


def _log_to_stderr(verbose: bool) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.INFO if verbose else logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    return handler


def assemble_site(parts: list[Path], site_dir: Path, root: Path | None = None) -> Path:
    """Merge shard trees built elsewhere (parallel CI jobs) into `site_dir`, all or nothing."""
    target = check_folder(site_dir, root, hint=HINT_SITE)
    with scratch.temporary(target, "build") as work, scratch.disk_errors(work, target):
        scratch.swap_in(shards.assemble(parts, work / "site"), target)
    return target


def output_folder(config_file: Path, site_dir: Path | None, root: Path) -> Path:
    """The folder a build replaces (`--site-dir`, else mkdocs.yml's site_dir), once the rule in
    `outputs` allows it; raises UnsafeOutput before anything is written."""
    if not config_file.is_file():
        raise ConfigMissing(f"{config_file} does not exist")
    try:
        probe = load_config(config_file=str(config_file))
    except exceptions.ConfigurationError as exc:
        raise BuildFailed(f"mkdocs.yml: {exc}") from exc
    return check_folder(site_dir or Path(probe.site_dir), root, protect=[Path(probe.docs_dir)])


def selection_for(shard: str, config_file: Path, result: CheckResult) -> Selection:
    """The one reading of `--shard`, against the languages the site is built in (the plugin's
    `languages`, else the district's) and the district's schools, or as part K of a plan of N
    (`balance`); ShardError when it names none."""
    try:
        probe = load_config(config_file=str(config_file))
    except exceptions.ConfigurationError as exc:
        raise BuildFailed(f"mkdocs.yml: {exc}") from exc
    return balance.read_spec(shard, result, site_languages(probe, result))


def build_site(result: CheckResult, config_file: Path, site_dir: Path | None, strict: bool,
               progress: Progress, verbose: bool = False, selection: Selection | None = None,
               jobs: int = 1, cache: CacheStore | None = None, carry: CarryOver | None = None,
               started: float | None = None) -> Path:
    """Build into a temporary sibling folder and swap it in only when every part succeeded.

    The target must pass `outputs.check_folder` (UnsafeOutput otherwise, before anything is
    written); a disk error raises `scratch.WriteFailed` with the old site intact.

    A `selection` other than everything writes that part alone (for `hcs-site assemble`); `jobs` above 1
    splits the whole site into shards of about equal work (a large school divided between them)
    built in parallel processes, then assembled. `cache` (the build cache) lets every part reuse the
    pages that did not change; `carry` (a build of the whole site in one process) lets it take the
    API's folders from the site it replaces when they are what it would write, or link its unchanged
    files (`carry_over`);
    `started`: when the command began using the cache (its check reads and writes entries too)."""
    handler = _log_to_stderr(verbose)
    try:
        target = output_folder(config_file, site_dir, result.root)
        selection = selection or Selection()
        date = build_date(result.root)
        if started is None:  # entries this build uses are newer (prune)
            started = cache.clock() if cache is not None else 0.0
        with scratch.temporary(target, "build") as work, scratch.disk_errors(work, target):
            try:
                if selection.everything and jobs > 1:
                    languages = site_languages(load_config(config_file=str(config_file)), result)
                    plan = balance.jobs_plan(result, jobs, languages)
                    parts = build_parallel(result, config_file, work, strict, plan, jobs, progress, target, date,
                                           cache)
                    built = shards.assemble(parts, work / "site", move=True)
                else:
                    built = work / "site"
                    carry = carry if selection.everything else None
                    build_shard(result, config_file, built, strict, selection, progress, date, cache, carry)
                if cache is not None:
                    cache.settle()  # the check's child (a --jobs build's shards waited for their own)
                scratch.swap_in(built, target, still_intact(carry, built), released=linked(carry))
                if cache is not None and selection.everything:
                    cache.prune(started)
            except DiskFull as exc:
                raise scratch.WriteFailed(str(exc)) from exc
            except (exceptions.Abort, exceptions.ConfigurationError, exceptions.BuildError,
                    exceptions.PluginError, ShardError, SiteChanged, WriterStopped) as exc:
                raise BuildFailed(str(exc)) from exc
        return target
    except exceptions.ConfigurationError as exc:
        raise BuildFailed(f"mkdocs.yml: {exc}") from exc
    finally:
        if cache is not None:
            cache.abandon()  # a build that failed: the check's child stops (what it stored is whole or ignored)
        logging.getLogger("mkdocs").removeHandler(handler)
