"""The framework as a 1EdTech CASE 1.0 CFPackage (one CFDocument for the whole framework).

Decisions (explained for districts in docs/data-and-api.md):

- One CFDocument holds every area, competency, indicator, course and objective. Objectives align
  across areas (a science objective builds a cross-curricular competency; rubrics are reused
  across files) and a package holds exactly one document, so one document keeps every
  association inside one self-contained, schema-valid package.
- The tree (`isChildOf`, with `sequenceNumber`): document > area > competency > indicator, and
  area > course > objective (a course sits under the area it belongs to, after its competencies).
  Objectives are also `isPartOf` their course, the relation a course catalogue reads.
- Alignments are `isRelatedTo`: an objective builds a competency; it is not the same statement
  (`exactMatchOf` would claim it is). `replaces: OLD` becomes `OLD replacedBy NEW`.
- Every objective gets its own CFRubric whose criteria point at it (`CFItemURI`); an objective
  that reuses a competency's scoring criteria (`rubric: MATH.SP`) gets a copy of them, so a
  consumer asking "how is this objective scored?" needs one lookup. Competencies with scoring
  criteria get theirs too. Level quality = scale label, score = level, description = descriptor.
- Identifiers are UUIDv5 in a namespace derived from the district (`hcs-site:<short_name>`) of
  the kind and the ID (`competency:MATH.RP`): the same on every machine, in every build, and
  unchanged when only the wording changes. Rubric criteria are numbered by position.
- Text is the default language, as written (Markdown). CASE 1.0 items have no translations.
"""

from __future__ import annotations

import hashlib
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model.framework import Area, Competency, Course, Framework, Indicator, Objective
from ..model.standards import WEB_ADDRESS, split_ref
from ..model.text import Text
from .case_rubrics import rubrics
from .provenance import ChangeDates, edition_dates

CASE_PATHS = {"1.0": "ims/case/v1p0", "1.1": "ims/case/v1p1"}
"""The CASE versions written, and the REST path of each (both are published on the site)."""
CASE_PATH = CASE_PATHS["1.0"]
API_DIR = "api/case"
PLACEHOLDER_BASE_URL = "https://example.invalid/"
"""Used for `uri` fields when no site_url or --base-url is known: clearly not a real address."""

ITEM_TYPES = (
    ("area", "Competency Area", "1", "A subject or cross-curricular area of the graduate profile."),
    ("competency", "Competency", "1.1", "What every graduate can do; built across courses."),
    ("indicator", "Performance Indicator", "1.1.1", "An observable step toward a competency."),
    ("course", "Course", "1.2", "A course, earned by mastering each of its Objectives for Mastery."),
    ("objective", "Objective for Mastery", "1.2.1", "What a student must show to earn a course."),
)
ADOPTION = {"draft": "Draft", "vetting": "Draft", "adopted": "Adopted", "retired": "Deprecated"}

Json = dict[str, Any]
Node = Area | Competency | Indicator | Course | Objective


def namespace(fw: Framework) -> uuid.UUID:
    d = fw.district
    return uuid.uuid5(uuid.NAMESPACE_URL, "hcs-site:" + (d.short_name or d.name.text()))


@lru_cache(maxsize=65536)
def uuid5(namespace: bytes, name: str) -> str:
    """`str(uuid.uuid5(UUID(bytes=namespace), name))`, without building UUID objects (a large
    framework has hundreds of thousands of identifiers)."""
    digest = bytearray(hashlib.sha1(namespace + name.encode("utf-8"), usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


KINDS: dict[type, str] = {Area: "area", Competency: "competency", Indicator: "indicator", Course: "course",
                          Objective: "objective"}


def kind_of(node: Node) -> str:
    return KINDS[type(node)]


def education_level(grades: list[str | int]) -> list[str]:
    """CEDS grade codes: K -> KG, 7 -> 07."""
    return ["KG" if g == "K" else f"{int(g):02d}" for g in grades]


class CaseBuilder:
    def __init__(self, fw: Framework, base_url: str, dates: ChangeDates, version: str = "1.0") -> None:
        self.fw = fw
        self.ns = namespace(fw)
        self.version = version
        self.v11 = version == "1.1"
        self.base_url = base_url.rstrip("/") + "/"
        self.api = f"{self.base_url}{API_DIR}/{CASE_PATHS[version]}/"
        self.dates = dates
        self.lang = fw.district.default_language
        self.doc_id = self.uid("document")
        self.doc_title = f"{fw.district.name.text(self.lang)}: competencies and courses"
        self.doc_link = self.link("CFDocuments", self.doc_id, self.doc_title)
        self.types = {code: (self.uid("item-type", code), title) for code, title, _h, _d in ITEM_TYPES}
        self.subjects = {a.id: self.link("CFSubjects", self.uid("subject", a.id), self.t(a.title)) for a in fw.areas}
        self.license = (self.link("CFLicenses", self.uid("license"), fw.district.license.title)
                        if fw.district.license else None)
        self.items: list[Json] = []
        self.associations: list[Json] = []

    def uid(self, *parts: str) -> str:
        return uuid5(self.ns.bytes, ":".join(parts))

    def uri(self, collection: str, identifier: str) -> str:
        return f"{self.api}{collection}/{identifier}"

    def link(self, collection: str, identifier: str, title: str) -> Json:
        return {"title": title, "identifier": identifier, "uri": self.uri(collection, identifier)}

    def t(self, value: Text) -> str:
        return value.text(self.lang)

    def kind(self, node: Node) -> str:
        return kind_of(node)

    def node_id(self, node: Node) -> str:
        return self.uid(kind_of(node), node.id)

    def node_link(self, kind: str, item_id: str) -> Json:
        return self.link("CFItems", self.uid(kind, item_id), item_id)

    # -- items -------------------------------------------------------------------------------

    def item(self, node: Node, seq: int, full: Text, abbreviated: Text | None = None,
             notes: str = "", grades: list[str | int] | None = None, area: str = "",
             extensions: Json | None = None) -> None:
        kind = kind_of(node)
        type_id, type_title = self.types[kind]
        out: Json = {
            "identifier": self.node_id(node),
            "uri": self.uri("CFItems", self.node_id(node)),
            "CFDocumentURI": self.doc_link,
            "fullStatement": self.t(full) or node.id,
            "humanCodingScheme": node.id,
            "listEnumeration": str(seq),
            "CFItemType": type_title,
            "CFItemTypeURI": self.link("CFItemTypes", type_id, type_title),
            "language": self.lang,
            "lastChangeDateTime": self.dates[node.path],
        }
        if abbreviated:
            out["abbreviatedStatement"] = self.t(abbreviated)
        if grades:
            out["educationLevel"] = education_level(grades)
        if notes.strip():
            out["notes"] = notes.strip()
        if self.license:
            out["licenseURI"] = self.license
        if self.v11:
            if area in self.subjects:
                out["subject"] = [self.subjects[area]["title"]]
                out["subjectURI"] = [self.subjects[area]]
            if extensions:
                out["extensions"] = extensions
        self.items.append(out)
        if self.v11:
            self.translations(out, full, abbreviated)

    def translations(self, original: Json, full: Text, abbreviated: Text | None) -> None:
        """CASE 1.1: each other language the statement is written in is an item of its own, in that
        language, which `isTranslationOf` the original (same code, same place in no tree)."""
        for lang in self.fw.district.languages:
            if lang == self.lang or lang not in full.languages:
                continue
            ident = self.uid("translation", lang, original["identifier"])
            out = {key: value for key, value in original.items() if key not in ("notes", "abbreviatedStatement")}
            out.update(identifier=ident, uri=self.uri("CFItems", ident), language=lang, fullStatement=full.text(lang))
            if abbreviated and lang in abbreviated.languages:
                out["abbreviatedStatement"] = abbreviated.text(lang)
            self.items.append(out)
            link = {"title": original["humanCodingScheme"], "identifier": original["identifier"],
                    "uri": original["uri"]}
            self.associate("isTranslationOf", {**link, "identifier": ident, "uri": out["uri"]}, link,
                           original["lastChangeDateTime"])

    def associate(self, kind: str, origin: Json, dest: Json, changed: str, seq: int | None = None) -> None:
        ident = self.uid("association", kind, origin["identifier"], dest["identifier"])
        out: Json = {
            "identifier": ident,
            "associationType": kind,
            "uri": self.uri("CFAssociations", ident),
            "CFDocumentURI": self.doc_link,
            "originNodeURI": origin,
            "destinationNodeURI": dest,
            "lastChangeDateTime": changed,
        }
        if seq is not None:
            out["sequenceNumber"] = seq
        self.associations.append(out)

    def child(self, node: Node, parent: Json, seq: int) -> Json:
        me = self.node_link(kind_of(node), node.id)
        self.associate("isChildOf", me, parent, self.dates[node.path], seq)
        return me

    def build_tree(self) -> None:
        fw = self.fw
        doc_as_node = {"title": self.doc_title, "identifier": self.doc_id,
                       "uri": self.uri("CFDocuments", self.doc_id)}
        placed: set[str] = set()
        top = 0
        for area in fw.areas:
            top += 1
            self.item(area, top, area.title, notes=self.t(area.summary) + _status(area.status), area=area.id)
            area_link = self.child(area, doc_as_node, top)
            seq = 0
            for comp in area.competencies:
                seq += 1
                self.item(comp, seq, comp.statement, comp.title, area=area.id)
                comp_link = self.child(comp, area_link, seq)
                for j, ind in enumerate(comp.indicators, start=1):
                    self.item(ind, j, ind.statement, area=area.id, extensions=_dok(ind.dok))
                    self.child(ind, comp_link, j)
            for course in fw.courses:
                if course.area == area.id:
                    seq += 1
                    self.course(course, area_link, seq)
                    placed.add(course.id)
        for course in fw.courses:
            if course.id not in placed:
                top += 1
                self.course(course, doc_as_node, top)

    def course(self, course: Course, parent: Json, seq: int) -> None:
        self.item(course, seq, course.title, notes=self.t(course.description) + _status(course.status),
                  grades=course.grades, area=course.area, extensions=self.course_extensions(course))
        link = self.child(course, parent, seq)
        for i, obj in enumerate(course.objectives, start=1):
            self.item(obj, i, obj.statement, obj.title, grades=course.grades, area=course.area,
                      extensions=self.objective_extensions(obj))
            me = self.child(obj, link, i)
            self.associate("isPartOf", me, link, self.dates[obj.path])
            for ref in obj.aligns:
                target = self.fw.index.get(ref)
                if isinstance(target, Competency | Indicator):
                    self.associate("isRelatedTo", me, self.node_link(kind_of(target), ref), self.dates[obj.path])
            for ref in obj.standards:  # a state standard: an association to its published URI
                set_id, code = split_ref(ref)
                std = self.fw.standards[set_id].find(code) if set_id in self.fw.standards else None
                if std is not None and WEB_ADDRESS.fullmatch(std.uri):  # a hand-edited file: no other URI
                    external = {"title": std.label, "identifier": std.identifier, "uri": std.uri}
                    self.associate("isRelatedTo", me, external, self.dates[obj.path])

    def course_extensions(self, course: Course) -> Json:
        out: Json = {"credit": course.credit, "programs": course.programs, "status": course.status}
        if course.state_code:
            out["stateCode"] = course.state_code
        if course.pacing_weeks is not None:
            out["pacingWeeks"] = course.pacing_weeks
        return out

    def objective_extensions(self, obj: Objective) -> Json:
        kinds = self.fw.district.assessment_index
        out: Json = {**_dok(obj.dok), "assessmentTypes": [
            {"id": a, "title": self.t(kinds[a].title) if a in kinds else a} for a in obj.assessment_types]}
        if obj.suggested_weeks is not None:
            out["suggestedWeeks"] = obj.suggested_weeks
        if obj.rubric_ref:
            out["rubricOf"] = obj.rubric_ref
        return out

    def build_replacements(self) -> None:
        for item_id, item in self.fw.index.items():
            if item.replaces:
                kind = kind_of(item)
                self.associate("replacedBy", self.node_link(kind, item.replaces), self.node_link(kind, item_id),
                               self.dates[item.path])

    # -- the package -------------------------------------------------------------------------

    def document(self) -> Json:
        fw = self.fw
        statuses = {a.status for a in fw.areas}
        name = self.t(fw.district.name)
        out: Json = {
            "identifier": self.doc_id,
            "uri": self.uri("CFDocuments", self.doc_id),
            "CFPackageURI": self.link("CFPackages", self.doc_id, self.doc_title),
            "creator": name,
            "publisher": name,
            "title": self.doc_title,
            "description": f"Competency areas, competencies, performance indicators, courses and "
                           f"Objectives for Mastery of {name}, edition {fw.district.edition}.",
            "subject": [self.t(a.title) for a in fw.areas],
            "subjectURI": list(self.subjects.values()),
            "language": self.lang,
            "version": fw.district.edition,
            "adoptionStatus": "Adopted" if "adopted" in statuses or not statuses
            else ADOPTION.get(sorted(statuses)[0], "Draft"),
            "lastChangeDateTime": self.dates.latest(source_files(self.fw)),
        }
        dates = edition_dates(fw.district.edition)
        if dates:  # CASE says Date: the school year's first and last day
            out["statusStartDate"], out["statusEndDate"] = dates[0], dates[1]
        if self.base_url != PLACEHOLDER_BASE_URL:
            out["officialSourceURL"] = self.base_url
        if self.license:
            out["licenseURI"] = self.license
        if self.v11:
            out["caseVersion"] = "1.1"
            out["frameworkType"] = "Competency Framework"
            d = fw.district
            out["extensions"] = {
                "edition": d.edition, "languages": d.languages, "masteryScore": d.mastery_level,
                "scale": [{"score": s.level, "label": self.t(s.label), "mastery": s.level == d.mastery_level}
                          for s in d.scale],
            }
        return out

    def item_types(self) -> list[Json]:
        changed = self.dates[self.fw.district.path]
        return [
            {"identifier": self.types[code][0], "uri": self.uri("CFItemTypes", self.types[code][0]),
             "title": title, "description": description, "hierarchyCode": hierarchy, "typeCode": code,
             "lastChangeDateTime": changed}
            for code, title, hierarchy, description in ITEM_TYPES
        ]

    def subject_definitions(self) -> list[Json]:
        changed = self.dates[self.fw.district.path]
        return [{**self.subjects[a.id], "hierarchyCode": str(n), "description": self.t(a.summary) or self.t(a.title),
                 "lastChangeDateTime": self.dates[a.path] if a.path else changed}
                for n, a in enumerate(self.fw.areas, start=1)]

    def licenses(self) -> list[Json]:
        lic = self.fw.district.license
        if lic is None or self.license is None:
            return []
        out: Json = {**self.license, "licenseText": lic.text, "lastChangeDateTime": self.dates[self.fw.district.path]}
        if lic.url:
            out["description"] = lic.url
        return [out]

    def package(self) -> Json:
        self.build_tree()
        self.build_replacements()
        definitions: Json = {"CFItemTypes": self.item_types(), "CFSubjects": self.subject_definitions()}
        if self.license:
            definitions["CFLicenses"] = self.licenses()
        return {
            "CFDocument": self.document(),
            "CFItems": self.items,
            "CFAssociations": self.associations,
            "CFDefinitions": definitions,
            "CFRubrics": list(rubrics(self)),
        }


def _dok(dok: int | None) -> Json:
    return {} if dok is None else {"depthOfKnowledge": dok}


def _status(status: str) -> str:
    return "" if status == "adopted" else f"\n\nStatus: {status}."


def source_files(fw: Framework) -> list[str]:
    return [fw.district.path] + [a.path for a in fw.areas] + [c.path for c in fw.courses]


def dates_for(fw: Framework, root: Path | None, use_git: bool = True) -> ChangeDates:
    """Last-change dates of every framework file (Git history under `root`, else the edition)."""
    return ChangeDates(root, fw.district.edition, source_files(fw), use_git)


def case_package(fw: Framework, base_url: str | None = None, dates: ChangeDates | None = None,
                 version: str = "1.0") -> Json:
    """The CFPackage (CASE `version` 1.0 or 1.1) as JSON-ready data. `dates` defaults to the
    edition start for every file."""
    dates = dates or ChangeDates(None, fw.district.edition, [])
    return CaseBuilder(fw, base_url or PLACEHOLDER_BASE_URL, dates, version).package()
