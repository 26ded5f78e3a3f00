"""Artifact files: the bytes behind a name must be a safe, bounded PNG, JPEG, WebP or PDF.

`rules_portfolio` checks names (type by extension, inside the folder, present); this module opens
the files, so `hcs-site validate` (not the build, minutes later) says that a `.png` is really an
SVG, that a photo is too large, that a PDF is encrypted, what will be removed from a PDF, or that
its pages show an email address. The publishing step (`check.artifact_bytes`) re-encodes images
with the same `open_image` and rewrites PDFs with the same `pdf_clean.clean_pdf`, so what validates
is exactly what can be published.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from ..diagnostics import Report
from ..load import no_links
from ..model.portfolio import Artifact, Evidence
from .artifact_problem import ArtifactProblem
from .pdf_clean import MAX_PDF_INFLATED, CleanPdf, clean_pdf
from .rules_portfolio import private_details

__all__ = ["MAX_PDF_INFLATED", "ArtifactProblem", "CleanPdf", "check_artifact_files", "inspect", "open_image"]

MAX_ARTIFACT_BYTES = 10 * 1024 * 1024
"""10 MB: a phone photo or a scanned essay; anything larger is a video or a mistake."""
MAX_PIXELS = 40_000_000
"""40 megapixels: larger images are decompression bombs, not student work."""
RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
FORMAT_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}
_PRIVATE_HINT = "remove it from the document, export the PDF again and replace the file"


def open_image(data: bytes, suffix: str) -> Image.Image:
    """Decode `data` as exactly the format its extension promises, within the pixel limit."""
    fmt = RASTER_FORMATS[suffix.lower()]
    name = FORMAT_NAMES[fmt]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=[fmt])
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise ArtifactProblem("artifact-too-large", f"the image is {width}×{height} pixels; the limit is "
                                      f"{MAX_PIXELS // 1_000_000} megapixels", "resize it before adding it")
            im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ArtifactProblem("artifact-too-large", "the image has too many pixels to publish",
                              "resize it before adding it") from exc
    except UnidentifiedImageError as exc:
        raise ArtifactProblem("artifact-unreadable", f"the file is not a {name} image",
                              f"export it again as {name}, or rename it to its real type; SVG is "
                              "not published") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ArtifactProblem("artifact-unreadable", f"the {name} image is damaged or truncated ({exc})",
                              "export or download it again") from exc
    return im


def pdf_private_details(pdf: CleanPdf) -> list[str]:
    """What the published PDF still shows that cannot be published: page text, then other text."""
    found = [f"page {number} contains {what}" for number, text in enumerate(pdf.pages, start=1)
             for _offset, _col, what in private_details(text)]
    found += [f"its bookmarks or labels contain {what}" for text in pdf.strings
              for _offset, _col, what in private_details(text)]
    return list(dict.fromkeys(found))


def inspect(data: bytes, suffix: str) -> CleanPdf | None:
    """Raise ArtifactProblem when `data` (named with `suffix`) cannot be published; for a PDF,
    the rewritten file (with what was removed and the text it shows)."""
    if len(data) > MAX_ARTIFACT_BYTES:
        raise ArtifactProblem("artifact-too-large", f"the file is {len(data):,} bytes; the limit is "
                              f"{MAX_ARTIFACT_BYTES:,}", "resize or compress it before adding it")
    if suffix.lower() == ".pdf":
        return clean_pdf(data)
    if suffix.lower() in RASTER_FORMATS:
        open_image(data, suffix).close()
    return None


def artifact_source(ev: Evidence, art: Artifact) -> str | None:
    """Repository-relative path of an artifact, or None when its name escapes the folder."""
    return ev.artifact_source(art)


def check_artifact_files(root: Path, ev: Evidence, artifact_files: set[str], report: Report) -> None:
    for art in ev.artifacts:
        if art.alt and not art.alt.strip():
            report.error(art.loc("alt"), "artifact-alt", "the alt text is blank",
                         "describe what the image shows for readers who cannot see it")
        source = artifact_source(ev, art)
        suffix = PurePosixPath(art.file).suffix.lower()
        if source is None or source not in artifact_files or suffix not in (*RASTER_FORMATS, ".pdf"):
            continue  # named wrongly: rules_portfolio already said so
        try:
            data = no_links.read_bytes(root, source, MAX_ARTIFACT_BYTES)  # never through a link (no_links.py)
            if len(data) > MAX_ARTIFACT_BYTES:
                size = max(len(data), (root / source).lstat().st_size)
                raise ArtifactProblem("artifact-too-large", f"the file is {size:,} bytes; the limit is "
                                      f"{MAX_ARTIFACT_BYTES:,}", "resize or compress it before adding it")
            pdf = inspect(data, suffix)
        except ArtifactProblem as problem:
            report.error(art.loc("file"), problem.code, f"artifact '{art.file}': {problem.message}", problem.hint)
        except no_links.LinkRefused as refused:
            report.error(art.loc("file"), "symlink", f"artifact '{art.file}' is not read: {refused.reason}",
                         no_links.FIX_HINT)
        except OSError as exc:
            report.error(art.loc("file"), "artifact-unreadable", f"cannot read artifact '{art.file}': {exc.strerror}",
                         "check the file's permissions")
        else:
            if pdf is not None:
                _report_pdf(report, art, pdf)


def _report_pdf(report: Report, art: Artifact, pdf: CleanPdf) -> None:
    for what in pdf_private_details(pdf):
        report.error(art.loc("file"), "private-detail", f"artifact '{art.file}': {what}, which cannot be published",
                     _PRIVATE_HINT)
    if pdf.removed:
        private = {what for text in pdf.properties for _o, _c, what in private_details(text)}
        note = f" (they contain {', '.join(sorted(private))})" if private else ""
        report.info(art.loc("file"), "artifact-cleaned",
                    f"artifact '{art.file}' is published without: {'; '.join(pdf.removed)}{note}",
                    "nothing to do: the pages look the same; links to web pages and within the document "
                    "still work")
