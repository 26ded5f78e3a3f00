"""`hcs-site cache clear` and the cache options of `build` and `publish`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .common import repository_root, root_option

F = TypeVar("F", bound=Callable[..., Any])


def cache_options(command: F) -> F:
    """--cache, --cache-dir and --no-cache. The cache is opt-in: a sharded or parallel build with a
    warm cache was found to write a different search index than a clean build, so until that is
    fixed and proven, a build without either option renders every page."""
    command = click.option("--no-cache", is_flag=True,
                           help="Render every page; neither read nor write the build cache (the default).")(command)
    command = click.option("--cache", "use_cache", is_flag=True,
                           help="Reuse unchanged pages from the build cache in .cache/hcs/.")(command)
    return click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                        help="Reuse unchanged pages from the build cache in this folder.")(command)


def open_cache(repo: Path, cache_dir: str | None, no_cache: bool, use_cache: bool = False) -> Any:
    """The build cache (`adapters.cache_store.CacheStore`) when asked for (--cache, --cache-dir), or
    None: not asked for, --no-cache, or it cannot be made."""
    from ..adapters.cache_store import CacheRefused, CacheStore, locate

    if no_cache or not (use_cache or cache_dir):
        return None
    try:
        return CacheStore.open(locate(repo, Path(cache_dir) if cache_dir else None))
    except CacheRefused as exc:
        raise click.UsageError(str(exc)) from exc
    except OSError as exc:
        click.echo(f"hcs-site: building without the cache: it could not be made ({exc.strerror or exc})", err=True)
        return None


@click.group()
def cache() -> None:
    """The build cache (see docs/building-in-parts.md): only `clear` for now."""


@cache.command()
@root_option
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="The build cache's folder (default: .cache/hcs/ in the repository).")
def clear(root: str, cache_dir: str | None) -> None:
    """Delete the build cache; the next build renders every page."""
    from ..adapters.cache_store import CacheRefused, locate
    from ..adapters.cache_store import clear as clear_folder

    repo = repository_root(root)
    try:
        folder = locate(repo, Path(cache_dir) if cache_dir else None)
        count = clear_folder(folder)
    except CacheRefused as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"removed the build cache {folder} ({count} files)" if count else f"no build cache in {folder}")
