"""The one path a build takes: for each language of the site, load mkdocs.yml, hand the plugin its
session, let MkDocs build.

The default language is built at the root of the output, every other language into `<lang>/`,
one after the other. `hcs-site build` (and each `--jobs` worker) calls `build_shard`; a plain
`mkdocs build` has only the default language's build, whose plugin then calls
`build_languages` for the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..check.pipeline import CheckResult
from ..selection import Selection
from .api_writer import WriterSlot
from .cache_store import CacheStore
from .carry_over import CarryOver
from .languages import language_docs, site_languages
from .progress import Progress, Silent
from .session import BuildSession
from .shards import site_key, write_marker

PLUGIN = "hcs"


def hand_over(config: MkDocsConfig, session: BuildSession) -> None:
    """Give the hcs plugin of this configuration its session (after load_config, before build)."""
    plugin: Any = config.plugins.get(PLUGIN)
    if plugin is None:
        raise PluginError(f"{Path(config.config_file_path or 'mkdocs.yml').name} does not enable the "
                          f"'{PLUGIN}' plugin; add it under plugins:")
    plugin.session = session


def load(config_file: str | Path, site_dir: Path, strict: bool, docs_dir: Path | None = None) -> MkDocsConfig:
    return load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict,
                       docs_dir=str(docs_dir) if docs_dir else None)


def build_languages(config_file: str | Path, site_dir: Path, docs_dir: Path, strict: bool,
                    session: BuildSession, result: CheckResult, languages: list[str]) -> None:
    """Each of `languages` (none of them the default) as a site of its own in `<site_dir>/<lang>/`."""
    for lang in languages:
        with language_docs(docs_dir, lang) as docs:
            config = load(config_file, site_dir / lang, strict, docs)
            hand_over(config, session.for_language(lang, result))
            mkdocs_build(config)


def build_shard(result: CheckResult, config_file: Path, site_dir: Path, strict: bool, selection: Selection,
                progress: Progress | None = None, build_date: int = 0, cache: CacheStore | None = None,
                carry: CarryOver | None = None) -> None:
    """The pages `selection` holds, every language it takes, into `site_dir` (a shard marks its tree)."""
    slot = WriterSlot()
    session = BuildSession(result, selection, progress=progress or Silent(), build_date=build_date, cache=cache,
                           carry=carry, api=slot)
    config = load(config_file, site_dir, strict)
    site = site_languages(config, result)
    others = [lang for lang in site[1:] if selection.builds_language(lang)]
    docs_dir = Path(config.docs_dir)
    try:
        if selection.default_build:
            hand_over(config, session)
            mkdocs_build(config)
        build_languages(config_file, site_dir, docs_dir, strict, session, result, others)
        done = slot.finish()  # the API's child wrote it meanwhile
        if done is not None and carry is not None:
            carry.links = done.links(carry.old_site)  # checked with the old site before the swap
            carry.written = done.listed
        if cache is not None:
            cache.settle()  # the children storing entries: what one raised is this build's
    finally:
        slot.abort()  # a build that failed: the child stops before its folder is removed
        if cache is not None:
            cache.abandon()
    if selection.default_build:
        session.progress.finish()
    if not selection.everything:
        write_marker(site_dir, selection, site_key(result, site, build_date))
