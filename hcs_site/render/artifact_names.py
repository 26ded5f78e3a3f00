"""The names artifacts are published under: opaque, stable, next to their evidence page.

(The bytes published under them are made by `check.artifact_bytes`, which validation shares.)
"""

from __future__ import annotations

import posixpath

OUTPUT_SUFFIX = {".png": ".png", ".jpg": ".jpg", ".jpeg": ".jpg", ".webp": ".webp", ".pdf": ".pdf"}


def is_image(name: str) -> bool:
    """A picture shown on its page (PNG, JPEG, WebP); a PDF is linked instead."""
    suffix = posixpath.splitext(name)[1].lower()
    return suffix in OUTPUT_SUFFIX and suffix != ".pdf"


def output_name(page_name: str, index: int, source: str) -> str:
    """`ratio-recipes-1.png`: opaque (a file name may hold a full name), stable, next to its page."""
    suffix = OUTPUT_SUFFIX[posixpath.splitext(source)[1].lower()]
    return f"{page_name}-{index}{suffix}"
