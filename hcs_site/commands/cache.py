"""`hcs-site cache clear` and the cache options of `build` and `publish`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .common import repository_root, root_option

F = TypeVar("F", bound=Callable[..., Any])


def cache_options(command: F) -> F:
    """--cache-dir, --no-cache, and --cache (the default, kept for scripts that name it)."""
    command = click.option("--no-cache", is_flag=True,
                           help="Render every page; neither read nor write the build cache.")(command)
    command = click.option("--cache", "use_cache", is_flag=True,
                           help="Use the build cache in .cache/hcs/ (the default).")(command)
    return click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                        help="Keep the build cache in this folder instead of .cache/hcs/.")(command)


def open_cache(repo: Path, cache_dir: str | None, no_cache: bool, use_cache: bool = True) -> Any:
    """The build cache (`adapters.cache_store.CacheStore`), or None: --no-cache, or it cannot be
    made (a build without it is slower, never wrong). `use_cache` is --cache, the default."""
    from ..adapters.cache_folder import CacheRefused, locate
    from ..adapters.cache_store import CacheStore

    if no_cache:
        return None
    try:
        store = CacheStore.open(locate(repo, Path(cache_dir) if cache_dir else None))
        click.get_current_context().call_on_close(store.flush)  # entries are written beside the build
        return store
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
    from ..adapters.cache_folder import CacheRefused, locate
    from ..adapters.cache_folder import clear as clear_folder

    repo = repository_root(root)
    try:
        folder = locate(repo, Path(cache_dir) if cache_dir else None)
        count = clear_folder(folder)
    except CacheRefused as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"removed the build cache {folder} ({count} files)" if count else f"no build cache in {folder}")
