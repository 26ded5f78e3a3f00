"""`load.no_links` on its own: every way a path can leave its folder or go through a link is
refused with its exact reason, near misses (a folder named like a keyword, a hard link outside
portfolios/, a file exactly at the size limit) are read, and no file descriptor is left open."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hcs_site.load.files import read_text
from hcs_site.load.no_links import LinkRefused, link_problem, read_bytes


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "portfolios" / "p-0001" / "evidence").mkdir(parents=True)
    (root / "content" / "courses").mkdir(parents=True)
    (root / "portfolios" / "p-0001" / "evidence" / "diary.md").write_bytes(b"---\ntitle: Diary\n---\n")
    (root / "content" / "courses" / "math.yml").write_bytes(b"id: MATH-7\n")
    (root / "top.txt").write_bytes(b"top")
    return root


def refused(root: Path, rel: str, limit: int | None = None) -> str:
    with pytest.raises(LinkRefused) as caught:
        read_bytes(root, rel, limit)
    exc = caught.value
    assert (exc.rel, exc.errno, exc.filename) == (rel, errno.ELOOP, rel)
    assert isinstance(exc, OSError) and str(exc) == f"[Errno {errno.ELOOP}] {exc.reason}: '{rel}'"
    return exc.reason


def test_plain_files_at_every_depth_are_read(tree: Path) -> None:
    assert read_bytes(tree, "top.txt") == b"top"
    assert read_bytes(tree, "content/courses/math.yml") == b"id: MATH-7\n"
    assert read_bytes(tree, "portfolios/p-0001/evidence/diary.md") == b"---\ntitle: Diary\n---\n"


@pytest.mark.parametrize("rel", [
    "portfolios/p-0001/../p-0002/portfolio.md", "../etc/passwd", "..", "portfolios/./p-0001/portfolio.md",
    ".", "/etc/passwd", "portfolios//p-0001/portfolio.md", "content/", "",
])
def test_a_name_that_leaves_its_folder_is_refused(tree: Path, rel: str) -> None:
    assert refused(tree, rel) == "its name leaves its folder"


@pytest.mark.parametrize("name", ["script", "mutant", "...", ".hidden", "..x", "x.."])
def test_names_that_only_look_like_dots_or_keywords_are_read(tree: Path, name: str) -> None:
    (tree / "content" / name).mkdir()
    (tree / "content" / name / name).write_bytes(b"ok")
    assert read_bytes(tree, f"content/{name}/{name}") == b"ok"


def test_a_linked_folder_anywhere_on_the_path_is_named(tree: Path) -> None:
    (tree / "portfolios" / "p-0002").symlink_to(tree / "portfolios" / "p-0001")
    assert refused(tree, "portfolios/p-0002/evidence/diary.md") == "the folder portfolios/p-0002 is a link"
    (tree / "portfolios" / "p-0001" / "more").symlink_to(tree / "content")
    assert refused(tree, "portfolios/p-0001/more/courses/math.yml") == "the folder portfolios/p-0001/more is a link"


def test_a_file_where_a_folder_should_be_is_refused(tree: Path) -> None:
    assert refused(tree, "top.txt/x") == "the folder top.txt is a link"


def test_a_missing_folder_or_file_is_an_ordinary_error(tree: Path) -> None:
    for rel in ("nothing/x.md", "content/nothing/x.md", "content/courses/nothing.yml", "nothing.yml"):
        with pytest.raises(FileNotFoundError) as caught:
            read_bytes(tree, rel)
        assert not isinstance(caught.value, LinkRefused), rel


def test_a_linked_file_is_refused(tree: Path) -> None:
    (tree / "content" / "courses" / "link.yml").symlink_to(tree / "content" / "courses" / "math.yml")
    assert refused(tree, "content/courses/link.yml") == "it is a symbolic link"
    (tree / "dangling.yml").symlink_to(tree / "nowhere")
    assert refused(tree, "dangling.yml") == "it is a symbolic link"


def test_a_pipe_is_refused_not_waited_for(tree: Path) -> None:
    os.mkfifo(tree / "content" / "pipe.yml")
    assert refused(tree, "content/pipe.yml") == "it is not a regular file (a pipe, socket or device)"
    assert link_problem(os.lstat(tree / "content" / "pipe.yml"), "content/pipe.yml") == (
        "it is not a regular file (a pipe, socket or device)")


def test_hard_links_are_refused_under_portfolios_only(tree: Path) -> None:
    diary = tree / "portfolios" / "p-0001" / "evidence" / "diary.md"
    (tree / "portfolios" / "p-0001" / "copy.md").hardlink_to(diary)
    assert refused(tree, "portfolios/p-0001/copy.md") == "it is a hard link (2 names for the same file)"
    (tree / "portfolios" / "third.md").hardlink_to(diary)
    assert refused(tree, "portfolios/p-0001/evidence/diary.md") == "it is a hard link (3 names for the same file)"
    math = tree / "content" / "courses" / "math.yml"
    (tree / "content" / "math-again.yml").hardlink_to(math)
    assert read_bytes(tree, "content/courses/math.yml") == b"id: MATH-7\n", "outside portfolios/: allowed"
    (tree / "portfoliosx").mkdir()
    (tree / "portfoliosx" / "m.yml").hardlink_to(math)
    assert read_bytes(tree, "portfoliosx/m.yml") == b"id: MATH-7\n", "a folder that only starts like portfolios"
    assert read_bytes(tree, "top.txt") == b"top"


def test_link_problem_on_each_kind_of_file(tree: Path) -> None:
    link = tree / "link"
    link.symlink_to(tree / "top.txt")
    assert link_problem(os.lstat(link), "portfolios/link") == "it is a symbolic link"
    assert link_problem(os.lstat(tree / "top.txt"), "portfolios/top.txt") is None
    assert link_problem(os.lstat(tree / "content"), "content") == (
        "it is not a regular file (a pipe, socket or device)")


@pytest.mark.parametrize(("size", "limit", "expected"), [
    (100, 10, 11),        # at most limit + 1 bytes: enough to tell "too large" without reading it all
    (11, 10, 11), (10, 10, 10), (9, 10, 9),
    (100, 0, 1), (0, 0, 0), (0, None, 0),
    (100, None, 100),
    (3 * (1 << 20) + 5, None, 3 * (1 << 20) + 5),                  # several chunks, no limit
    (3 * (1 << 20) + 5, 2 * (1 << 20), 2 * (1 << 20) + 1),       # several chunks, a limit
])
def test_the_size_limit_reads_one_byte_more_than_the_limit(tree: Path, size: int, limit: int | None,
                                                           expected: int) -> None:
    data = bytes(i % 251 for i in range(size))
    (tree / "content" / "big.bin").write_bytes(data)
    assert read_bytes(tree, "content/big.bin", limit) == data[:expected]


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_no_file_descriptor_is_left_open(tree: Path) -> None:
    """A repository has thousands of files: a leaked descriptor per read ends in 'too many open files'."""
    (tree / "portfolios" / "p-0002").symlink_to(tree / "portfolios" / "p-0001")
    before = _open_fds()
    for _ in range(20):
        read_bytes(tree, "portfolios/p-0001/evidence/diary.md")
        read_bytes(tree, "top.txt", limit=1)
        for rel in ("portfolios/p-0002/evidence/diary.md", "content/courses/nothing.yml", "nothing/x"):
            with pytest.raises(OSError):
                read_bytes(tree, rel)
    assert _open_fds() == before


def test_the_diagnostic_for_a_link_says_how_to_replace_it(tree: Path) -> None:
    (tree / "content" / "courses" / "link.yml").symlink_to(tree / "content" / "courses" / "math.yml")
    text, diags = read_text(tree, "content/courses/link.yml")
    assert text is None
    assert [(d.code, d.message, d.hint) for d in diags] == [(
        "symlink", "the file is not read: it is a symbolic link",
        "replace the link with a copy of the file itself (`cp --remove-destination TARGET LINK`, or delete it): "
        "every file must really be in its own folder")]
