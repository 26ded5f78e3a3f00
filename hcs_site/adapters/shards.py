"""Building a site in parts (shards) that assemble into exactly the tree of a single build.

Every shard registers every page, so navigation, links, the sitemap and each page's HTML are the
ones a single build makes; pages of other shards are stand-ins (their head only, never rendered)
that are dropped right after the sitemap is written. The framework shard owns the site-wide files
(sitemap, search index, 404, assets, API); a portfolio shard owns `portfolios/<school>/`; each
other language is a site of its own under `<lang>/`, built by whichever shard is given it.
Locally, `--jobs N` forks workers that inherit the checked content; in CI, parallel jobs each
build a shard and `hcs-site assemble` merges their trees.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import re
import shutil
import signal
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title

from .. import scratch
from ..check.pipeline import CheckResult
from ..render import links
from .progress import Progress, Shared, Silent, relayed

log = logging.getLogger("mkdocs.plugins.hcs")
MARKER = ".hcs-shard.json"
_SCHOOL_PAGE = re.compile(r"^portfolios/([^/]+)/")


class ShardError(Exception):
    pass


@dataclass(frozen=True)
class Selection:
    framework: bool = True
    """The framework pages in the default language and the site-wide files."""
    schools: frozenset[str] | None = None
    """School folders (`links.anchor(id)`) whose portfolio pages are built; None means all."""
    languages: frozenset[str] | None = None
    """Other languages whose sites are built; None: all of them, with the framework."""
    default_language: str = field(default="en", compare=False)

    @property
    def everything(self) -> bool:
        return self.framework and self.schools is None and self.languages is None

    @property
    def default_build(self) -> bool:
        """Whether the default language's build runs (not for a shard of other languages only)."""
        return self.framework or self.schools is None or bool(self.schools)

    def wants(self, path: str) -> bool:
        """Whether the page or file at docs-relative `path` (default language) is built by this shard."""
        m = _SCHOOL_PAGE.match(path)
        if m is None:
            return self.framework
        return self.schools is None or m.group(1) in self.schools

    def builds_language(self, lang: str) -> bool:
        """Whether this shard builds the site of `lang`, a language other than the default."""
        return self.framework if self.languages is None else lang in self.languages

    def spec(self) -> str:
        if self.everything:
            return "all"
        parts = []
        if self.framework and self.languages is None:
            parts.append("framework")
        elif self.framework or self.languages:
            langs = ([self.default_language] if self.framework else []) + sorted(self.languages or ())
            parts.append("framework:" + ",".join(langs))
        if self.schools:
            parts.append("portfolios:" + ",".join(sorted(self.schools)))
        return "+".join(parts)

    @classmethod
    def parse(cls, spec: str, school_ids: Iterable[str], languages: Sequence[str] = ("en",)) -> Selection:
        """`all`, `framework`, `framework:<language>[,...]`, `portfolios:<school>[,...]`, joined
        with `+`; `languages` are the site's, the default first."""
        known = {links.anchor(s): s for s in school_ids}
        default = languages[0] if languages else "en"
        framework, every_language, schools, others = False, False, set[str](), set[str]()
        for part in (p.strip() for p in spec.split("+")):
            if part == "all":
                return cls(default_language=default)
            if part == "framework":
                framework = every_language = True
            elif part.startswith("framework:"):
                for lang in filter(None, (s.strip() for s in part.split(":", 1)[1].split(","))):
                    if lang not in languages:
                        raise ShardError(f"the site has no language '{lang}'; languages: {', '.join(languages)}")
                    if lang == default:
                        framework = True
                    else:
                        others.add(lang)
            elif part.startswith("portfolios:"):
                for school in filter(None, (s.strip() for s in part.split(":", 1)[1].split(","))):
                    if school == "*":
                        schools.update(known)
                    elif links.anchor(school) in known:
                        schools.add(links.anchor(school))
                    else:
                        raise ShardError(f"no school '{school}'; schools: {', '.join(sorted(known.values()))}")
            else:
                raise ShardError(f"'{part}' is not a shard; use all, framework, framework:<language> "
                                 "or portfolios:<school>")
        if not framework and not schools and not others:
            raise ShardError("the shard selects nothing")
        return cls(framework, frozenset(schools), None if every_language else frozenset(others), default)


class StandInPage(Page):
    """A page of another shard: listed (sitemap, links to it resolve), read, never rendered.

    MkDocs makes a Markdown converter for every page it reads; for the thousands of pages other
    shards own, that alone would cost each shard a large part of a single build."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self._title_from_render = get_markdown_title(self.markdown or "")


COURSE_WEIGHT = 7.0
"""Build cost of a course page in the default language, with its JSON API and CASE files, in
portfolio pages (the unit). Measured with 300 courses (benchmarks/bench_build.py): about 40 ms a
course in English, 31 ms in Spanish, 6.3 to 7.4 ms a portfolio page."""
COURSE_WEIGHT_OTHER = 5.0
"""The same course page in another language."""
FIXED_WEIGHT = 60.0
"""Home, catalog, areas, crosswalk, glossary of one language: pages that list every course."""


def plan(result: CheckResult, jobs: int, languages: Sequence[str] = ("en",)) -> list[Selection]:
    """`jobs` shards of about equal cost: the framework, each other language and each school are
    items, placed largest first into the least loaded shard."""
    default = languages[0] if languages else "en"
    courses = len(result.framework.courses) if result.framework else 0
    items = [(courses * COURSE_WEIGHT + FIXED_WEIGHT, "framework", default)]
    items += [(courses * COURSE_WEIGHT_OTHER + FIXED_WEIGHT, "language", lang) for lang in languages[1:]]
    sizes: dict[str, int] = {}
    for p in result.published:
        folder = links.anchor(p.school)
        sizes[folder] = sizes.get(folder, 0) + 2 + len(p.evidence)
    items += [(float(size), "school", school) for school, size in sizes.items()]
    loads = [0.0] * max(jobs, 1)
    chosen: list[dict[str, set[str]]] = [{"framework": set(), "language": set(), "school": set()} for _ in loads]
    for weight, kind, name in sorted(items, key=lambda i: (-i[0], i[1], i[2])):
        k = min(range(len(loads)), key=lambda b: (loads[b], b))
        loads[k] += weight
        chosen[k][kind].add(name)
    return [Selection(bool(c["framework"]), frozenset(c["school"]), frozenset(c["language"]), default)
            for c in chosen if any(c.values())]


def write_marker(site_dir: Path, selection: Selection) -> None:
    languages = None if selection.languages is None else sorted(selection.languages)
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / MARKER).write_text(json.dumps({"shard": selection.spec(), "framework": selection.framework,
                                               "schools": sorted(selection.schools or []),
                                               "languages": languages}) + "\n")


def assemble(parts: list[Path], out: Path, move: bool = False) -> Path:
    """One tree from shard outputs: the framework part whole, the schools and languages of the others.

    `move` takes the folders instead of copying them (the parts of `--jobs`, on the same disk):
    copying a site of tens of thousands of files would cost more than building a shard."""
    def take(source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if move:
            source.rename(target)
        else:
            shutil.copytree(source, target, dirs_exist_ok=False)

    infos = []
    for part in parts:
        marker = part / MARKER
        if not marker.is_file():
            raise ShardError(f"{part} is not a shard build (no {MARKER}); build it with --shard")
        infos.append((part, json.loads(marker.read_text())))
    bases = [p for p, info in infos if info["framework"]]
    if len(bases) != 1:
        raise ShardError(f"exactly one part must hold the framework; found {len(bases)}")
    if move:
        bases[0].rename(out)
        (out / MARKER).unlink()
    else:
        shutil.copytree(bases[0], out, ignore=shutil.ignore_patterns(MARKER))
    for part, info in infos:
        if info["framework"]:
            continue
        for school in info["schools"]:
            source = part / "portfolios" / school
            if source.is_dir():
                take(source, out / "portfolios" / school)
        for lang in info.get("languages") or []:
            if (out / lang).exists():
                raise ShardError(f"two parts hold the '{lang}' site; give each language to one shard")
            take(part / lang, out / lang)
    return out


class DiskFull(ShardError):
    """A shard could not be written (disk full, read-only, no permission): not a content problem."""


def _worker(args: tuple[int, str, str, Selection, bool]) -> tuple[str | None, float]:
    """In a forked child: build one shard; the parent's checked content is inherited."""
    from . import build as build_mod

    slot, config_file, site_dir, selection, strict = args
    result, progress = _INHERITED[0]
    progress.slot = slot
    began = time.monotonic()
    try:
        build_mod.build_shard(result, Path(config_file), Path(site_dir), strict, selection, progress)
    except OSError as exc:
        words = scratch.reason(exc)
        if words is None:
            return f"shard {selection.spec()}: {exc}", time.monotonic() - began
        target = _INHERITED_TARGET[0] if _INHERITED_TARGET else Path(site_dir)
        where = scratch.shown(exc.filename, Path(site_dir).parent, target)
        return f"{DISK}could not write {where}: {words}", time.monotonic() - began
    except Exception as exc:  # reported by the parent; the child must not die with a traceback
        return f"shard {selection.spec()}: {exc}", time.monotonic() - began
    return None, time.monotonic() - began


DISK = "disk: "
_INHERITED_TARGET: list[Path] = []


def _child_signals() -> None:
    """Workers die on SIGTERM and leave Ctrl-C to the parent, which stops them and cleans up."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def describe(selection: Selection) -> str:
    """A shard in a log line: its spec, with a long list of schools counted instead."""
    spec = selection.spec()
    if selection.schools and len(selection.schools) > 3:
        spec = spec.replace(",".join(sorted(selection.schools)), f"<{len(selection.schools)} schools>")
    return spec


_INHERITED: list[tuple[CheckResult, Shared]] = []


def build_parallel(result: CheckResult, config_file: Path, work: Path, strict: bool,
                   selections: list[Selection], jobs: int, progress: Progress | None = None,
                   target: Path | None = None) -> list[Path]:
    """Build each selection into its own folder under `work`, `jobs` at a time; `progress` shows
    the pages done by all of them. `target` names the final folder in disk error messages."""
    outputs = [work / f"part-{i}" for i in range(len(selections))]
    tasks = [(i, str(config_file), str(out), sel, strict)
             for i, (out, sel) in enumerate(zip(outputs, selections, strict=True))]
    shared = Shared(len(tasks))
    _INHERITED[:] = [(result, shared)]
    _INHERITED_TARGET[:] = [target] if target else []
    try:
        with relayed(shared, progress or Silent()):
            if jobs <= 1 or len(tasks) == 1:
                errors = [_worker(t) for t in tasks]
            else:
                with multiprocessing.get_context("fork").Pool(processes=min(jobs, len(tasks)),
                                                              initializer=_child_signals) as pool:
                    errors = pool.map(_worker, tasks, chunksize=1)
    finally:
        _INHERITED.clear()
        _INHERITED_TARGET.clear()
    for selection, (_error, seconds) in zip(selections, errors, strict=True):
        log.info(f"hcs: shard {describe(selection)} built in {seconds:.1f} s")
    problems = [e for e, _seconds in errors if e]
    disk = [e.removeprefix(DISK) for e in problems if e.startswith(DISK)]
    if disk:
        raise DiskFull(disk[0])
    if problems:
        raise ShardError("; ".join(problems))
    return outputs
