"""Entries are written by a thread beside the build: what was stored is read back at once, a
failed write stops only its own cache, and every entry is on disk when the command returns."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hcs_site.adapters import cache_writer
from hcs_site.adapters.cache_store import CacheStore

KEY = "ab" + "0" * 62


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The writer's thread waits until the event is set: entries stay queued meanwhile."""
    go = threading.Event()
    real = cache_writer.write_entry

    def slow(target: Path, key: str, data: bytes) -> bool:
        assert go.wait(10)
        return real(target, key, data)

    monkeypatch.setattr(cache_writer, "write_entry", slow)
    return go


def test_an_entry_still_queued_reads_back_as_stored(tmp_path: Path, held: threading.Event) -> None:
    store = CacheStore.open(tmp_path / "cache")
    store.put("pages", KEY, b"payload")
    store.put_parts("markdown", KEY, b"head", b"body")
    assert not store.path("pages", KEY).exists()  # not on disk yet...
    assert store.get("pages", KEY) == b"payload"  # ...and read back all the same
    assert store.get_head("markdown", KEY) == b"head"
    assert store.get_parts("markdown", KEY) == (b"head", b"body")
    held.set()
    store.flush()
    assert store.path("pages", KEY).is_file() and store.get("pages", KEY) == b"payload"


def test_a_later_entry_under_one_key_wins(tmp_path: Path, held: threading.Event) -> None:
    store = CacheStore.open(tmp_path / "cache")
    store.put("pages", KEY, b"first")
    store.put("pages", KEY, b"second")
    assert store.get("pages", KEY) == b"second"
    held.set()
    store.flush()
    assert store.get("pages", KEY) == b"second"


def test_a_failed_write_stops_its_own_cache_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full = CacheStore.open(tmp_path / "full")
    other = CacheStore.open(tmp_path / "other")
    real = cache_writer.write_entry
    monkeypatch.setattr(cache_writer, "write_entry",
                        lambda target, key, data: False if "full" in target.parts else real(target, key, data))
    full.put("pages", KEY, b"payload")
    full.flush()
    assert full.failed and full.get("pages", KEY) is None
    other.put("pages", KEY, b"payload")
    other.flush()
    assert not other.failed and other.get("pages", KEY) == b"payload"
    monkeypatch.setattr(cache_writer, "write_entry", real)
    full.put("pages", KEY, b"payload")  # the disk was full: this build stores nothing more
    full.flush()
    assert full.get("pages", KEY) is None
