"""Prints the CHANGELOG.md section of the version being released, for the GitHub release's notes.

Exits 1, saying what disagrees, unless the version is a semantic version (MAJOR.MINOR.PATCH) and
pyproject.toml, hcs_site/__init__.py, CHANGELOG.md and the tag (when given: v1.2.3) all name it.

    python scripts/release_notes.py [v1.2.3]
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


def section(changelog: str, version: str) -> str | None:
    """The text under `## [version] - YYYY-MM-DD`, up to the next `## ` heading."""
    found = re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}\n(.*?)(?=^## |\Z)",
                      changelog, re.M | re.S)
    return found.group(1).strip() if found else None


def problems(tag: str | None) -> tuple[list[str], str]:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    init = (ROOT / "hcs_site" / "__init__.py").read_text(encoding="utf-8")
    package = re.search(r'^__version__ = "([^"]*)"', init, re.M)
    errors = []
    if not SEMVER.fullmatch(version):
        errors.append(f"pyproject.toml's version {version!r} is not MAJOR.MINOR.PATCH")
    if package is None or package.group(1) != version:
        errors.append(f"hcs_site/__init__.py's __version__ is not {version!r}")
    if tag is not None and tag != f"v{version}":
        errors.append(f"the tag {tag!r} is not v{version}")
    notes = section((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), version)
    if not notes:
        errors.append(f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section with text")
    return errors, notes or ""


def main() -> None:
    errors, notes = problems(sys.argv[1] if len(sys.argv) > 1 else None)
    if errors:
        sys.exit("cannot release:\n" + "\n".join(f"- {e}" for e in errors))
    print(notes)


if __name__ == "__main__":
    main()
