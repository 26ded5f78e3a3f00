"""Compare two frameworks: district settings, competency areas, competencies and indicators.

Courses and objectives are in `compare_courses`. Which change is *breaking* is decided here, one
rule per kind, and documented for committees in docs/propose-a-change.md: a change is breaking
when a student who was on track under the old edition could be off track under the new one.
"""

from __future__ import annotations

from ..model.framework import Competency, Framework, Indicator, MasteryRule
from ..model.text import Text
from .compare_courses import compare_courses
from .model import DISTRICT, ChangeSet, Side
from .values import Collector, pair, quote, text_value

D = ("district", DISTRICT)


def _rule(rule: MasteryRule) -> str:
    if rule.method == "decaying_average":
        return f"decaying_average (weight {rule.weight:g})"
    if rule.method == "n_times":
        return f"n_times (count {rule.count})"
    return rule.method


def _district(col: Collector) -> None:
    old, new = col.old.district, col.new.district
    col.titles[DISTRICT] = new.name
    col.text("district-reworded", D, DISTRICT, "name", "district", old.name, new.name)
    col.value("edition-changed", D, DISTRICT, "edition", "district", old.edition, new.edition, False)
    col.value("languages-changed", D, DISTRICT, "languages", "district", old.languages, new.languages, False)
    col.value("mastery-level-changed", D, DISTRICT, "mastery level", "scale", old.mastery_level,
              new.mastery_level, True)
    col.value("mastery-rule-changed", D, DISTRICT, "mastery rule", "district", _rule(old.mastery_rule),
              _rule(new.mastery_rule), True)
    before = {s.level: s for s in old.scale}
    after = {s.level: s for s in new.scale}
    for level in sorted(set(before) | set(after)):
        if level not in before:
            col.add("scale-level-added", D, DISTRICT, f"scale level {level} added", True, level=level,
                    after=after[level].label.text())
        elif level not in after:
            col.add("scale-level-removed", D, DISTRICT, f"scale level {level} removed", True, level=level,
                    before=before[level].label.text())
        else:
            col.text("scale-label-changed", D, DISTRICT, "label", f"scale level {level}",
                     before[level].label, after[level].label)
    for kind, olds, news in (("assessment-type", old.assessment_index, new.assessment_index),
                             ("program", old.program_index, new.program_index)):
        for item_id in [i for i in news if i not in olds]:
            col.titles[item_id] = news[item_id].title
            col.add(f"catalog-{kind}-added", D, item_id,
                    f"{kind.replace('-', ' ')} {quote(news[item_id].title.text())} ({item_id}) added", False)
        for item_id in [i for i in olds if i not in news]:
            col.titles[item_id] = olds[item_id].title
            col.add(f"catalog-{kind}-removed", D, item_id,
                    f"{kind.replace('-', ' ')} {quote(olds[item_id].title.text())} ({item_id}) removed", False)
        for item_id in [i for i in news if i in olds]:
            col.titles[item_id] = news[item_id].title
            what = f"{kind.replace('-', ' ')} {item_id}"
            col.text(f"catalog-{kind}-reworded", D, item_id, "title", what, olds[item_id].title,
                     news[item_id].title)
            col.text(f"catalog-{kind}-reworded", D, item_id, "description", what,
                     olds[item_id].description, news[item_id].description)


def _areas(col: Collector) -> None:
    olds, news = col.old.area_index, col.new.area_index
    for area in col.old.areas + col.new.areas:
        col.titles[area.id] = area.title
    for area_id, area in news.items():
        subject = ("area", area_id)
        if area_id not in olds:
            col.add("area-added", subject, area_id, f"competency area {area_id} {quote(area.title.text())} added",
                    False, after=text_value(area.title))
            continue
        before = olds[area_id]
        what = f"competency area {area_id}"
        col.text("area-reworded", subject, area_id, "title", what, before.title, area.title)
        col.text("area-reworded", subject, area_id, "summary", what, before.summary, area.summary)
        col.value("area-status-changed", subject, area_id, "status", what, before.status, area.status, False)
        col.value("area-kind-changed", subject, area_id, "kind", what, before.kind, area.kind, False)
    for area_id, area in olds.items():
        if area_id not in news:
            col.add("area-removed", ("area", area_id), area_id,
                    f"competency area {area_id} {quote(area.title.text())} removed", False,
                    before=text_value(area.title))


def _competencies(col: Collector) -> None:
    pairs, added, removed = pair(col.old.competencies, col.new.competencies, lambda c: c.replaces)
    ipairs, iadded, iremoved = pair(col.old.indicators, col.new.indicators, lambda i: i.replaces)
    col.renamed.update({o.id: n.id for o, n, renamed in pairs if renamed})
    col.renamed.update({o.id: n.id for o, n, renamed in ipairs if renamed})
    for comp in col.old.competencies.values():
        col.titles[comp.id] = comp.title
    for comp in col.new.competencies.values():
        col.titles[comp.id] = comp.title
    for comp in added:
        col.add("competency-added", ("competency", comp.id), comp.id,
                f"competency {comp.id} {quote(comp.title.text())} added"
                + (" as a checkpoint for every student" if comp.universal else ""), comp.universal,
                after=text_value(comp.statement))
    for comp in removed:
        col.add("competency-removed", ("competency", comp.id), comp.id,
                f"competency {comp.id} {quote(comp.title.text())} removed", True,
                before=text_value(comp.statement))
    for before, after, _renamed in pairs:
        _competency(col, before, after)
    _indicators(col, ipairs, iadded, iremoved)


def _competency(col: Collector, before: Competency, after: Competency) -> None:
    subject = ("competency", after.id)
    what = f"competency {after.id}"
    if before.id != after.id:
        col.add("competency-renamed", subject, after.id, f"competency {before.id} renamed {after.id} (replaces)",
                False, field="id", before=before.id, after=after.id)
    col.text("competency-reworded", subject, after.id, "title", what, before.title, after.title)
    col.text("competency-reworded", subject, after.id, "statement", what, before.statement, after.statement)
    col.value("competency-moved", subject, after.id, "area", what, before.area_id, after.area_id, False)
    if before.universal != after.universal:
        col.add("competency-universal-changed", subject, after.id,
                f"{what} is now a checkpoint for every student" if after.universal
                else f"{what} is no longer a checkpoint for every student",
                after.universal, field="universal", before=before.universal, after=after.universal)
    affects = tuple(o.id for c in col.new.courses if c.status != "retired" for o in c.objectives
                    if o.rubric is None and o.rubric_ref == after.id)
    col.rubric(subject, after.id, f"{what} scoring criteria", before.scoring_criteria or [],
               after.scoring_criteria or [], affects)


def _indicators(col: Collector, pairs: list[tuple[Indicator, Indicator, bool]], added: list[Indicator],
                removed: list[Indicator]) -> None:
    def subject(ind: Indicator) -> tuple[str, str]:
        return ("competency", ind.competency_id)

    for ind in added:
        col.add("indicator-added", subject(ind), ind.id, f"performance indicator {ind.id} added: "
                f"{quote(ind.statement.text())}", False, after=text_value(ind.statement))
    for ind in removed:  # grouped under its competency's new ID when that was renamed, as every other change
        home = ("competency", col.renamed.get(ind.competency_id, ind.competency_id))
        col.add("indicator-removed", home, ind.id, f"performance indicator {ind.id} removed "
                f"(was {quote(ind.statement.text())})", True, before=text_value(ind.statement))
    for before, after, _renamed in pairs:
        what = f"performance indicator {after.id}"
        if before.id != after.id:
            col.add("indicator-renamed", subject(after), after.id,
                    f"performance indicator {before.id} renamed {after.id} (replaces)", False,
                    field="id", before=before.id, after=after.id)
        moved_from = col.renamed.get(before.competency_id, before.competency_id)
        col.value("indicator-moved", subject(after), after.id, "competency", what, moved_from,
                  after.competency_id, False)
        col.text("indicator-reworded", subject(after), after.id, "statement", what, before.statement,
                 after.statement)
        col.value("indicator-dok-changed", subject(after), after.id, "dok", what, before.dok, after.dok, False)


def compare(old: Framework, new: Framework, base: Side, head: Side) -> ChangeSet:
    """Every semantic change from `old` to `new`, in a stable order."""
    col = Collector(old, new)
    _district(col)
    _areas(col)
    _competencies(col)
    compare_courses(col)
    titles: dict[str, Text] = dict(col.titles)
    return ChangeSet(base, head, col.changes, titles)
