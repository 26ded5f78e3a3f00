"""What every layer of the build cache keys on besides its own inputs: a digest of parts, the
software (hcs-site's files and the renderers' versions), a configuration's stable text, the theme
folders outside the installed packages, and whether a configuration may use the cache at all."""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from .. import __version__
from ..digests import digest
from .cache_store import FORMAT

VERSIONED = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "nh3", "Jinja2", "MarkupSafe",
             "Pygments", "babel", "PyYAML", "mkdocs-material-extensions", "backrefs", "mike")
"""Packages whose version can change a page's HTML."""
KNOWN_PLUGINS = frozenset({"material/search", "search", "hcs", "mike"})
"""Plugins whose effect on a page is known; any other one (it may read files, Git, the clock) turns
the HTML layer off."""
_PACKAGE = Path(__file__).resolve().parents[1]


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


@functools.cache
def software() -> str:
    """hcs-site's version and every file of the package (templates, theme, assets, code), so an
    edited checkout never reuses pages of the code before; the renderers' versions."""
    files = sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    parts: list[str | bytes] = [f"format {FORMAT}", __version__, sys.version]
    parts += [f"{name} {_version(name)}" for name in VERSIONED]
    for path in files:
        parts += [path.relative_to(_PACKAGE).as_posix(), path.read_bytes()]
    return digest(*parts)


def _folder_digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return digest(folder.as_posix(), *[x for p in files for x in (p.relative_to(folder).as_posix(), p.read_bytes())])


class Unstable(Exception):
    """A configuration value without a stable text (an object's address): the cache stays off."""


def stable(value: Any) -> Any:
    if hasattr(value, "items"):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, set | frozenset | tuple):
        return sorted(str(v) for v in value)
    text = str(value)
    if " at 0x" in text:
        raise Unstable(text)
    return text


def theme_dirs(dirs: Iterable[str]) -> list[str]:
    """Theme folders outside the installed packages (those are covered by their versions)."""
    shipped = [Path(_version_path(name)) for name in ("material", "mkdocs")]
    return [_folder_digest(Path(d)) for d in dirs if not any(s in Path(d).parents for s in shipped)]


@functools.cache
def _version_path(module: str) -> str:
    spec = importlib.util.find_spec(module)
    return str(Path(spec.origin).parent) if spec and spec.origin else "/nonexistent"


def why_off(config: MkDocsConfig) -> str | None:
    """Why this configuration must not use the HTML layer (None: it may)."""
    unknown = sorted(set(config.plugins) - KNOWN_PLUGINS)
    if unknown:
        return f"the plugins {', '.join(unknown)} may change pages in ways the cache cannot see"
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        if plugin is not None and not type(plugin).__module__.startswith("material."):
            return "its search plugin is not Material's, whose index the cache knows how to merge"
    if "sitemap.xml" not in config.theme.static_templates:
        return "the theme writes no sitemap.xml, the moment the cache takes its pages out of the build"
    if config.validation.links.anchors >= logging.WARNING:
        return "validation.links.anchors warns, and a page's anchors are checked only when it is rendered"
    return None
