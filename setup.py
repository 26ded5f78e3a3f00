"""Puts the Henry County sample district into the wheel, for `hcs-site init --sample`.

The sample (content/, portfolios/, the district's own pages in docs/ and mkdocs.yml) lives once,
at the top of this repository, where the tests and this project's site use it. Building the
package copies it into `hcs_site/sample/` of the wheel, so an installed hcs-site carries it as
package data; an editable install (the development environment) does not, and says so. Everything
else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SAMPLE = ("content", "portfolios", "docs/families.md", "docs/es", "mkdocs.yml")
"""The sample district: its content and its own pages (not hcs-site's guides, also in docs/)."""


class BuildWithSample(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        dest = Path(self.build_lib) / "hcs_site" / "sample"
        shutil.rmtree(dest, ignore_errors=True)
        for part in SAMPLE:
            source = HERE / part
            if source.is_dir():
                shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns(".*", "__pycache__"))
            else:
                (dest / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / part)


setup(cmdclass={"build_py": BuildWithSample})
