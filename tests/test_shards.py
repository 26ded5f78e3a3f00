"""Shards assemble into exactly the site a single build makes: pages, sitemap, search index, links."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hcs_site.adapters.balance import plan
from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from tests.sitecheck import broken_links, copy_repo, tree_digest

REPO = Path(__file__).resolve().parents[1]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("single") / "site"
    result = run("build", "--root", str(REPO), "--strict", "--site-dir", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_parallel_build_is_identical_to_a_single_build(single: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("build", "--root", str(REPO), "--strict", "--jobs", "2", "--site-dir", str(out))
    assert result.exit_code == 0, result.output
    assert tree_digest(out) == tree_digest(single)
    assert (out / "sitemap.xml").read_bytes() == (single / "sitemap.xml").read_bytes()
    assert (out / "search" / "search_index.json").read_bytes() == (single / "search" / "search_index.json").read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_shards_built_apart_assemble_into_the_same_site(single: Path, tmp_path: Path) -> None:
    framework, portfolios = tmp_path / "framework", tmp_path / "portfolios"
    for spec, out in (("framework", framework), ("portfolios:*", portfolios)):
        result = run("build", "--root", str(REPO), "--strict", "--shard", spec, "--site-dir", str(out))
        assert result.exit_code == 0, result.output
    assert not (framework / "portfolios" / "luella-high").exists()
    assert (framework / "portfolios" / "index.html").is_file()  # the list of schools is the framework's
    assert not (portfolios / "courses").exists() and not (portfolios / "assets").exists()
    assert not (portfolios / "portfolios" / "index.html").exists()
    result = run("assemble", str(framework), str(portfolios), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert tree_digest(tmp_path / "site") == tree_digest(single)
    assert broken_links(tmp_path / "site") == []


def test_a_school_shard_holds_only_that_school(tmp_path: Path) -> None:
    out = tmp_path / "luella"
    result = run("build", "--root", str(REPO), "--shard", "portfolios:luella-high", "--site-dir", str(out))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (out / "portfolios").iterdir()] == ["luella-high"]


def test_unknown_school_is_a_usage_error(tmp_path: Path) -> None:
    result = run("build", "--root", str(REPO), "--shard", "portfolios:luela-high", "--site-dir", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "no school 'luela-high'" in result.output


def test_assemble_needs_exactly_one_framework_part(tmp_path: Path) -> None:
    out = tmp_path / "p"
    assert run("build", "--root", str(REPO), "--shard", "portfolios:luella-high", "--site-dir", str(out)).exit_code == 0
    result = run("assemble", str(out), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "exactly one part must hold the framework" in result.output
    assert not (tmp_path / "site").exists()


def test_each_language_can_be_a_shard_of_its_own(single: Path, tmp_path: Path) -> None:
    parts = {spec: tmp_path / name for spec, name in
             (("framework:en", "en"), ("framework:es", "es"), ("portfolios:*", "portfolios"))}
    for spec, out in parts.items():
        result = run("build", "--root", str(REPO), "--strict", "--shard", spec, "--site-dir", str(out))
        assert result.exit_code == 0, result.output
    assert not (parts["framework:en"] / "es").exists()
    assert sorted(p.name for p in parts["framework:es"].iterdir()) == [".hcs-shard.json", ".hcs-site-output", "es"]
    assert (parts["framework:es"] / "es" / "courses" / "math-7" / "index.html").is_file()
    result = run("assemble", *map(str, parts.values()), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert tree_digest(tmp_path / "site") == tree_digest(single)


def test_a_language_the_site_lacks_is_a_usage_error(tmp_path: Path) -> None:
    result = run("build", "--root", str(REPO), "--shard", "framework:fr", "--site-dir", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "the site has no language 'fr'; languages: en, es" in result.output


def test_a_language_the_district_has_but_the_site_does_not_build_is_a_usage_error_too(
        tmp_path: Path) -> None:
    """--shard is read once, against the languages the site is built in (mkdocs.yml's `languages`
    narrows the district's): never a usage error for one source and a failed build for the other."""
    root = copy_repo(Path(__file__).parent / "fixtures" / "mini", tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hcs\n", "  - hcs:\n      languages: [en]\n"),
                      encoding="utf-8")
    result = run("build", "--root", str(root), "--shard", "framework:es", "--site-dir", str(tmp_path / "x"))
    assert result.exit_code == 2, result.output
    assert "the site has no language 'es'; languages: en" in result.output
    assert not (tmp_path / "x").exists()


def test_a_language_in_two_parts_is_refused(tmp_path: Path) -> None:
    framework, spanish = tmp_path / "framework", tmp_path / "es"
    for spec, out in (("framework", framework), ("framework:es", spanish)):
        assert run("build", "--root", str(REPO), "--shard", spec, "--site-dir", str(out)).exit_code == 0
    result = run("assemble", str(framework), str(spanish), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "two parts hold the 'es' site" in result.output
    assert not (tmp_path / "site").exists()


def test_shard_plan_balances_languages_and_schools() -> None:
    result = check_repository(REPO)
    two = plan(result, 2, ["en", "es"])
    schools = ("bethlehem-elementary,flippen-elementary,luella-high,luella-middle,ola-middle,"
               "pleasant-grove-elementary,stockbridge-high,union-grove-high")
    # 17 courses in English with the site-wide files (268 portfolio pages' worth at this size) and
    # in Spanish (215), and 62 pages of students: the first school tops up the English part
    first, rest = schools.split(",", 1)
    assert [(s.spec(), s.contents()) for s in two] == [
        ("1/2", f"framework:en+portfolios:{first}"),
        ("2/2", f"framework:es+portfolios:{rest}"),
    ]
    # In three parts each framework is heavier than a share: each fills a part, the students the third
    three = [s.contents() for s in plan(result, 3, ["en", "es"])]
    assert three == ["framework:en", "framework:es", f"portfolios:{schools}"]
    assert [s.contents() for s in plan(result, 2, ["en"])] == ["framework:en", f"portfolios:{schools}"]


def test_a_build_leaves_no_temporary_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = run("build", "--root", str(REPO), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "es" / "index.html").is_file()
    assert list(scratch.iterdir()) == []
