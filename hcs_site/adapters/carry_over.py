"""What a build takes from the site it replaces instead of writing it again: the JSON API's folders
and the students' folders nothing changed in, or else the API's unchanged files as hard links.

The API is 85,000 small files at any size of district (one per CASE item, in two CASE versions),
and writing them into each new site, then deleting the old site's copies, was the largest part of
a rebuild after one evidence file changed; next came writing every student's pages again. When
the site folder is exactly as the last build left it (its `listing` matches that build's
snapshot), the old site's `api/` and `schemas/` hold the very bytes this build would write if
its API has the key that build's had, and so does a student's folder whose key (`folder_keys`)
is the one that build recorded. MkDocs then lists those files (links to them resolve as before)
without writing them, and the swap moves the folders from the old site into the new one between
its own two renames, so they are never missing from a site a reader can see; if the swap fails
they go back.

When the API's key changed (a course edited), most of its files did not: those the last API's
record gives the same bytes are hard-linked from the old site after MkDocs wrote the rest
(`api_links`, which says how a link is checked and how the old site's listing, which the links
change, is still compared with the snapshot).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..digests import digest
from ..export.case import dates_for
from ..export.json_api import Producer, api_plan
from . import api_links, api_writer
from .api_address import API_FOLDERS
from .api_cache import SiteApi, recorded
from .api_writer import WriterSlot
from .html_cache import HtmlCache
from .site_listing import listing

log = logging.getLogger("mkdocs.plugins.hcs")


@dataclass
class CarryOver:
    old_site: Path
    """The site folder this build replaces, as the last build left it."""
    last_api_key: str | None
    """The key of the API that build wrote (None: it wrote none, or it is not known)."""
    listing: str
    """The old site's `listing` as that build left it: checked again just before the swap."""
    last_folders: dict[str, str] = field(default_factory=dict)
    """Each student's folder in that site -> the key of what it holds (`folder_keys`)."""
    api_key: str | None = None
    """The key of this build's API, for the next build's snapshot."""
    folders: dict[str, str] = field(default_factory=dict)
    """This build's students' folders and their keys, for the next build's snapshot."""
    taken: list[str] = field(default_factory=list)
    """Folders this build did not write: the swap moves them from the old site."""
    moved: dict[str, str] = field(default_factory=dict)
    """The digest of each folder taken, as the old site held it just before the swap: the new
    site's listing takes it instead of reading the folder again (`site_listing`)."""
    written: dict[str, str] = field(default_factory=dict)
    """The digest of each folder this build wrote whole and nothing touches after (the API's, by
    its child: `api_writer.Written.listed`): the new site's listing takes it as well."""
    links: api_links.Links | None = None
    """The API's files to link from the old site (its key changed, these files' bytes did not)."""


def still_intact(carry: CarryOver | None, built: Path) -> tuple[str, ...]:
    """The folders to carry over, once the API's files are linked into `built` and the old site
    is seen unchanged again just before the swap, but for those links (a file of it edited while
    this build ran would otherwise move, or be linked, into the new site)."""
    if carry is None:
        return ()
    changed = f"{carry.old_site} changed while the new site was being built; build again"
    if carry.links is not None and not carry.links.made:
        api_links.link(carry.links, built)
    if carry.taken:  # a linked file changed since it was read back is counted as it is: a change
        carry.moved = {}
        replaced = carry.links.replaced if carry.links is not None else None
        if listing(carry.old_site, record=set(carry.taken), recorded=carry.moved, linked=replaced) != carry.listing:
            raise SiteChanged(changed)
    elif carry.links is not None and api_links.edited(carry.links, built):
        raise SiteChanged(changed)
    return tuple(carry.taken)


def linked(carry: CarryOver | None) -> tuple[str, ...]:
    """The old site's files the new one holds as links: the swap removes their old names."""
    return tuple(carry.links.held) if carry is not None and carry.links is not None else ()


class SiteChanged(Exception):
    """The site folder was written to by something else during the build."""


class CarriedFile(File):
    """A file of the site that the old site already holds, byte for byte: listed, never written."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


def add_api(files: Files, config: MkDocsConfig, api: SiteApi, carry: CarryOver | None,
            slot: WriterSlot | None = None) -> Files:
    """The files of the site with the JSON API's: carried over from the old site when it holds them
    (named then, not listed: `CarriedApi`); else, with a `slot`, named from the API's plan and
    written by a child process while MkDocs renders the pages (`api_writer`, which links from the
    old site the files the last API's record says it holds byte for byte); else written by MkDocs,
    but for those files, linked after MkDocs wrote the rest (`LinkedApiFile`).
    Returns the files MkDocs goes on with."""
    if carry is not None:
        carry.api_key = api.key
    if carry is not None and api.key is not None and api.key == carry.last_api_key:
        names = api.names()
        if _alone(names, files, carry):
            carry.taken = sorted({rel.split("/", 1)[0] for rel in names})
            log.info(f"hcs: the JSON API ({len(names)} files) carried over from the site it replaces")
            return CarriedApi(files, frozenset(names), config)
    last = carry.last_api_key if carry is not None and api.store is not None else None
    link_from = carry.old_site if carry is not None and last is not None else None
    if slot is not None:
        names = list(planned(api))
        if _alone(names, files, None):
            linking = link_from is not None and _alone(names, files, carry)
            wanted = (api, Path(config.site_dir), names, link_from if linking else None, last if linking else None)
            slot.writer = slot.take_early(*wanted) or api_writer.start(*wanted)
            if slot.writer is not None:
                return CarriedApi(files, frozenset(names), config)
        slot.take_early_away()
    made = api.files()
    if carry is not None and api.store is not None and last is not None and _alone(list(made), files, carry):
        carry.links = api_links.plan(carry.old_site, api, recorded(api.store, last))
    to_link = frozenset(carry.links.names) if carry is not None and carry.links is not None else frozenset()
    for rel, content in made.items():
        files.append((LinkedApiFile if rel in to_link else ApiFile).generated(config, rel, content=content))
    return files


def planned(api: SiteApi) -> dict[str, Producer]:
    """The API's plan (what makes each file), made once."""
    if api.plan is None:
        api.plan = api_plan(api.fw, api.site_url, api.dates or dates_for(api.fw, api.root), api.case_resources)
    return api.plan


def start_early(api: SiteApi, built: Path, carry: CarryOver | None, slot: WriterSlot | None) -> None:
    """Fork the API's child before MkDocs starts when this build will link the API from the old
    site (its framework changed since the site was built): the child makes and hashes the files
    while the students' pages are rendered, then waits for `add_api` to ask for the same files
    (`WriterSlot.take_early`). A cold build forks it later, as it lists its files: the process is
    large by then either way, and the child would only wait longer."""
    if slot is None or carry is None or api.store is None or api.key is None or carry.last_api_key is None:
        return
    if api.key == carry.last_api_key:
        return  # carried over whole: no child
    names = list(planned(api))
    if _alone(names, Files([]), carry):  # the site's other files are checked by `take_early`'s caller
        slot.start_early(api, built, names, carry.old_site, carry.last_api_key)


def _alone(names: list[str], files: Files, carry: CarryOver | None) -> bool:
    """The API's folders hold nothing MkDocs writes (and the old site has them, given `carry`)."""
    folders = {rel.split("/", 1)[0] for rel in names}
    return (all(folder in API_FOLDERS for folder in folders)
            and not any(f.dest_uri.split("/", 1)[0] in folders for f in files)
            and (carry is None or all((carry.old_site / folder).is_dir() for folder in folders)))


class ApiFile(File):
    """A file of the JSON API, written by this build."""

    named_in_extra = True
    """`html_cache.site_key` counts the API by its names (`api_names`), carried, linked or written."""


class LinkedApiFile(ApiFile):
    """A file of the JSON API the old site holds byte for byte: linked after MkDocs wrote the rest
    (`still_intact`), or written then if the link fails or is not what it must be."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


class CarriedApi(Files):
    """The site's files and the names of the carried API's: MkDocs never writes or reads a carried
    file, so one is made only when something looks it up (a page's link to `api/framework.json`
    resolves as before), instead of 85,000 objects that every pass over the files would walk."""

    def __init__(self, files: Files, names: frozenset[str], config: MkDocsConfig) -> None:
        super().__init__(files)
        self.names = names
        self.config = config

    def get_file_from_path(self, path: str) -> File | None:
        found = super().get_file_from_path(path)
        uri = PurePath(path).as_posix()
        if found is None and uri in self.names:
            found = CarriedFile(uri, src_dir=None, dest_dir=self.config.site_dir,
                                use_directory_urls=self.config.use_directory_urls)
            found.generated_by = "hcs"
            found.content_bytes = b""
            self.append(found)
        return found

    def __contains__(self, path: str) -> bool:
        return self.get_file_from_path(path) is not None


def api_names(files: Files) -> list[str]:
    """The API's files of this build, carried or written: what the site key counts them by."""
    if isinstance(files, CarriedApi):
        return sorted(files.names)
    return sorted(f.src_uri for f in files if isinstance(f, ApiFile))


def student_folder(dest: str) -> str | None:
    """`portfolios/<school>/<student>` for a file of a student's pages, else None."""
    parts = dest.split("/")
    return "/".join(parts[:3]) if len(parts) >= 4 and parts[0] == "portfolios" else None


def folder_keys(files: Files, html: HtmlCache) -> dict[str, str]:
    """The key of each student's folder: every file in it, a page by its key in the HTML layer
    (its Markdown and the whole site's key), any other file by its bytes. A folder holding a file
    the hcs plugin did not make, or a page this build does not render, has no key."""
    found: dict[str, list[str | bytes]] = {}
    refused: set[str] = set()
    for f in files:
        folder = student_folder(f.dest_uri)
        if folder is None:
            continue
        if f.generated_by is None or (f.is_documentation_page() and f.src_uri not in html.keys):
            refused.add(folder)
            continue
        part: str | bytes = html.keys[f.src_uri] if f.is_documentation_page() else f.content_bytes
        found.setdefault(folder, []).extend([f.dest_uri, part])
    return {folder: digest(html.key, *parts) for folder, parts in sorted(found.items()) if folder not in refused}


def carry_folders(files: Files, html: HtmlCache, carry: CarryOver) -> set[str]:
    """The students' folders the old site holds exactly as this build would write them: same key
    as in the last build, every page a hit of the HTML layer. Their files are listed, not written."""
    carry.folders = folder_keys(files, html)
    hit_folders: dict[str, bool] = {}
    for f in files.documentation_pages():
        folder = student_folder(f.dest_uri)
        if folder is not None:
            hit_folders[folder] = hit_folders.get(folder, True) and f.src_uri in html.hits
    first = student_folder(html.dest[next(iter(html.hits))]) if html.hits else None  # MkDocs may write it
    carried = {folder for folder, key in carry.folders.items()
               if key == carry.last_folders.get(folder) and hit_folders.get(folder) and folder != first
               and (carry.old_site / folder).is_dir()}
    for f in files:
        if not f.is_documentation_page() and student_folder(f.dest_uri) in carried:
            f.__class__ = CarriedFile  # the same file, never written (a subclass without state of its own)
    carry.taken += sorted(carried)
    if carried:
        log.info(f"hcs: {len(carried)} students' folders carried over from the site it replaces")
    return carried
