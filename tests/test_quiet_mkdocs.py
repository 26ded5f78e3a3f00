"""`mkdocs build` run directly with the hcs plugin is as quiet as hcs-site's own commands: the
portfolios that are not published are one summary line, listed one by one only with -v."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PORTFOLIO, MakeRepo
from tests.test_plugin import MINIMAL

CONSENT = "consent:\n  publish: true\n  guardian: true\n  date: 2026-09-01\n  expires: 2099-06-30\n"
NO_CONSENT = PORTFOLIO.replace(CONSENT, "")
SAID_NO = PORTFOLIO.replace("publish: true", "publish: false")


def mkdocs_build(root: Path, *extra: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "NO_MKDOCS_2_WARNING": "1",
           "HCS_TODAY": "2026-10-15"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(root.parent / "site"), *extra],
                          cwd=root, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_plain_mkdocs_build_sums_up_unpublished_portfolios_and_v_lists_them(make_repo: MakeRepo) -> None:
    assert NO_CONSENT != PORTFOLIO and SAID_NO != PORTFOLIO
    root = make_repo({"mkdocs.yml": MINIMAL, "docs/about.md": "# About\n",
                      "portfolios/p-0002/portfolio.md": NO_CONSENT, "portfolios/p-0003/portfolio.md": SAID_NO})
    quiet = mkdocs_build(root)
    assert "hcs: 2 portfolios not published: no consent (-v lists them)" in quiet
    assert "portfolio-skipped" not in quiet and "p-0002" not in quiet and "p-0003" not in quiet
    loud = mkdocs_build(root, "-v")
    assert "portfolios/p-0002/portfolio.md:2:1: info portfolio-skipped portfolio 'p-0002' is not published" in loud
    assert "portfolios/p-0003/portfolio.md:2:1: info portfolio-skipped portfolio 'p-0003' is not published" in loud
    assert "not published: no consent (-v lists them)" not in loud
