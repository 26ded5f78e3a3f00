"""What a folder must be for hcs-site to write its build cache there, or to delete it.

The cache is `.cache/hcs/` in the repository, or the folder named with `--cache-dir`. hcs-site
writes into it only when it is new, empty or already marked as a cache (`CACHEDIR.TAG`, which backup
tools also understand), never inside the content, the docs, Git's folder or the repository itself,
and deletes it only through `hcs-site cache clear`, after checking that it holds nothing but cache
files (`clear`): a folder of someone's files named by mistake is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..outputs import PROTECTED, UnsafeOutput

DEFAULT = Path(".cache") / "hcs"
"""The cache folder, relative to the repository."""
TAG = "CACHEDIR.TAG"
TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This folder is the build cache of hcs-site (safe to delete: hcs-site cache clear).\n")
GITIGNORE = ".gitignore"
GITIGNORE_TEXT = "# The build cache of hcs-site: never committed (it ignores itself, as Git reads this).\n*\n"
LAYERS = ("pages", "api", "markdown", "checked", "state")
_ENTRY = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}(\.[0-9]+\.[A-Za-z0-9_]+\.tmp)?")
"""An entry, or the temporary file of one being written (`cache_writer.write_entry`)."""


class CacheRefused(UnsafeOutput):
    """The cache folder would be somewhere hcs-site may not write (a usage error, exit 2)."""


def is_tagged(folder: Path) -> bool:
    tag = folder / TAG
    try:
        return tag.is_file() and not tag.is_symlink() and tag.read_text(
            encoding="utf-8", errors="replace") == TAG_TEXT
    except OSError:
        return False


def refuse_place(folder: Path, root: Path) -> None:
    """The cache never lies in the content, the docs, Git's folder or the repository itself."""
    if folder == root or folder in root.parents or folder.parent == folder:
        raise CacheRefused(f"refusing to use {folder} as the build cache: it is or contains the repository; "
                           "Fix: leave out --cache-dir (the cache then lives in .cache/hcs/) or name another folder")
    for name in PROTECTED:
        inside = root / name
        if folder == inside or inside in folder.parents:
            raise CacheRefused(f"refusing to use {folder} as the build cache: it is inside {name}/, which hcs-site "
                               "never writes into; Fix: leave out --cache-dir or name a folder of its own")


def locate(root: Path, given: Path | None) -> Path:
    """The resolved cache folder of this repository (`given`: --cache-dir, relative to the current
    folder), checked against `refuse_place`; it need not exist yet."""
    root = root.resolve()
    folder = Path(os.path.abspath(given)).resolve() if given else (root / DEFAULT).resolve()
    refuse_place(folder, root)
    return folder


def foreign_files(folder: Path) -> list[str]:
    """Files in `folder` a cache does not hold (relative paths): `clear` deletes nothing then."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink() or (path.is_file() and not cache_file(rel)):
            found.append(rel)
        elif path.is_dir() and not cache_folder(rel):
            found.append(rel + "/")
    return found


def cache_file(rel: str) -> bool:
    if rel in (TAG, GITIGNORE):
        return True
    parts = rel.split("/", 2)
    return (len(parts) == 3 and re.fullmatch(r"v[0-9]+", parts[0]) is not None
            and parts[1] in LAYERS and _ENTRY.fullmatch(parts[2]) is not None)


def cache_folder(rel: str) -> bool:
    parts = rel.split("/")
    return (re.fullmatch(r"v[0-9]+", parts[0]) is not None and (len(parts) < 2 or parts[1] in LAYERS)
            and (len(parts) < 3 or re.fullmatch(r"[0-9a-f]{2}", parts[2]) is not None) and len(parts) <= 3)


def clear(folder: Path) -> int:
    """Delete the cache folder whole, only when it is tagged and holds only cache files; returns
    the number of files deleted. CacheRefused otherwise, with nothing deleted."""
    if not folder.exists():
        return 0
    if folder.is_symlink() or not folder.is_dir() or not is_tagged(folder):
        raise CacheRefused(f"refusing to delete {folder}: it is not an hcs-site build cache (no {TAG} "
                           "written by hcs-site); Fix: delete it yourself if you are sure")
    foreign = foreign_files(folder)
    if foreign:
        listed = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise CacheRefused(f"refusing to delete {folder}: it holds files that are not the cache's ({listed}); "
                           "Fix: move them out, then run hcs-site cache clear again")
    count = sum(1 for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder)
    return count
