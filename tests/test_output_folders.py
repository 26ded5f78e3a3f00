"""Output folders are sacred ground: every command that replaces a folder refuses, with exit 2 and
before touching anything, a target that is not hcs-site's to replace."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hcs_site.cli import main
from hcs_site.outputs import MARKER, MARKER_TEXT, UnsafeOutput, check_folder
from tests.sitecheck import copy_repo

MINI = Path(__file__).parent / "fixtures" / "mini"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file, folder and link under `folder` (hidden ones included), with the files' digests."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (with Git's folder and portfolios), a home folder, someone's own folder, and
    links to them; the current folder is the repository."""
    root = copy_repo(MINI, tmp_path / "repo")
    (root / ".git" / "objects").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "portfolios" / "p-0001").mkdir(parents=True)
    (root / "portfolios" / "p-0001" / "portfolio.md").write_text("---\n---\n", encoding="utf-8")
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "taxes.txt").write_text("private", encoding="utf-8")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    cloned = tmp_path / "cloned"  # marked, but someone made a Git repository of it
    (cloned / ".git").mkdir(parents=True)
    (cloned / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (root / "link-to-content").symlink_to(root / "content")
    (root / "link-to-parent").symlink_to(tmp_path)
    (tmp_path / "part").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(root)
    return tmp_path


DANGEROUS = [
    ".", "./", "..", "../repo", "content", "content/", "content/courses", "content/new-folder",
    "portfolios", "portfolios/p-0001", "docs", "docs/site", ".git", ".git/objects/site",
    "CONTENT", "Docs/site", "./docs/../content", "site/../content", "link-to-content", "link-to-content/x",
    "link-to-parent", "{home}", "{home}/Documents", "{home}/..", "/", "../busy", "../cloned", "mkdocs.yml",
]

COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "build": lambda t: ["build", "--root", ".", "--site-dir", t],
    "build --jobs": lambda t: ["build", "--root", ".", "--jobs", "2", "--site-dir", t],
    "build --shard": lambda t: ["build", "--root", ".", "--shard", "framework", "--site-dir", t],
    "assemble": lambda t: ["assemble", "../part", "--site-dir", t],
    "generate": lambda t: ["generate", "--root", ".", "--out", t],
    "generate --force": lambda t: ["generate", "--root", ".", "--out", t, "--force"],
    "export csv": lambda t: ["export", "csv", "--root", ".", "--out", t],
    "export api": lambda t: ["export", "api", "--root", ".", "--out", t],
    "schema": lambda t: ["schema", "--out", t],
}


def run(args: list[str]) -> Result:
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("target", DANGEROUS)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_a_dangerous_target_and_touches_nothing(
        world: Path, command: str, target: str) -> None:
    target = target.format(home=world / "home")
    before = snapshot(world)
    result = run(COMMANDS[command](target))
    assert result.exit_code == 2, (command, target, result.output)
    if "is a file." not in result.output:  # click itself refuses a file given for a folder
        assert "refusing to write the output into" in result.output, result.output
        assert "Fix: choose an empty or new folder" in result.output
    assert "Traceback" not in result.output
    assert snapshot(world) == before


@pytest.mark.parametrize(("target", "why"), [
    (".", "current folder: it is the content repository"),
    ("..", "it is or contains the content repository"),
    ("content/courses", "it is inside content/, which hcs-site never writes into"),
    ("CONTENT", "it is content/, which hcs-site never writes into"),
    ("link-to-content/x", "content/x/: it is inside content/"),
    (".git/objects/site", "it is inside .git/"),
    ("{home}", "it is or contains your home folder"),
    ("/", "it is the root of the file system"),
    ("../busy", "it is not empty and hcs-site did not write it (it has no .hcs-site-output file)"),
    ("../cloned", "it holds a Git repository"),
])
def test_the_message_names_the_folder_and_why(world: Path, target: str, why: str) -> None:
    result = run(["build", "--site-dir", target.format(home=world / "home")])
    assert result.exit_code == 2
    assert why in " ".join(result.output.split()), result.output


def test_site_dir_from_mkdocs_yml_is_checked_too(world: Path) -> None:
    config = Path("mkdocs.yml")
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: content\n", encoding="utf-8")
    before = snapshot(world)
    result = run(["build"])
    assert result.exit_code == 2 and "refusing to write the output into content/" in result.output
    assert snapshot(world) == before


def test_a_custom_docs_dir_is_protected(world: Path) -> None:
    Path("docs").rename("pages")
    config = Path("mkdocs.yml")
    config.write_text(config.read_text(encoding="utf-8") + "docs_dir: pages\n", encoding="utf-8")
    result = run(["build", "--site-dir", "pages/site"])
    assert result.exit_code == 2 and "it is inside pages/" in result.output


def test_a_file_export_never_overwrites_a_file_it_did_not_write(world: Path) -> None:
    shutil.rmtree("portfolios")
    before = snapshot(world)
    for target, why in (("mkdocs.yml", "refusing to write mkdocs.yml: it already exists and is not a file hcs-site"),
                        ("content/district.yml", "refusing to write content/district.yml: it is inside content/"),
                        ("docs/new.json", "refusing to write docs/new.json: it is inside docs/"),
                        ("../busy/keep.txt", "it already exists and is not a file hcs-site wrote"),
                        ("../busy", "is a directory")):
        result = run(["export", "case", "--out", target])
        assert result.exit_code == 2, (target, result.output)
        assert why in " ".join(result.output.split()), result.output
    assert snapshot(world) == before
    assert run(["export", "case", "--out", "../case.json"]).exit_code == 0
    assert run(["export", "case", "--out", "../case.json"]).exit_code == 0, "its own earlier output"


def test_a_rebuild_replaces_its_own_output_whole(world: Path) -> None:
    shutil.rmtree("portfolios")
    first = run(["build", "--site-dir", "../site"])
    assert first.exit_code == 0, first.output
    site = world / "site"
    assert (site / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    (site / "stray.html").write_text("from an older build", encoding="utf-8")
    again = run(["build", "--site-dir", "../site"])
    assert again.exit_code == 0, again.output
    assert not (site / "stray.html").exists() and (site / "index.html").is_file()
    assert sorted(p.name for p in world.iterdir() if p.name.startswith(".")) == []


def test_exports_replace_their_own_output_whole(world: Path) -> None:
    shutil.rmtree("portfolios")
    for kind in ("csv", "api"):
        out = world / f"out-{kind}"
        assert run(["export", kind, "--out", str(out)]).exit_code == 0
        (out / "stray.txt").write_text("old", encoding="utf-8")
        result = run(["export", kind, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert not (out / "stray.txt").exists() and (out / MARKER).is_file()


def test_an_empty_folder_and_a_new_one_are_fine(world: Path) -> None:
    (world / "empty").mkdir()
    assert check_folder(world / "empty", Path.cwd()) == (world / "empty").resolve()
    assert check_folder(world / "new" / "deeper", Path.cwd()) == (world / "new" / "deeper").resolve()


def test_a_forged_marker_does_not_unlock_protected_places(world: Path) -> None:
    for place in (Path.cwd(), Path("content"), world / "home"):
        (place / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        with pytest.raises(UnsafeOutput):
            check_folder(place, Path.cwd())


def test_a_symlink_loop_is_refused_not_a_crash(world: Path) -> None:
    Path("loop").symlink_to("loop")
    result = run(["build", "--site-dir", "loop"])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("target", ["content/district.yml", "mkdocs.yml", "docs/index.md", "portfolios/p-0001/x.pdf"])
def test_pdf_never_writes_over_a_file_it_did_not_print(world: Path, target: str) -> None:
    root = world / "repo"
    before = snapshot(root)
    result = CliRunner().invoke(main, ["pdf", "MATH-7", "--root", str(root), "--out", str(root / target)])
    assert result.exit_code == 2, result.output
    assert "refusing to write" in result.output
    assert snapshot(root) == before
