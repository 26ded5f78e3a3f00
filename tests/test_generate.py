"""`hcs-site generate`: a site source that plain MkDocs builds without the hcs plugin, and that
matches what the plugin publishes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from hcs_site.cli import main
from tests.sitecheck import build, copy_repo

MINI = Path(__file__).parent / "fixtures" / "mini"


def generate(root: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["generate", "--root", str(root), "--out", str(out), *extra])


def mkdocs_build(config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                          capture_output=True, text=True, env=env, check=False)


def article(html_file: Path) -> str:
    doc = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    main_content = doc.select_one("article.md-content__inner")
    assert main_content is not None
    return str(main_content)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(MINI, tmp_path_factory.mktemp("gen") / "repo")
    result = build(root, "--strict")  # the plugin's own site, to compare with
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def out(repo: Path) -> Path:
    target = repo.parent / "generated"
    result = generate(repo, target)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def built(out: Path) -> Path:
    main_build = mkdocs_build(out / "mkdocs.yml")
    assert main_build.returncode == 0, main_build.stderr
    other = mkdocs_build(out / "mkdocs.es.yml")  # each other language after the main build
    assert other.returncode == 0, other.stderr
    return out / "site"


def test_generated_config_needs_no_hcs_plugin(out: Path) -> None:
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hcs" not in [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert {"attr_list", "md_in_html", "admonition", "tables", "abbr"} <= set(names)
    assert "assets/hcs/hcs.css" in config["extra_css"] and "assets/hcs/hcs.js" in config["extra_javascript"]
    assert config["docs_dir"] == "docs" and config["site_dir"] == "site"
    assert config["nav"], "an explicit navigation, as the plugin would provide"
    assert config["theme"]["custom_dir"] == "overrides" and (out / "overrides" / "main.html").is_file()
    assert "/courses/math-7.md" in config["not_in_nav"]
    spanish = yaml.safe_load((out / "mkdocs.es.yml").read_text(encoding="utf-8"))
    assert spanish["docs_dir"] == "docs-es" and spanish["site_dir"] == "site/es"
    assert spanish["theme"]["language"] == "es"


def test_generated_tree_holds_every_page_and_file(out: Path) -> None:
    docs = out / "docs"
    for rel in ("index.md", "courses/index.md", "courses/math-7.md", "competencies/math.md",
                "assessment-types.md", "crosswalk.md", "assets/hcs/hcs.css", "assets/hcs/hcs.js",
                "api/framework.json", "api/case/ims/case/v1p0/CFDocuments.json", "schemas/course.schema.json"):
        assert (docs / rel).is_file(), rel
    assert (out / "docs-es" / "courses" / "math-7.md").is_file()
    assert not (docs / "es").exists(), "the Spanish pages are their own tree"
    assert (docs / "courses" / "math-7.md").read_text(encoding="utf-8").startswith("---\nhcs_edit_url: ")


def test_plain_mkdocs_builds_it_strictly(built: Path) -> None:
    for rel in ("index.html", "courses/math-7/index.html", "competencies/math/index.html",
                "api/framework.json", "assets/hcs/hcs.css", "es/courses/math-7/index.html"):
        assert (built / rel).is_file(), rel


@pytest.mark.parametrize("page", ["courses/math-7/index.html", "competencies/math/index.html",
                                  "courses/index.html", "es/courses/math-7/index.html"])
def test_pages_match_the_plugin_built_site(repo: Path, built: Path, page: str) -> None:
    assert article(built / page) == article(repo / "site" / page)


def test_refuses_a_folder_it_did_not_write_even_forced(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    for extra in ((), ("--force",)):
        refused = generate(repo, target, *extra)
        assert refused.exit_code == 2 and "is not empty and hcs-site did not write it" in refused.output
        assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_replaces_its_own_earlier_output(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "gen"
    assert generate(repo, target).exit_code == 0
    (target / "docs" / "stale.md").write_text("left from an earlier run", encoding="utf-8")
    again = generate(repo, target)
    assert again.exit_code == 0, again.output
    assert not (target / "docs" / "stale.md").exists() and (target / "mkdocs.yml").is_file()
    assert (target / ".hcs-site-output").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary folder left"


@pytest.mark.parametrize("where", [".", "docs/out", "content/out", ".."])
def test_never_writes_over_the_repository(repo: Path, where: str) -> None:
    result = generate(repo, repo / where, "--force")
    assert result.exit_code == 2
    assert (repo / "content" / "district.yml").is_file() and (repo / "docs" / "index.md").is_file()


def test_config_tags_are_kept_and_not_run(tmp_path: Path) -> None:
    root = copy_repo(MINI, tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: Test District", "site_name: !ENV [HCS_TEST_SITE_NAME, Test District]")
        + "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    result = generate(root, tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: !ENV\n  - HCS_TEST_SITE_NAME\n  - Test District\n" in text
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in text
    assert mkdocs_build(tmp_path / "out" / "mkdocs.yml").returncode == 0


def test_content_errors_stop_generate(tmp_path: Path) -> None:
    root = copy_repo(MINI, tmp_path / "repo")
    course = root / "content" / "courses" / "math-7.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("area: MATH", "area: MATHS"), encoding="utf-8")
    result = generate(root, tmp_path / "out")
    assert result.exit_code == 1 and "MATHS" in result.output
    assert not (tmp_path / "out").exists()
