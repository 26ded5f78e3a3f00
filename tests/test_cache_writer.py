"""Entries are written by a child process beside the build: what was stored is read back at once,
a failed write stops only its own cache, a child that dies fails its entries without stopping the
build, and every entry is on disk when the command returns."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from hcs_site.adapters import cache_store, cache_writer
from hcs_site.adapters.cache_store import CacheStore

KEY = "ab" + "0" * 62


@pytest.fixture
def writer(monkeypatch: pytest.MonkeyPatch) -> Iterator[cache_writer.Writer]:
    """A writer of this test's own, whose child is forked after the test patched `write_entry`."""
    own = cache_writer.Writer()
    monkeypatch.setattr(cache_store, "WRITER", own)
    yield own
    own.close()


@pytest.fixture
def gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The child writes nothing until this file exists: entries stay unanswered meanwhile."""
    opened = tmp_path / "go"
    real = cache_writer.write_entry

    def slow(target: Path, data: Iterable[bytes]) -> bool:
        for _ in range(1000):
            if opened.exists():
                break
            time.sleep(0.01)
        return real(target, data)

    monkeypatch.setattr(cache_writer, "write_entry", slow)
    return opened


def test_an_entry_still_unanswered_reads_back_as_stored(
        tmp_path: Path, gate: Path, writer: cache_writer.Writer) -> None:
    store = CacheStore.open(tmp_path / "cache")
    store.put("pages", KEY, b"payload")
    store.put_parts("markdown", KEY, b"head", b"body")
    assert not store.path("pages", KEY).exists()  # not on disk yet...
    assert store.get("pages", KEY) == b"payload"  # ...and read back all the same
    assert store.get_head("markdown", KEY) == b"head"
    assert store.get_parts("markdown", KEY) == (b"head", b"body")
    gate.touch()
    store.flush()
    assert store.path("pages", KEY).is_file() and store.get("pages", KEY) == b"payload"
    assert writer.pending(store.path("pages", KEY)) is None  # answered: read from the disk now


def test_the_writer_is_forked_when_the_cache_opens(tmp_path: Path, writer: cache_writer.Writer) -> None:
    """While the command is small: a writer forked at the first entry would be a copy of the build."""
    assert not writer._pid
    CacheStore.open(tmp_path / "cache")
    assert writer._pid and _running(writer._pid)


def test_a_later_entry_under_one_key_wins(tmp_path: Path, gate: Path, writer: cache_writer.Writer) -> None:
    store = CacheStore.open(tmp_path / "cache")
    store.put("pages", KEY, b"first")
    store.put("pages", KEY, b"second")
    assert store.get("pages", KEY) == b"second"
    gate.touch()
    store.flush()
    assert store.get("pages", KEY) == b"second"


def test_an_entry_of_many_pieces_is_written_whole(tmp_path: Path, writer: cache_writer.Writer) -> None:
    """The API's pack is handed over in pieces larger than the pipe, and more of them than one
    system call takes."""
    store = CacheStore.open(tmp_path / "cache")
    pieces = [bytes([n % 251]) * (n % 7 + 1) for n in range(3000)] + [b"x" * (3 << 20)]
    store.put("api", KEY, pieces)
    store.flush()
    assert store.path("api", KEY).is_file() and store.get("api", KEY) == b"".join(pieces)


def test_a_failed_write_stops_its_own_cache_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: cache_writer.Writer) -> None:
    real = cache_writer.write_entry

    def refuse(target: Path, data: Iterable[bytes]) -> bool:
        if "full" in target.parts:
            for _ in data:  # the pipe is read on, as a real failure reads it
                pass
            return False
        return real(target, data)

    monkeypatch.setattr(cache_writer, "write_entry", refuse)  # before the child is forked (at the first open)
    full = CacheStore.open(tmp_path / "full")
    other = CacheStore.open(tmp_path / "other")
    full.put("pages", KEY, b"payload")
    full.flush()
    assert full.failed and full.get("pages", KEY) is None
    other.put("pages", KEY, b"payload")
    other.flush()
    assert not other.failed and other.get("pages", KEY) == b"payload"
    full.put("pages", "cd" + KEY[2:], b"payload")  # the disk was full: this build stores nothing more
    full.flush()
    assert full.get("pages", "cd" + KEY[2:]) is None and not full.path("pages", "cd" + KEY[2:]).exists()


def test_a_full_disk_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write_entry itself: a write that fails half way removes its temporary file."""
    target = tmp_path / "ab" / KEY

    def pieces() -> Iterator[bytes]:
        yield b"half"
        raise OSError(28, "No space left on device")

    assert not cache_writer.write_entry(target, pieces())
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == []


def test_a_slow_disk_holds_the_build_back_not_the_whole_site_in_memory(
        tmp_path: Path, gate: Path, writer: cache_writer.Writer) -> None:
    """At most QUEUED entries are unanswered: storing more waits for the disk."""
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
    assert filler.is_alive() and stored <= cache_writer.QUEUED + 1  # held back by the answers
    gate.touch()
    filler.join(10)
    store.flush()
    assert stored == cache_writer.QUEUED + 10 and store.get("pages", f"{7:064x}") == b"payload"


def test_a_write_that_raises_fails_its_entry_not_the_child(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: cache_writer.Writer) -> None:
    real = cache_writer.write_entry

    def broken(target: Path, data: Iterable[bytes]) -> bool:
        if "broken" in target.parts:
            raise RuntimeError("a bug in writing")
        return real(target, data)

    monkeypatch.setattr(cache_writer, "write_entry", broken)
    store = CacheStore.open(tmp_path / "broken")
    store.put("pages", KEY, b"payload" * 100_000)  # larger than the pipe: the rest is read past
    store.flush()
    assert store.failed
    other = CacheStore.open(tmp_path / "other")
    other.put("pages", KEY, b"payload")
    other.flush()  # the child still writes
    assert other.get("pages", KEY) == b"payload" and other.path("pages", KEY).is_file()


def test_a_child_that_dies_fails_its_entries_and_the_build_goes_on(
        tmp_path: Path, gate: Path, writer: cache_writer.Writer) -> None:
    store = CacheStore.open(tmp_path / "cache")
    store.put("pages", KEY, b"payload")
    os.kill(writer._pid, signal.SIGKILL)
    store.flush()  # answered by the pipe's end, not waited for forever
    assert store.failed and store.get("pages", KEY) is None
    store.put("pages", "cd" + KEY[2:], b"payload")  # no new child: nothing more is stored
    assert store.get("pages", "cd" + KEY[2:]) is None


def test_the_child_writes_what_it_was_handed_and_ends_with_the_command(tmp_path: Path) -> None:
    """A command that stores and returns leaves every entry on disk and no process behind."""
    program = (
        "import sys; from pathlib import Path; from hcs_site.adapters.cache_store import CacheStore; "
        "from hcs_site.adapters.cache_writer import WRITER; "
        "store = CacheStore.open(Path(sys.argv[1])); "
        "[store.put('pages', f'{n:064x}', b'payload' * 1000) for n in range(500)]; "
        "print(WRITER._pid)")
    done = subprocess.run([sys.executable, "-c", program, str(tmp_path / "cache")], capture_output=True,
                          text=True, check=True, timeout=60)  # returns: the child holds no output open
    child = int(done.stdout)
    store = CacheStore.open(tmp_path / "cache")
    assert all(store.get("pages", f"{n:064x}") == b"payload" * 1000 for n in range(500))
    for _ in range(500):
        if not _running(child):
            break
        time.sleep(0.01)
    else:
        pytest.fail(f"the cache's writer {child} outlived its command")


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (one that ended but was not reaped yet is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
