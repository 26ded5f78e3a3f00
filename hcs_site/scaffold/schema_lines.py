"""Where a content file's editor schema line (`# yaml-language-server: $schema=...`) points.

A district's repository chooses once, at `hcs-site init --schemas url|local`: either the schemas
its own site publishes (`{site_url}schemas/course.schema.json`, needs the site online) or the
folder `schemas/` that `hcs-site schema --out schemas` writes into the repository (works offline).
Every file written later (`hcs-site new`, `import csv`) follows that choice, read back from the
first line of `content/district.yml`, so nothing ever points into hcs-site's own source tree.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Literal

Mode = Literal["url", "local"]
MODES: tuple[Mode, ...] = ("url", "local")
SCHEMA_DIR = "schemas"
"""The folder of a district's repository that `init --schemas local` fills."""
KINDS = ("district", "area", "course")
PREFIX = "# yaml-language-server: $schema="
_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(?P<ref>\S+)")
_SITE_URL = re.compile(r"^site_url:\s*['\"]?(?P<url>[^'\"\s#]+)", re.M)


def line(ref: str) -> str:
    return f"{PREFIX}{ref}\n"


def kind_of(rel: str) -> str | None:
    """The schema a content file follows, from its place in the repository."""
    if rel == "content/district.yml":
        return "district"
    folder = posixpath.dirname(rel)
    if not rel.endswith((".yml", ".yaml")):
        return None
    return {"content/competencies": "area", "content/courses": "course"}.get(folder)


def url_ref(site_url: str, kind: str) -> str:
    return f"{site_url.rstrip('/')}/{SCHEMA_DIR}/{kind}.schema.json"


def local_ref(rel: str, kind: str, folder: str = SCHEMA_DIR) -> str:
    """The relative path from the file `rel` to `FOLDER/KIND.schema.json` (FOLDER from the root)."""
    return posixpath.relpath(f"{folder}/{kind}.schema.json", posixpath.dirname(rel) or ".")


def ref_for(mode: Mode, rel: str, kind: str, site_url: str) -> str:
    return url_ref(site_url, kind) if mode == "url" else local_ref(rel, kind)


def first_ref(text: str) -> str | None:
    """The schema a file's first line names, if it is a schema line."""
    first = text.split("\n", 1)[0].lstrip("\ufeff").strip()
    m = _LINE.fullmatch(first)
    return m.group("ref") if m else None


def set_line(text: str, ref: str) -> str:
    """`text` with its schema line pointing to `ref` (added when the file has none)."""
    if first_ref(text) is None:
        return line(ref) + text
    rest = text.split("\n", 1)
    return line(ref) + (rest[1] if len(rest) > 1 else "")


def site_url_of(mkdocs_yml: str) -> str | None:
    """`site_url` of a mkdocs.yml's text (read as text: the file may hold tags YAML loaders refuse)."""
    m = _SITE_URL.search(mkdocs_yml)
    return m.group("url") if m and m.group("url").startswith(("https://", "http://")) else None


def site_url(repo: Path) -> str | None:
    try:
        return site_url_of((repo / "mkdocs.yml").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


def repository_choice(repo: Path) -> tuple[Mode, str] | None:
    """The repository's choice and where its schemas are (a web folder, or a folder from the
    root), detected: from district.yml's schema line, else a `schemas/` folder, else the site's
    address; None when the repository uses no schema lines."""
    try:
        text = (repo / "content" / "district.yml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    ref = first_ref(text)
    if ref is not None and re.match(r"https?://", ref):
        return "url", ref.rsplit("/", 1)[0]
    if ref is not None:
        folder = posixpath.normpath(posixpath.join("content", posixpath.dirname(ref)))
        if not folder.startswith(".."):
            return "local", folder
    if (repo / SCHEMA_DIR / "course.schema.json").is_file():
        return "local", SCHEMA_DIR
    url = site_url(repo)
    return ("url", f"{url.rstrip('/')}/{SCHEMA_DIR}") if url else None


def schema_line(repo: Path, rel: str, kind: str) -> str:
    """The first line of a new content file at `rel`, as the repository chose ("" if it chose none)."""
    choice = repository_choice(repo)
    if choice is None:
        return ""
    mode, where = choice
    if mode == "url":
        return line(f"{where}/{kind}.schema.json")
    return line(local_ref(rel, kind, where))
