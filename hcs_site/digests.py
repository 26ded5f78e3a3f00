"""One digest of many parts, each prefixed by its length, so that no two lists of parts share one,
and the parts of a folder (every entry, its bytes or link target): what every key of the build
cache is made with (the check's and the adapters' alike)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def folder_parts(folder: Path, base: Path) -> list[str | bytes]:
    """Every entry under `folder` (paths relative to `base`), with its bytes or link target."""
    parts: list[str | bytes] = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files) + [d for d in dirs if (Path(top) / d).is_symlink()]:
            path = Path(top) / name
            rel = path.relative_to(base).as_posix()
            try:
                parts += [rel, ("link " + os.readlink(path)) if path.is_symlink() else path.read_bytes()]
            except OSError:
                parts += [rel, "unreadable"]
    return parts
