"""Build progress in a CI log: plain lines with pages done, rate and time left, never a redrawn bar."""

from __future__ import annotations

import io
from pathlib import Path

from hcs_site.adapters.build import build_site
from hcs_site.adapters.progress import PlainLines, Shared, for_terminal, relayed
from hcs_site.check.pipeline import check_repository

REPO = Path(__file__).resolve().parents[1]


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


def test_parallel_workers_progress_is_summed_and_shown_by_the_parent() -> None:
    out = io.StringIO()
    shared = Shared(2)
    with relayed(shared, PlainLines(out, every=0.0, minimum=10), every=0.01):
        shared.slot = 0
        shared.start(12)
        for _ in range(12):
            shared.advance()
        shared.slot = 1
        shared.start(8)
        for _ in range(8):
            shared.advance()
    assert out.getvalue().splitlines()[-1].startswith("built 20/20 pages (100%), ")


def test_a_parallel_build_shows_every_shards_pages(tmp_path: Path) -> None:
    """`--jobs 2`: the parent prints the pages of both workers (the framework in two languages and
    the portfolios), ending at 100%."""
    result = check_repository(REPO)
    out = io.StringIO()
    site = build_site(result, REPO / "mkdocs.yml", tmp_path / "site", False, PlainLines(out, every=0.0, minimum=10),
                      jobs=2)
    # (api/case/.../CFDocuments/index.html are JSON, the CASE document lists: data, not pages)
    pages = [p for p in site.rglob("*.html") if p.name != "404.html" and p.relative_to(site).parts[0] != "api"]
    last = out.getvalue().splitlines()[-1]
    assert last.startswith(f"built {len(pages)}/{len(pages)} pages (100%), "), last


class _Recorder:
    """Notes, at each step, how many pages MkDocs has written so far."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.totals: list[int] = []
        self.steps: list[tuple[float, int]] = []

    def start(self, total: int) -> None:
        self.totals.append(total)

    def advance(self, pages: float = 1.0) -> None:
        written = sum(1 for p in self.site.rglob("*.html")  # not the API's JSON lists named index.html,
                      if "api" not in p.relative_to(self.site).parts) if self.site.exists() else 0  # written meanwhile
        self.steps.append((pages, written))

    def show(self, done: float, total: int) -> None:
        pass

    def finish(self) -> None:
        pass


def test_progress_moves_while_pages_are_read_not_only_when_written(tmp_path: Path) -> None:
    """MkDocs reads and converts every page before it writes any: the display counts half a page
    for each, so a long build does not sit at 0 pages for half its time."""
    result = check_repository(REPO)
    recorder = _Recorder(tmp_path)
    build_site(result, REPO / "mkdocs.yml", tmp_path / "site", False, recorder)
    english = recorder.totals[0]
    first = recorder.steps[:english]
    assert sum(pages for pages, _ in recorder.steps) == sum(recorder.totals)
    assert [pages for pages, _ in first] == [0.5] * english
    assert all(written == 0 for _, written in first[: english // 2])  # half the work done, nothing written yet
