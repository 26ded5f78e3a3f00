"""Finding the content files of a repository, in a stable order, without reading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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

    @property
    def framework_files(self) -> list[str]:
        return ([self.district] if self.district else []) + self.areas + self.courses

    def count(self) -> int:
        return len(self.framework_files) + sum(
            (1 if p.portfolio else 0) + len(p.evidence) for p in self.portfolios
        )


def _rel(root: Path, p: Path) -> str:
    return p.relative_to(root).as_posix()


def _yaml_in(root: Path, folder: str) -> list[str]:
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(
        _rel(root, p) for p in base.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES
    )


def _not_read(root: Path, folder: str) -> list[str]:
    """Files under `folder` that `_yaml_in` does not read; notes in Markdown and dotfiles are fine."""
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(
        _rel(root, p)
        for p in base.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(base).parts)
        and p.suffix.lower() != ".md"
        and not (p.parent == base and p.suffix in YAML_SUFFIXES)
    )


def discover_portfolios(root: Path) -> list[PortfolioFiles]:
    base = root / PORTFOLIOS_DIR
    if not base.is_dir():
        return []
    found = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        entry = PortfolioFiles(folder.name, None)
        portfolio = folder / "portfolio.md"
        if portfolio.is_file():
            entry.portfolio = _rel(root, portfolio)
        for p in sorted(folder.rglob("*")):
            if not p.is_file() or p == portfolio or p.name.startswith("."):
                continue
            rel = _rel(root, p)
            if p.suffix == ".md" and p.parent == folder / "evidence":
                entry.evidence.append(rel)
            else:
                entry.artifacts.append(rel)
        found.append(entry)
    return found


def discover(root: Path, portfolios: bool = True) -> RepoFiles:
    district = root / DISTRICT
    return RepoFiles(
        root=root,
        district=DISTRICT if district.is_file() else None,
        areas=_yaml_in(root, AREAS_DIR),
        courses=_yaml_in(root, COURSES_DIR),
        portfolios=discover_portfolios(root) if portfolios else [],
        ignored=_not_read(root, AREAS_DIR) + _not_read(root, COURSES_DIR),
    )
