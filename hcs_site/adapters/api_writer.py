"""The JSON API made and written by a forked child while this process builds the pages.

The API is 85,000 files at any size of district, and making them (encoding both CASE packages and
every item), hashing them and writing or linking them took a third of a rebuild after one course
changed, on one core while the other was nearly idle. Their names are known once the CASE
packages are built (`json_api.api_plan`), and the site's pages need only the names (a page's link
to `api/framework.json` must resolve); so the build lists the API from the plan, and a child
forked then makes the bytes, stores them in the build cache, writes them into the new site or
links them from the old one (`api_links`), while this process renders the pages.

Nothing else writes in the API's folders (`carry_over.add_api` forks only then), and the child
writes nowhere else. The build waits for it before the swap (`wait`): its answer is the links it
made, which the check of the old site before the swap needs. A child that raises hands its
exception back and the build fails with it, exactly as if the API had been made in this process;
one that dies without an answer fails the build too. A build that fails or is interrupted kills the
child (`abort`) before its temporary folder is removed, and a child whose parent died stops.
Without `os.fork` (or when it fails) the API is made in this process, as before.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import api_links, forked
from .api_cache import SiteApi, recorded
from .cache_writer import WRITER
from .site_listing import FileState, folder_digest

log = logging.getLogger("mkdocs.plugins.hcs")

WHAT = "writing the JSON API"
GO = b"g"
CHECK_PARENT = forked.CHECK_PARENT
ParentGone = forked.ParentGone
WriterStopped = forked.WriterStopped


@dataclass
class Written:
    """What the child did: the build's check of the old site and its swap need the links."""

    count: int
    from_cache: bool
    linked: list[str] = field(default_factory=list)
    held: dict[str, FileState] = field(default_factory=dict)
    replaced: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    listed: dict[str, str] = field(default_factory=dict)
    """The digest of each API folder as the child left it (`site_listing.folder_digest`), when
    it linked nothing: no later change reaches them, so the new site's listing takes them as they are."""

    def links(self, old_site: Path) -> api_links.Links | None:
        """The links as `carry_over` checks them (already made: `made`)."""
        if not self.linked:
            return None
        return api_links.Links(old_site, {}, self.linked, self.replaced, self.held, made=True)


def write_api(api: SiteApi, built: Path, names: list[str], old_site: Path | None, last_key: str | None,
              gate: int | None = None) -> Written:
    """The child's work (also run in this process by tests): every file of the API into `built`,
    linked from `old_site` where the record of its API (`last_key`) gives it the same bytes.
    `names`: the files the build listed, which must be the files made. `gate`: the files are made
    and hashed, then nothing touches the disk until the build says so (`ApiWriter.open`)."""
    files = api.files()
    if list(files) != names:
        raise RuntimeError("the JSON API's files are not the ones its plan named (a bug in hcs-site)")
    last = recorded(api.store, last_key) if api.store is not None and last_key is not None else None
    links = api_links.plan(old_site, api, last) if old_site is not None else None
    to_link = frozenset(links.names) if links is not None else frozenset()
    if gate is not None and _wait_for(gate) != GO:
        raise ParentGone  # the build took another way, or is gone
    parent, folders = os.getppid(), set()
    for count, (name, data) in enumerate(files.items()):
        if count % CHECK_PARENT == 0 and os.getppid() != parent:
            raise ParentGone
        if name in to_link:
            continue
        path = os.path.join(built, name)
        folder = os.path.dirname(path)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        with open(path, "xb") as fh:  # nothing else writes here: a file found is a bug, not overwritten
            fh.write(data)
    if links is not None:
        api_links.link(links, built, quiet=True)
    WRITER.flush()  # the entries are on disk before the build that waits prunes the cache
    done = Written(len(files), api.from_cache)
    if links is not None and links.names:
        done.linked, done.held, done.replaced = links.names, links.held, links.replaced
    else:  # linked files change when the old site's names are removed: those are listed after the swap
        for folder in sorted({name.split("/", 1)[0] for name in names}):
            digest = folder_digest(os.path.join(built, folder))
            if digest is not None:
                done.listed[folder] = digest
    return done


def _wait_for(gate: int) -> bytes:
    try:
        return os.read(gate, 1)
    except OSError:
        return b""
    finally:
        os.close(gate)


class ApiWriter:
    """The forked child writing the API; `wait` for its answer, `abort` when the build fails.
    A gated child (`start(gated=True)`) waits for `open` before it writes."""

    def __init__(self, child: forked.Child, api: SiteApi | None, gate: int = -1) -> None:
        self.child, self.api, self.gate = child, api, gate

    def open(self) -> None:
        """Let a gated child write: MkDocs has cleaned the folder it writes into."""
        if self.gate >= 0:
            gate, self.gate = self.gate, -1
            try:
                os.write(gate, GO)
            except OSError:
                pass  # a child that is gone says so when it is waited for
            finally:
                os.close(gate)

    @property
    def pid(self) -> int:
        return self.child.pid

    def wait(self) -> Written:
        """The child's answer, once it exited; its exception raised here if it raised one."""
        self.open()
        done = self.child.done
        answer = self.child.wait()
        if not isinstance(answer, Written):
            raise WriterStopped(f"the process {self.child.what} gave no account of its files; "
                                "the site was not replaced: build again")
        if not done:
            if self.api is not None:
                self.api.used()
            _log(answer)
        return answer

    def abort(self) -> None:
        if self.gate >= 0:
            os.close(self.gate)
            self.gate = -1
        self.child.abort()


def _log(done: Written) -> None:
    if done.from_cache:
        log.info(f"hcs: the JSON API ({done.count} files) from the build cache")
    if done.linked:
        log.info(f"hcs: the JSON API ({done.count} files): {len(done.held)} linked from the site it "
                 f"replaces, {done.count - len(done.held)} written")


def start(api: SiteApi, built: Path, names: list[str], old_site: Path | None,
          last_key: str | None, gated: bool = False) -> ApiWriter | None:
    """Fork the child that writes the API into `built`; None when no child can be made.
    `gated`: forked before MkDocs cleaned `built`, it makes the files and waits (`ApiWriter.open`)."""
    gate_out, gate_in = os.pipe() if gated else (-1, -1)

    def work() -> Written:
        if gate_in >= 0:
            os.close(gate_in)  # the build's end: the child reads the end of the pipe if the build dies
        done = write_api(api, built, names, old_site, last_key, gate_out if gated else None)
        WRITER.close()  # the child's own writer: its entries on disk, then it ends and is reaped here
        return done

    child = forked.fork(work, WHAT, writes_here=False)
    if gated:
        os.close(gate_out)
    if child is None:
        if gated:
            os.close(gate_in)
        return None
    return ApiWriter(child, api, gate_in)


@dataclass
class Early:
    """The API's child forked before MkDocs started (`WriterSlot.start_early`), and what it was
    forked for: it writes only if the build, once it lists the site's files, asks for the same."""

    writer: ApiWriter
    api: SiteApi
    built: Path
    names: list[str]
    old_site: Path | None
    last_key: str | None


@dataclass
class WriterSlot:
    """The session's child writing the API, if any: the build driver waits for it, or kills it."""

    writer: ApiWriter | None = None
    early: Early | None = None

    def start_early(self, api: SiteApi, built: Path, names: list[str], old_site: Path | None,
                    last_key: str | None) -> None:
        """Fork the API's child now, gated: it makes and hashes the files while the build renders
        the students' pages and MkDocs starts (in a rebuild after a course changed, 2 to 3 s of
        the child's 5 that the build waited for at the end)."""
        writer = start(api, built, names, old_site, last_key, gated=True)
        if writer is not None:
            self.early = Early(writer, api, built, names, old_site, last_key)

    def take_early(self, api: SiteApi, built: Path, names: list[str], old_site: Path | None,
                   last_key: str | None) -> ApiWriter | None:
        """The early child, let write, when it was forked for exactly this; else it is stopped."""
        early, self.early = self.early, None
        if early is None:
            return None
        if (early.api is api and early.built == built and early.names == names and early.old_site == old_site
                and early.last_key == last_key):
            early.writer.open()
            return early.writer
        early.writer.abort()
        return None

    def finish(self) -> Written | None:
        """Wait for the child: what it did (the links it made are the old site's check's)."""
        self.take_early_away()
        if self.writer is None:
            return None
        done = self.writer.wait()
        self.writer = None
        return done

    def abort(self) -> None:
        self.take_early_away()
        if self.writer is not None:
            self.writer.abort()
            self.writer = None

    def take_early_away(self) -> None:
        """Stop an early child the build did not take (the API was carried over, or not made)."""
        if self.early is not None:
            self.early.writer.abort()
            self.early = None
