"""The steps `hcs-site upgrade` runs: one per content format, from format N to N + 1.

A step edits the text of the files it must change, in memory, and keeps everything else of them
(comments, order, quoting): committees read the upgrade as a short `git diff`. Steps run in order
from the repository's format to CURRENT_FORMAT, then `format:` is written. Format 1 is the first,
so there is no step yet; a future one looks like:

    def _rename_mastery_rule(files: Texts) -> list[str]:
        text = files["content/district.yml"]
        files["content/district.yml"] = re.sub(r"^mastery_rule:", "mastery:", text, flags=re.M)
        return ["content/district.yml: mastery_rule is now called mastery"]

    STEPS = {1: Step(1, "mastery_rule renamed mastery", _rename_mastery_rule)}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from ..load import no_links
from ..load.discover import RepoFiles
from ..load.files import MAX_TEXT_BYTES, read_text


class Texts(MutableMapping[str, str]):
    """The repository's content files by path, read from disk the first time a step asks, exactly
    as written (byte order mark and line ends kept), after the checks every content file passes."""

    def __init__(self, root: Path, files: RepoFiles) -> None:
        self.root = root
        self.files = files
        self.original: dict[str, str] = {}
        self._texts: dict[str, str] = {}

    def __getitem__(self, rel: str) -> str:
        if rel not in self._texts:
            text, problems = read_text(self.root, rel)
            if text is None or problems:
                raise UpgradeError(f"{rel} cannot be read ({problems[0].message if problems else 'unknown'}); "
                                   "run `hcs-site validate` and fix it first")
            raw = no_links.read_bytes(self.root, rel, MAX_TEXT_BYTES).decode("utf-8")
            self.original[rel] = self._texts[rel] = raw
        return self._texts[rel]

    def __setitem__(self, rel: str, text: str) -> None:
        self[rel]  # reads the original first, so the change can be told apart
        self._texts[rel] = text

    def __delitem__(self, rel: str) -> None:
        raise UpgradeError(f"an upgrade step tried to delete {rel}; steps only rewrite files")

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def changed(self) -> dict[str, str]:
        return {rel: text for rel, text in self._texts.items() if text != self.original[rel]}


class UpgradeError(Exception):
    """Something the user must fix by hand before the upgrade can run; the message says what."""


@dataclass(frozen=True)
class Step:
    source: int
    """The format it upgrades from, to source + 1."""
    summary: str
    rewrite: Callable[[Texts], list[str]]
    """Edits the texts; returns one line per change, for the command's output."""


STEPS: dict[int, Step] = {}
"""By the format each step upgrades from."""
