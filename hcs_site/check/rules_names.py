"""`validate` enforces the address rule of url_names.py on the names already in the repository.

Until now only `hcs-site new` checked a key or a slug; a folder renamed by hand, or an evidence
file saved as `Maya-Smith.md`, became a public URL. Each problem points at line 1 of the file
whose name it is (the portfolio.md of a key), since the fix is renaming that file or folder.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..diagnostics import Loc, Report
from ..model.portfolio import Portfolio
from .url_names import KEY_HINT, SLUG_HINT, file_name_problem, first_name, key_problem, normalized, slug_problem

COLLISION_HINT = "rename one of them: names that differ only in case, accents, '_' or '-' are one address"


def check_keys(keys: list[str], report: Report) -> None:
    seen: dict[str, str] = {}
    for key in keys:
        here = Loc(f"portfolios/{key}/portfolio.md", 1, 1)
        problem = key_problem(key)
        if problem:
            report.error(here, "portfolio-key", f"the folder name '{key}' becomes a public address: {problem}",
                         KEY_HINT)
        other = seen.setdefault(normalized(key), key)
        if other != key:
            report.error(here, "name-collision", f"portfolio folders '{other}' and '{key}' have the same address",
                         COLLISION_HINT)


def check_names(p: Portfolio, artifact_files: list[str], report: Report) -> None:
    own = [first_name(p.display_name)]
    seen: dict[str, str] = {}
    for ev in p.evidence:
        here = Loc(ev.path, 1, 1)
        problem = slug_problem(ev.slug, own)
        if problem:
            report.error(here, "evidence-name",
                         f"the file name '{ev.slug}.md' becomes a public address: {problem}", SLUG_HINT)
        other = seen.setdefault(normalized(ev.slug), ev.slug)
        if other != ev.slug:
            report.error(here, "name-collision", f"evidence files '{other}.md' and '{ev.slug}.md' have the "
                         "same address", COLLISION_HINT)
        for art in ev.artifacts:
            outside = ".." in PurePosixPath(art.file).parts or art.file.startswith("/")
            problem = file_name_problem(art.file, own) if art.file and not outside else None  # artifact-path
            if problem:
                report.error(art.loc("file"), "artifact-name",
                             f"the artifact name '{art.file}' is published with the portfolio: {problem}", SLUG_HINT)
    files: dict[str, str] = {}
    folder = f"portfolios/{p.key}/"
    for rel in artifact_files:
        name = rel.removeprefix(folder)
        other = files.setdefault(normalized(str(PurePosixPath(name))), name)
        if other != name:
            report.error(Loc(rel, 1, 1), "name-collision", f"files '{other}' and '{name}' have the same address",
                         COLLISION_HINT)
