"""The files of a new district repository (`hcs-site init`), read from hcs-site's package data.

`scaffold/district/` is a small district that validates and builds at once (one area, one
course, one fictional portfolio, home and families pages in English and Spanish) with the
repository's tooling: workflows, Dependabot, CODEOWNERS, pre-commit, VS Code settings. With
`--sample`, the content is the whole Henry County sample (`hcs_site/sample/`, put into the wheel
by setup.py). Names starting with `dot-` become dotfiles (package data skips dotfiles). Nothing is
read from a source tree: an installed wheel holds everything.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from importlib.resources.abc import Traversable

from .. import __version__
from ..check.schema_defs import SCHEMAS, dump
from . import schema_lines
from .schema_lines import Mode

PLACEHOLDER_SITE_URL = "https://OWNER.github.io/REPOSITORY/"
SAMPLE_PARTS = ("content/", "portfolios/", "docs/", "mkdocs.yml")
"""What `--sample` takes from the sample; the rest of the repository is the starter's."""


class NoSample(Exception):
    """This installation carries no sample district (an editable install from the source tree)."""


def _walk(folder: Traversable, prefix: str = "") -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for entry in folder.iterdir():
        name = entry.name
        if name == "__pycache__" or name.startswith("."):
            continue
        shown = "." + name[len("dot-"):] if name.startswith("dot-") else name
        if entry.is_dir():
            found.update(_walk(entry, f"{prefix}{shown}/"))
        else:
            found[f"{prefix}{shown}"] = entry.read_bytes()
    return found


def starter() -> dict[str, bytes]:
    return _walk(resources.files("hcs_site.scaffold") / "district")


def sample() -> dict[str, bytes]:
    folder = resources.files("hcs_site") / "sample"
    if not folder.is_dir():
        raise NoSample("this installation of hcs-site carries no sample district (it is an editable "
                       "install from hcs-site's source tree, whose sample is content/ and portfolios/)")
    return _walk(folder)


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _set_site_url(text: str, site_url: str) -> str:
    lines = text.split("\n")
    return "\n".join(f"site_url: {site_url}" if line.startswith("site_url:") else line for line in lines)


def repository(*, mode: Mode, site_url: str | None, with_sample: bool, today: dt.date) -> dict[str, bytes]:
    """Every file of the new repository, by its path there."""
    files = starter()
    if with_sample:
        files = {rel: data for rel, data in files.items() if not rel.startswith(SAMPLE_PARTS)}
        files.update(sample())
    site = site_url or schema_lines.site_url_of(_text(files["mkdocs.yml"]) or "") or PLACEHOLDER_SITE_URL
    site = site if site.endswith("/") else site + "/"
    words = {
        "@HCS_VERSION@": __version__,
        "@SITE_URL@": site,
        "@TODAY@": today.isoformat(),
        "@EXPIRES@": (today + dt.timedelta(days=365)).isoformat(),
        "@SCHEMAS_ROOT@": f"{site}{schema_lines.SCHEMA_DIR}" if mode == "url" else f"./{schema_lines.SCHEMA_DIR}",
    }
    out: dict[str, bytes] = {}
    for rel, data in sorted(files.items()):
        text = _text(data)
        if text is None or rel.endswith((".png", ".jpg", ".jpeg", ".webp", ".pdf")):
            out[rel] = data
            continue
        for word, value in words.items():
            text = text.replace(word, value)
        if rel == "mkdocs.yml" and site_url:
            text = _set_site_url(text, site)
        kind = schema_lines.kind_of(rel)
        if kind is not None:
            text = schema_lines.set_line(text, schema_lines.ref_for(mode, rel, kind, site))
        out[rel] = text.encode("utf-8")
    if mode == "local":
        for kind in SCHEMAS:
            out[f"{schema_lines.SCHEMA_DIR}/{kind}.schema.json"] = dump(kind).encode("utf-8")
    return out
