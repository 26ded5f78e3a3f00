"""The release checks: one semantic version in pyproject.toml, the package and the CHANGELOG."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

from hcs_site import __version__

REPO = Path(__file__).parent.parent


def release_notes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release_notes", REPO / "scripts" / "release_notes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_version_is_one_semantic_version_with_its_changelog() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__
    errors, notes = release_notes().problems(f"v{__version__}")
    assert errors == [] and notes


def test_a_tag_or_changelog_that_disagrees_stops_the_release() -> None:
    module = release_notes()
    errors, _ = module.problems("v9.9.9")
    assert errors == [f"the tag 'v9.9.9' is not v{__version__}"]
    changelog = "# Changelog\n\n## [Unreleased]\n\n- x\n\n## [0.1.0] - 2026-11-25\n\nFirst.\n"
    assert module.section(changelog, "0.1.0") == "First."
    assert module.section(changelog, "0.2.0") is None
    assert module.section(changelog.replace(" - 2026-11-25", ""), "0.1.0") is None
    assert not module.SEMVER.fullmatch("1.2") and not module.SEMVER.fullmatch("01.2.3")
