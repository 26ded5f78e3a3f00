"""CASE rubrics: one per competency with scoring criteria and one per objective.

A criterion's identifier is derived from its `id`, else from its wording, never from its position:
inserting or moving a criterion leaves every other criterion's identifier (and the identifiers of
its levels) meaning what it meant. An objective that reuses a competency's scoring criteria gets
its own copy, so "how is this objective scored?" is one lookup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any, Protocol

from ..model.framework import Area, Competency, Course, Criterion, Framework, Indicator, Objective
from ..model.text import Text
from .provenance import ChangeDates

Json = dict[str, Any]
Node = Area | Competency | Indicator | Course | Objective


class CaseBuilder(Protocol):
    """What a rubric needs of `case.CaseBuilder`, named here so the two modules import one way."""

    fw: Framework
    v11: bool
    dates: ChangeDates

    def uid(self, *parts: str) -> str: ...
    def uri(self, collection: str, identifier: str) -> str: ...
    def t(self, value: Text) -> str: ...
    def kind(self, node: Node) -> str: ...
    def node_link(self, kind: str, item_id: str) -> Json: ...


def rubric(b: CaseBuilder, owner: Competency | Objective, criteria: list[Criterion], title: str,
           description: str) -> Json:
    kind = b.kind(owner)
    rid = b.uid("rubric", kind, owner.id)
    changed = b.dates[owner.path]
    item = b.node_link(kind, owner.id)
    scale = {s.level: b.t(s.label) for s in b.fw.district.scale}
    mastery = b.fw.district.mastery_level
    out_criteria = []
    for n, (crit, key) in enumerate(zip(criteria, criterion_keys(criteria), strict=True), start=1):
        cid = b.uid("rubric-criterion", kind, owner.id, key)
        name = b.t(crit.name)
        levels = []
        for pos, level in enumerate(sorted(crit.levels), start=1):
            lid = b.uid("rubric-criterion-level", kind, owner.id, key, str(level))
            levels.append({
                "identifier": lid, "uri": b.uri("CFRubricCriterionLevels", lid),
                "description": b.t(crit.levels[level]), "quality": scale.get(level, str(level)),
                "score": level, "position": pos, "rubricCriterionId": cid, "lastChangeDateTime": changed,
                **({"extensions": {"mastery": level == mastery}} if b.v11 else {}),
            })
        out_criteria.append({
            "identifier": cid, "uri": b.uri("CFRubricCriteria", cid), "category": name,
            "description": name, "CFItemURI": item, "position": n, "rubricId": rid,
            "lastChangeDateTime": changed, "CFRubricCriterionLevels": levels,
        })
    out: Json = {"identifier": rid, "uri": b.uri("CFRubrics", rid), "title": title,
                 "description": description, "lastChangeDateTime": changed, "CFRubricCriteria": out_criteria}
    if b.v11:
        out["extensions"] = {"masteryScore": mastery}
    return out


def rubrics(b: CaseBuilder) -> Iterator[Json]:
    for comp in b.fw.competencies.values():
        if comp.scoring_criteria:
            yield rubric(b, comp, comp.scoring_criteria, f"{comp.id} scoring criteria",
                              f"Scoring criteria of competency {comp.id}: {b.t(comp.title)}")
    for obj in b.fw.objectives.values():
        criteria = b.fw.rubric_for(obj)
        if not criteria:
            continue
        about = (f"The scoring criteria of competency {obj.rubric_ref}, applied to objective {obj.id}"
                 if obj.rubric_ref else f"Rubric of objective {obj.id}")
        yield rubric(b, obj, criteria, f"{obj.id} rubric", f"{about}: {b.t(obj.title)}")


def criterion_keys(criteria: list[Criterion]) -> list[str]:
    """What names each criterion in its identifier: its `id`, else a digest of its wording in every
    language (so moving a criterion keeps its identifier; rewording it makes a new one, as a new
    criterion it is). Two criteria worded alike are told apart by their order among themselves."""
    seen: dict[str, int] = {}
    out = []
    for crit in criteria:
        if crit.key:
            key = "id:" + crit.key
        else:
            wording = "\x1f".join(f"{lang}\x1e{text}" for lang, text in sorted(crit.name.values))
            key = "text:" + hashlib.sha256(wording.encode("utf-8")).hexdigest()[:32]
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out
