"""Artifact files as published: images re-encoded from their pixels only, PDFs rewritten.

A phone photo carries GPS coordinates, the device and the time in EXIF/XMP; a PNG can carry text
chunks with a name in them. Re-encoding a *fresh* image built from the decoded pixels drops all of
it by construction (Pillow would otherwise copy an ICC profile into a PNG on its own). The output
is deterministic: the same input gives the same bytes, so rebuilding a site changes nothing.

PDFs are rebuilt by `check.pdf_clean` (the function validation runs): no script, actions,
attachments, forms or metadata, photos without EXIF; one that shows private details is refused.
"""

from __future__ import annotations

import io
import posixpath

from PIL import Image, ImageOps

from .rules_artifacts import (
    MAX_ARTIFACT_BYTES,
    RASTER_FORMATS,
    ArtifactProblem,
    inspect,
    open_image,
    pdf_private_details,
)

SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "PNG": {"optimize": False, "compress_level": 9},
    "JPEG": {"quality": 88, "optimize": True, "progressive": False},
    "WEBP": {"quality": 88, "method": 4},
}


def _pixels_only(im: Image.Image, fmt: str) -> Image.Image:
    """A new image holding nothing but pixels: no info, EXIF, XMP, ICC or text chunks."""
    try:
        upright = ImageOps.exif_transpose(im)  # the orientation tag is about to go; apply it first
    except (ValueError, TypeError, OSError):
        upright = im
    alpha = upright.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in upright.info
    grey = upright.mode in ("1", "L", "LA", "I", "I;16", "F")
    if fmt == "JPEG":
        mode = "L" if grey else "RGB"
    else:
        mode = ("LA" if grey else "RGBA") if alpha else ("L" if grey else "RGB")
    converted = upright.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def reencode(data: bytes, suffix: str) -> bytes:
    fmt = RASTER_FORMATS[suffix.lower()]
    with open_image(data, suffix) as im:
        fresh = _pixels_only(im, fmt)
    out = io.BytesIO()
    fresh.save(out, format=fmt, **SAVE_OPTIONS[fmt])
    return out.getvalue()


def publish(data: bytes, source: str) -> bytes:
    """The bytes to put on the site for an artifact file (raises ArtifactProblem when unsafe)."""
    suffix = posixpath.splitext(source)[1].lower()
    if suffix == ".pdf":
        pdf = inspect(data, suffix)
        assert pdf is not None
        private = pdf_private_details(pdf)
        if private:  # validation already refused it; never publish it even if asked
            raise ArtifactProblem("private-detail", f"the PDF's {private[0]}", "remove it and export again")
        return pdf.data
    if len(data) > MAX_ARTIFACT_BYTES:
        inspect(data, suffix)  # raises artifact-too-large
    return reencode(data, suffix)
