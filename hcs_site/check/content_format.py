"""The content format: which version of the content model a repository's files are written in.

`format:` in content/district.yml says it (a file without it is format 1, the first). It is read
before anything else, so that a repository written for a newer hcs-site gets one clear message
("install a newer hcs-site") instead of a page of unknown-field errors, and an older one is told
to run `hcs-site upgrade`. docs/versions.md is the policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..diagnostics import Loc, Report
from ..load.files import read_text
from ..load.yaml_reader import read_yaml

CURRENT_FORMAT = 1
"""The format this hcs-site writes. Raise it, with an upgrade step (hcs_site/upgrade/steps.py) and
a CHANGELOG entry, when a file written for the previous one would be read differently or refused."""
OLDEST_FORMAT = 1
"""The oldest format this hcs-site still reads as it is; older ones must be upgraded first."""
IMPLIED_FORMAT = 1
"""The format of a district.yml without `format:` (every file written before the key existed)."""
DOCS = "hcs-site's docs/versions.md"


@dataclass(frozen=True)
class Found:
    """The format a repository says it is in, and where it says so (line 0: nowhere, implied)."""

    value: int
    loc: Loc

    @property
    def written(self) -> bool:
        return self.loc.line > 0


def read_format(root: Path, rel: str) -> Found | None:
    """The `format:` of district.yml; None when the file cannot be read or the value is not a
    whole number (the ordinary checks then report why, with the schema's words)."""
    text, problems = read_text(root, rel)
    if text is None or problems:
        return None
    doc, problems = read_yaml(text, rel, scanned=False)
    if doc is None or problems or not isinstance(doc.data, dict):
        return None
    value = doc.data.get("format")
    if value is None and "format" not in doc.data:
        return Found(IMPLIED_FORMAT, Loc(rel, 0, 0))
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return Found(value, doc.loc("format"))


def readable(root: Path, rel: str, report: Report) -> bool:
    """Reports a format this hcs-site cannot read as it is; False when the framework must not be
    read at all (its fields would be judged by the wrong version of the content model)."""
    found = read_format(root, rel)
    if found is None:
        return True
    reads = f"formats {OLDEST_FORMAT} to {CURRENT_FORMAT}" if OLDEST_FORMAT < CURRENT_FORMAT else \
        f"format {CURRENT_FORMAT}"
    if found.value > CURRENT_FORMAT:
        report.error(found.loc, "format-too-new",
                     f"content/district.yml is written in content format {found.value}, for a newer hcs-site: "
                     f"hcs-site {__version__} reads {reads}",
                     f"install the hcs-site version this repository is written for (the newest reads every "
                     f"older format); {DOCS} says which version reads which format")
        return False
    if found.value < OLDEST_FORMAT:
        report.error(found.loc, "format-too-old",
                     f"content/district.yml is written in content format {found.value}, which hcs-site "
                     f"{__version__} no longer reads (it reads {reads})",
                     f"run `hcs-site upgrade` to rewrite the files in format {CURRENT_FORMAT}, then review "
                     "the change and commit it")
        return False
    if found.value < CURRENT_FORMAT:
        report.warning(found.loc, "format-old",
                       f"content/district.yml is written in content format {found.value}; hcs-site "
                       f"{__version__} still reads it, but writes format {CURRENT_FORMAT}",
                       f"run `hcs-site upgrade` to rewrite the files in format {CURRENT_FORMAT}, then review "
                       "the change and commit it")
    return True
