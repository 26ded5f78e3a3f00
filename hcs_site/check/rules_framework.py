"""Cross-reference and domain rules of the framework, all collected in one pass."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..diagnostics import Report
from ..load.yaml_reader import Document
from ..model.framework import Area, Course, Criterion, Framework, Indicator, Item, Objective
from ..model.node import Node
from ..model.standards import split_ref
from ..model.text import PLACEHOLDER
from .blame import BaseRevision, newer
from .references import lookup
from .schema_defs import LANG_PATTERN
from .suggest import did_you_mean

MIN_OBJECTIVES, MAX_OBJECTIVES = 3, 12
MIN_INDICATORS, MAX_INDICATORS = 4, 8
_LANG = re.compile(LANG_PATTERN)
TEXT_KEYS = {"title", "statement", "description", "summary", "note", "criterion", "label", "district"}


def _kind(item: Item) -> str:
    return type(item).__name__.lower().replace("indicator", "performance indicator")


def check_unique_ids(fw: Framework, report: Report, base: BaseRevision | None = None) -> None:
    """Reported on the item a change introduced (see blame.py), naming the other one."""
    seen: dict[str, tuple[Node, str]] = {}
    every: list[tuple[str, Node, str]] = []
    for area in fw.areas:
        for comp in area.competencies:
            every.append((comp.id, comp, area.status))
            every.extend((ind.id, ind, area.status) for ind in comp.indicators)
    for course in fw.courses:
        every.append((course.id, course, course.status))
        every.extend((obj.id, obj, course.status) for obj in course.objectives)
    for item_id, node, status in every:
        if not item_id:
            continue
        first = seen.setdefault(item_id, (node, status))
        if first[0] is node:
            continue
        pair = (first, (node, status))
        blamed = newer((first[0].path, item_id, first[1]), (node.path, item_id, status), base)
        here, there = pair[blamed][0], pair[1 - blamed][0]
        where = there.loc("id")
        report.error(
            here.loc("id"),
            "duplicate-id",
            f"ID '{item_id}' is already used at {where.path}:{where.line}",
            "IDs are one namespace across all competencies, indicators, courses and objectives; "
            "choose a new ID",
        )
    for label, nodes in (
        ("area", [(a.id, a) for a in fw.areas]),
        ("assessment type", [(a.id, a) for a in fw.district.assessment_types]),
        ("program", [(p.id, p) for p in fw.district.programs]),
        ("school", [(s.id, s) for s in fw.district.schools]),
    ):
        local: dict[str, Node] = {}
        for item_id, node in nodes:
            if item_id and local.setdefault(item_id, node) is not node:
                report.error(node.loc("id"), "duplicate-id", f"{label} ID '{item_id}' is defined twice",
                             "give each one its own ID")


def check_scale(fw: Framework, report: Report) -> None:
    d = fw.district
    masteries = [s for s in d.scale if s.mastery]
    if len(masteries) != 1:
        loc = masteries[1].loc("mastery") if len(masteries) > 1 else d.key_loc("scale")
        report.error(loc, "scale-mastery",
                     f"the scale must mark exactly one level as mastery; it marks {len(masteries)}",
                     "write `mastery: true` on the single level that means mastery")
    levels = [s.level for s in d.scale]
    if levels != sorted(set(levels)):
        report.error(d.loc("scale"), "scale-order", "scale levels must be unique and go from low to high",
                     "list the levels in increasing order, each once")
    if d.default_language not in d.languages:
        report.error(d.loc("default_language"), "unknown-language",
                     f"default language '{d.default_language}' is not in `languages`",
                     f"add {d.default_language} to `languages`")


def check_rubric(fw: Framework, criteria: list[Criterion], owner: str, report: Report) -> None:
    scale = [s.level for s in fw.district.scale]
    ids: set[str] = set()
    for crit in criteria:
        name = crit.name.text() or "(unnamed)"
        if crit.key and crit.key.casefold() in ids:  # it names the criterion in CASE: one per rubric
            report.error(crit.key_loc("id"), "duplicate-criterion-id",
                         f"{owner}: criterion id '{crit.key}' is used twice in this rubric",
                         "give each criterion of a rubric its own id, or leave id out")
        ids.add((crit.key or "").casefold())
        for level in scale:
            if level not in crit.levels:
                report.error(crit.key_loc("levels"), "rubric-levels",
                             f"{owner}: criterion '{name}' has no descriptor for level {level}",
                             f"add `{level}: ...` under levels; the scale has levels "
                             + ", ".join(map(str, scale)))
        for level, key in crit.level_keys.items():
            if level not in scale or key != str(level):
                report.error(crit.key_loc("levels", key), "rubric-levels",
                             f"{owner}: criterion '{name}' has level {key}, which is not on the scale",
                             "use exactly the levels of the scale: " + ", ".join(map(str, scale)))


def check_standards(fw: Framework, obj: Objective, report: Report) -> None:
    """`standards: [gse-math:MGSE7.RP.1]`: the set must be imported, the code or identifier in it."""
    for i, ref in enumerate(obj.standards):
        set_id, code = split_ref(ref)
        named = lookup(report, obj.loc("standards", i), f"objective {obj.id}", set_id, "standards set", fw.standards,
                       "import the state's CASE package first: hcs-site import case FILE --id " + set_id)
        found = fw.standards.get(named) if named else None
        if found is not None and found.find(code) is None:
            report.error(obj.loc("standards", i), "unknown-standard",
                         f"objective {obj.id} refers to standard '{code}', which is not in {found.path}"
                         f"{did_you_mean(code, [s.code for s in found.items if s.code])}",
                         f"use a code (humanCodingScheme) or identifier of {set_id}")


def check_course(fw: Framework, course: Course, report: Report) -> None:
    """References are resolved here: a title or other capitals become the ID (see references.py)."""
    d = fw.district
    areas_known = fw.complete("area")
    if course.area and areas_known:
        course.area = lookup(report, course.loc("area"), f"course {course.id}", course.area, "area",
                             fw.area_index, "use the `id` of a file in content/competencies/") or course.area
    for i, prog in enumerate(course.programs):
        course.programs[i] = lookup(report, course.loc("programs", i), f"course {course.id}", prog, "program",
                                    d.program_index, "use a program `id` from content/district.yml") or prog
    count = len(course.objectives)
    if course.objectives and not MIN_OBJECTIVES <= count <= MAX_OBJECTIVES:
        report.error(course.key_loc("objectives"), "objective-count",
                     f"course {course.id} has {count} Objectives for Mastery; a course has "
                     f"{MIN_OBJECTIVES} to {MAX_OBJECTIVES}",
                     "merge or split objectives" if count > MAX_OBJECTIVES else "add objectives")
    aligned: dict[str, Item] = {**fw.competencies, **fw.indicators}
    aligned_hint = "use the ID of a competency or performance indicator in content/competencies/"
    for obj in course.objectives:
        check_standards(fw, obj, report)
        for i, ref in enumerate(obj.aligns if areas_known else []):
            obj.aligns[i] = lookup(report, obj.loc("aligns", i), f"objective {obj.id}", ref,
                                   "competency or performance indicator", aligned, aligned_hint) or ref
        for i, at in enumerate(obj.assessment_types):
            obj.assessment_types[i] = lookup(report, obj.loc("assessment_types", i), f"objective {obj.id}", at,
                                             "assessment type", d.assessment_index,
                                             "use an assessment type `id` from content/district.yml") or at
        if obj.rubric_ref is not None:
            found = lookup(report, obj.loc("rubric"), f"objective {obj.id}", obj.rubric_ref, "competency",
                           fw.competencies, "use the ID of a competency whose scoring criteria apply") \
                if areas_known else obj.rubric_ref
            obj.rubric_ref = found or obj.rubric_ref
            comp = fw.competencies.get(found or "")
            if comp is not None and not comp.scoring_criteria:
                report.error(obj.loc("rubric"), "rubric-missing",
                             f"objective {obj.id} reuses the rubric of {comp.id}, "
                             "which has no scoring criteria",
                             f"add scoring_criteria to {comp.id} or write the rubric here")
        elif obj.rubric is not None:
            check_rubric(fw, obj.rubric, f"objective {obj.id}", report)


def _status(fw: Framework, item: Item) -> str:
    """The status of the course or area an item is written in."""
    if isinstance(item, Course):
        return item.status
    if isinstance(item, Objective):
        course = fw.course_index.get(item.course_id)
        return course.status if course else ""
    comp = fw.competencies.get(item.competency_id) if isinstance(item, Indicator) else item
    area = fw.area_index.get(comp.area_id) if comp is not None else None
    return area.status if area else ""


def check_replaces(fw: Framework, report: Report, base: BaseRevision | None = None) -> None:
    claimed: dict[str, str] = {}
    for item_id, item in fw.index.items():
        old = item.replaces
        if not old:
            continue
        if old == item_id:
            report.error(item.loc("replaces"), "replaces-cycle", f"{item_id} replaces itself",
                         "name the old ID this item takes over from")
            continue
        if old in claimed:  # reported on the newer of the two (see blame.py)
            other = fw.index[claimed[old]]
            pair = (other, item)
            blamed = newer((other.path, other.id, _status(fw, other)), (item.path, item.id, _status(fw, item)), base)
            here, there = pair[blamed], pair[1 - blamed]
            where = there.loc("replaces")
            report.error(here.loc("replaces"), "replaces-twice",
                         f"{here.id} and {there.id} both replace {old} ({there.id} at {where.path}:{where.line})",
                         "an ID is replaced by one item only")
        claimed.setdefault(old, item_id)
        previous = fw.index.get(old)
        if previous is not None and type(previous) is not type(item):
            report.error(item.loc("replaces"), "replaces-kind",
                         f"{_kind(item)} {item_id} replaces {old}, which is a {_kind(previous)}",
                         "an item replaces an item of the same kind")
    for start in sorted(claimed):
        seen = [start]
        current = start
        while current in fw.index and fw.index[current].replaces:
            current = fw.index[current].replaces or ""
            if current in seen:
                if current == min(seen):  # report each cycle once
                    item = fw.index[start]
                    report.error(item.loc("replaces"), "replaces-cycle",
                                 "replaces chain goes in a circle: " + " -> ".join([*seen, current]),
                                 "an ID is replaced only by something newer; break the circle")
                break
            seen.append(current)


def check_competencies(fw: Framework, report: Report) -> None:
    for area in fw.areas:
        for comp in area.competencies:
            n = len(comp.indicators)
            if not MIN_INDICATORS <= n <= MAX_INDICATORS:
                report.warning(comp.loc("id"), "indicator-count",
                               f"competency {comp.id} has {n} performance indicators; "
                               f"{MIN_INDICATORS} to {MAX_INDICATORS} is typical",
                               "consider splitting or combining indicators")
            if comp.scoring_criteria:
                check_rubric(fw, comp.scoring_criteria, f"competency {comp.id}", report)


def _walk_text(doc: Document, value: Any, ptr: tuple[Any, ...], langs: set[str], report: Report) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            here = (*ptr, key)
            text_like = key in TEXT_KEYS or (ptr and ptr[-1] == "levels")
            if text_like and isinstance(child, dict):
                for lang in child:
                    if lang not in langs and _LANG.match(lang):  # other keys: the schema says why
                        report.error(doc.key_loc(*here, lang), "unknown-language",
                                     f"language '{lang}' is not one of the district's languages",
                                     "use one of: " + ", ".join(sorted(langs)))
            else:
                _walk_text(doc, child, here, langs, report)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            _walk_text(doc, child, (*ptr, i), langs, report)


def check_languages(fw: Framework, report: Report) -> None:
    langs = set(fw.district.languages)
    docs = [fw.district.doc] + [a.doc for a in fw.areas] + [c.doc for c in fw.courses]
    for doc in docs:
        _walk_text(doc, doc.data, (), langs, report)


def check_file_names(fw: Framework, report: Report) -> None:
    for node_id, node in [(a.id, a) for a in fw.areas] + [(c.id, c) for c in fw.courses]:
        stem = node.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if node_id and stem != node_id.lower() and node is not None and isinstance(node, Course):
            report.warning(node.loc("id"), "file-name",
                           f"course {node_id} is in {node.path}; its file is expected to be named "
                           f"{node_id.lower()}.yml", "rename the file so committees find it")


def _placeholders(value: Any, ptr: tuple[str | int, ...]) -> Iterable[tuple[str | int, ...]]:
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        yield ptr
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _placeholders(child, (*ptr, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _placeholders(child, (*ptr, i))


def check_placeholders(fw: Framework, report: Report) -> None:
    """A draft may keep the `TODO -` text `hcs-site new` wrote; once it goes to vetting or is
    adopted, families would read that text as it is."""
    items: list[tuple[str, Area | Course]] = [("area", a) for a in fw.areas] + [("course", c) for c in fw.courses]
    for kind, node in items:
        if node.status == "draft":
            continue
        for ptr in _placeholders(node.doc.data, ()):
            report.warning(node.doc.loc(*ptr), "placeholder-left",
                           f"'{'.'.join(map(str, ptr))}' still holds the placeholder text of a new file, "
                           f"and this {kind} is {node.status}",
                           "write the real text (it is published as it is), or keep the status draft")


def check_framework(fw: Framework, report: Report, base: BaseRevision | None = None) -> None:
    """`base`: the revision a pull request starts from, to blame clashes on what it changed."""
    check_unique_ids(fw, report, base)
    check_scale(fw, report)
    check_languages(fw, report)
    check_competencies(fw, report)
    for course in fw.courses:
        check_course(fw, course, report)
    check_replaces(fw, report, base)
    check_file_names(fw, report)
    check_placeholders(fw, report)
