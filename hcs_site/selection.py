"""Which pages one build makes: a shard of the site (`--shard`), or all of it.

A core idea, not MkDocs': the build driver splits a site with it, the plugin asks it which pages to
render whole, and `hcs-site assemble` reads it back from a shard's marker. A `--shard` spec is
parsed here and nowhere else; `adapters/balance.py` makes the shards of `--jobs` and `--shard K/N`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .check.references import resolve
from .check.suggest import choices, did_you_mean
from .render import links

_SCHOOL_PAGE = re.compile(r"^portfolios/([^/]+)/(?:([^/]+)/)?")
"""`portfolios/<school>/...`, and `<student>` when the path lies in a student's folder."""


class ShardError(Exception):
    """A `--shard` spec that names no part of this site, or parts that cannot be assembled."""


@dataclass(frozen=True)
class Selection:
    framework: bool = True
    """The framework pages in the default language and the site-wide files."""
    schools: frozenset[str] | None = None
    """School folders (`links.anchor(id)`) whose portfolio pages are built; None means all."""
    languages: frozenset[str] | None = None
    """Other languages whose sites are built; None: all of them, with the framework."""
    default_language: str = field(default="en", compare=False)
    students: frozenset[str] = frozenset()
    """Student folders, `<school>/<student>` as in the site's paths, built besides whole `schools`:
    a school too large for one shard is split between several."""
    heads: frozenset[str] = frozenset()
    """School folders whose own pages (the school's list of students) this shard builds, while
    their students are split between shards."""
    part: tuple[int, int] | None = field(default=None, compare=False)
    """(K, N) when this is part K of a plan of N (`--shard K/N`, `--jobs N`)."""

    @property
    def everything(self) -> bool:
        return self.framework and self.schools is None and self.languages is None

    @property
    def default_build(self) -> bool:
        """Whether the default language's build runs (not for a shard of other languages only)."""
        return self.framework or self.schools is None or bool(self.schools or self.students or self.heads)

    def wants(self, path: str) -> bool:
        """Whether the page or file at docs-relative `path` (default language) is built by this shard."""
        m = _SCHOOL_PAGE.match(path)
        if m is None:
            return self.framework
        school, student = m.groups()
        if self.schools is None or school in self.schools:
            return True
        if student is None:
            return school in self.heads
        return f"{school}/{student}" in self.students

    def builds_language(self, lang: str) -> bool:
        """Whether this shard builds the site of `lang`, a language other than the default."""
        return self.framework if self.languages is None else lang in self.languages

    def spec(self) -> str:
        """How to ask for this shard again: `K/N` for a part of a plan, else what it holds."""
        return f"{self.part[0]}/{self.part[1]}" if self.part else self.contents()

    def contents(self, count_after: int | None = None) -> str:
        """What the shard holds, in the words of `--shard`; split schools as `students:<school>(N)`.
        Lists longer than `count_after` are counted instead (log lines)."""
        if self.everything:
            return "all"

        def listed(names: Iterable[str]) -> str:
            names = sorted(names)
            return ",".join(names) if count_after is None or len(names) <= count_after else f"<{len(names)} schools>"

        parts = []
        if self.framework and self.languages is None:
            parts.append("framework")
        elif self.framework or self.languages:
            langs = ([self.default_language] if self.framework else []) + sorted(self.languages or ())
            parts.append("framework:" + ",".join(langs))
        if self.schools:
            parts.append("portfolios:" + listed(self.schools))
        split: dict[str, int] = dict.fromkeys(self.heads, 0)
        for folder in self.students:
            school = folder.split("/", 1)[0]
            split[school] = split.get(school, 0) + 1
        if split:
            parts.append("students:" + ",".join(f"{s}({n})" for s, n in sorted(split.items())))
        return "+".join(parts) or "nothing"

    @classmethod
    def parse(cls, spec: str, school_ids: Iterable[str] | Mapping[str, Any],
              languages: Sequence[str] = ("en",)) -> Selection:
        """`all`, `framework`, `framework:<language>[,...]`, `portfolios:<school>[,...]`, joined
        with `+`; `languages` are the site's, the default first. Schools and languages in any
        capitals, a school also by its title (`school_ids` the district's school index). (`K/N` is a
        plan: see adapters/balance.py.)"""
        index: Mapping[str, Any] = school_ids if isinstance(school_ids, Mapping) else dict.fromkeys(school_ids)
        known = {links.anchor(s): s for s in index}
        default = languages[0] if languages else "en"
        framework, every_language, schools, others = False, False, set[str](), set[str]()
        for part in (p.strip() for p in spec.split("+")):
            if part == "all":
                return cls(default_language=default)
            if part == "framework":
                framework = every_language = True
            elif part.startswith("framework:"):
                for given in filter(None, (s.strip() for s in part.split(":", 1)[1].split(","))):
                    lang = next((code for code in languages if code.casefold() == given.casefold()), given)
                    if lang not in languages:
                        raise ShardError(_refusal(f"the site has no language '{given}'", did_you_mean(given, languages),
                                                  f"languages: {', '.join(languages)}"))
                    if lang == default:
                        framework = True
                    else:
                        others.add(lang)
            elif part.startswith("portfolios:"):
                for school in filter(None, (s.strip() for s in part.split(":", 1)[1].split(","))):
                    if school == "*":
                        schools.update(known)
                    elif links.anchor(school) in known:
                        schools.add(links.anchor(school))
                    elif (named := resolve(school, index)) is not None:
                        schools.add(links.anchor(named))
                    else:
                        listed = choices(school, index)
                        raise ShardError(_refusal(f"no school '{school}'", did_you_mean(school, index),
                                                  f"use {listed}" if listed else "content/district.yml lists none"))
            else:
                raise ShardError(f"'{part}' is not a shard; use all, framework, framework:<language>, "
                                 "portfolios:<school> or K/N (part K of N of equal work)")
        if not framework and not schools and not others:
            raise ShardError("the shard selects nothing")
        return cls(framework, frozenset(schools), None if every_language else frozenset(others), default)


def _refusal(what: str, near: str, choices_: str) -> str:
    """"no school 'x'; did you mean y? Use one of: ..." or "no school 'x'; use one of: ..."."""
    return f"{what}{near} {choices_[0].upper()}{choices_[1:]}" if near else f"{what}; {choices_}"
