"""One stable address for the data API across editions.

Editions are published in folders (`/2026-27/`), and mike sets `site_url` to that folder while it
builds one. A CASE URI must not move every year: a state system stores it. So the API's URIs are
always the site's own address (`<site>/api/case/...`), and publishing copies the default
edition's `api/` and `schemas/` to the root of the branch (publish_commit.py), where those URIs point: real files,
not redirect pages, which a CASE client would not follow.
"""

from __future__ import annotations

import json
import os
import subprocess

API_FOLDERS = ("api", "schemas")
VERSION_VAR = "MIKE_DOCS_VERSION"


def stable_site_url(site_url: str | None) -> str | None:
    """`site_url` without the edition folder mike adds while it builds an edition."""
    version = os.environ.get(VERSION_VAR)
    if not site_url or not version:
        return site_url
    for tail in (version + "/", version):
        if site_url.endswith("/" + tail):
            return site_url[: -len(tail)]
    return site_url


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=False)


def root_edition(branch: str) -> str | None:
    """The edition whose API the branch's root holds (None: no API there yet)."""
    shown = _git("show", f"{branch}:api/framework.json")
    if shown.returncode != 0:
        return None
    try:
        edition = json.loads(shown.stdout)["district"]["edition"]
    except (ValueError, KeyError, TypeError):
        return ""
    return edition if isinstance(edition, str) else ""


def should_copy(branch: str, edition: str, set_default: bool) -> bool:
    """The root API follows the default edition: copied when this edition becomes the default,
    is republished while its API is the root's, or when the root has none yet."""
    at_root = root_edition(branch)
    return set_default or at_root is None or at_root == edition
