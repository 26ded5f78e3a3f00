"""Work a build hands to a forked child while it goes on: the child's answer, or its exception.

A build runs on one core; the other is nearly idle while the pages are rendered. Work whose inputs
are all in memory when it starts and whose output nobody reads until the swap (the JSON API, the
HTML layer's entries) is done by a child forked then: it sees everything this process held, and
answers in one pickle. The build waits for it before the swap (`Child.wait`). A child that raises
hands its exception back and the build fails with it, exactly as if the work had been done in this
process; one that dies without an answer fails the build too (`WriterStopped`). A build that fails
or is interrupted kills the child (`Child.abort`) before its temporary folder is removed.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
from collections.abc import Callable
from typing import NoReturn

from .cache_writer import WRITER

CHECK_PARENT = 2000
"""Files written between two checks that the build that forked the child is still there."""


class WriterStopped(Exception):
    """The child ended without an answer (killed, out of memory): the build fails, the site stays."""


class ParentGone(Exception):
    """The build that forked the child is gone: nothing waits for what it writes."""


class Child:
    """A forked child doing `what`; `wait` for its answer, `abort` when the build fails."""

    def __init__(self, pid: int, answer: int, what: str) -> None:
        self.pid, self.answer, self.what = pid, answer, what
        self.done = False
        self.result: object = None

    def wait(self) -> object:
        """The child's answer, once it exited; its exception raised here if it raised one."""
        if self.done:
            return self.result
        answer_fd, self.answer = self.answer, -1  # closed by the read, whatever interrupts it
        with os.fdopen(answer_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            answer = pickle.loads(data) if data else _NO_ANSWER
        except Exception:
            answer = _NO_ANSWER
        if isinstance(answer, BaseException):
            raise answer
        if answer is _NO_ANSWER:
            raise WriterStopped(f"the process {self.what} stopped without finishing ({exit_text(status)}); "
                                "the site was not replaced: build again")
        self.done, self.result = True, answer
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


_NO_ANSWER = object()
"""What a child that died, or answered what cannot be read, said."""


def exit_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def fork(work: Callable[[], object], what: str, writes_here: bool = True) -> Child | None:
    """A child doing `work` (`what` names it in a failure); None when no child can be made.
    `writes_here`: the child writes its cache entries itself (see `Writer.write_here`); else it
    forks a writer of its own, beside it (the API's child, whose 300 MB of entries would otherwise
    be written while the build waits for it)."""
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
        if writes_here:
            WRITER.write_here()
        run(read_end, write_end, work, what)
    os.close(write_end)
    return Child(pid, read_end, what)


def run(read_end: int, write_end: int, work: Callable[[], object], what: str) -> NoReturn:
    """The child: work, answer in one pickle, and leave without the parent's clean-up (`os._exit`)."""
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
            data = pickle.dumps(RuntimeError(f"the process {what} failed: {answer!r}"))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)
