"""Building a site in parts (shards) that assemble into exactly the tree of a single build.

Every shard registers every page, so navigation, links, the sitemap and each page's HTML are the
ones a single build makes; pages of other shards are stand-ins (their head only, never rendered)
that are dropped right after the sitemap is written. The framework shard owns the site-wide files
(sitemap, search index, 404, assets, API); a portfolio shard owns `portfolios/<school>/`; each
other language is a site of its own under `<lang>/`, built by whichever shard is given it.
Locally, `--jobs N` forks workers that inherit the checked content (`parallel.py`); in CI,
parallel jobs each build a shard and `hcs-site assemble` merges their trees.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title

from ..check.pipeline import CheckResult
from ..render import links
from ..selection import Selection, ShardError

log = logging.getLogger("mkdocs.plugins.hcs")
MARKER = ".hcs-shard.json"


class StandInPage(Page):
    """A page of another shard: listed (sitemap, links to it resolve), read, never rendered.

    MkDocs makes a Markdown converter for every page it reads; for the thousands of pages other
    shards own, that alone would cost each shard a large part of a single build."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        heading = get_markdown_title(self.markdown or "")
        if heading and "title" not in self.meta:  # the title a render would find; `title` may be set
            self.title = heading


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


def describe(selection: Selection) -> str:
    """A shard in a log line: its spec, with a long list of schools counted instead."""
    spec = selection.spec()
    if selection.schools and len(selection.schools) > 3:
        spec = spec.replace(",".join(sorted(selection.schools)), f"<{len(selection.schools)} schools>")
    return spec
