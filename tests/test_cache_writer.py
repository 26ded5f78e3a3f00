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


def test_a_slow_disk_holds_the_build_back_not_the_whole_site_in_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue is bounded: once it is full, storing waits for the disk."""
    go = threading.Event()
    real = cache_writer.write_entry
    monkeypatch.setattr(cache_writer, "write_entry", lambda *args: go.wait(10) and real(*args))
    store = CacheStore.open(tmp_path / "cache")
    stored = 0

    def fill() -> None:
        nonlocal stored
        for n in range(cache_writer.QUEUED + 10):
            store.put("pages", f"{n:064x}", b"payload")
            stored += 1

    filler = threading.Thread(target=fill)
    filler.start()
    filler.join(1.0)
    assert filler.is_alive() and stored <= cache_writer.QUEUED + 1  # held back by the full queue
    go.set()
    filler.join(10)
    store.flush()
    assert stored == cache_writer.QUEUED + 10 and store.get("pages", f"{7:064x}") == b"payload"


def test_a_write_that_raises_stops_its_cache_not_the_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> bool:
        raise RuntimeError("a bug in writing")

    monkeypatch.setattr(cache_writer, "write_entry", broken)
    store = CacheStore.open(tmp_path / "cache")
    store.put("pages", KEY, b"payload")
    store.flush()
    assert store.failed
    monkeypatch.undo()
    other = CacheStore.open(tmp_path / "other")
    other.put("pages", KEY, b"payload")
    other.flush()  # the thread still writes
    assert other.get("pages", KEY) == b"payload" and other.path("pages", KEY).is_file()
