"""One digest of many parts, each prefixed by its length, so that no two lists of parts share one:
what every key of the build cache is made with (the check's and the adapters' alike)."""

from __future__ import annotations

import hashlib


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()
