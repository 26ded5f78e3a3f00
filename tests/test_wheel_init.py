"""`hcs-site init` from an installed wheel, the way a district gets hcs-site: the wheel is built
from this tree, installed into a new virtual environment, and run from a folder outside the
source tree with nothing of it on sys.path. The new repository is then validated, built
strictly, diffed and published to a local bare repository; `--sample` is checked the same way.

The dependencies come from the development environment's site-packages (a `.pth` line in the new
environment, after its own site-packages), so no package index is asked for them; hcs-site itself
can only come from the wheel, and the test checks that it does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
pytestmark = pytest.mark.slow


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 300) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout, check=False)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def source_copy(dest: Path) -> Path:
    """The files of this tree Git would commit (tracked and new, not ignored): nothing built."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file() and not source.is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A new virtual environment with hcs-site installed from a freshly built wheel, and the
    environment to run it in (no PYTHONPATH: the source tree is not importable)."""
    work = tmp_path_factory.mktemp("wheel")
    src = source_copy(work / "src")
    sh(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--wheel-dir", work / "dist", src, cwd=work)
    wheels = list((work / "dist").glob("hcs_site-*.whl"))
    assert len(wheels) == 1, wheels
    venv = work / "venv"
    sh(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    python = venv / "bin" / "python"
    sh(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheels[0], cwd=work)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "zz-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "HCS_"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}", NO_MKDOCS_2_WARNING="1",
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="test@example.org", GIT_CONFIG_GLOBAL="/dev/null")
    where = sh(python, "-c", "import hcs_site; print(hcs_site.__file__)", cwd=work, env=env).strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), f"hcs_site imported from {where}, not the wheel"
    assert not Path(where).resolve().is_relative_to(REPO.resolve())
    yield venv, env


def test_init_validate_build_diff_publish_from_the_wheel(installed: tuple[Path, dict[str, str]],
                                                         tmp_path: Path) -> None:
    venv, env = installed
    hcs = venv / "bin" / "hcs-site"
    root = tmp_path / "district"
    out = sh(hcs, "init", root, "--schemas", "url", "--site-url", "https://district.example.org/", cwd=tmp_path,
             env=env)
    assert "schemas: url" in out
    sh(hcs, "validate", "--strict", cwd=root, env=env)
    sh(hcs, "build", "--strict", cwd=root, env=env)
    assert (root / "site" / "schemas" / "course.schema.json").is_file()  # where the schema lines point
    sh("git", "init", "-q", "-b", "main", cwd=root, env=env)
    sh("git", "add", "-A", cwd=root, env=env)
    assert "site/" not in sh("git", "status", "--short", cwd=root, env=env)  # .gitignore keeps the build out
    sh("git", "commit", "-qm", "A new district", cwd=root, env=env)
    course = root / "content" / "courses" / "math-6.yml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "{en: Percents, es: Porcentajes}", "{en: Percents and discounts, es: Porcentajes y descuentos}"),
        encoding="utf-8")
    sh("git", "commit", "-qam", "Reword an objective", cwd=root, env=env)
    diff = sh(hcs, "diff", "HEAD~1", "HEAD", cwd=root, env=env)
    assert "objective MATH-6.2 title reworded" in diff
    remote = tmp_path / "remote.git"
    sh("git", "init", "-q", "--bare", remote, cwd=tmp_path, env=env)
    sh("git", "remote", "add", "origin", remote, cwd=root, env=env)
    sh("git", "push", "-q", "origin", "main", cwd=root, env=env)
    published = sh(hcs, "publish", "--alias", "latest", "--set-default", "--push", "--strict", cwd=root, env=env)
    assert "published edition 2026-27 on gh-pages and pushed it" in published
    listed = sh("git", "ls-tree", "-r", "--name-only", "gh-pages", cwd=remote, env=env).split("\n")
    assert "2026-27/courses/math-6/index.html" in listed and "versions.json" in listed
    assert "2026-27/portfolios/example-middle/p-0e1a2f/index.html" in listed


def test_the_sample_from_the_wheel(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    venv, env = installed
    hcs = venv / "bin" / "hcs-site"
    root = tmp_path / "sample"
    sh(hcs, "init", root, "--sample", cwd=tmp_path, env=env)
    for rel in ("content/courses/math-7.yml", "portfolios/p-6e1d58/yeast-graph.png", "docs/es/families.md",
                ".github/workflows/publish.yml", "schemas/course.schema.json"):
        assert (root / rel).is_file(), rel
    assert (root / "portfolios/p-6e1d58/yeast-graph.png").read_bytes() == \
        (REPO / "portfolios/p-6e1d58/yeast-graph.png").read_bytes()
    assert not (root / "portfolios" / "p-0e1a2f").exists() and not (root / "docs" / "architecture.md").exists()
    assert (root / "content/courses/math-7.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/course.schema.json\n")
    sh(hcs, "validate", "--strict", cwd=root, env=env)
    sh(hcs, "build", "--strict", cwd=root, env=env)
    assert (root / "site" / "courses" / "math-7" / "index.html").is_file()
