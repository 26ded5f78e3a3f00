"""What the plugin adds to MkDocs' files: generated pages, assets, artifacts, the JSON API.

Plain functions of the plugin's `on_files`, each one job, so the event reads as a list of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..check.artifact_bytes import publish
from ..check.rules_artifacts import ArtifactProblem
from ..load import no_links
from ..render.heads import stand_in_document
from ..render.page import Page
from .site_config import ASSETS, PORTFOLIO_CSS, asset_path


def published_artifact(root: Path, source: str) -> bytes:
    """The re-encoded bytes of a student's artifact; validation already accepted the file."""
    try:
        return publish(no_links.read_bytes(root, source), source)  # never through a link
    except (ArtifactProblem, OSError) as exc:
        raise PluginError(f"hcs: {source}: cannot publish this artifact: {exc}") from exc


def drop_other_languages(files: Files, others: Iterable[str]) -> None:
    """docs/<lang>/ holds another language's hand-written pages: built by that language's build."""
    prefixes = tuple(f"{lang}/" for lang in others)
    for f in [f for f in files if prefixes and f.src_uri.startswith(prefixes)]:
        files.remove(f)


def stand_in_hand_written(files: Files, wanted: Callable[[str], bool]) -> None:
    """A hand-written page of another shard keeps its title only."""
    for f in files.documentation_pages():
        if not wanted(f.src_uri):
            f.content_string = stand_in_document(f.content_string)


def add_pages(files: Files, config: MkDocsConfig, pages: list[Page], wanted: Callable[[str], bool]) -> None:
    """Every generated page as a virtual file; a page of another shard as its stand-in."""
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"hcs: docs/{page.path} is written by hand, but hcs generates that page; "
                              "rename or remove the hand-written file")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        content = page.content if wanted(page.path) else stand_in_document(page.content)
        # A generated page never has an edit link: student and family pages carry no pencil.
        files.append(File.generated(config, page.path, content=content, inclusion=inclusion))


def add_assets(files: Files, config: MkDocsConfig) -> None:
    for rel, _kind in ASSETS:
        files.append(File.generated(config, rel, abs_src_path=str(asset_path(rel))))
    files.append(File.generated(config, PORTFOLIO_CSS, abs_src_path=str(asset_path(PORTFOLIO_CSS))))


def add_artifacts(files: Files, config: MkDocsConfig, root: Path, artifacts: Iterable[tuple[str, str]],
                  wanted: Callable[[str], bool]) -> None:
    for source, output in artifacts:
        if wanted(output):
            files.append(File.generated(config, output, content=published_artifact(root, source)))
