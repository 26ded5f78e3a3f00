"""Which folders hcs-site may replace: the one rule every command that writes a folder obeys.

A command replaces its output folder whole (all or nothing), so a wrong `--site-dir` or `--out`
would delete whatever is there. Before anything is written the target is resolved (symlinks,
`..`) and refused when it is, or holds, something that is not hcs-site's: the repository, the
current folder, the home folder, `/`, anything inside `content/`, `portfolios/`, `docs/` or Git's
folder, a mount point, a file, or a non-empty folder without hcs-site's marker. The marker is a
small file with fixed content (the site stays byte-identical) written into every output.

No MkDocs here: the publishing and export code call it as well as the build.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

MARKER = ".hcs-site-output"
MARKER_TEXT = (
    "hcs-site output. hcs-site wrote this folder and replaces it whole on its next run;\n"
    "do not keep your own files here.\n"
)
PROTECTED = ("content", "portfolios", "docs", ".git")
"""Folders of the repository no output may be written into."""
NOT_OURS = "is not empty and hcs-site did not write it"
HINT_SITE = "choose an empty or new folder (for example --site-dir site)"
HINT_OUT = "choose an empty or new folder (for example --out out)"


class UnsafeOutput(Exception):
    """The target would replace or write into something hcs-site does not own (a usage error)."""


def _key(path: Path) -> str:
    """Comparison key: case and Unicode form do not matter (macOS and Windows disks ignore them)."""
    return unicodedata.normalize("NFC", str(path)).casefold()


def _same(a: Path, b: Path) -> bool:
    if _key(a) == _key(b):
        return True
    try:
        return os.path.samestat(a.stat(), b.stat())  # bind mounts, hard-linked or differently spelled folders
    except OSError:
        return False


def _within(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies inside it (by name, case-insensitively, or by identity)."""
    return any(_same(p, folder) for p in (path, *path.parents))


def _git_dirs(root: Path) -> list[Path]:
    """Git's folders for `root`: `.git` in it or above it, and a worktree's real Git folder."""
    found = []
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            found.append(dot)
        elif dot.is_file():  # a worktree or submodule: "gitdir: <path>"
            found.append(dot)
            try:
                line = dot.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                continue
            if line.startswith("gitdir:"):
                gitdir = (folder / line[len("gitdir:"):].strip()).resolve()
                found.append(gitdir)
                found.extend(p for p in gitdir.parents if p.name == ".git")
    return found


def is_ours(folder: Path) -> bool:
    marker = folder / MARKER
    try:
        return marker.is_file() and not marker.is_symlink() and marker.read_text(
            encoding="utf-8", errors="replace").startswith("hcs-site output.")
    except OSError:
        return False


def mark(folder: Path) -> None:
    """Sign a finished output so that the next run may replace it."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")


def _describe(path: Path) -> str:
    """A folder as the user would type it: relative to the current folder when inside it."""
    try:
        rel = path.relative_to(Path.cwd().resolve())
    except ValueError:
        return f"{path.as_posix().rstrip('/')}/"
    return "the current folder" if str(rel) == "." else f"{rel.as_posix()}/"


def _resolve(target: Path) -> Path:
    try:
        return Path(os.path.abspath(target)).resolve()
    except (RuntimeError, OSError) as exc:  # a symbolic link loop
        raise UnsafeOutput(f"refusing to write into {target}: its path cannot be resolved ({exc}); "
                           "choose another folder") from exc


def _holds_repository(target: Path, root: Path | None) -> str | None:
    home = Path.home().resolve()
    cwd = Path.cwd().resolve()
    if target.parent == target:
        return "is the root of the file system"
    if root is not None and any(_same(target, p) for p in (root, *root.parents)):
        return "is or contains the content repository" if not _same(target, root) else "is the content repository"
    if any(_same(target, p) for p in (home, *home.parents)):
        return "is or contains your home folder"
    if any(_same(target, p) for p in (cwd, *cwd.parents)):
        return "is or contains the current folder"
    return None


def _protected_inside(root: Path, extra: Iterable[Path]) -> list[Path]:
    places = [root / name for name in PROTECTED] + _git_dirs(root)
    return places + [p.resolve() for p in extra]


def check_folder(target: Path, root: Path | None, *, protect: Iterable[Path] = (),
                 owned: Callable[[Path], bool] = is_ours, hint: str = HINT_SITE) -> Path:
    """The resolved folder `target`, if hcs-site may replace it whole; else UnsafeOutput.

    `root` is the content repository (None when the command has none); `protect` adds folders
    nothing may be written into (a custom docs_dir); `owned` recognises hcs-site's own earlier
    output (the marker by default)."""
    resolved = _resolve(target)
    root_r = root.resolve() if root is not None else None
    reason = _holds_repository(resolved, root_r)
    if reason is None and root_r is not None:
        for place in _protected_inside(root_r, protect):
            if _within(resolved, place):
                where = "is" if _same(resolved, place) else "is inside"
                reason = f"{where} {_describe(place)}, which hcs-site never writes into"
                break
            if _within(place, resolved):
                reason = f"contains {_describe(place)}, which hcs-site never writes into"
                break
    if reason is None and resolved.exists():
        reason = _existing(resolved, owned)
    if reason is not None:
        if reason.startswith(NOT_OURS):
            hint += "; if it holds an old build, delete it yourself once"
        raise UnsafeOutput(f"refusing to write the output into {_describe(resolved)}: it {reason}, and "
                           f"hcs-site replaces its output folder whole. Fix: {hint}")
    return resolved


def _existing(resolved: Path, owned: Callable[[Path], bool]) -> str | None:
    if not resolved.is_dir():
        return "is a file, not a folder"
    if os.path.ismount(resolved):
        return "is a mount point"
    try:
        entries = [p.name for p in resolved.iterdir()]
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not entries:
        return None
    if ".git" in entries:
        return "holds a Git repository"
    if not owned(resolved):
        return f"{NOT_OURS} (it has no {MARKER} file)"
    return None


def check_file(target: Path, root: Path | None, owned: Callable[[Path], bool]) -> Path:
    """The resolved file `target`, if hcs-site may write it; an existing file must be `owned`."""
    resolved = _resolve(target)
    shown = _describe(resolved).rstrip("/")
    reason = None
    if root is not None:
        for place in _protected_inside(root.resolve(), ()):
            if _within(resolved, place):
                reason = f"is inside {_describe(place)}, which hcs-site never writes into"
    try:
        if reason is None and resolved.is_dir():
            reason = "is a folder"
        elif reason is None and resolved.exists() and not owned(resolved):
            reason = "already exists and is not a file hcs-site wrote"
    except OSError as exc:  # a name too long, a loop of links: the file system's own refusal
        reason = f"cannot be used as a file name ({exc.strerror or exc})"
    if reason is not None:
        raise UnsafeOutput(f"refusing to write {shown}: it {reason}. Fix: choose a new file name outside "
                           "content/, portfolios/ and docs/")
    return resolved
