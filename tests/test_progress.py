"""Build progress in a CI log: plain lines with pages done, rate and time left, never a redrawn bar."""

from __future__ import annotations

import io

from hcs_site.adapters.progress import PlainLines, for_terminal


def test_plain_lines_report_pages_rate_and_time_left() -> None:
    out = io.StringIO()
    progress = PlainLines(out, every=0.0, minimum=10)
    progress.start(20)
    for _ in range(20):
        progress.advance()
    progress.finish()
    lines = out.getvalue().splitlines()
    assert len(lines) == 21  # one per page (every=0) and a final one
    assert lines[9].startswith("built 10/20 pages (50%), ")
    assert lines[-1].startswith("built 20/20 pages (100%), ") and lines[-1].endswith("about 0 s left")
    assert " pages/s, about " in lines[0]


def test_small_builds_print_nothing() -> None:
    out = io.StringIO()
    progress = PlainLines(out, every=0.0, minimum=200)
    progress.start(50)
    for _ in range(50):
        progress.advance()
    progress.finish()
    assert out.getvalue() == ""


def test_a_log_file_gets_plain_lines() -> None:
    assert isinstance(for_terminal(io.StringIO()), PlainLines)
