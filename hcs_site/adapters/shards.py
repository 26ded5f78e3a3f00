"""Building a site in parts (shards) that assemble into exactly the tree of a single build.

Every shard registers every page, so navigation, links, the sitemap and each page's HTML are
the ones a single build makes; pages of other shards are stand-ins (their front matter only) that
are dropped right after the sitemap is written, before MkDocs renders pages. The framework shard
owns the site-wide files (sitemap, search index, 404, assets, API, other languages); a portfolio
shard owns `portfolios/<school>/`. Locally, `--jobs N` forks workers that inherit the checked
content; in CI, parallel jobs each build a shard and `hcs-site assemble` merges their trees.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..check.pipeline import CheckResult
from ..render import links

MARKER = ".hcs-shard.json"
_SCHOOL_PAGE = re.compile(r"^portfolios/([^/]+)/")


class ShardError(Exception):
    pass


@dataclass(frozen=True)
class Selection:
    framework: bool = True
    schools: frozenset[str] | None = None
    """School folders (`links.anchor(id)`) whose portfolio pages are built; None means all."""

    @property
    def everything(self) -> bool:
        return self.framework and self.schools is None

    def wants(self, path: str) -> bool:
        """Whether the page or file at docs-relative `path` is built by this shard."""
        m = _SCHOOL_PAGE.match(path)
        if m is None:
            return self.framework
        return self.schools is None or m.group(1) in self.schools

    def spec(self) -> str:
        if self.everything:
            return "all"
        parts = ["framework"] if self.framework else []
        if self.schools:
            parts.append("portfolios:" + ",".join(sorted(self.schools)))
        return "+".join(parts)

    @classmethod
    def parse(cls, spec: str, school_ids: Iterable[str]) -> Selection:
        """`all`, `framework`, `portfolios:<school>[,<school>]`, joined with `+`."""
        known = {links.anchor(s): s for s in school_ids}
        framework, schools = False, set[str]()
        for part in (p.strip() for p in spec.split("+")):
            if part == "all":
                return cls()
            if part == "framework":
                framework = True
            elif part.startswith("portfolios:"):
                for school in filter(None, (s.strip() for s in part.split(":", 1)[1].split(","))):
                    if school == "*":
                        schools.update(known)
                    elif links.anchor(school) in known:
                        schools.add(links.anchor(school))
                    else:
                        raise ShardError(f"no school '{school}'; schools: {', '.join(sorted(known.values()))}")
            else:
                raise ShardError(f"'{part}' is not a shard; use all, framework or portfolios:<school>")
        if not framework and not schools:
            raise ShardError("the shard selects nothing")
        return cls(framework, frozenset(schools))


def stand_in(content: str) -> str:
    """A page's front matter alone: same title and metadata, nothing to render."""
    if content.startswith("---\n"):
        end = content.find("\n---\n", 4)
        if end >= 0:
            return content[: end + 5]
    return ""


def stand_in_document(content: str) -> str:
    """A hand-written page's front matter and first heading: its title stays, its links go."""
    head = stand_in(content)
    body = content[len(head):]
    first = next((line for line in body.split("\n") if line.startswith("# ")), "")
    return head + (first + "\n" if first else "")


def plan(result: CheckResult, jobs: int) -> list[Selection]:
    """Balanced groups for `jobs` workers: the framework plus schools by number of pages."""
    sizes: dict[str, int] = {}
    for p in result.published:
        folder = links.anchor(p.school)
        sizes[folder] = sizes.get(folder, 0) + 2 + len(p.evidence)
    framework_pages = len(result.framework.courses) + 10 if result.framework else 10
    bins: list[tuple[int, bool, set[str]]] = [(framework_pages, True, set())]
    bins += [(0, False, set()) for _ in range(max(jobs, 1) - 1)]
    for school, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        i = min(range(len(bins)), key=lambda k: (bins[k][0], k))
        total, fw, schools = bins[i]
        schools.add(school)
        bins[i] = (total + size, fw, schools)
    return [Selection(fw, frozenset(schools)) for _total, fw, schools in bins if fw or schools]


def write_marker(site_dir: Path, selection: Selection) -> None:
    (site_dir / MARKER).write_text(json.dumps({"shard": selection.spec(), "framework": selection.framework,
                                               "schools": sorted(selection.schools or [])}) + "\n")


def assemble(parts: list[Path], out: Path) -> Path:
    """One tree from shard outputs: the framework part whole, each portfolio part's own schools."""
    infos = []
    for part in parts:
        marker = part / MARKER
        if not marker.is_file():
            raise ShardError(f"{part} is not a shard build (no {MARKER}); build it with --shard")
        infos.append((part, json.loads(marker.read_text())))
    bases = [p for p, info in infos if info["framework"]]
    if len(bases) != 1:
        raise ShardError(f"exactly one part must hold the framework; found {len(bases)}")
    shutil.copytree(bases[0], out, ignore=shutil.ignore_patterns(MARKER))
    for part, info in infos:
        if info["framework"]:
            continue
        for school in info["schools"]:
            source = part / "portfolios" / school
            if source.is_dir():
                shutil.copytree(source, out / "portfolios" / school, dirs_exist_ok=False)
    return out


def _worker(args: tuple[str, str, str, bool]) -> str | None:
    """In a forked child: build one shard; the parent's checked content is inherited."""
    from . import build as build_mod

    config_file, site_dir, spec, strict = args
    try:
        build_mod.build_shard(_INHERITED[0], Path(config_file), Path(site_dir), strict, spec)
    except Exception as exc:  # reported by the parent; the child must not die with a traceback
        return f"shard {spec}: {exc}"
    return None


_INHERITED: list[CheckResult] = []


def build_parallel(result: CheckResult, config_file: Path, work: Path, strict: bool,
                   selections: list[Selection], jobs: int) -> list[Path]:
    """Build each selection into its own folder under `work`, `jobs` at a time."""
    outputs = [work / f"part-{i}" for i in range(len(selections))]
    tasks = [(str(config_file), str(out), sel.spec(), strict) for out, sel in zip(outputs, selections, strict=True)]
    _INHERITED[:] = [result]
    try:
        if jobs <= 1 or len(tasks) == 1:
            errors = [_worker(t) for t in tasks]
        else:
            with multiprocessing.get_context("fork").Pool(processes=min(jobs, len(tasks))) as pool:
                errors = pool.map(_worker, tasks, chunksize=1)
    finally:
        _INHERITED.clear()
    problems = [e for e in errors if e]
    if problems:
        raise ShardError("; ".join(problems))
    return outputs


def temporary_work(near: Path) -> Path:
    near.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{near.name}.shards-", dir=near.parent))
