"""Helpers for tests that read a built site the way a browser would."""

from __future__ import annotations

import errno
import hashlib
import os
import posixpath
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from hcs_site.cli import main


def copy_repo(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("site", "__pycache__", ".cache"))
    return dest


def build(root: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["build", "--root", str(root), *extra], catch_exceptions=False)


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def resolve(site: Path, page: str, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link of `page` points at (None for external links)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    base = posixpath.dirname(page)
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else page
    if target == ".." or target.startswith("../"):
        return None  # above the site: the hosting root of published editions (versions, banner)
    path = site / target
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def broken_links(site: Path) -> list[str]:
    """Every internal link or fragment in the site that leads nowhere."""
    problems = []
    ids: dict[Path, set[str]] = {}
    for html_file in sorted(site.rglob("*.html")):
        if html_file.name == "404.html":
            continue  # its links are absolute (site_url), so it works from any missing path
        page = html_file.relative_to(site).as_posix()
        doc = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for a in doc.find_all("a", href=True):
            found = resolve(site, page, str(a["href"]))
            if found is None:
                continue
            path, fragment = found
            if not path.is_file():
                problems.append(f"{page}: {a['href']} (no file)")
                continue
            if fragment and path.suffix == ".html":
                if path not in ids:
                    target = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
                    ids[path] = {str(el["id"]) for el in target.find_all(id=True)}
                if fragment not in ids[path]:
                    problems.append(f"{page}: {a['href']} (no #{fragment})")
    return problems


def refuse_new_site(monkeypatch: pytest.MonkeyPatch, site: Path) -> None:
    """The rename that puts a new site in place of `site` fails (a read-only file system): the
    moment a swap must put everything back."""
    real = Path.rename

    def rename(self: Path, target: str | os.PathLike[str]) -> Path:
        if Path(target) == site and ".hcs-build-" in self.parent.name:  # the new site going in
            raise OSError(errno.EROFS, "Read-only file system", str(target))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
