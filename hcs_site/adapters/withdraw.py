"""Withdrawal reaches every edition: remove, from every folder of the site branch, what a portfolio
that may not be published today produced, in one commit.

A new edition is built only from portfolios consented today, but the editions already on the
branch were built months or years ago. Consent withdrawn, expired, or a folder deleted must take
the student off all of them: their own folder (pages, mastery map, evidence, artifacts), the
entries on the school and portfolio index pages, the exemplar excerpts on course and area pages,
the sitemaps and the search index. Marked markup (`data-hcs-portfolio`) is cut first; pages
published before the marker existed are handled by what they link to. What still names the key
after the commit is reported, so that nothing is left silently.
"""

from __future__ import annotations

import gzip
import io
import json
import posixpath
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from mike import git_utils

from ..check.pipeline import CheckResult
from ..render.links import anchor
from .html_cut import Node, cut, parse

MARK = "data-hcs-portfolio"
"""On an element derived from one portfolio (exemplar, index entry): its folder name."""
MARK_MANY = "data-hcs-portfolios"
"""On an element derived from several (a school's entry): their folder names, space-separated."""
CONTAINERS = ("li", "tr", "figure", "url")
"""A link to a withdrawn page takes the nearest of these with it (the list entry, the sitemap entry)."""
MAX_GZIP = 64 * 1024 * 1024


@dataclass
class Withdrawal:
    removed: dict[str, list[str]] = field(default_factory=dict)
    """Portfolio folder name -> the top-level folders (editions, aliases) it was removed from."""
    deleted: int = 0
    edited: list[str] = field(default_factory=list)
    residue: list[str] = field(default_factory=list)
    """Files of the branch that still mention a withdrawn key after the commit."""
    name_residue: list[str] = field(default_factory=list)
    """Files that still show the name the withdrawn pages showed (it may be another student's)."""
    message: str = ""


def _git(*args: str, data: bytes | None = None) -> bytes:
    out = subprocess.run(["git", *args], input=data, capture_output=True, check=False)
    if out.returncode not in (0, 1):  # 1: git grep found nothing
        raise git_utils.GitError(f"git {args[0]} failed", out.stderr.decode("utf-8", "replace"))
    return out.stdout


def kept_folders(result: CheckResult) -> tuple[set[str], set[str]]:
    """The site folders that may stay (portfolios publishable today) and the names they show.

    A folder name two repository folders share (`P-1` and `p-1` are both `p-1` on the site) stays
    only when both may be published: when in doubt, withdraw.
    """
    consented = {p.key for p in result.published}
    others = {entry.key for entry in result.files.portfolios} - consented
    kept = {anchor(k) for k in consented} - {anchor(k) for k in others}
    return kept, {p.display_name for p in result.published if p.display_name}


def _tree(branch: str) -> dict[str, tuple[str, str]]:
    """Path -> (mode, blob ID) of every file on the branch."""
    files = {}
    for entry in _git("ls-tree", "-r", "-z", "--full-tree", branch).split(b"\0"):
        if not entry:
            continue
        info, path = entry.split(b"\t", 1)
        mode, kind, sha = info.decode().split()
        if kind == "blob":
            files[path.decode("utf-8", "surrogateescape")] = (mode, sha)
    return files


def _student(path: str) -> tuple[str, str, str] | None:
    """(prefix, school, key) of a file inside a student's folder: `<top>/portfolios/<school>/<key>/...`."""
    parts = path.split("/")
    for i in (0, 1):
        if len(parts) >= i + 4 and parts[i] == "portfolios":
            return ("/".join(parts[:i]) + "/" if i else ""), parts[i + 1], parts[i + 2]
    return None


class Plan:
    """What goes, decided from the branch's files and the folder names that may stay."""

    def __init__(self, files: dict[str, tuple[str, str]], kept: set[str]) -> None:
        students: dict[tuple[str, str], set[str]] = {}
        for path in files:
            if (found := _student(path)) is not None:
                students.setdefault(found[:2], set()).add(found[2])
        self.keys = {key for keys in students.values() for key in keys if key not in kept}
        self.present = {prefix: {k for (p, _s), keys in students.items() if p == prefix for k in keys}
                        for prefix, _school in students}
        self.prefixes = {f"{prefix}portfolios/{school}/{key}/"
                         for (prefix, school), keys in students.items() for key in keys if key in self.keys}
        self.schools = {f"{prefix}portfolios/{school}/"
                        for (prefix, school), keys in students.items() if keys <= self.keys}
        gone = tuple(self.prefixes | self.schools)
        self.deleted = sorted(p for p in files if p.startswith(gone)) if gone else []

    def gone(self, url: str, base: str) -> bool:
        """Does `url`, written in a file of folder `base`, lead to something withdrawn?"""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("", "http", "https"):
            return False
        absolute = bool(parts.scheme or parts.netloc or parts.path.startswith("/"))
        path = unquote(parts.path)
        if not absolute:
            path = posixpath.normpath(posixpath.join(base, path)) if path else base
            if (path.rstrip("/") + "/").startswith(tuple(self.prefixes | self.schools)):
                return True
        segs = [s for s in path.split("/") if s]
        for i, seg in enumerate(segs):
            if seg != "portfolios" or i + 1 >= len(segs):
                continue
            if i + 2 < len(segs) and segs[i + 2] in self.keys:
                return True
            ends_at_school = i + 2 == len(segs) or segs[i + 2] == "index.html"
            owner = f"{segs[i - 1]}/" if i else ""
            if absolute and ends_at_school and (f"{owner}portfolios/{segs[i + 1]}/" in self.schools
                                                or f"portfolios/{segs[i + 1]}/" in self.schools):
                return True
        return False

    def _marked(self, node: Node, prefix: str) -> bool:
        if node.attrs.get(MARK, "").strip() in self.keys:
            return True
        many = node.attrs.get(MARK_MANY, "").split()
        here = self.present.get(prefix, set())
        return bool(many) and all(k in self.keys or k not in here for k in many)

    def retag(self, node: Node) -> dict[str, str] | None:
        """A school's entry that stays: its list of portfolios without the withdrawn ones."""
        many = node.attrs.get(MARK_MANY, "").split()
        if not any(k in self.keys for k in many):
            return None
        return {**node.attrs, MARK_MANY: " ".join(k for k in many if k not in self.keys)}

    def _link(self, node: Node) -> str | None:
        if node.tag == "loc":
            return node.text
        return node.attrs.get("href") or node.attrs.get("src")

    def doomed(self, node: Node, path: str) -> bool:
        """A marked element, a container whose link is withdrawn, or a bare link to withdrawn pages."""
        base = posixpath.dirname(path)
        if self._marked(node, _top(path)):
            return True
        if node.tag in CONTAINERS:
            return any(self._owner(d) is node and self.gone(url, base)
                       for d in node.descendants() if (url := self._link(d)) is not None)
        url = self._link(node)
        return url is not None and self._owner(node) is None and self.gone(url, base)

    @staticmethod
    def _owner(node: Node) -> Node | None:
        return next((a for a in node.ancestors() if a.tag in CONTAINERS), None)


def _top(path: str) -> str:
    """The folder a file's `portfolios/` would be in: `2025-26/` for `2025-26/courses/x.html`."""
    head = path.split("/", 1)[0]
    return f"{head}/" if "/" in path and head != "portfolios" else ""


def _rewrite(plan: Plan, path: str, data: bytes) -> bytes:
    """The file without what is withdrawn (the same bytes when nothing in it is)."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                inner = fh.read(MAX_GZIP + 1)
        except (OSError, EOFError):
            return data
        if len(inner) > MAX_GZIP:
            return data
        smaller = _rewrite(plan, path[:-3], inner)
        if smaller == inner:
            return data
        mtime = int.from_bytes(data[4:8], "little")
        out = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=mtime) as fh:
            fh.write(smaller)
        return out.getvalue()
    if name == "search_index.json":
        return _search_index(plan, path, data)
    if name.endswith((".html", ".htm", ".xml")):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return data
        kept = cut(text, lambda node: plan.doomed(node, path), plan.retag)
        return data if kept == text else kept.encode("utf-8")
    return data


def _search_index(plan: Plan, path: str, data: bytes) -> bytes:
    """MkDocs' and Material's search index: drop the entries located in withdrawn pages."""
    try:
        index = json.loads(data)
        docs = index["docs"]
    except (ValueError, KeyError, TypeError):
        return data
    root = posixpath.dirname(posixpath.dirname(path))
    kept = [d for d in docs if not (isinstance(d, dict) and plan.gone(str(d.get("location", "")), root))]
    if len(kept) == len(docs):
        return data
    index["docs"] = kept
    return json.dumps(index, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _names(files: dict[str, tuple[str, str]], plan: Plan) -> set[str]:
    """The names the withdrawn home pages showed (their <h1>), to look for them afterwards."""
    names = set()
    for path in plan.deleted:
        found = _student(path)
        if found and path == f"{found[0]}portfolios/{found[1]}/{found[2]}/index.html":
            page = _git("cat-file", "blob", files[path][1]).decode("utf-8", "replace")
            h1 = next((n for n in parse(page) if n.tag == "h1"), None)
            if h1 is not None and len(h1.text.strip()) >= 3:
                names.add(h1.text.strip())
    return names


def _grep(branch: str, args: Iterable[str]) -> list[str]:
    out = _git("grep", "-l", "-z", "-I", *args, branch, "--")
    return sorted({p.decode("utf-8", "surrogateescape").split(":", 1)[1] for p in out.split(b"\0") if p})


def _key_pattern(keys: Iterable[str]) -> list[str]:
    found = []
    for key in sorted(keys):
        found += ["-e", rf"(^|[^A-Za-z0-9_-]){as_written(key)}($|[^A-Za-z0-9_-])"]
    return found


_NAMED = {"&": ("&amp;",), "<": ("&lt;",), ">": ("&gt;",), '"': ("&quot;",), "'": ("&apos;",),
          "-": ("&hyphen;", "&dash;")}
_ERE_SPECIAL = set(".[]()*+?{}|^$\\")


def as_written(text: str) -> str:
    """An extended regular expression for `text` however a page may carry it: each character as
    itself or as any character reference (`&#45;`, `&#x2D;`, `&hyphen;`). Pages write content
    with punctuation as references (render/inert.py), so a literal search would find nothing and
    report a withdrawn student gone while their name is still on a page."""
    parts = []
    for ch in text:
        code = ord(ch)
        hex_digits = "".join(f"[{d.lower()}{d.upper()}]" if d.isalpha() else d for d in f"{code:x}")
        forms = ["\\" + ch if ch in _ERE_SPECIAL else ch, f"&#0*{code};", f"&#[xX]0*{hex_digits};",
                 *_NAMED.get(ch, ())]
        parts.append("(" + "|".join(forms) + ")")
    return "".join(parts)


def _editions(files: dict[str, tuple[str, str]], branch: str) -> dict[str, str]:
    """Top-level folder -> "edition X" or "alias X of Y", from versions.json."""
    try:
        versions = json.loads(_git("cat-file", "blob", files["versions.json"][1])) if "versions.json" in files else []
    except ValueError:
        versions = []
    named = {}
    for v in versions if isinstance(versions, list) else []:
        if isinstance(v, dict) and isinstance(v.get("version"), str):
            named[v["version"]] = v["version"]
            for alias in v.get("aliases") or []:
                named[str(alias)] = f"{alias} (alias of {v['version']})"
    return named


def withdraw(branch: str, kept: set[str], version: str, kept_names: set[str] | None = None) -> Withdrawal:
    """Remove what every portfolio folder not in `kept` produced, from the whole branch, in one commit.

    Run inside the repository. Nothing is written when nothing is withdrawn; a failure while
    writing leaves the branch as it was (one `git fast-import` commit).
    """
    done = Withdrawal()
    if not git_utils.has_branch(branch):
        return done
    files = _tree(branch)
    plan = Plan(files, kept)
    if not plan.keys:
        return done
    names = _names(files, plan) - (kept_names or set())
    deleted = set(plan.deleted)
    candidates = set(_grep(branch, [a for k in sorted(plan.keys) for a in ("-F", "-e", k)]))
    candidates |= {p for p in files if p.endswith(".gz")}  # compressed sitemaps: grep cannot see in
    candidates |= {f"{s.rsplit('/', 2)[0]}/index.html" for s in plan.schools}  # the portfolios index
    edits = []
    for path in sorted(candidates - deleted):
        if path not in files:
            continue
        mode, sha = files[path]
        data = _git("cat-file", "blob", sha)
        new = _rewrite(plan, path, data)
        if new != data:
            edits.append(git_utils.FileInfo(path, new, int(mode, 8)))
    for path in plan.deleted:
        found = _student(path)
        if found:
            tops = done.removed.setdefault(found[2], [])
            top = found[0].rstrip("/") or "(site root)"
            if top not in tops:
                tops.append(top)
    done.deleted, done.edited = len(plan.deleted), [e.path for e in edits]
    done.message = _message(done, _editions(files, branch), version)
    with git_utils.Commit(branch, done.message) as commit:
        commit.delete_files(plan.deleted)
        for info in edits:
            commit.add_file(info)
    done.residue = _grep(branch, ["-E", *_key_pattern(plan.keys)])
    if names:
        done.name_residue = _grep(branch, ["-E", *(a for n in sorted(names) for a in ("-e", as_written(n)))])
    return done


def _message(done: Withdrawal, editions: dict[str, str], version: str) -> str:
    """Keys and editions only: a commit message is public, and must never carry a student's name."""
    lines = [f"Withdraw {len(done.removed)} portfolio{'s' if len(done.removed) != 1 else ''} no longer "
             "consented from every published edition", "",
             "Removed by portfolio key, with the editions (and aliases) they were in:"]
    for key in sorted(done.removed):
        lines.append(f"- {key}: {', '.join(editions.get(t, t) for t in sorted(done.removed[key]))}")
    lines += ["", f"{done.deleted} files deleted, {len(done.edited)} edited, by hcs-site {version}"]
    return "\n".join(lines) + "\n"
