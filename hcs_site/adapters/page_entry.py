"""How the HTML layer keeps a page: one two-part entry of the build cache (`CacheStore.put_parts`).

The head is the page's key and its search index entries, as JSON; the body is its HTML, the very
bytes MkDocs wrote. A rebuild must know of every page whether it is a hit and needs every hit's
search entries, but the HTML only of the pages it writes: the students' folders the old site
passes on (carry_over.py) are most of them. So the head is read and checked alone, and the body
(at 20,000 pages nearly all of the layer's 550 MB) only when the page is written. A file is
written and pruned whole, so a head that reads back always has its body beside it, checked again
by its own hash when it is read.
"""

from __future__ import annotations

import json
from typing import Any

from .cache_store import CacheStore

LAYER = "pages"


def put(store: CacheStore, key: str, html: bytes, search: list[Any]) -> None:
    head = json.dumps({"key": key, "search": search}, ensure_ascii=False, separators=(",", ":"), default=str)
    store.put_parts(LAYER, key, head.encode("utf-8"), html)


def search_entries(store: CacheStore, key: str) -> list[Any] | None:
    """The page's search entries from its head alone; None when the entry is absent or not whole."""
    head = store.get_head(LAYER, key)
    return _search(head, key) if head is not None else None


def whole(store: CacheStore, key: str) -> tuple[list[Any], bytes] | None:
    """The page's search entries and HTML, both parts checked; None when either fails."""
    parts = store.get_parts(LAYER, key)
    if parts is None:
        return None
    search = _search(parts[0], key)
    return (search, parts[1]) if search is not None else None


def html(store: CacheStore, key: str) -> bytes | None:
    """The page's HTML, both parts checked; None when either fails."""
    found = whole(store, key)
    return found[1] if found is not None else None


def _search(head: bytes, key: str) -> list[Any] | None:
    try:
        entry = json.loads(head)
    except ValueError:
        return None
    search = entry.get("search") if isinstance(entry, dict) and entry.get("key") == key else None
    return search if isinstance(search, list) else None
