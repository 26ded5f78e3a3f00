"""The output-folder guard on its own, fast: the exact refusal for every kind of place a build
must never replace, and the near misses it must let through (a new folder beside the protected
ones, hcs-site's own earlier output). `test_output_folders.py` runs the same rule through every
command; this file pins each branch of `hcs_site.outputs` with exact messages."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from hcs_site import outputs
from hcs_site.outputs import MARKER, MARKER_TEXT, UnsafeOutput, check_file, check_folder, is_ours, mark

FIX = "Fix: choose an empty or new folder (for example --site-dir site)"
NOT_OURS_HINT = FIX + "; if it holds an old build, delete it yourself once"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/repo with content/, portfolios/, docs/ and .git/; the current folder is the repository,
    the home folder is tmp/home (beside it, not above it)."""
    root = tmp_path / "repo"
    for name in ("content/courses", "portfolios/p-0001", "docs", ".git/objects"):
        (root / name).mkdir(parents=True)
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(root)
    return root


def refusal(target: Path, root: Path | None, **kwargs: object) -> str:
    with pytest.raises(UnsafeOutput) as caught:
        check_folder(target, root, **kwargs)  # type: ignore[arg-type]
    return str(caught.value)


def file_refusal(target: Path, root: Path | None, owned: object = lambda p: False) -> str:
    with pytest.raises(UnsafeOutput) as caught:
        check_file(target, root, owned)  # type: ignore[arg-type]
    return str(caught.value)


# --- the marker ----------------------------------------------------------------------------------

def test_the_marker_is_a_fixed_file_so_the_site_stays_byte_identical(tmp_path: Path) -> None:
    mark(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".hcs-site-output"]
    assert (tmp_path / ".hcs-site-output").read_bytes() == (
        b"hcs-site output. hcs-site wrote this folder and replaces it whole on its next run;\n"
        b"do not keep your own files here.\n")
    assert is_ours(tmp_path)


@pytest.mark.parametrize("marker", [
    "hcs-site output",                    # the sentence cut short
    "my notes. hcs-site output.",         # the words, not at the start
    "",                                   # an empty marker
])
def test_a_marker_with_other_text_is_not_ours(tmp_path: Path, marker: str) -> None:
    (tmp_path / MARKER).write_text(marker, encoding="utf-8")
    assert not is_ours(tmp_path)


def test_a_marker_that_is_a_folder_a_link_or_broken_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    (folder / MARKER).mkdir(parents=True)
    assert not is_ours(folder)
    linked = tmp_path / "linked"
    linked.mkdir()
    (tmp_path / "real-marker").write_text(MARKER_TEXT, encoding="utf-8")
    (linked / MARKER).symlink_to(tmp_path / "real-marker")
    assert not is_ours(linked), "a link to a marker elsewhere proves nothing about this folder"
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / MARKER).write_bytes(b"hcs-site output. \xff\xfe not UTF-8\n")
    assert is_ours(broken), "undecodable bytes after the signature do not crash the check"


def test_a_marker_that_cannot_be_read_is_not_ours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mark(tmp_path)

    def denied(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", denied)
    assert is_ours(tmp_path) is False


# --- what may be replaced -------------------------------------------------------------------------

def test_new_empty_and_own_folders_beside_the_protected_ones_are_fine(repo: Path) -> None:
    assert check_folder(Path("site"), repo) == repo / "site"
    assert check_folder(Path("content-site"), repo) == repo / "content-site", "a name that starts like content"
    assert check_folder(repo / "docs-out" / "deep", repo) == repo / "docs-out" / "deep"
    (repo / "empty").mkdir()
    assert check_folder(Path("empty"), repo) == repo / "empty"
    own = repo / "old-site"
    (own / "courses").mkdir(parents=True)
    mark(own)
    assert check_folder(Path("old-site"), repo) == own
    assert check_folder(own, None) == own, "no repository: only the folder itself is judged"


def test_a_folder_the_owner_recognises_is_fine_and_others_are_not(repo: Path) -> None:
    out = repo / "out"
    out.mkdir()
    (out / "a.csv").write_text("x", encoding="utf-8")
    assert check_folder(out, repo, owned=lambda d: True) == out
    assert refusal(out, repo, owned=lambda d: False) == (
        "refusing to write the output into out/: it is not empty and hcs-site did not write it "
        f"(it has no .hcs-site-output file), and hcs-site replaces its output folder whole. {NOT_OURS_HINT}")


# --- the exact refusals ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "shown"), [
    ("content", "content/"), ("portfolios", "portfolios/"), ("docs", "docs/"), (".git", ".git/")])
def test_each_protected_folder_and_what_is_inside_it(repo: Path, name: str, shown: str) -> None:
    assert refusal(Path(name), repo) == (
        f"refusing to write the output into {shown}: it is {shown}, which hcs-site never writes into, "
        f"and hcs-site replaces its output folder whole. {FIX}")
    assert refusal(Path(name) / "new" / "site", repo) == (
        f"refusing to write the output into {shown}new/site/: it is inside {shown}, which hcs-site never "
        f"writes into, and hcs-site replaces its output folder whole. {FIX}")


def test_the_hint_is_the_one_the_command_gives(repo: Path) -> None:
    assert refusal(Path("docs"), repo, hint=outputs.HINT_OUT).endswith(
        "Fix: choose an empty or new folder (for example --out out)")


def test_case_and_unicode_form_do_not_matter(repo: Path) -> None:
    """On macOS and Windows disks `Content` and `content` are one folder, and so are the two
    Unicode spellings of `é`."""
    assert "it is inside content/" in refusal(Path("CONTENT") / "x", repo)
    assert "it is inside portfolios/" in refusal(Path("Portfolios") / "p-0002", repo)
    nfc = unicodedata.normalize("NFC", "café")
    (repo / nfc).mkdir()
    nfd = unicodedata.normalize("NFD", "café")
    message = refusal(repo / nfd / "site", repo, protect=[repo / nfc])
    assert "it is inside café/" in unicodedata.normalize("NFC", message)


def test_a_protected_folder_reached_by_another_name_is_refused(repo: Path, tmp_path: Path) -> None:
    """content/ kept elsewhere and linked into the repository: its real path is refused too."""
    (repo / "content").rename(tmp_path / "real-content")
    (repo / "content").symlink_to(tmp_path / "real-content")
    message = refusal(tmp_path / "real-content" / "site", repo)
    assert "it is inside content/, which hcs-site never writes into" in message
    assert check_folder(tmp_path / "elsewhere", repo) == tmp_path / "elsewhere"


def test_a_folder_that_contains_a_protected_one(repo: Path, tmp_path: Path) -> None:
    pages = tmp_path / "outside" / "pages"
    pages.mkdir(parents=True)
    assert refusal(tmp_path / "outside", repo, protect=[pages]) == (
        f"refusing to write the output into {tmp_path}/outside/: it contains {pages}/, which hcs-site "
        f"never writes into, and hcs-site replaces its output folder whole. {FIX}")


def test_the_first_protected_place_is_named(repo: Path) -> None:
    """A docs_dir inside content/: the message names content/, where the target first is."""
    message = refusal(Path("content/pages/site"), repo, protect=[repo / "content" / "pages"])
    assert "it is inside content/, which" in message


def test_the_repository_its_parents_home_and_current_folder(repo: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # so that only the repository rule can refuse the repository
    assert refusal(repo, repo) == (
        f"refusing to write the output into {repo}/: it is the content repository, and hcs-site replaces "
        f"its output folder whole. {FIX}")
    assert "it is or contains the content repository," in refusal(tmp_path, repo)
    home = tmp_path / "home"
    assert "it is or contains your home folder," in refusal(home, repo)
    assert "it is or contains your home folder," in refusal(home, None)
    assert "it is the current folder" not in refusal(home, None)
    assert refusal(elsewhere, None) == (
        "refusing to write the output into the current folder: it is or contains the current folder, and "
        f"hcs-site replaces its output folder whole. {FIX}")
    deeper = elsewhere / "a" / "b"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    assert "it is or contains the current folder," in refusal(elsewhere, None)
    assert "it is the root of the file system," in refusal(Path("/"), None)


def test_a_file_a_git_repository_and_a_mount_point(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert refusal(tmp_path / "notes.txt", repo) == (
        f"refusing to write the output into {tmp_path}/notes.txt/: it is a file, not a folder, and hcs-site "
        f"replaces its output folder whole. {FIX}")
    cloned = tmp_path / "cloned"
    (cloned / ".git").mkdir(parents=True)
    mark(cloned)
    assert "it holds a Git repository," in refusal(cloned, repo)
    mounts = [Path(p) for p in ("/proc", "/sys", "/dev", "/dev/shm") if os.path.ismount(p)]
    if mounts:
        assert "it is a mount point," in refusal(mounts[0], None)


def test_a_folder_that_cannot_be_listed(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()

    def denied(self: Path) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", denied)
    assert "it cannot be read (Permission denied)," in refusal(locked, repo)


def test_a_symlink_loop_is_a_refusal(repo: Path) -> None:
    Path("loop").symlink_to("loop")
    message = refusal(Path("loop") / "site", repo)
    assert message.startswith("refusing to write into loop/site: its path cannot be resolved (")
    assert message.endswith("choose another folder")


# --- Git's folders ---------------------------------------------------------------------------------

def test_git_folder_above_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The content repository is a folder of a larger Git repository: its .git/ is protected too."""
    outer = tmp_path / "outer"
    (outer / ".git").mkdir(parents=True)
    root = outer / "hcs"
    root.mkdir()
    monkeypatch.chdir(root)
    assert f"it is inside {outer}/.git/, which hcs-site never writes into" in refusal(outer / ".git" / "site", root)
    assert check_folder(outer / "site", root) == outer / "site"


def test_a_worktree_protects_its_real_git_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    main = tmp_path / "main"
    real = main / ".git" / "worktrees" / "wt"
    real.mkdir(parents=True)
    root = tmp_path / "wt"
    root.mkdir()
    (root / ".git").write_text("gitdir: ../main/.git/worktrees/wt\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert f"it is inside {real}/," in refusal(real / "site", root)
    assert f"it is inside {main}/.git/," in refusal(main / ".git" / "site", root)
    assert refusal(main, root) == (
        f"refusing to write the output into {main}/: it contains {real}/, which "
        f"hcs-site never writes into, and hcs-site replaces its output folder whole. {FIX}")
    assert check_folder(tmp_path / "site", root) == tmp_path / "site"
    assert check_folder(main / "site", root) == main / "site"


def test_a_git_file_above_the_repository_is_protected_as_a_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    outer = tmp_path / "outer"
    root = outer / "hcs"
    root.mkdir(parents=True)
    (outer / ".git").write_text("gitdir: /nowhere/.git/modules/outer\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert file_refusal(outer / ".git", root, owned=lambda p: True) == (
        f"refusing to write {outer}/.git: it is inside {outer}/.git/, which hcs-site never writes into. "
        "Fix: choose a new file name outside content/, portfolios/ and docs/")


@pytest.mark.parametrize("text", [b"site\n", b"\xff\xfe site", b""])
def test_a_git_file_that_is_not_a_gitdir_line_protects_nothing_more(repo: Path, text: bytes) -> None:
    shutil.rmtree(repo / ".git")
    (repo / ".git").write_bytes(text)
    assert check_folder(Path("site"), repo) == repo / "site"
    assert check_folder(Path("gitdir: site"), repo) == repo / "gitdir: site"


def test_a_git_file_that_cannot_be_read_is_skipped(repo: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    outer = tmp_path / "outer"
    root = outer / "hcs"
    root.mkdir(parents=True)
    (outer / ".git").write_text("gitdir: /x\n", encoding="utf-8")
    real_read = Path.read_text

    def denied(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == ".git":
            raise PermissionError(13, "Permission denied")
        return real_read(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", denied)
    assert check_folder(outer / "site", root) == outer / "site"
    assert f"it is {outer}/.git/, which hcs-site never writes into" in refusal(outer / ".git", root)


# --- single files ----------------------------------------------------------------------------------

def test_a_file_output_exact_refusals(repo: Path, tmp_path: Path) -> None:
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert file_refusal(Path("mkdocs.yml"), repo) == (
        "refusing to write mkdocs.yml: it already exists and is not a file hcs-site wrote. Fix: choose a new "
        "file name outside content/, portfolios/ and docs/")
    assert file_refusal(Path("content/district.yml"), repo, owned=lambda p: True) == (
        "refusing to write content/district.yml: it is inside content/, which hcs-site never writes into. "
        "Fix: choose a new file name outside content/, portfolios/ and docs/")
    assert file_refusal(Path("content"), repo) == (
        "refusing to write content: it is inside content/, which hcs-site never writes into. "
        "Fix: choose a new file name outside content/, portfolios/ and docs/")
    (repo / "out").mkdir()
    assert file_refusal(Path("out"), repo, owned=lambda p: True) == (
        "refusing to write out: it is a folder. Fix: choose a new file name outside content/, portfolios/ "
        "and docs/")
    assert "it is a folder." in file_refusal(Path("out"), None, owned=lambda p: True)


def test_a_file_output_that_is_new_or_its_own(repo: Path, tmp_path: Path) -> None:
    never = lambda p: False  # noqa: E731
    assert check_file(Path("case.json"), repo, never) == repo / "case.json"
    assert check_file(tmp_path / "case.json", None, never) == tmp_path / "case.json"
    (repo / "handout.pdf").write_bytes(b"%PDF-")
    assert check_file(Path("handout.pdf"), repo, lambda p: p.read_bytes().startswith(b"%PDF-")) == (
        repo / "handout.pdf")
    assert check_file(Path("handout.pdf"), None, lambda p: True) == repo / "handout.pdf"
    assert "already exists" in file_refusal(Path("handout.pdf"), None, never)


def test_a_file_name_the_system_refuses(repo: Path) -> None:
    message = file_refusal(Path("x" * 300 + ".json"), repo)
    assert message.startswith("refusing to write " + "x" * 300 + ".json: it cannot be used as a file name (")
    assert "name too long" in message.lower()
