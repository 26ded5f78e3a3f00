"""What `hcs-site publish` checks before it builds: the names it will write, and a clean work tree.

An edition or alias name becomes a top-level folder of the site branch and part of a Git tag:
`--alias .git` would write a `.git/` tree into the branch, `--alias versions.json` would shadow
mike's list of editions. A dirty work tree would be published while the tag and the commit
message name the last commit, so the tag would not describe what families read.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

NAME_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$"
"""The one pattern for edition and alias names (documented in docs/publishing.md)."""
_NAME = re.compile(NAME_PATTERN)
RESERVED = frozenset({
    # mike's and the host's files at the top of the branch
    "versions.json", "index.html", "404.html", "cname", "robots.txt", "favicon.ico", "sitemap.xml",
    "sitemap.xml.gz",
    # the folders a site is made of (a top-level one would be taken for the site's own)
    "assets", "ims", "api", "schemas", "search", "portfolios",
    # names Windows cannot check out
    "con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10)),
})
WATCHED = ("content/", "portfolios/", "docs/", "overrides/")
"""Untracked files here change the site (a new page, a new portfolio): they make the tree dirty."""
SHOWN = 5


def name_problem(kind: str, name: str) -> str | None:
    """Why `name` cannot be an edition or alias name, or None when it can."""
    rule = f"{kind} names must match {NAME_PATTERN}, contain no '..', not end in '.' or '.lock'"
    if not _NAME.fullmatch(name) or ".." in name or name.endswith(".") or name.lower().endswith(".lock"):
        return f"{kind} name {name!r} is not allowed: {rule}"
    if name.casefold() in RESERVED or name.split(".", 1)[0].casefold() in RESERVED:
        return (f"{kind} name {name!r} is not allowed: the site branch uses it for its own files (versions.json, "
                f"index.html, assets, api, schemas, ims, search, portfolios, ...); {rule}")
    return None


def branch_problem(root: Path, branch: str) -> str | None:
    """The site branch must not be the branch being worked on: mike would commit the site onto it."""
    out = subprocess.run(["git", "-C", str(root), "symbolic-ref", "--short", "-q", "HEAD"], capture_output=True,
                         text=True, check=False)
    if out.stdout.strip() == branch:
        return f"--branch {branch} is the branch checked out here; the site goes to its own branch (gh-pages)"
    return None


def dirty_paths(root: Path, config_file: str = "mkdocs.yml") -> list[str]:
    """Changed tracked files anywhere, and untracked (not ignored) files that are part of the site.

    Empty when `root` is not a Git work tree: publishing then stops on that, with its own message.
    """
    out = subprocess.run(["git", "-C", str(root), "status", "--porcelain=v1", "-z", "--untracked-files=all"],
                         capture_output=True, check=False)
    if out.returncode != 0:
        return []
    entries = out.stdout.decode("utf-8", "surrogateescape").split("\0")
    found: list[str] = []
    skip = False
    for entry in entries:
        if skip or len(entry) < 4:
            skip = False
            continue
        status, path = entry[:2], entry[3:]
        skip = status[0] in "RC"  # a rename is followed by the name it had
        if status == "??" and not (path.startswith(WATCHED) or path == config_file):
            continue
        found.append(path)
    return found


def dirty_message(paths: list[str]) -> str:
    listed = ", ".join(paths[:SHOWN]) + (f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else "")
    return (f"the work tree has uncommitted changes ({listed}); the edition tag and the site branch's commit "
            "message would name the last commit, not what was published. Commit (or stash) them, or pass "
            "--allow-dirty")
