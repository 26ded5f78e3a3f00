"""`hcs-site serve` as a person uses it: a real server process on a free port, fetched over HTTP.

A content error answers every page at once with the messages (file:line:column, the fix) instead
of stalling the browser; the next save that fixes it brings the page back; the terminal shows only
hcs-site's lines (MkDocs' with -v) and the address to open, with the site's path.
"""

from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hcs_site.adapters.serve import PeopleServer
from hcs_site.adapters.serve_error import Failure
from tests.sitecheck import copy_repo

MINI = Path(__file__).parent / "fixtures" / "mini"
ANSWER_WITHIN = 4.0
"""Seconds one request may take: a stalled request (MkDocs' own serve waits for a good build) fails
the test. The server answers in milliseconds; the margin is for a busy test machine."""
SETTLE = 60.0
"""Seconds a save may take to show (file polling every 0.5 s, then a rebuild)."""
BROKEN = "content/courses/math-7.yml:5:7"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    def __init__(self, root: Path, port: int, log: Path) -> None:
        self.root, self.port, self.log = root, port, log
        self.returncode: int | None = None
        self.pid = 0

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/td/{path}"

    def fetch(self, path: str = "") -> tuple[int, str]:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.url(path), timeout=ANSWER_WITHIN) as answer:
                status, body = answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode("utf-8")
        assert time.monotonic() - started < ANSWER_WITHIN + 1
        return status, body

    def until(self, wanted: int, text: str, path: str = "") -> str:
        deadline = time.monotonic() + SETTLE
        while True:
            status, body = self.fetch(path)
            if status == wanted and text in html.unescape(body):
                return html.unescape(body)
            assert time.monotonic() < deadline, f"still {status} after {SETTLE} s: {body[:500]}"
            time.sleep(0.3)

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8")


@contextmanager
def serve(tmp_path: Path, *extra: str, before: dict[str, tuple[str, str]] | None = None,
          plain_mkdocs: bool = False) -> Iterator[Served]:
    root = copy_repo(MINI, tmp_path / "repo")
    for rel, (old, new) in (before or {}).items():
        edit(root / rel, old, new)
    port = free_port()
    log = tmp_path / "terminal.txt"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as out:
        command = ["mkdocs", "serve", "-a"] if plain_mkdocs else ["hcs_site", "serve", "--dev-addr"]
        process = subprocess.Popen([sys.executable, "-m", *command, f"127.0.0.1:{port}", *extra], cwd=root, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    served = Served(root, port, log)
    served.pid = process.pid
    try:
        deadline = time.monotonic() + 60
        while ("Serving on" if plain_mkdocs else "Serving the site at") not in served.terminal():
            assert process.poll() is None, served.terminal()
            assert time.monotonic() < deadline, served.terminal()
            time.sleep(0.2)
        yield served
    finally:
        process.terminate()
        served.returncode = process.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_content_error_shows_in_the_browser_at_once_and_the_next_save_brings_the_page_back(
        tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        status, page = served.fetch("courses/math-7/")
        assert status == 200 and "Grade 7 Mathematics" in page
        course = served.root / "content" / "courses" / "math-7.yml"
        edit(course, "area: MATH\n", "area: MATHS\n")
        page = served.until(500, BROKEN, "courses/math-7/")
        assert "<title>The site could not be built: 1 error</title>" in page
        assert f"<code>{BROKEN}</code>" in page
        assert "<p>course MATH-7 refers to area 'MATHS', which does not exist; did you mean MATH?</p>" in page
        assert "<strong>Fix:</strong> use the `id` of a file in content/competencies/: one of: MATH, XC" in page
        assert 'src="' not in page and "livereload(" in page  # reloads itself once fixed
        assert served.fetch("")[0] == 500 and served.fetch("glossary/")[0] == 500  # every page, not one
        edit(course, "area: MATHS\n", "area: MATH\n")
        assert "Grade 7 Mathematics" in served.until(200, "Grade 7 Mathematics", "courses/math-7/")
    terminal = served.terminal()
    lines = terminal.splitlines()
    assert f"Serving the site at http://127.0.0.1:{served.port}/td/  (Ctrl+C stops)" in lines
    assert [line for line in lines if line.startswith(("INFO ", "WARNING ", "DEBUG ", "ERROR "))] == []
    assert "Serving on" not in terminal and "dirty" not in terminal and "Traceback" not in terminal
    assert f"{BROKEN}: error unknown-ref course MATH-7 refers to area 'MATHS'" in terminal
    assert "the site could not be built: 1 error, 0 warnings in 6 files; the browser shows why" in terminal
    assert "built again in" in terminal
    assert served.returncode == 143 and lines[-1] == ("stopped by SIGTERM; nothing was replaced and the temporary "
                                                      "files were removed")
    assert not list(Path(tempfile.gettempdir()).glob(f"hcs-site-serve-{served.pid}-*"))  # its temporary folder


def test_broken_from_the_start_it_still_serves_the_error_page_and_v_shows_mkdocs_lines(tmp_path: Path) -> None:
    with serve(tmp_path, "-v", before={"content/courses/math-7.yml": ("area: MATH\n", "area: MATHS\n")}) as served:
        status, page = served.fetch()
        assert status == 500 and f"<code>{BROKEN}</code>" in html.unescape(page)
        assert served.fetch(".hcs-serve/serve-error.css")[0] == 404  # the stylesheet is at the server's root
        with urllib.request.urlopen(f"http://127.0.0.1:{served.port}/.hcs-serve/serve-error.css", timeout=2) as css:
            assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")
        terminal = served.terminal()
    assert '"GET /td/ HTTP/1.1" code 500' in terminal  # MkDocs' own lines, asked for with -v
    assert "hcs: 1 error, 0 warnings in 6 files\n" in terminal  # the first build: nothing to be new since


def test_a_broken_mkdocs_yml_shows_mkdocs_own_sentence_in_the_browser_and_the_terminal(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        config = served.root / "mkdocs.yml"
        edit(config, "  - hcs\n", "  - hcs\n  - does-not-exist\n")
        page = served.until(500, 'Config value \'plugins\': The "does-not-exist" plugin is not installed')
        assert "<title>The site could not be built</title>" in page
        edit(config, "  - hcs\n  - does-not-exist\n", "  - hcs\n")
        served.until(200, "Test District")
        terminal = served.terminal()
    assert ('Config value \'plugins\': The "does-not-exist" plugin is not installed\nAborted with a configuration '
            "error!\nthe site could not be built; the browser shows why") in terminal
    assert "dirty" not in terminal


def test_plain_mkdocs_serve_with_the_plugin_shows_the_error_page_too(tmp_path: Path) -> None:
    with serve(tmp_path, plain_mkdocs=True) as served:
        assert served.fetch("courses/math-7/")[0] == 200
        course = served.root / "content" / "courses" / "math-7.yml"
        edit(course, "area: MATH\n", "area: MATHS\n")
        page = served.until(500, BROKEN, "courses/math-7/")
        assert "<p>course MATH-7 refers to area 'MATHS', which does not exist; did you mean MATH?</p>" in page
        edit(course, "area: MATHS\n", "area: MATH\n")
        served.until(200, "Grade 7 Mathematics", "courses/math-7/")
    assert "The server will appear stuck" not in served.terminal()


def test_with_the_site_at_the_servers_root_live_reload_polls_still_get_their_answer(tmp_path: Path) -> None:
    """site_url without a path: the live-reload poll is not a page, or the tab never learns of the fix."""
    server = PeopleServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path), mount_path="/")
    try:
        server.failure = Failure(reason="Config value 'plugins': broken")
        said: list[str] = []
        poll = b"".join(server.serve_request({"PATH_INFO": "/livereload/0/0"}, lambda s, _h: said.append(s)))
        shown = b"".join(server.serve_request({"PATH_INFO": "/courses/math-7/"}, lambda s, _h: said.append(s)))
    finally:
        server.server_close()
    assert said == ["200 OK", "500 Internal Server Error"]
    assert poll.isdigit() and b"Config value &#39;plugins&#39;&#58; broken" in shown
