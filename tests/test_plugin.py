"""The hcs plugin on its own: its events on a minimal mkdocs.yml, without a full build."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.pages import Page

from hcs_site.adapters import driver
from hcs_site.adapters.session import BuildSession, build_date
from hcs_site.check.pipeline import CheckResult, check_repository
from hcs_site.diagnostics import Loc
from hcs_site.selection import Selection
from tests.conftest import COURSE_MATH_7, MakeRepo, write_files

MINIMAL = "site_name: Test\ntheme: {name: material}\nplugins: [hcs]\n"


def configured(root: Path, session: BuildSession | None = None, text: str = MINIMAL) -> tuple[MkDocsConfig, Any]:
    write_files(root, {"mkdocs.yml": text, "docs/about.md": "# About\n"})
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root.parent / "site"))
    plugin = config.plugins["hcs"]
    if session is not None:
        driver.hand_over(config, session)
    return config, plugin


def events(config: MkDocsConfig) -> tuple[MkDocsConfig, Files]:
    """`config` and `files`, as MkDocs runs them (every plugin, through its own run_event)."""
    config = config.plugins.on_config(config)
    return config, config.plugins.on_files(get_files(config), config=config)


@pytest.fixture
def checked(valid_repo: Path) -> CheckResult:
    return check_repository(valid_repo)


def test_a_session_is_used_as_given_and_its_problems_not_printed_again(
        valid_repo: Path, checked: CheckResult, caplog: pytest.LogCaptureFixture) -> None:
    checked.report.warning(Loc("content/district.yml", 1, 1), "made-up", "a warning the CLI printed already")
    config, plugin = configured(valid_repo, BuildSession(checked, language="es"))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.hcs"):
        config, files = events(config)
    assert plugin.result is checked  # not checked a second time
    assert "made-up" not in caplog.text
    assert plugin.language == "es" and config.theme["language"] == "es"
    assert files.get_file_from_path("courses/math-7.md") is not None
    assert files.get_file_from_path("portfolios/index.md") is None  # portfolios: the default language only
    assert files.get_file_from_path("api/framework.json") is None  # the API: the default language only


def test_without_a_session_the_plugin_checks_and_logs_each_problem_on_one_line(
        make_repo: MakeRepo, caplog: pytest.LogCaptureFixture) -> None:
    root = make_repo({"content/courses/math-7.yml": COURSE_MATH_7.replace("rubric: MATH.RP\n", "rubric: MATH.XX\n")})
    config, _plugin = configured(root)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.hcs"), pytest.raises(PluginError) as err:
        events(config)
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert lines and all(line.startswith("content/courses/math-7.yml:") for line in lines)
    assert any(" error unknown-ref " in line and "(fix: " in line for line in lines)
    assert "the content has errors" in str(err.value)


def test_a_shard_renders_its_pages_and_stands_in_for_the_others(valid_repo: Path, checked: CheckResult) -> None:
    portfolios_only = Selection.parse("portfolios:bethlehem-elementary", ["luella-high", "bethlehem-elementary"],
                                      ["en", "es"])
    config, _plugin = configured(valid_repo, BuildSession(checked, portfolios_only))
    config, files = events(config)
    course = files.get_file_from_path("courses/math-7.md")
    student = files.get_file_from_path("portfolios/bethlehem-elementary/p-0001/ratio-recipes.md")
    assert course is not None and student is not None
    assert "Proportional relationships" not in course.content_string  # a stand-in: its head only
    assert "Ratio recipes" in student.content_string
    assert files.get_file_from_path("api/framework.json") is None  # site-wide files: the framework shard's
    assert "About" in (files.get_file_from_path("about.md") or files.get_file_from_path("index.md")).content_string


def test_the_default_language_publishes_the_api_and_drops_other_languages_docs(
        valid_repo: Path, checked: CheckResult) -> None:
    write_files(valid_repo, {"docs/es/acerca.md": "# Acerca\n"})
    config, _plugin = configured(valid_repo, BuildSession(checked))
    config, files = events(config)
    assert files.get_file_from_path("api/framework.json") is not None
    assert files.get_file_from_path("es/acerca.md") is None  # built by the Spanish build
    assert config.extra["alternate"][1]["link"] == "./es/"


def test_the_sitemap_date_is_the_sessions(valid_repo: Path, checked: CheckResult) -> None:
    config, plugin = configured(valid_repo, BuildSession(checked, build_date=86400 * 365))
    config, files = events(config)
    for f in files.documentation_pages():
        Page(None, f, config)  # MkDocs dates each page with today, or SOURCE_DATE_EPOCH's day
    plugin.on_env(Environment(), config=config, files=files)
    assert {f.page.update_date for f in files.documentation_pages() if f.page} == {"1971-01-01"}


def test_a_configuration_without_the_plugin_is_refused_by_the_driver(valid_repo: Path, checked: CheckResult) -> None:
    configured(valid_repo, text="site_name: Test\nplugins: [search, hcs]\n")
    bare = load_config(config_file=str(valid_repo / "mkdocs.yml"), plugins=["search"])
    with pytest.raises(PluginError, match="does not enable the 'hcs' plugin"):
        driver.hand_over(bare, BuildSession(checked))


def test_the_build_date_is_source_date_epoch_else_the_last_commit_else_zero(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert build_date(tmp_path) == 1234567890
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date(tmp_path) == 0  # not a Git repository


def test_another_languages_session_takes_all_of_it_and_prints_nothing(checked: CheckResult) -> None:
    shard = BuildSession(checked, Selection.parse("framework:es", [], ["en", "es"]), runs_languages=True)
    other = shard.for_language("es", checked)
    assert other.language == "es" and other.selection.everything and other.reported
    assert not other.runs_languages and other.serve is None
