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
import pickle
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import api_links
from .api_cache import SiteApi, recorded
from .cache_writer import WRITER

log = logging.getLogger("mkdocs.plugins.hcs")

CHECK_PARENT = 2000
"""Files written between two checks that the build that forked the child is still there."""


@dataclass
class Written:
    """What the child did: the build's check of the old site and its swap need the links."""

    count: int
    from_cache: bool
    linked: list[str] = field(default_factory=list)
    held: dict[str, os.stat_result] = field(default_factory=dict)
    replaced: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)

    def links(self, old_site: Path) -> api_links.Links | None:
        """The links as `carry_over` checks them (already made: `made`)."""
        if not self.linked:
            return None
        return api_links.Links(old_site, {}, self.linked, self.replaced, self.held, made=True)


class WriterStopped(Exception):
    """The child ended without an answer (killed, out of memory): the build fails, the site stays."""


class ParentGone(Exception):
    """The build that forked the child is gone: nothing waits for the files."""


def write_api(api: SiteApi, built: Path, names: list[str], old_site: Path | None, last_key: str | None) -> Written:
    """The child's work (also run in this process by tests): every file of the API into `built`,
    linked from `old_site` where the record of its API (`last_key`) gives it the same bytes.
    `names`: the files the build listed, which must be the files made."""
    files = api.files()
    if list(files) != names:
        raise RuntimeError("the JSON API's files are not the ones its plan named (a bug in hcs-site)")
    last = recorded(api.store, last_key) if api.store is not None and last_key is not None else None
    links = api_links.plan(old_site, api, last) if old_site is not None else None
    to_link = frozenset(links.names) if links is not None else frozenset()
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
    if links is not None:
        done.linked, done.held, done.replaced = links.names, links.held, links.replaced
    return done


class ApiWriter:
    """The forked child writing the API; `wait` for its answer, `abort` when the build fails."""

    def __init__(self, pid: int, answer: int, api: SiteApi) -> None:
        self.pid, self.answer, self.api = pid, answer, api
        self.result: Written | None = None

    def wait(self) -> Written:
        """The child's answer, once it exited; its exception raised here if it raised one."""
        if self.result is not None:
            return self.result
        answer_fd, self.answer = self.answer, -1  # closed by the read, whatever interrupts it
        with os.fdopen(answer_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            answer = pickle.loads(data) if data else None
        except Exception:
            answer = None
        if isinstance(answer, BaseException):
            raise answer
        if not isinstance(answer, Written):
            raise WriterStopped(f"the process writing the JSON API stopped without finishing ({_exit_text(status)}); "
                                "the site was not replaced: build again")
        self.api.used()
        self.result = answer
        _log(answer)
        return answer

    def abort(self) -> None:
        """Stop the child and reap it (the build failed: its folder is about to be removed)."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0
        if self.answer >= 0:
            os.close(self.answer)
            self.answer = -1


def _exit_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _log(done: Written) -> None:
    if done.from_cache:
        log.info(f"hcs: the JSON API ({done.count} files) from the build cache")
    if done.linked:
        log.info(f"hcs: the JSON API ({done.count} files): {len(done.held)} linked from the site it "
                 f"replaces, {done.count - len(done.held)} written")


def start(api: SiteApi, built: Path, names: list[str], old_site: Path | None,
          last_key: str | None) -> ApiWriter | None:
    """Fork the child that writes the API into `built`; None when no child can be made."""
    if not hasattr(os, "fork"):
        return None
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:
        _child(read_end, write_end, lambda: write_api(api, built, names, old_site, last_key))
    os.close(write_end)
    return ApiWriter(pid, read_end, api)


def _child(read_end: int, write_end: int, work: Callable[[], Written]) -> None:
    """Write, answer in one pickle, and leave without the parent's clean-up (`os._exit`)."""
    code = 1
    try:
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the build, which kills the child
        logging.disable(logging.CRITICAL)  # the build logs the answer: one voice on the terminal
        try:
            answer: object = work()
            code = 0
        except ParentGone:
            answer = None
        except BaseException as exc:  # handed to the build, which raises it as its own
            answer = exc
        try:
            data = pickle.dumps(answer)
            pickle.loads(data)  # an exception the build could not read back is sent as its text
        except Exception:
            data = pickle.dumps(RuntimeError(f"the JSON API could not be written: {answer!r}"))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)


@dataclass
class WriterSlot:
    """The session's child writing the API, if any: the build driver waits for it, or kills it."""

    writer: ApiWriter | None = None

    def finish(self) -> Written | None:
        """Wait for the child: what it did (the links it made are the old site's check's)."""
        if self.writer is None:
            return None
        done = self.writer.wait()
        self.writer = None
        return done

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()
            self.writer = None
