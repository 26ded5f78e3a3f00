"""`hcs-site init`: a district's repository that validates and builds at once, never written over
anything, with schema lines that resolve in it (local) or on its built site (url), and the same
hardened workflows as this repository's. (tests/test_wheel_init.py runs it from an installed wheel.)"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner, Result

from hcs_site.cli import main
from hcs_site.scaffold import schema_lines
from tests.test_workflow_security import actionlint, pin_problems

REPO = Path(__file__).parent.parent
SITE = "https://district.example.org/framework/"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def init(target: Path, *args: str) -> Result:
    result = run("init", str(target), *args)
    assert result.exit_code == 0, result.output
    return result


def modelines(root: Path) -> dict[str, str]:
    """Every content file's schema reference, by the file's path in the repository."""
    found = {}
    for path in sorted((root / "content").rglob("*.y*ml")):
        ref = schema_lines.first_ref(path.read_text(encoding="utf-8"))
        assert ref is not None, f"{path} has no schema line"
        found[path.relative_to(root).as_posix()] = ref
    return found


def resolves_locally(root: Path, rel: str, ref: str) -> Path:
    target = (root / rel).parent / ref
    assert not re.match(r"[a-z]+://", ref), f"{rel}: {ref} is not a path"
    assert target.resolve().is_relative_to(root.resolve()), f"{rel}: {ref} points out of the repository"
    return target


def resolves_on_site(site_url: str, site: Path, rel: str, ref: str) -> Path:
    """The file of the built site that `ref` (a web address under `site_url`) is served from."""
    assert ref.startswith(site_url), f"{rel}: {ref} is not under the site's address {site_url}"
    path = urlsplit(ref).path[len(urlsplit(site_url).path):]
    return site / path


def test_a_new_repository_validates_and_builds_strictly(tmp_path: Path) -> None:
    target = tmp_path / "new" / "district"  # the folder and its parent do not exist yet
    result = init(target)
    assert "wrote" in result.output and "schemas: local" in result.output
    names = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    for expected in ("content/district.yml", "content/competencies/math.yml", "content/courses/math-6.yml",
                     "portfolios/p-0e1a2f/portfolio.md", "docs/families.md",
                     "docs/es/families.md", "mkdocs.yml", "README.md", "requirements.txt",
                     ".github/workflows/publish.yml", ".github/workflows/pull-request.yml",
                     ".github/workflows/pull-request-comment.yml", ".github/dependabot.yml",
                     ".github/CODEOWNERS", ".pre-commit-config.yaml", ".vscode/settings.json",
                     ".vscode/extensions.json", ".gitignore", "schemas/course.schema.json"):
        assert expected in names, expected
    assert not [n for n in names if n.startswith(("dot-", ".hcs")) or "/dot-" in n or "__pycache__" in n]
    assert "docs/index.md" not in names and "docs/es/index.md" not in names  # the designed home is generated
    text = "\n".join((target / n).read_text(encoding="utf-8") for n in sorted(names))
    assert "@" + "HCS_VERSION@" not in text and not re.search(r"@[A-Z_]+@", text)
    checked = run("validate", "--root", str(target), "--strict")
    assert checked.exit_code == 0, checked.output
    built = run("build", "--root", str(target), "--strict", "--site-dir", str(tmp_path / "site"))
    assert built.exit_code == 0, built.output
    example = tmp_path / "site" / "portfolios" / "example-middle" / "p-0e1a2f" / "index.html"
    assert "Sam E." in example.read_text(encoding="utf-8")  # the example's consent lets it publish
    assert (tmp_path / "site" / "es" / "families" / "index.html").is_file()
    for home in ("index.html", "es/index.html"):  # the families' home, as the sample's, in each language
        page = (tmp_path / "site" / home).read_text(encoding="utf-8")
        assert 'class="hcs-home-intro' in page and 'class="hcs-home-search' in page, home


def test_the_example_says_it_is_fictional_and_the_version_is_pinned(tmp_path: Path) -> None:
    from hcs_site import __version__

    init(tmp_path / "d")
    portfolio = (tmp_path / "d" / "portfolios" / "p-0e1a2f" / "portfolio.md").read_text(encoding="utf-8")
    assert "fictional" in portfolio
    assert f"hcs-site=={__version__}\n" in (tmp_path / "d" / "requirements.txt").read_text(encoding="utf-8")
    ignored = (tmp_path / "d" / ".gitignore").read_text(encoding="utf-8").split("\n")
    assert {"site/", ".cache/", ".venv/"} <= set(ignored)


def test_modes_are_the_usual_ones(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        init(tmp_path / "d")
    finally:
        os.umask(old)
    for path in [tmp_path / "d", *(tmp_path / "d").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    before = (tmp_path / "empty").stat().st_ino
    init(tmp_path / "empty")
    assert (tmp_path / "empty" / "content" / "district.yml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]  # no temporary folder left beside it
    assert (tmp_path / "empty").stat().st_ino == before  # the same folder: a shell inside it sees the files


def test_init_dot_in_an_empty_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    init(Path("."))
    assert Path("content/district.yml").is_file() and Path(".github/workflows/publish.yml").is_file()


@pytest.mark.parametrize("setup", ["file", "a file inside", "a hidden file inside", "a folder inside",
                                   "a Git repository"])
def test_nothing_is_ever_overwritten(tmp_path: Path, setup: str) -> None:
    target = tmp_path / "d"
    if setup == "file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        name = {"a file inside": "notes.txt", "a hidden file inside": ".env", "a folder inside": "content",
                "a Git repository": ".git"}[setup]
        (target / name).mkdir() if setup in ("a folder inside", "a Git repository") else \
            (target / name).write_text("mine", encoding="utf-8")
    before = sorted((p.relative_to(tmp_path).as_posix(), p.is_dir()) for p in tmp_path.rglob("*"))
    result = run("init", str(target))
    assert result.exit_code == 2, result.output
    assert "refusing to write the repository into" in result.output
    assert "Fix: choose a new folder, or an empty one (hcs-site init never overwrites a file)" in result.output
    assert sorted((p.relative_to(tmp_path).as_posix(), p.is_dir()) for p in tmp_path.rglob("*")) == before


def test_not_inside_another_content_repository(valid_repo: Path) -> None:
    result = run("init", str(valid_repo / "docs" / "district"))
    assert result.exit_code == 2
    assert "it is inside the content repository" in result.output
    assert not (valid_repo / "docs" / "district").exists()


def test_a_symbolic_link_to_a_full_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "full")
    result = run("init", str(tmp_path / "link"))
    assert result.exit_code == 2 and "it is not empty (keep.txt)" in result.output


def test_url_mode_needs_the_site_address(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "d"), "--schemas", "url")
    assert result.exit_code == 2 and "--site-url https://OWNER.github.io/REPOSITORY/" in result.output
    assert not (tmp_path / "d").exists()
    bad = run("init", str(tmp_path / "d"), "--schemas", "url", "--site-url", "district.example.org")
    assert bad.exit_code == 2 and "starting with https://" in bad.output


def test_local_schema_lines_resolve_in_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "d"
    init(root, "--schemas", "local")
    lines = modelines(root)
    assert lines == {"content/district.yml": "../schemas/district.schema.json",
                     "content/competencies/math.yml": "../../schemas/area.schema.json",
                     "content/courses/math-6.yml": "../../schemas/course.schema.json"}
    for rel, ref in lines.items():
        assert resolves_locally(root, rel, ref).is_file(), (rel, ref)
    settings = (root / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert '"./schemas/course.schema.json": "content/courses/*.yml"' in settings
    # `new` follows the repository's choice
    assert run("new", "course", "MATH-7", "--title", "Grade 7 Mathematics", "--area", "MATH", "--grades", "7",
               "--root", str(root)).exit_code == 0
    assert modelines(root)["content/courses/math-7.yml"] == "../../schemas/course.schema.json"
    same = run("schema", "--out", str(root / "schemas"))  # the folder is what `schema --out` writes
    assert same.exit_code == 0, same.output


def test_url_schema_lines_resolve_on_the_built_site(tmp_path: Path) -> None:
    root = tmp_path / "d"
    init(root, "--schemas", "url", "--site-url", SITE)
    assert not (root / "schemas").exists()
    assert f"site_url: {SITE}\n" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert run("new", "area", "SCI", "--title", "Science", "--root", str(root)).exit_code == 0
    built = run("build", "--root", str(root), "--strict", "--site-dir", str(tmp_path / "site"))
    assert built.exit_code == 0, built.output
    lines = modelines(root)
    assert lines["content/competencies/sci.yml"] == f"{SITE}schemas/area.schema.json"
    for rel, ref in lines.items():
        served = resolves_on_site(SITE, tmp_path / "site", rel, ref)
        assert served.is_file(), (rel, ref)
        assert yaml.safe_load(served.read_text(encoding="utf-8"))["title"] == schema_lines.kind_of(rel)
    settings = (root / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert f'"{SITE}schemas/district.schema.json": "content/district.yml"' in settings


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    site = tmp_path_factory.mktemp("sample") / "site"
    built = run("build", "--root", str(REPO), "--site-dir", str(site))
    assert built.exit_code == 0, built.output
    url = schema_lines.site_url(REPO)
    assert url is not None
    return url, site


def test_the_sample_schema_lines_resolve_on_its_built_site(sample_site: tuple[str, Path]) -> None:
    """This repository is the sample district: it follows the URL choice, never hcs_site/."""
    url, site = sample_site
    lines = modelines(REPO)
    assert len(lines) >= 20
    for rel, ref in lines.items():
        assert "hcs_site" not in ref
        assert resolves_on_site(url, site, rel, ref).is_file(), (rel, ref)
    assert schema_lines.repository_choice(REPO) == ("url", f"{url}schemas")


def test_the_new_repository_workflows_pass_the_security_review(tmp_path: Path) -> None:
    init(tmp_path / "d")
    workflows = sorted((tmp_path / "d" / ".github" / "workflows").glob("*.yml"))
    assert [p.name for p in workflows] == ["publish.yml", "pull-request-comment.yml", "pull-request.yml"]
    for path in workflows:
        text = path.read_text(encoding="utf-8")
        assert pin_problems(text) == [], path.name
        data = yaml.safe_load(text)
        assert data["permissions"] == {}
        assert all("timeout-minutes" in job for job in data["jobs"].values())
        assert "requirements/run.txt" not in text and "pip install ." not in text
    result = actionlint(workflows)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_a_sample_needs_the_wheel_here() -> None:
    """The sample goes into the wheel at build time (setup.py): an editable install says so."""
    from importlib import resources

    if (resources.files("hcs_site") / "sample").is_dir():
        pytest.skip("this hcs-site is installed from a wheel")
    result = run("init", "/nonexistent-hcs-init-test/d", "--sample")
    assert result.exit_code == 2
    assert "carries no sample district" in result.output and "leave out --sample" in result.output
