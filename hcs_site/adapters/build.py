"""`hcs-site build` and `serve`: MkDocs driven from Python, with an all-or-nothing output folder."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs import exceptions
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from ..check.pipeline import CheckResult
from . import preload
from .progress import Progress


class BuildFailed(Exception):
    """MkDocs refused to build (strict warnings, a broken link, a bad mkdocs.yml)."""


class ConfigMissing(Exception):
    pass


def _log_to_stderr(verbose: bool) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.INFO if verbose else logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    return handler


def swap_in(built: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `built` with two renames, so readers never see a half-written site."""
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
        built.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        built.rename(site_dir)


def build_site(result: CheckResult, config_file: Path, site_dir: Path | None, strict: bool,
               progress: Progress, verbose: bool = False) -> Path:
    """Build into a temporary sibling folder and swap it in only when MkDocs succeeded."""
    if not config_file.is_file():
        raise ConfigMissing(f"{config_file} does not exist")
    handler = _log_to_stderr(verbose)
    try:
        probe = load_config(config_file=str(config_file))
        target = (site_dir or Path(probe.site_dir)).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        try:
            config = load_config(config_file=str(config_file), site_dir=str(tmp), strict=strict)
            preload.give(result, progress)
            mkdocs_build(config)
        except (exceptions.Abort, exceptions.ConfigurationError, exceptions.BuildError,
                exceptions.PluginError) as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise BuildFailed(str(exc)) from exc
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        finally:
            preload.take(result.root)
        swap_in(tmp, target)
        return target
    except exceptions.ConfigurationError as exc:
        raise BuildFailed(f"mkdocs.yml: {exc}") from exc
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def serve_site(config_file: Path, dev_addr: str | None, open_browser: bool) -> None:
    from mkdocs.commands.serve import serve

    _log_to_stderr(True)
    serve(config_file=str(config_file), dev_addr=dev_addr, open_in_browser=open_browser, livereload=True)
