"""How the HTML layer keeps a page: one two-part entry of the build cache (`CacheStore.put_parts`).

The head is the page's key, its search index entries and its front matter as MkDocs reads it
(`meta`: a cached page is read as a stand-in, and parsing 20,000 front matters again was 7% of a
rebuild), as JSON; the body is its HTML, the very bytes MkDocs wrote. A rebuild must know of
every page whether it is a hit and needs every hit's search entries, but the HTML only of the
pages it writes: the students' folders the old site passes on (carry_over.py) are most of them.
So the head is read and checked alone, and the body (at 20,000 pages nearly all of the layer's
550 MB) only when the page is written. A file is written and pruned whole, so a head that reads
back always has its body beside it, checked again by its own hash when it is read.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs.utils.meta import get_data

from .cache_store import CacheStore

LAYER = "pages"


Head = tuple[list[Any], dict[str, Any] | None]
"""A page's search entries, and its stand-in's front matter as `get_data` reads it (None: not kept)."""


def stand_in_meta(stand_in: str) -> dict[str, Any] | None:
    """The front matter MkDocs reads from a stand-in document (`heads.stand_in_document`), when
    JSON keeps it exactly (a date, say, it would not: such a page's stand-in is parsed again)."""
    meta = get_data(stand_in)[1]
    try:
        return meta if repr(json.loads(json.dumps(meta))) == repr(meta) else None
    except (TypeError, ValueError):
        return None


def put(store: CacheStore, key: str, html: bytes, search: list[Any], meta: dict[str, Any] | None) -> None:
    entry: dict[str, Any] = {"key": key, "search": search}
    if meta is not None:
        entry["meta"] = meta
    head = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=str)
    store.put_parts(LAYER, key, head.encode("utf-8"), html)


def head(store: CacheStore, key: str) -> Head | None:
    """The page's head alone; None when the entry is absent or not whole."""
    data = store.get_head(LAYER, key)
    return _head(data, key) if data is not None else None


def whole(store: CacheStore, key: str) -> tuple[Head, bytes] | None:
    """The page's head and HTML, both parts checked; None when either fails."""
    parts = store.get_parts(LAYER, key)
    if parts is None:
        return None
    found = _head(parts[0], key)
    return (found, parts[1]) if found is not None else None


def html(store: CacheStore, key: str) -> bytes | None:
    """The page's HTML, both parts checked; None when either fails."""
    found = whole(store, key)
    return found[1] if found is not None else None


def _head(data: bytes, key: str) -> Head | None:
    try:
        entry = json.loads(data)
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("search"), list):
        return None
    meta = entry.get("meta")
    return entry["search"], (meta if isinstance(meta, dict) else None)
