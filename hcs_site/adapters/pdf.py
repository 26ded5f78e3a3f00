"""Course handouts as PDF: the built page printed by headless Chromium with the print stylesheet.

The page itself is the source of truth (same words, same rubrics as the site); the print
stylesheet removes navigation, keeps rubric rows whole and shows where links lead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


class PdfError(Exception):
    pass


def find_chromium() -> str | None:
    configured = os.environ.get("HCS_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_page(html_file: Path, out: Path, chromium: str, timeout: float = 120) -> Path:
    """Print one built page to `out`; written to a temporary file first, then moved in place."""
    if not html_file.is_file():
        raise PdfError(f"{html_file} does not exist; build the site first (hcs-site build)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hcs-pdf-") as tmp:
        target = Path(tmp) / "page.pdf"
        cmd = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
            "--virtual-time-budget=5000", f"--print-to-pdf={target}", html_file.resolve().as_uri(),
        ]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(f"Chromium could not print the page: {exc}") from exc
        if run.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            raise PdfError(f"Chromium could not print the page (exit {run.returncode}): "
                           f"{run.stderr.strip()[-500:]}")
        shutil.move(str(target), out)
    return out
