"""Finding the content files of a repository, in a stable order, without reading them.

Nothing is followed: a symbolic link, a hard-linked portfolio file or a pipe is listed in
`refused` (and reported by the pipeline) instead of being read, wherever it is (see no_links.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .no_links import link_problem

DISTRICT = "content/district.yml"
AREAS_DIR = "content/competencies"
COURSES_DIR = "content/courses"
PORTFOLIOS_DIR = "portfolios"
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class PortfolioFiles:
    key: str
    portfolio: str | None
    evidence: list[str] = field(default_factory=list)
    artifacts: list[str] = field(default_factory=list)


@dataclass
class RepoFiles:
    root: Path
    district: str | None
    areas: list[str]
    courses: list[str]
    portfolios: list[PortfolioFiles]
    ignored: list[str] = field(default_factory=list)
    """Files in content/competencies/ and content/courses/ that are not read (wrong extension, in a
    subfolder): reported, so a course never disappears from the site without a word."""
    refused: list[tuple[str, str]] = field(default_factory=list)
    """(path, why) of links and special files under content/ and portfolios/: never read."""

    @property
    def framework_files(self) -> list[str]:
        return ([self.district] if self.district else []) + self.areas + self.courses

    def count(self) -> int:
        return len(self.framework_files) + sum(
            (1 if p.portfolio else 0) + len(p.evidence) for p in self.portfolios
        )


def _rel(root: Path, p: Path) -> str:
    return p.relative_to(root).as_posix()


def _walk(root: Path, folder: Path, refused: list[tuple[str, str]]) -> Iterator[Path]:
    """Regular files under `folder`, depth first in name order; links are refused, not entered."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        rel = _rel(root, path)
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(root, path, refused)
            continue
        problem = link_problem(st, rel)
        if problem:
            if not entry.name.startswith(".") or entry.is_symlink():
                refused.append((rel, problem))
            continue
        yield path


def _plain_dir(root: Path, rel: str, refused: list[tuple[str, str]]) -> Path | None:
    """`root/rel` when every component is a real folder (a linked one is refused)."""
    path = root
    for i, part in enumerate(rel.split("/")):
        path = path / part
        if path.is_symlink():
            refused.append(("/".join(rel.split("/")[: i + 1]), "the folder is a symbolic link"))
            return None
        if not path.is_dir():
            return None
    return path


def _yaml_in(root: Path, folder: str, refused: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The YAML files directly in `folder`, and the files there that are not read (reported, so
    a course never disappears without a word); notes in Markdown and dotfiles are fine."""
    base = _plain_dir(root, folder, refused)
    if base is None:
        return [], []
    read, ignored = [], []
    for p in _walk(root, base, refused):
        rel = _rel(root, p)
        if p.parent == base and p.suffix in YAML_SUFFIXES:
            read.append(rel)
        elif not any(part.startswith(".") for part in p.relative_to(base).parts) and p.suffix.lower() != ".md":
            ignored.append(rel)
    return sorted(read), sorted(ignored)


def discover_portfolios(root: Path, refused: list[tuple[str, str]] | None = None) -> list[PortfolioFiles]:
    refused = [] if refused is None else refused
    base = _plain_dir(root, PORTFOLIOS_DIR, refused)
    if base is None:
        return []
    found = []
    for name in sorted(os.listdir(base)):
        folder = base / name
        if name.startswith("."):
            continue
        if folder.is_symlink():
            refused.append((_rel(root, folder), "the portfolio folder is a symbolic link"))
            continue
        if not folder.is_dir():
            continue
        entry = PortfolioFiles(folder.name, None)
        portfolio = folder / "portfolio.md"
        for p in _walk(root, folder, refused):
            rel = _rel(root, p)
            if p == portfolio:
                entry.portfolio = rel
            elif p.name.startswith("."):
                continue
            elif p.suffix == ".md" and p.parent == folder / "evidence":
                entry.evidence.append(rel)
            else:
                entry.artifacts.append(rel)
        found.append(entry)
    return found


def discover(root: Path, portfolios: bool = True) -> RepoFiles:
    refused: list[tuple[str, str]] = []
    district = None
    if _plain_dir(root, "content", refused) is not None and (root / DISTRICT).is_file():
        problem = link_problem((root / DISTRICT).lstat(), DISTRICT)
        if problem:
            refused.append((DISTRICT, problem))
        else:
            district = DISTRICT
    areas, ignored_areas = _yaml_in(root, AREAS_DIR, refused)
    courses, ignored_courses = _yaml_in(root, COURSES_DIR, refused)
    return RepoFiles(
        root=root,
        district=district,
        areas=areas,
        courses=courses,
        portfolios=discover_portfolios(root, refused) if portfolios else [],
        ignored=ignored_areas + ignored_courses,
        refused=sorted(set(refused)),
    )
