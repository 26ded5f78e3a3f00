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

import copy
import hashlib
import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import YAML_RE

from .. import __version__
from ..check.pipeline import CheckResult
from ..selection import Selection, ShardError

log = logging.getLogger("mkdocs.plugins.hcs")
MARKER = ".hcs-shard.json"


class StandInPage(Page):
    """A page of another shard: listed (sitemap, links to it resolve), read, never rendered.

    MkDocs makes a Markdown converter for every page it reads; for the thousands of pages other
    shards own, that alone would cost each shard a large part of a single build."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig,
                 meta: dict[str, Any] | None = None) -> None:
        super().__init__(title, file, config)
        self.known_meta = meta
        """The front matter of a page from the build cache, as its entry keeps it (`page_entry`)."""

    def read_source(self, config: MkDocsConfig) -> None:
        """As MkDocs reads a page, without parsing YAML again when the front matter is known."""
        source = self.file.content_string
        found = YAML_RE.match(source)
        if self.known_meta is None or found is None or config.plugins.events["page_read_source"]:
            super().read_source(config)
            return
        self.markdown, self.meta = source[found.end():].lstrip("\n"), copy.deepcopy(self.known_meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        heading = get_markdown_title(self.markdown or "")
        if heading and "title" not in self.meta:  # the title a render would find; `title` may be set
            self.title = heading




def site_key(result: CheckResult, languages: Sequence[str], build_date: int) -> str:
    """What every part of one site has in common: the hcs-site version, the commit date, the
    languages, the courses and every published student's pages (which also fix the plan of
    `--shard K/N`). Parts with different keys would not assemble into one consistent site."""
    digest = hashlib.sha256()

    def add(*words: object) -> None:
        digest.update("\x1f".join(map(str, words)).encode("utf-8", "surrogatepass") + b"\n")

    add("hcs-site", __version__, build_date, *languages)
    if result.framework:
        add("courses", *sorted(c.id for c in result.framework.courses))
    for p in sorted(result.published, key=lambda p: (p.school, p.key)):
        add(p.school, p.key, *sorted(f"{e.slug}:{len(e.artifacts)}" for e in p.evidence))
    return digest.hexdigest()[:32]


def write_marker(site_dir: Path, selection: Selection, key: str = "") -> None:
    languages = None if selection.languages is None else sorted(selection.languages)
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / MARKER).write_text(json.dumps({
        "shard": selection.spec(), "framework": selection.framework, "schools": sorted(selection.schools or []),
        "languages": languages, "students": sorted(selection.students), "heads": sorted(selection.heads),
        "part": list(selection.part) if selection.part else None, "site": key or None}) + "\n")


def _names(part: Path, info: dict[str, Any], field: str, depth: int = 1) -> list[str]:
    """A list of folder names from a marker, each `depth` plain path segments (never `..`)."""
    values = info.get(field) or []

    def plain(value: object) -> bool:
        segs = value.split("/") if isinstance(value, str) else []
        return len(segs) == depth and all(s and s not in (".", "..") and "\\" not in s and "\0" not in s
                                           for s in segs)

    if isinstance(values, list) and all(plain(v) for v in values):
        return list(values)
    raise ShardError(f"{part / MARKER} is damaged ('{field}' is not a list of folder names): build that part again")


def _read(part: Path) -> dict[str, Any]:
    marker = part / MARKER
    if not marker.is_file():
        raise ShardError(f"{part} is not a shard build (no {MARKER}); build it with --shard")
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        info = None
    if not isinstance(info, dict):
        raise ShardError(f"{marker} is damaged: build that part again")
    return info


def _same_site(infos: list[tuple[Path, dict[str, Any]]]) -> None:
    """Refuse parts of different builds: other content, commit date or hcs-site, or other plans."""
    first, key = infos[0][0], infos[0][1].get("site")
    for part, info in infos[1:]:
        if info.get("site") != key:
            raise ShardError(f"{first} and {part} were built from different content (or another commit or "
                             "hcs-site version): build every part from the same commit")
    planned = {part: info["part"] for part, info in infos if info.get("part")}
    if not planned:
        return
    named = [(part, info) for part, info in infos if part not in planned]
    if named:
        raise ShardError(f"{named[0][0]} is the named shard '{named[0][1].get('shard')}' and {next(iter(planned))} "
                         "is a part of a plan (K/N): assemble all N parts of one plan, or named shards only")
    for part, k_n in planned.items():
        if not (isinstance(k_n, list) and len(k_n) == 2 and all(type(x) is int for x in k_n) and 1 <= k_n[0] <= k_n[1]):
            raise ShardError(f"{part / MARKER} is damaged ('part' is not K/N): build that part again")
    sizes = sorted({p[1] for p in planned.values()})
    if len(sizes) != 1:
        raise ShardError("the parts come from plans of different sizes: give every job the same N in --shard K/N")
    n, seen = sizes[0], dict[int, Path]()
    for part, (k, _n) in planned.items():
        if k in seen:
            raise ShardError(f"part {k}/{n} is given twice: {seen[k]} and {part}")
        seen[k] = part
    missing = [f"{k}/{n}" for k in range(1, n + 1) if k not in seen]
    if missing:
        raise ShardError(f"{'parts' if len(missing) > 1 else 'part'} {', '.join(missing)} "
                         f"{'are' if len(missing) > 1 else 'is'} missing: assemble all {n} parts")


def assemble(parts: list[Path], out: Path, move: bool = False) -> Path:
    """One tree from shard outputs: the framework part whole, the schools, students and languages of
    the others. Refuses parts of different builds or plans, and any page two parts hold.

    `move` takes the folders instead of copying them (the parts of `--jobs`, on the same disk):
    copying a site of tens of thousands of files would cost more than building a shard."""
    def take(part: Path, source: Path, target: Path) -> None:
        if target.exists() or target.is_symlink():
            raise ShardError(f"two parts hold {target.relative_to(out)}, {part} among them: a page must come "
                             "from one part (name each school in one shard, or assemble the parts of one plan)")
        target.parent.mkdir(parents=True, exist_ok=True)
        if move:
            source.rename(target)
        elif source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=False)
        else:
            shutil.copy2(source, target)

    infos = [(part, _read(part)) for part in parts]
    _same_site(infos)
    bases = [p for p, info in infos if info.get("framework")]
    if len(bases) != 1:
        raise ShardError(f"exactly one part must hold the framework; found {len(bases)}")
    names = {part: (_names(part, info, "schools"), _names(part, info, "heads"),
                    _names(part, info, "students", depth=2), _names(part, info, "languages")) for part, info in infos}
    if move:
        bases[0].rename(out)
        (out / MARKER).unlink()
    else:
        shutil.copytree(bases[0], out, ignore=shutil.ignore_patterns(MARKER))
    for part, info in infos:
        if info.get("framework"):
            continue
        schools, heads, students, languages = names[part]
        folder = part / "portfolios"
        for school in schools:
            if (folder / school).is_dir():
                take(part, folder / school, out / "portfolios" / school)
        for school in heads:
            own = sorted(f for f in (folder / school).iterdir() if not f.is_dir()) if (folder / school).is_dir() else []
            if not own:
                raise ShardError(f"{part} should hold the page of portfolios/{school}/ but does not: build it again")
            for f in own:
                take(part, f, out / "portfolios" / school / f.name)
        for student in students:
            if not (folder / student).is_dir():
                raise ShardError(f"{part} should hold portfolios/{student}/ but does not: build it again")
            take(part, folder / student, out / "portfolios" / student)
        for lang in languages:
            if (out / lang).exists():
                raise ShardError(f"two parts hold the '{lang}' site; give each language to one shard")
            take(part, part / lang, out / lang)
    return out


def describe(selection: Selection) -> str:
    """A shard in a log line: `K/N` with what it holds, long lists counted."""
    what = selection.contents(count_after=3)
    return f"{selection.spec()} ({what})" if selection.part else what
