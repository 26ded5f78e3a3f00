"""The edit loop of `hcs-site serve`: rebuilds re-render only what changed and keep search whole."""

from __future__ import annotations

import html
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from hcs_site.adapters import serve_state
from tests.sitecheck import copy_repo

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    root = copy_repo(MINI, tmp_path / "repo")
    with serve_state.serving(root, portfolios=False, all_languages=False):
        yield root, tmp_path / "served"


def rebuild(root: Path, site: Path) -> None:
    build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site)), dirty=True)


def stamp(site: Path, page: str) -> int:
    return (site / page).stat().st_mtime_ns


def test_a_rebuild_renders_only_the_pages_that_changed(served: tuple[Path, Path]) -> None:
    root, site = served
    rebuild(root, site)
    before = {page: stamp(site, page) for page in ("courses/alg-1/index.html", "courses/math-7/index.html")}
    course = root / "content" / "courses" / "math-7.yml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "I can solve two-step equations.", "I can solve equations in two steps."), encoding="utf-8")
    os.utime(course, ns=(before["courses/alg-1/index.html"] + 10**9,) * 2)
    rebuild(root, site)
    assert stamp(site, "courses/alg-1/index.html") == before["courses/alg-1/index.html"]
    assert stamp(site, "courses/math-7/index.html") != before["courses/math-7/index.html"]
    page = html.unescape((site / "courses/math-7/index.html").read_text(encoding="utf-8"))  # text is entity-encoded
    assert "I can solve equations in two steps." in page
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    assert {"courses/alg-1/", "courses/math-7/", "crosswalk/", "glossary/"} <= pages


def test_serve_builds_only_the_default_language_and_no_api(served: tuple[Path, Path]) -> None:
    root, site = served
    rebuild(root, site)
    assert not (site / "es").exists()
    assert not (site / "api").exists()
    assert (site / "courses" / "math-7" / "index.html").is_file()


def test_a_problem_is_reported_once(served: tuple[Path, Path], caplog: pytest.LogCaptureFixture) -> None:
    root, site = served
    area = root / "content" / "competencies" / "math.yml"
    area.write_text(area.read_text(encoding="utf-8").replace(
        "      - {id: MATH.EE.3, statement: Solve inequalities., dok: 2}\n", ""), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.hcs"):
        rebuild(root, site)
        first = [r.getMessage() for r in caplog.records if "indicator-count" in r.getMessage()]
        caplog.clear()
        rebuild(root, site)
        second = [r.getMessage() for r in caplog.records if "indicator-count" in r.getMessage()]
        summary = [r.getMessage() for r in caplog.records if "new since the last build" in r.getMessage()]
    assert len(first) == 1 and second == []
    assert summary == ["hcs: 0 errors, 1 warning in 6 files; 0 new since the last build"]


def test_a_build_after_serving_in_the_same_process_indexes_each_page_once(tmp_path: Path) -> None:
    """MkDocs keeps Material's search plugin for the whole process; after a serve it used to merge
    every later index with the served one (each page twice, English entries in the Spanish index)."""
    from click.testing import CliRunner

    from hcs_site.cli import main

    root = copy_repo(MINI, tmp_path / "repo")
    with serve_state.serving(root, portfolios=False, all_languages=True):
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
        config.plugins.on_startup(command="serve", dirty=True)  # as serve.py starts its loop
        build(config, dirty=True)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--site-dir", str(tmp_path / "site")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for index in ("search/search_index.json", "es/search/search_index.json"):
        docs = json.loads((tmp_path / "site" / index).read_text(encoding="utf-8"))["docs"]
        locations = [d["location"] for d in docs]
        assert sorted(set(locations)) == sorted(locations), index
        assert all(d["location"] != "courses/math-7/" or "Math" in d["title"] or "Matem" in d["title"]
                   for d in docs)
