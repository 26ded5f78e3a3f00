"""Headless Chromium driven over its DevTools pipe: pages printed with a header and a footer.

Chromium's command-line `--print-to-pdf` cannot add a header or a footer; the DevTools method
`Page.printToPDF` can (`headerTemplate`, `footerTemplate`), and the browser speaks it on two pipes
(`--remote-debugging-pipe`: it reads commands on its file 3 and answers on its file 4, one JSON
message per NUL-terminated record). That needs no library beyond the standard one, and one browser
prints every page of a booklet.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
         "--remote-debugging-pipe", "about:blank"]


class BrowserError(Exception):
    """Chromium did not start, stopped, or did not answer in time."""


class Browser:
    """One headless Chromium for the length of a `with` block."""

    def __init__(self, chromium: str, profile: Path, timeout: float = 120) -> None:
        """`profile`: a new folder for the browser's profile, inside the run's temporary folder (so a
        run killed outright leaves nothing the next run does not sweep)."""
        self.chromium = chromium
        self.timeout = timeout
        self.next_id = 0
        self.buffer = b""
        self.events: list[dict[str, Any]] = []
        profile.mkdir(mode=0o700)
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def pipes() -> None:  # in the child: its file 3 reads our commands, its file 4 answers
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        try:
            self.process = subprocess.Popen(
                [chromium, *FLAGS[:-1], f"--user-data-dir={profile}", FLAGS[-1]],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                preexec_fn=pipes, close_fds=False)
        except OSError as exc:
            self._close_pipes()
            raise BrowserError(f"Chromium could not start: {exc.strerror or exc}") from exc
        finally:
            os.close(to_browser_r)
            os.close(from_browser_w)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._close_pipes()

    def _close_pipes(self) -> None:
        for fd in (self.to_browser, self.from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError(f"Chromium did not answer within {self.timeout:.0f} seconds")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium stopped while printing")
            self.buffer += chunk
        record, _, self.buffer = self.buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(record)
        return message

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self.to_browser, data):]
        except OSError as exc:
            raise BrowserError("Chromium stopped while printing") from exc
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise BrowserError(f"Chromium refused {method}: {answer['error'].get('message', '')}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self.events.append(answer)

    def wait_for(self, event: str, session: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            for i, seen in enumerate(self.events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self.events[: i + 1]
                    return seen
            self.events.append(self._read(deadline))

    def print_pdf(self, page: Path, options: dict[str, Any]) -> bytes:
        """The PDF of the HTML file `page` (its scripts run, as in a reader's browser)."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self.call("Page.enable", session=session)
            self.events.clear()
            navigated = self.call("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
            if navigated.get("errorText"):
                raise BrowserError(f"Chromium could not open {page.name}: {navigated['errorText']}")
            self.wait_for("Page.loadEventFired", session)
            self.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)",
                                           "awaitPromise": True}, session=session)
            printed = self.call("Page.printToPDF", options, session=session)
        finally:
            self.call("Target.closeTarget", {"targetId": target})
        return base64.b64decode(printed["data"])
