"""No temporary folder outlives a run (errors, signals, SIGKILL), and a full or read-only disk is a
plain sentence with exit 1 and the previous output intact, never an internal error."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hcs_site import scratch
from hcs_site.adapters import serve_state
from hcs_site.cli import main
from hcs_site.outputs import UnsafeOutput, check_folder
from tests.sitecheck import copy_repo, refuse_new_site, tree_digest

MINI = Path(__file__).parent / "fixtures" / "mini"
PROJECT = Path(__file__).resolve().parents[1]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".hcs-" in p.name or p.name.startswith("hcs-site-"))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One repository and its site, built once by hcs-site and copied for each test."""
    folder = tmp_path_factory.mktemp("template")
    copy_repo(MINI, folder / "repo")
    result = run("build", "--root", str(folder / "repo"), "--site-dir", str(folder / "site"))
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def built(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[str, str]]:
    """A repository and a previous site of it, built by hcs-site: (root, site, digest of the site);
    the current folder holds both."""
    for name in ("repo", "site"):
        shutil.copytree(template / name, tmp_path / name, symlinks=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "repo", tmp_path / "site", tree_digest(tmp_path / "site")


# ------------------------------------------------------------------ disk errors


@pytest.mark.parametrize(("code", "words", "jobs"), [
    (errno.ENOSPC, "the disk is full", "1"),
    (errno.ENOSPC, "the disk is full", "2"),
    (errno.EROFS, "the file system is read-only", "1"),
    (errno.EACCES, "permission denied", "2"),
])
def test_a_disk_error_while_building_is_a_sentence_and_keeps_the_old_site(
        built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, code: int, words: str,
        jobs: str) -> None:
    import mkdocs.utils

    _root, site, before = built

    def refuse(content: bytes, output_path: str) -> None:
        if output_path.endswith(os.path.join("courses", "math-7", "index.html")):
            raise OSError(code, os.strerror(code), output_path)
        real(content, output_path)

    real = mkdocs.utils.write_file
    monkeypatch.setattr(mkdocs.utils, "write_file", refuse)
    result = run("build", "--root", "repo", "--site-dir", "site", "--jobs", jobs)
    assert result.exit_code == 1, result.output
    assert f"build failed: could not write site/courses/math-7/index.html: {words}" in result.output
    assert "the previous output was left as it was" in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert tree_digest(site) == before
    assert leftovers(site.parent) == []


def test_a_failed_swap_puts_the_old_site_back(built: tuple[Path, Path, dict[str, str]],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _root, site, before = built
    refuse_new_site(monkeypatch, site)
    result = run("build", "--root", "repo", "--site-dir", "site")
    assert result.exit_code == 1
    assert "could not write site: the file system is read-only" in result.output
    assert tree_digest(site) == before
    assert leftovers(site.parent) == []


def _gone(folder: Path, seconds: float = 30) -> list[str]:
    """The temporary folders still in `folder` once they are gone or `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while leftovers(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    return leftovers(folder)


def test_the_replaced_site_is_removed_by_a_detached_child_not_by_the_build(
        built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    root, site, _before = built
    course = root / "content" / "courses" / "math-7.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("{en: Grade 7", "{en: New Grade 7", 1),
                      encoding="utf-8")

    def no_removal_here(path: object, *args: object, **kwargs: object) -> None:
        if ".hcs-old-" in str(path):
            raise AssertionError("the build waited for the old site to be removed")
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    real = shutil.rmtree
    monkeypatch.setattr(scratch.shutil, "rmtree", no_removal_here)
    monkeypatch.setattr(scratch, "DETACH_FROM", 10)  # the mini site stands for a district's
    result = run("build", "--root", "repo", "--site-dir", "site", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "New Grade 7 Mathematics" in (site / "courses" / "math-7" / "index.html").read_text(encoding="utf-8")
    assert _gone(site.parent) == []


def test_the_remover_removes_only_a_temporary_sibling(tmp_path: Path) -> None:
    keep = tmp_path / "site"
    (keep / "a").mkdir(parents=True)
    proc = subprocess.run([sys.executable, "-I", "-c", scratch.REMOVER, scratch.SIBLING.pattern],
                          input=os.fsencode(keep) + b"\n", check=False)
    assert proc.returncode == 0 and (keep / "a").is_dir()
    with pytest.raises(ValueError, match="not a temporary sibling"):
        scratch.discard(keep)
    assert (keep / "a").is_dir()
    old = tmp_path / f".site.hcs-old-{os.getpid()}-abcd1234"
    for i in range(scratch.DETACH_FROM):
        (old / f"p{i // 100}").mkdir(parents=True, exist_ok=True)
        (old / f"p{i // 100}" / f"{i}.html").touch()
    scratch.discard(old)
    assert _gone(tmp_path) == []


def test_a_run_that_starts_while_the_child_removes_leaves_the_folder_to_it(tmp_path: Path) -> None:
    """The replaced site carries the pid of the build that replaced it, gone when the next build
    starts: the remover's own pid must be on it by then, or that build would remove it too (and wait)."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    old = tmp_path / f".site.hcs-old-{int(ended.stdout)}-abcd1234"
    for i in range(scratch.DETACH_FROM):
        (old / f"p{i // 100}").mkdir(parents=True, exist_ok=True)
        (old / f"p{i // 100}" / f"{i}.html").touch()
    scratch.discard(old)
    assert scratch.sweep(tmp_path) == []  # the child removes it, not the next run
    assert _gone(tmp_path) == []


def test_an_unwritable_parent_folder_is_a_sentence(built: tuple[Path, Path, dict[str, str]],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def mkdtemp(*_args: object, **_kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    _root, site, before = built
    result = run("build", "--root", "repo", "--site-dir", "site")
    assert result.exit_code == 1
    assert "build failed: could not write into the current folder: permission denied" in result.output
    assert tree_digest(site) == before


@pytest.mark.parametrize("command", [["export", "csv"], ["export", "api"], ["generate"]])
def test_a_full_disk_while_exporting_keeps_the_previous_export(
        built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    first = run(*command, "--root", "repo", "--out", "out")
    assert first.exit_code == 0, first.output
    before = tree_digest(Path("out"))
    real_bytes, real_text = Path.write_bytes, Path.write_text

    def full(self: Path, *args: object, **kwargs: object) -> int:
        if ".hcs-" in str(self):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return (real_bytes if isinstance(args[0], bytes) else real_text)(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_bytes", full)
    monkeypatch.setattr(Path, "write_text", full)
    result = run(*command, "--root", "repo", "--out", "out")
    assert result.exit_code == 1, result.output
    assert "failed: could not write out/" in result.output and ": the disk is full" in result.output
    assert tree_digest(Path("out")) == before
    assert leftovers(Path.cwd()) == []


# ------------------------------------------------------------------ signals and killed runs

SLOW_BUILD = """
import sys, time
from pathlib import Path
import hcs_site.adapters.driver as hb
real = hb.mkdocs_build
def slow(config, **kwargs):
    real(config, **kwargs)
    Path(sys.argv[1]).write_text("ready")
    time.sleep(60)
hb.mkdocs_build = slow
from hcs_site.cli import main
main(sys.argv[2:])
"""


def _as_from_a_terminal() -> None:
    """The child starts with the stop signals at their defaults, as from a terminal: a harness run
    under `nohup` (SIGHUP ignored) or as a background job (SIGINT ignored) passes that on, and a
    build rightly keeps an ignored signal ignored."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(PROJECT), "NO_MKDOCS_2_WARNING": "1"}


@pytest.mark.parametrize(("signum", "code", "jobs"), [
    (signal.SIGTERM, 143, "1"), (signal.SIGTERM, 143, "2"), (signal.SIGINT, 130, "1"), (signal.SIGHUP, 129, "1"),
])
def test_a_signal_during_a_build_leaves_no_temporary_folder(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path, signum: int, code: int, jobs: str) -> None:
    _root, site, before = built
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(ready), "build", "--root", "repo", "--site-dir", "site",
         "--jobs", jobs], cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_as_from_a_terminal)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the build never started"
            time.sleep(0.05)
        assert leftovers(tmp_path), "the build works in a temporary folder"
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == code, err
    assert f"stopped by {signal.Signals(signum).name}" in err and "Traceback" not in err
    assert leftovers(tmp_path) == []
    assert tree_digest(site) == before


KILLED = """
import os, sys
from pathlib import Path
from hcs_site import scratch
context = scratch.temporary(Path(sys.argv[1]), "build")
work = context.__enter__()
(work / "half-written.html").write_text("x")
print(work.name, flush=True)
os.kill(os.getpid(), 9)
"""


def test_the_next_build_removes_what_a_killed_build_left(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    _root, site, _before = built
    proc = subprocess.run([sys.executable, "-c", KILLED, str(site)], env=_env(), capture_output=True,
                          text=True, check=False)
    assert proc.returncode == -signal.SIGKILL
    stale = tmp_path / proc.stdout.strip()
    assert stale.is_dir() and scratch.SIBLING.match(stale.name)
    dead = int(stale.name.split("-")[-2])
    keep = [
        tmp_path / ".site.shards-abcd1234",  # an older hcs-site's name: not ours to judge
        tmp_path / ".site.hcs-build-1-abcd1234",  # process 1 is alive
        tmp_path / f"site.hcs-build-{dead}-abcd1234",  # not hidden: not our pattern
        tmp_path / f".site.hcs-build-{dead}-abcd1234-mine",  # more after the pattern
        tmp_path / f".site.hcs-copy-{dead}-abcd1234",  # not one of our kinds
    ]
    for folder in keep:
        folder.mkdir()
    (tmp_path / f".notes.hcs-build-{dead}-abcd1234").write_text("a file, not a folder")
    result = run("build", "--root", "repo", "--site-dir", "site")
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert all(folder.is_dir() for folder in keep)
    assert (tmp_path / f".notes.hcs-build-{dead}-abcd1234").is_file()


def test_serve_works_in_its_own_temporary_folder_and_removes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hcs_site.adapters.serve import PeopleServer

    root = copy_repo(MINI, tmp_path / "repo")
    scratch_dir = tmp_path / "tmp"
    scratch_dir.mkdir()
    stale = scratch_dir / "hcs-site-serve-999999999-abcd1234"  # a killed server's (no such process)
    stale.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_dir))
    seen: list[Path] = []

    def stopped_at_once(server: PeopleServer, **_kwargs: object) -> None:
        site = Path(server.root)  # where MkDocs built the site, before serving it
        seen.append(site)
        session = serve_state.lookup(root)
        assert session is not None and session.folder in site.resolve().parents  # the only folder wiped
        assert (site / "index.html").is_file()
        raise scratch.Stopped(signal.SIGTERM)

    monkeypatch.setattr(PeopleServer, "serve", stopped_at_once)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("serve", "--root", str(root), "--dev-addr", f"127.0.0.1:{port}")
    assert result.exit_code == 143
    assert seen and seen[0].parent.name.startswith(f"hcs-site-serve-{os.getpid()}-")
    assert list(scratch_dir.iterdir()) == []
    assert tempfile.tempdir == str(scratch_dir)
    assert serve_state.lookup(root) is None  # the serve session ends with the server


def test_serve_never_wipes_a_folder_it_did_not_make(tmp_path: Path) -> None:
    site = tmp_path / "elsewhere"
    site.mkdir()
    (site / "keep.txt").write_text("mine", encoding="utf-8")
    state = serve_state.ServeState()
    state.plan({"a.md": "one"}, ["a.md"], site)
    state.plan({"a.md": "one", "b.md": "two"}, ["a.md", "b.md"], site)  # the navigation changed
    assert (site / "keep.txt").is_file()
    owned = tmp_path / "hcs-site-serve-1-abcd1234"
    state.plan({"a.md": "one"}, ["a.md"], site, owned)  # a folder serve made, but not this one
    assert (site / "keep.txt").is_file()
    inside = owned / "mkdocs_x"
    inside.mkdir(parents=True)
    (inside / "old.html").write_text("old", encoding="utf-8")
    state.plan({"a.md": "one", "b.md": "two"}, ["a.md", "b.md"], inside, owned)
    assert not (inside / "old.html").exists()  # its own folder: wiped when the navigation changes


def test_signal_handlers_are_restored_and_ignored_signals_stay_ignored() -> None:
    before = signal.getsignal(signal.SIGTERM)
    previous_hup = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with scratch.stop_on_signals():
            assert signal.getsignal(signal.SIGTERM) is not before
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is before
    finally:
        signal.signal(signal.SIGHUP, previous_hup)


def test_a_file_or_a_missing_parent_is_judged_before_writing(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UnsafeOutput, match="is a file, not a folder"):
        check_folder(tmp_path / "f.txt", None)
    assert check_folder(tmp_path / "a" / "b", None) == (tmp_path / "a" / "b").resolve()


def test_sigterm_stops_a_real_server_and_its_folder_goes(tmp_path: Path) -> None:
    import socket

    root = copy_repo(MINI, tmp_path / "repo")
    scratch_dir = tmp_path / "tmp"
    scratch_dir.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "hcs_site", "serve", "--root", str(root), "--dev-addr",
                             f"127.0.0.1:{port}"], env={**_env(), "TMPDIR": str(scratch_dir)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not list(scratch_dir.glob(f"hcs-site-serve-{proc.pid}-*/mkdocs_*/index.html")):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the server never built the site"
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in err
    assert list(scratch_dir.iterdir()) == []
    assert sorted(p.name for p in root.iterdir()) == ["content", "docs", "mkdocs.yml"]
