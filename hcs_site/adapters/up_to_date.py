"""A build with nothing to do: the repository is what the last build read and the site is what it wrote.

A district's nightly build, or a CI run of a merge that touched nothing the site is made of, would
write the very bytes the site already holds. Before checking anything, `hcs-site build` hashes
everything a build reads (`inputs_key`): every file under the repository (but Git's folder, the
output, and folders that say they are not inputs: virtual environments, caches marked with
CACHEDIR.TAG, hcs-site outputs, `__pycache__`), the docs and theme folders wherever they are,
the configuration as loaded (environment values included), the commit and every Git ref (the
dates Git gives files, `previous_edition`'s tag), the variables hcs-site reads, the software and
the version of every installed package. The last successful build left a `Snapshot`: that hash,
the day consent was judged on, what it printed, and a listing of the site it wrote (every entry's
size, times and inode, so a file edited in place, even with its time put back, changes it). When
all of them still hold, the build prints what it printed then and stops. When only the inputs
changed, the snapshot's API and folder keys tell the build what it may carry over (`carry_over`).

Only builds of the whole site that logged no warning leave a snapshot, and only where the HTML
layer of the cache vouches for the configuration (no plugin or hook it does not know).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import multiprocessing
import os
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mkdocs import exceptions
from mkdocs.config import load_config

from ..check.pipeline import TODAY_VARIABLE, CheckResult, build_date
from ..digests import digest
from ..outputs import MARKER, UnsafeOutput
from ..scratch import SIBLING
from .api_address import VERSION_VAR
from .cache_keys import Unstable, software, stable, theme_dirs, why_off
from .cache_store import CacheStore
from .carry_over import CarryOver
from .site_listing import listing, listing_later

LAYER = "state"
VARIABLES = (TODAY_VARIABLE, "SOURCE_DATE_EPOCH", VERSION_VAR)
"""The environment variables a build reads beyond what the loaded configuration shows."""
LISTED_APART = 200
"""Students' folders from which the site is listed by a forked child (`listing_later`): forking a
large process costs more than listing a small site (a test suite's builds ran 20% slower)."""
NOT_INPUTS = ("pyvenv.cfg", "CACHEDIR.TAG", MARKER)
"""A folder holding one of these is a virtual environment, a cache or an output: never read."""


@dataclass(frozen=True)
class Snapshot:
    key: str
    zone: str | None
    """The district's time zone, as the check read it."""
    day: str
    """The day consent was judged on: a new day may withdraw a portfolio whose consent expired."""
    quiet: str
    """What the check printed without -v (empty: nothing)."""
    verbose: str
    summary: str
    listing: str
    api_key: str | None
    """The key of the JSON API the build wrote (`carry_over`)."""
    folders: dict[str, str] = field(default_factory=dict)
    """Each student's folder the build wrote -> its key (`carry_over.folder_keys`)."""


def _files(folder: Path, skip: set[Path]) -> list[str | bytes]:
    """Every entry under `folder` but those in `skip` and folders that are not inputs: names and bytes."""
    parts: list[str | bytes] = []
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        kept = []
        for name in sorted(dirs):
            path = here / name
            if (name in (".git", "__pycache__") or path in skip or SIBLING.match(name)
                    or any((path / marker).is_file() for marker in NOT_INPUTS)):
                continue
            if path.is_symlink():
                parts += ["link", path.relative_to(folder).as_posix(), os.readlink(path)]
                continue
            kept.append(name)
            parts += ["dir", path.relative_to(folder).as_posix()]
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if name == ".git" or SIBLING.match(name):
                continue
            rel = path.relative_to(folder).as_posix()
            try:
                if path.is_symlink():
                    parts += ["link", rel, os.readlink(path)]
                else:
                    parts += ["file", rel, hashlib.sha256(path.read_bytes()).digest()]
            except OSError:
                parts += ["unreadable", rel]
    return parts


def _git(root: Path, *args: str) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return "no git"
    return f"{out.returncode}\n{out.stdout}"


def _packages() -> list[str]:
    return sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())


def inputs_key(root: Path, config_file: Path, target: Path, cache: CacheStore, strict: bool) -> str | None:
    """The hash of everything a build of `target` reads; None when it cannot be stated (a plugin
    the cache does not know, a configuration value without a stable text, a broken mkdocs.yml)."""
    try:
        config = load_config(config_file=str(config_file))
    except (exceptions.ConfigurationError, OSError):
        return None
    if why_off(config) is not None:
        return None
    try:
        settings = json.dumps({k: config[k] for k in config if k not in ("plugins", "theme")},
                              sort_keys=True, default=stable)
        theme = json.dumps(dict(config.theme), sort_keys=True, default=stable)
        plugins = json.dumps({name: dict(p.config) for name, p in config.plugins.items()},
                             sort_keys=True, default=stable)
    except Unstable:
        return None
    root = root.resolve()
    skip = {target.resolve(), cache.folder.resolve()}
    docs = Path(config.docs_dir).resolve()
    parts: list[str | bytes] = [software(), "strict" if strict else "", str(target.resolve()),
                                settings, theme, plugins, *_packages()]
    parts += [f"{name}={os.environ.get(name)}" for name in VARIABLES]
    parts += [_git(root, "rev-parse", "HEAD"), _git(root, "for-each-ref", "--format=%(objectname) %(refname)")]
    parts += [config_file.read_bytes(), *theme_dirs(config.theme.dirs)]
    parts += _files(root, skip)
    if docs != root and root not in docs.parents:
        parts += ["docs", *_files(docs, skip)]
    return digest(*parts)


def _entry(target: Path) -> str:
    return digest(LAYER, str(target.resolve()))


def last_snapshot(cache: CacheStore, target: Path) -> Snapshot | None:
    data = cache.get(LAYER, _entry(target))
    try:
        return Snapshot(**json.loads(data)) if data is not None else None
    except (ValueError, TypeError):
        return None


@dataclass(frozen=True)
class Probe:
    target: Path
    key: str | None
    snapshot: Snapshot | None
    """The last build's, when it still holds: there is nothing to do."""
    carry: CarryOver
    """What the build may take from the site it replaces (intact since the last build)."""


def probe(root: Path, config_file: Path, site_dir: str | None, cache: CacheStore | None,
          strict: bool) -> Probe | None:
    """Whether a build of the whole site has anything to do, and what it may carry over from the
    site it replaces; None without the cache or a site folder the build may write (the build
    itself reports why)."""
    from .build import BuildFailed, ConfigMissing, output_folder

    if cache is None:
        return None
    try:
        target = output_folder(config_file, Path(site_dir) if site_dir else None, root)
    except (BuildFailed, ConfigMissing, UnsafeOutput):
        return None
    last = last_snapshot(cache, target) if target.is_dir() else None
    meanwhile = last is not None and len(last.folders) >= LISTED_APART
    site = listing_later(target) if meanwhile else None  # listed while the repository is hashed
    try:
        key = inputs_key(root, config_file, target, cache, strict)
    finally:
        current = site() if site is not None else None
    if last is not None and site is None:
        current = listing(target)
    intact = last is not None and current == last.listing
    if not intact or last is None:
        return Probe(target, key, None, CarryOver(target, None, ""))
    same = key is not None and last.key == key and str(build_date(last.zone)) == last.day
    return Probe(target, key, last if same else None, CarryOver(target, last.api_key, last.listing, last.folders))


def remember(cache: CacheStore | None, probe: Probe, result: CheckResult, quiet: str, verbose: str) -> str | None:
    """After a build of the whole site that logged no warning: the snapshot the next build compares.
    The new site's listing also checks that each file it holds as a link to the old site's is now
    its only name and unchanged but for the ctime the removal of that name gave it (`api_links`):
    if one is not, no snapshot vouches for the site, and the warning to print is returned."""
    if cache is None or probe.key is None or result.day is None:
        return None
    links = probe.carry.links
    strayed: list[str] = []
    found = listing(probe.target, known={**probe.carry.written, **probe.carry.moved},
                    held=links.held if links is not None else None, strayed=strayed)
    if strayed:
        return (f"hcs: a file of {probe.target}'s JSON API changed while the site was put in place "
                f"({strayed[0]}); the next build writes it again")
    zone = result.framework.district.timezone if result.framework else None
    snapshot = Snapshot(probe.key, zone, str(result.day), quiet, verbose, result.report.summary(),
                        found, probe.carry.api_key, probe.carry.folders)
    cache.put(LAYER, _entry(probe.target), json.dumps(asdict(snapshot), sort_keys=True).encode("utf-8"))
    return None


class WarningsSeen(logging.Handler):
    """Counts the warnings logged while a build runs, in this process and in the workers it forks
    (the count lives in shared memory)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = multiprocessing.get_context("fork").Value("q", 0, lock=False)

    def emit(self, record: logging.LogRecord) -> None:
        self.count.value += 1
