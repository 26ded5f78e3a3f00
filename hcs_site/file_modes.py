"""The permissions a written file or folder gets: those `open()` and `mkdir()` would give.

Temporary files and folders (mkstemp, mkdtemp) are private (0600, 0700) so nobody reads them half
written; once renamed into place they must be what a person expects of any other file they wrote
(0644 and 0755 under the usual umask 022), or a web server, a colleague or CI cannot read them.
A file that replaces another keeps that file's permissions, as an editor saving it would.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

_LOCK = threading.Lock()


def umask() -> int:
    """The process's umask (reading it means setting it: held under a lock, restored at once)."""
    with _LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def usual_mode(target: Path, folder: bool = False) -> int:
    """The mode `target` should get: its current one when it exists, else the umask's default."""
    try:
        current = target.stat()
    except OSError:
        return (0o777 if folder else 0o666) & ~umask()
    if stat.S_ISDIR(current.st_mode) == folder:
        return stat.S_IMODE(current.st_mode)
    return (0o777 if folder else 0o666) & ~umask()
