"""The API layer of the build cache: the JSON API of an unchanged framework is read back, not made.

The API (api/, schemas/: the CASE package and one document per item, in two CASE versions) is a
function of the framework's files, the site's address, the `case_resources` option, the files'
dates in Git and the software. It does not depend on portfolios, pages or the navigation, so a
merge that changes an evidence file or a hand-written page reuses it whole. The key hashes every
file under `content/` (not only the ones the framework names: a file it reads but does not list
could otherwise go unseen), so any change to the framework makes it again.

Beside the API's entry are two small ones: its names (a carried API is listed from them) and the
sha256 of each file (`digests`): the next build, whose API has another key, links from the site
this one wrote the files whose bytes are the same (`api_links`), and learns which they are from
this record, not from their names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

from ..digests import digest
from ..export.case import dates_for
from ..export.json_api import Producer, api_files, made
from ..export.provenance import ChangeDates
from ..model.framework import Framework
from .cache_keys import software
from .cache_store import CacheStore

log = logging.getLogger("mkdocs.plugins.hcs")
LAYER = "api"


def _content_files(root: Path) -> list[str | bytes]:
    folder = root / "content"
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return [x for p in files for x in (p.relative_to(folder).as_posix(), p.read_bytes())]


def pack(files: dict[str, bytes]) -> list[bytes]:
    """One entry for the whole API, in pieces (never joined: 500 MB at 20,000 pages): a JSON list
    of names and sizes, then the documents' bytes."""
    names = sorted(files)
    head = json.dumps([[name, len(files[name])] for name in names], separators=(",", ":")).encode("utf-8")
    return [len(head).to_bytes(8, "big"), head, *(files[name] for name in names)]


def unpack(data: bytes) -> dict[str, bytes] | None:
    """The documents of a packed API, or None when the entry does not read as one."""
    try:
        size = int.from_bytes(data[:8], "big")
        table = json.loads(data[8:8 + size])
        files: dict[str, bytes] = {}
        at = 8 + size
        for name, length in table:
            files[str(name)] = data[at:at + int(length)]
            at += int(length)
    except (ValueError, TypeError):
        return None
    return files if at == len(data) else None


def api_key(fw: Framework, root: Path, site_url: str | None, case_resources: bool) -> tuple[str, ChangeDates]:
    """The key of this site's API in the cache, and the dates it is made with."""
    dates = dates_for(fw, root)
    key = digest(software(), LAYER, site_url or "", str(case_resources), dates.default,
                 json.dumps(sorted(dates.dates.items())), *_content_files(root))
    return key, dates


class SiteApi:
    """This site's API: its key (None without the cache), its file names, its files, each found once.

    A rebuild that carries the API's folders over from the site it replaces (`carry_over.add_api`)
    needs the names alone: they are kept in a small entry of their own beside the API's, so the
    85,000 documents are neither read nor made."""

    def __init__(self, store: CacheStore | None, fw: Framework, root: Path, site_url: str | None,
                 case_resources: bool) -> None:
        self.store, self.fw, self.root = store, fw, root
        self.site_url, self.case_resources = site_url, case_resources
        self.dates: ChangeDates | None = None
        self.key: str | None = None
        if store is not None:
            self.key, self.dates = api_key(fw, root, site_url, case_resources)
        self._files: dict[str, bytes] | None = None
        self._digests: dict[str, str] | None = None
        self.plan: dict[str, Producer] | None = None
        """What makes each file, when the build listed the API before making it (`api_writer`)."""
        self.from_cache = False
        """The files were read back from the cache, not made."""

    def names(self) -> list[str]:
        """The API's file names, sorted: from their entry when it is whole, else from the files."""
        if self.store is not None and self.key is not None:
            data = self.store.get(LAYER, names_key(self.key))
            try:
                names = json.loads(data) if data is not None else None
            except ValueError:
                names = None
            if isinstance(names, list) and all(isinstance(n, str) for n in names):
                self.store.touch(LAYER, names_key(self.key))
                self.store.touch(LAYER, self.key)  # the documents stay for a build that cannot carry them
                self.store.touch(LAYER, digests_key(self.key))  # the next build links by them
                return names
        return sorted(self.files())

    def files(self) -> dict[str, bytes]:
        """The API's files: from the cache when its inputs are unchanged, else made (and stored)."""
        if self._files is None:
            self._files = self._find()
            if self.from_cache:
                log.info(f"hcs: the JSON API ({len(self._files)} files) from the build cache")
        return self._files

    def used(self) -> None:
        """Mark the API's entries as used by this build (written by a child: `api_writer`)."""
        if self.store is not None and self.key is not None:
            for key in (self.key, names_key(self.key), digests_key(self.key)):
                self.store.touch(LAYER, key)

    def _made(self) -> dict[str, bytes]:
        if self.plan is not None:
            return made(self.plan)
        return api_files(self.fw, self.site_url, self.dates or dates_for(self.fw, self.root), self.case_resources)

    def _find(self) -> dict[str, bytes]:
        if self.store is None or self.key is None:
            return self._made()
        data = self.store.get(LAYER, self.key)
        files = unpack(data) if data is not None else None
        found: dict[str, str] | None = None
        if files is not None:
            self.store.touch(LAYER, self.key)
            self.from_cache = True
            found = recorded(self.store, self.key)
        else:
            files = self._made()
            self.store.put(LAYER, self.key, pack(files))
        self.store.put(LAYER, names_key(self.key), json.dumps(sorted(files), separators=(",", ":")).encode("utf-8"))
        if found is not None and found.keys() == files.keys():
            self.store.touch(LAYER, digests_key(self.key))
        else:  # made now, or a record that does not name every file: made from the bytes
            found = {name: hashlib.sha256(content).hexdigest() for name, content in files.items()}
            self.store.put(LAYER, digests_key(self.key),
                           json.dumps(found, sort_keys=True, separators=(",", ":")).encode("utf-8"))
        self._digests = found
        return files

    def digests(self) -> dict[str, str]:
        """The sha256 of each of the API's files (from their record when it names every file)."""
        files = self.files()
        if self._digests is None:
            self._digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
        return self._digests


def names_key(key: str) -> str:
    return digest(key, "names")


def digests_key(key: str) -> str:
    return digest(key, "digests")


_SHA256 = re.compile(r"[0-9a-f]{64}")


def recorded(store: CacheStore, key: str) -> dict[str, str] | None:
    """The record of the API of `key`: each file's name -> the sha256 of its bytes; None when it is
    absent or does not read as one (a damaged entry fails the store's own check first)."""
    data = store.get(LAYER, digests_key(key))
    try:
        found = json.loads(data) if data is not None else None
    except ValueError:
        return None
    if not isinstance(found, dict) or not all(isinstance(v, str) and _SHA256.fullmatch(v) for v in found.values()):
        return None
    return found
