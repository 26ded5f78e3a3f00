"""The HTML layer of the build cache: a page MkDocs would write exactly as before is copied instead.

A page's HTML depends on its own Markdown and on the site around it: the navigation and every
other page's title (menus, previous/next, the link text of `[](page.md)`), which files exist (how
links resolve), the configuration, the theme and templates, the language, the build date and the
versions of everything that renders. The *site key* hashes all of that except the page's own
Markdown; a page's key is the site key with its path and Markdown. So a change to any page's title
or front matter, a new or removed file, a template or `mkdocs.yml` misses for every page (a cold
build), while a change to a page's body misses for that page alone.

A cached page is never rendered: it is written from the cache into the site (no page's HTML is
held in memory), registered as a stand-in (its head only, as for pages of other shards) and left
out of the pages MkDocs writes once the sitemap has listed it; its search index entries are merged
back in the order a clean build writes them. Entries are stored only by builds that logged no
warning, so a cached rebuild never hides a warning a clean build would print. How an entry holds a
page, so that a rebuild reads the HTML only of the pages it writes: page_entry.py.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import YAML_RE

from ..check.checked_json import plain
from ..digests import digest
from ..render.heads import stand_in, stand_in_document
from . import page_entry
from .cache_keys import Unstable, software, stable, theme_dirs, why_off
from .cache_store import CacheStore

log = logging.getLogger("mkdocs.plugins.hcs")
STORING = "storing the pages in the build cache"
def site_key(config: MkDocsConfig, files: Files, extra: dict[str, Any]) -> str | None:
    """Everything a page's HTML depends on but its own Markdown; None when it cannot be stated."""
    skip = {"site_dir", "docs_dir", "config_file_path", "plugins", "theme"}
    try:
        settings = json.dumps({k: config[k] for k in config if k not in skip}, sort_keys=True, default=stable)
        theme = json.dumps(dict(config.theme), sort_keys=True, default=stable)
        plugins = json.dumps({name: dict(p.config) for name, p in config.plugins.items()},
                             sort_keys=True, default=stable)
        others = json.dumps(extra, sort_keys=True, default=stable)
    except Unstable:
        return None
    config_file = Path(config.config_file_path or "")
    parts: list[str | bytes] = [software(), settings, theme, plugins, others,
                                config_file.read_bytes() if config_file.is_file() else b""]
    parts += theme_dirs(config.theme.dirs)
    for f in files:  # every file's address; every page's head (its title and front matter)
        if getattr(f, "named_in_extra", False):
            continue  # the JSON API's: `extra` names them all (carry_over.api_names)
        parts += [f.src_uri, f.dest_uri, f.url, str(f.inclusion)]
        if f.is_documentation_page():
            parts.append(stand_in_document(f.content_string))
    return digest(*parts)


class HtmlCache:
    """One MkDocs build's use of the HTML layer (one language of one shard)."""

    def __init__(self, store: CacheStore, key: str) -> None:
        self.store = store
        self.key = key
        self.keys: dict[str, str] = {}
        """Page src_uri -> its key, for every page this build would render."""
        self.hits: dict[str, list[Any]] = {}
        """Pages taken from the cache (already written into the site), with their search entries."""
        self.first = b""
        """The HTML of the first page taken from the cache (see `drop_unbuilt` in the plugin)."""
        self.order: list[str] = []
        self.fresh: dict[str, list[Any]] = {}
        """Search index entries of the pages rendered by this build."""
        self.warnings = 0
        self.mark = 0
        self.dest: dict[str, str] = {}
        self.unwritten: list[File] = []
        """Pages taken from the cache but not yet written (`look_up(write=False)`)."""
        self.meta: dict[str, dict[str, Any]] = {}
        """A cached page's front matter as its entry keeps it: its stand-in is read without YAML."""
        self.sources: dict[str, str] = {}
        """The Markdown of each page this build renders, for its entry's stand-in front matter."""
        self.metas: dict[str, dict[str, Any]] = {}
        """The front matter of pages this build renders, as MkDocs parsed it (`read`)."""
        self.counter = WarningCount(self)
        logging.getLogger("mkdocs").addHandler(self.counter)

    def look_up(self, files: Files, wanted: Any, site_dir: Path, write: bool = True) -> None:
        """Find every page this build would render in the cache; a hit is written into the site
        at once (MkDocs has cleaned it already), so no page's HTML is held in memory, and becomes
        a stand-in that MkDocs lists but does not render. `write=False`: only the heads of the
        entries are read (their search entries), and `write_hits` must follow, once it is known
        which folders the old site passes on (`carry_over`): it writes the others' HTML and makes
        the stand-ins. The first hit is read whole either way: `complete` writes it again."""
        empty = self.store.empty(page_entry.LAYER)  # a cold build's: 20,000 files looked for in vain
        for f in files.documentation_pages():
            if not wanted(f.src_uri):
                continue
            content = f.content_string
            key = self.keys[f.src_uri] = digest(self.key, f.src_uri, content)
            self.dest[f.src_uri] = f.dest_uri
            if empty:
                self.sources[f.src_uri] = content
                continue
            if write or not self.hits:
                found = page_entry.whole(self.store, key)
                head, html = found if found is not None else (None, b"")
            else:
                head, html = page_entry.head(self.store, key), b""
            if head is None:
                self.sources[f.src_uri] = content
                continue
            if not self.hits:
                self.first = html
            self.hits[f.src_uri], meta = head
            if meta is not None:
                self.meta[f.src_uri] = meta
            self.store.touch(page_entry.LAYER, key)
            if write:
                utils.write_file(html, str(site_dir / f.dest_uri))  # as MkDocs writes
                f.content_string = stand_in_document(content)
            else:
                self.unwritten.append(f)

    def write_hits(self, site_dir: Path, carried: Callable[[str], bool]) -> None:
        """Write the pages `look_up` left unwritten, but those in a folder the old site passes on,
        and make them stand-ins. A page whose HTML no longer reads back whole (another build
        cleared the cache since `look_up`, a damaged disk) is no hit after all: MkDocs renders it,
        and this build stores it again. The first hit is never one: its HTML is in memory."""
        first = next(iter(self.hits), None)
        for f in self.unwritten:
            dest = self.dest[f.src_uri]
            if not carried(dest):
                html = self.first if f.src_uri == first else page_entry.html(self.store, self.keys[f.src_uri])
                if html is None:
                    del self.hits[f.src_uri]
                    self.meta.pop(f.src_uri, None)
                    self.sources[f.src_uri] = f.content_string
                    continue
                utils.write_file(html, str(site_dir / dest))
            f.content_string = stand_in_document(f.content_string)
        self.unwritten = []

    def excluding(self, wanted: Callable[[str], bool]) -> Callable[[str], bool]:
        """`wanted` less the pages taken from the cache: what MkDocs renders."""
        hits = self.hits
        return lambda path: wanted(path) and path not in hits

    def read(self, src: str, meta: dict[str, Any]) -> None:
        """MkDocs has just parsed page `src`: keep its front matter for the page's entry, when the
        stand-in's front matter is the very text it was parsed from and JSON keeps it exactly."""
        source = self.sources.get(src)
        found = YAML_RE.match(source) if source is not None else None
        if source is not None and found is not None and found.group(0) == stand_in(source) and plain(meta):
            self.metas[src] = json.loads(json.dumps(meta))

    def indexed(self, src: str, config: MkDocsConfig) -> None:
        """The search plugin has just indexed page `src`: keep the entries it added."""
        index = _search_index(config)
        if index is not None:
            self.fresh[src] = index.entries[self.mark:]
            self.mark = len(index.entries)

    def listed(self, files: Files) -> None:
        """The sitemap lists every page, in the order of the search index."""
        self.order = [f.src_uri for f in files.documentation_pages()]

    def complete(self, config: MkDocsConfig, wanted: Callable[[str], bool]) -> None:
        """After the search plugin wrote its index: the cached pages' entries merged in, the cached
        pages written, the rendered ones stored."""
        logging.getLogger("mkdocs").removeHandler(self.counter)
        log.info(f"hcs: {len(self.hits)} of {len(self.keys)} pages from the build cache")
        site_dir = Path(config.site_dir)
        index = _search_index(config)
        written = site_dir / "search" / "search_index.json"
        if index is not None and self.hits and written.is_file():
            index.entries = self.merged_search(wanted)
            written.write_bytes(index.generate_search_index(None).encode("utf-8"))
        if self.hits:  # the one cached page MkDocs may have rendered as a stand-in (`drop_unbuilt`)
            utils.write_file(self.first, str(site_dir / self.dest[next(iter(self.hits))]))
        self.finish(site_dir, self.dest)

    def abandon(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)

    def merged_search(self, wanted: Any) -> list[Any]:
        """This build's search index entries: rendered pages' and cached pages', in page order."""
        merged: list[Any] = []
        for src in self.order:
            if src in self.hits:
                merged += self.hits[src]
            elif wanted(src):
                merged += self.fresh.get(src, [])
        return merged

    def finish(self, site_dir: Path, dest: dict[str, str]) -> None:
        """Store the pages this build rendered (none after a warning): from `cache_store.APART`
        pages on, by a child forked now while the build goes on (the other languages, the API's
        child): reading 20,000 pages back and writing half a gigabyte of entries was 3 to 4 s of a
        cold build's one core. The build waits for it before the swap (`CacheStore.settle`), while
        the pages are still where it reads them."""
        if self.warnings:
            log.info(f"hcs: {self.warnings} warning(s) in this build: its pages are not stored in the build cache")
            return
        self.store.later(lambda: self.store_pages(site_dir, dest), len(self.fresh), STORING)

    def store_pages(self, site_dir: Path, dest: dict[str, str]) -> int:
        """Store each page this build rendered, as MkDocs wrote it; the number stored."""
        stored = 0
        for src, key in self.keys.items():
            if src in self.hits or src not in self.fresh or src not in dest or src not in self.sources:
                continue
            try:
                html = (site_dir / dest[src]).read_bytes()
            except OSError:
                continue
            meta = self.metas.get(src)
            if meta is None:
                meta = page_entry.stand_in_meta(stand_in_document(self.sources[src]))
            page_entry.put(self.store, key, html, self.fresh[src], meta)
            stored += 1
        return stored


class WarningCount(logging.Handler):
    """Counts the warnings MkDocs and its plugins log while pages are rendered."""

    def __init__(self, cache: HtmlCache) -> None:
        super().__init__(logging.WARNING)
        self.cache = cache

    def emit(self, record: logging.LogRecord) -> None:
        self.cache.warnings += 1


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index of this build (None without the search plugin)."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "generate_search_index"):
            return index
    return None


def for_build(store: CacheStore | None, config: MkDocsConfig, files: Files,
              extra: dict[str, Any]) -> HtmlCache | None:
    """The HTML layer for this build, or None: no cache, or a configuration it cannot vouch for."""
    if store is None:
        return None
    reason = why_off(config)
    key = site_key(config, files, extra) if reason is None else None
    if reason is None and key is None:
        reason = "a configuration value has no stable text"
    if reason is not None:
        log.info(f"hcs: the build cache keeps no pages of this site: {reason}")
        return None
    return HtmlCache(store, key)  # type: ignore[arg-type]
