"""The JSON Schemas (Draft 2020-12) of every content file, as Python data.

They are defined here once and written to `schemas/*.json` (shipped, published on the site and
used by editors); each JSON file is self-contained so an editor never has to resolve a remote
`$ref`. `tests/test_cli_validate.py` fails if the JSON files drift from this module.
"""

from __future__ import annotations

from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9._-]*$(?!\n)"
"""Every pattern ends in `$(?!\n)`: Python's `$` (jsonschema, the fast checker) also matches before
a final newline, so `"MATH-7.3\n"` passed as an ID; in an editor's ECMAScript engine the lookahead
changes nothing."""
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$(?!\n)"

Schema = dict[str, Any]


def _id(what: str) -> Schema:
    return {
        "type": "string",
        "pattern": ID_PATTERN,
        "description": f"{what}: letters, digits, '.', '-' and '_', starting with a letter.",
    }


def _ids(what: str, min_items: int = 0) -> Schema:
    out: Schema = {"type": "array", "items": _id(what), "uniqueItems": True}
    if min_items:
        out["minItems"] = min_items
    return out


def _obj(properties: Schema, required: list[str], description: str = "") -> Schema:
    out: Schema = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if description:
        out["description"] = description
    return out


TEXT_REF = {"$ref": "#/$defs/text"}
DATE_REF = {"$ref": "#/$defs/date"}
RUBRIC_REF = {"$ref": "#/$defs/rubric"}
DOK = {"type": "integer", "minimum": 1, "maximum": 4, "description": "Webb's Depth of Knowledge, 1 to 4."}
GRADE: Schema = {
    "anyOf": [{"const": "K"}, {"type": "integer", "minimum": 1, "maximum": 12}],
    "description": 'A grade: "K" or 1 to 12.',
}
STATUS = {
    "enum": ["draft", "vetting", "adopted", "retired"],
    "description": "draft and vetting show an 'under review' banner; retired leaves the catalog.",
}

DEFS: Schema = {
    "text": {
        "description": "Text (Markdown), or a map from language code to text: {en: ..., es: ...}.",
        "anyOf": [
            {"type": "string", "minLength": 1},
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": LANG_PATTERN},
                "additionalProperties": {"type": "string", "minLength": 1},
            },
        ],
    },
    "date": {"type": "string", "format": "date", "description": "An ISO date: YYYY-MM-DD."},
    "rubric": {
        "type": "array",
        "minItems": 1,
        "description": "A rubric: criteria, each with one descriptor per scale level.",
        "items": _obj(
            {
                "criterion": {**TEXT_REF, "description": "What this row of the rubric judges."},
                "levels": {
                    "type": "object",
                    "description": "One descriptor per level of the district scale, keyed by level.",
                    "propertyNames": {"pattern": r"^[0-9]+$(?!\n)"},
                    "additionalProperties": TEXT_REF,
                    "minProperties": 1,
                },
                "id": {**_id("Criterion ID"), "description": "Optional: names the criterion in CASE for good, "
                       "whatever its wording or position (default: derived from its wording)."},
            },
            ["criterion", "levels"],
        ),
    },
}


def _document(title: str, body: Schema, defs: tuple[str, ...]) -> Schema:
    return {
        "$schema": DRAFT,
        "$id": f"https://hcs-site.schemas/{title}.schema.json",
        "title": title,
        **body,
        "$defs": {name: DEFS[name] for name in defs},
    }


HEX_COLOUR = {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$(?!\n)",
              "description": "A colour as #RRGGBB; white text on it must have a contrast of 4.5:1 or more."}
CONTACT = _obj(
    {
        "email": {"type": "string", "pattern": "^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$(?!\n)",
                  "description": "An address families may write to, e.g. info@school.example.org."},
        "phone": {"type": "string", "pattern": "^\\+?[0-9(][0-9 ().-]{5,23}[0-9]$(?!\n)",
                  "description": "A telephone number, e.g. 770-957-3945."},
        "web": {"type": "string", "pattern": "^https://[A-Za-z0-9.-]+(/[^\\s<>\"'`]*)?$(?!\n)",
                "description": "A web address starting with https://."},
    },
    [],
    "How families reach the district or a school; every field optional.",
)


DISTRICT = _document(
    "district",
    _obj(
        {
            "format": {
                "type": "integer",
                "minimum": 1,
                "description": "The content format these files are written in (docs/versions.md); "
                "`hcs-site upgrade` updates it. Without it: format 1.",
            },
            "district": {**TEXT_REF, "description": "The district's name."},
            "short_name": {"type": "string", "minLength": 1,
                           "description": "The name the header shows on phones, e.g. HCS."},
            "logo": {"type": "string", "pattern": "^[A-Za-z0-9_-][A-Za-z0-9_./-]*\\.(svg|png)$(?!\n)",
                     "description": "The district's logo: an SVG or PNG file in the repository, named "
                     "from its root (e.g. content/logo.svg)."},
            "colors": _obj({"primary": HEX_COLOUR, "accent": HEX_COLOUR}, [],
                           "The site's colours (header, links, buttons)."),
            "contact": CONTACT,
            "default_language": {"type": "string", "pattern": LANG_PATTERN},
            "languages": {
                "type": "array",
                "items": {"type": "string", "pattern": LANG_PATTERN},
                "uniqueItems": True,
                "minItems": 1,
            },
            "edition": {
                "type": "string",
                "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]*$(?!\n)",
                "description": "The school year this content describes, e.g. 2026-27.",
            },
            "scale": {
                "type": "array",
                "minItems": 2,
                "description": "The proficiency scale every rubric uses, low to high.",
                "items": _obj(
                    {
                        "level": {"type": "integer", "minimum": 0},
                        "label": TEXT_REF,
                        "description": TEXT_REF,
                        "mastery": {"type": "boolean", "description": "The mastery threshold."},
                    },
                    ["level", "label"],
                ),
            },
            "mastery_rule": _obj(
                {
                    "method": {"enum": ["latest", "highest", "average", "decaying_average", "n_times"]},
                    "weight": {
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "exclusiveMaximum": 100,
                        "description": "decaying_average: percent weight of the latest score.",
                    },
                    "count": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "n_times: how many scores at mastery are needed.",
                    },
                },
                ["method"],
            ),
            "assessment_types": {
                "type": "array",
                "minItems": 1,
                "items": _obj(
                    {"id": _id("Assessment type ID"), "title": TEXT_REF, "description": TEXT_REF},
                    ["id", "title", "description"],
                ),
            },
            "programs": {
                "type": "array",
                "minItems": 1,
                "items": _obj(
                    {
                        "id": _id("Program ID"),
                        "title": TEXT_REF,
                        "description": TEXT_REF,
                        "virtual": {"type": "boolean"},
                    },
                    ["id", "title"],
                ),
            },
            "timezone": {
                "type": "string",
                "minLength": 1,
                "description": "IANA time zone consent dates are judged in (default America/New_York).",
            },
            "student_number_pattern": {
                "type": "string",
                "minLength": 1,
                "description": "Regular expression of the district's student numbers, refused in student "
                "text (default: 7 to 10 digits in a row).",
            },
            "license": _obj(
                {
                    "title": {"type": "string", "minLength": 1, "description": "e.g. CC BY 4.0"},
                    "text": {"type": "string", "minLength": 1, "description": "The licence's terms, or a "
                             "sentence naming them."},
                    "url": {"type": "string", "pattern": "^https?://[^\\s]+$(?!\n)",
                            "description": "Where the licence is published."},
                },
                ["title", "text"],
                "The licence the published framework is offered under (CASE CFLicense).",
            ),
            "schools": {
                "type": "array",
                "items": _obj(
                    {
                        "id": _id("School ID"),
                        "title": TEXT_REF,
                        "level": {"enum": ["elementary", "middle", "high"]},
                        "contact": CONTACT,
                    },
                    ["id", "title", "level"],
                ),
            },
        },
        ["district", "default_language", "edition", "scale", "assessment_types", "programs"],
        "District-wide settings: scale, assessment types, programs, schools.",
    ),
    ("text",),
)

INDICATOR = _obj(
    {
        "id": _id("Performance indicator ID"),
        "statement": TEXT_REF,
        "dok": DOK,
        "replaces": _id("The ID this indicator replaces"),
    },
    ["id", "statement", "dok"],
)

COMPETENCY = _obj(
    {
        "id": _id("Competency ID"),
        "title": TEXT_REF,
        "statement": TEXT_REF,
        "universal": {
            "type": "boolean",
            "description": "true: a checkpoint every student in every course demonstrates.",
        },
        "replaces": _id("The ID this competency replaces"),
        "performance_indicators": {"type": "array", "items": INDICATOR},
        "scoring_criteria": RUBRIC_REF,
    },
    ["id", "title", "statement"],
)

AREA = _document(
    "area",
    _obj(
        {
            "id": _id("Competency area ID"),
            "title": TEXT_REF,
            "kind": {"enum": ["content", "cross-curricular"]},
            "status": STATUS,
            "summary": TEXT_REF,
            "competencies": {"type": "array", "minItems": 1, "items": COMPETENCY},
        },
        ["id", "title", "kind", "status", "competencies"],
        "One competency area: graduation competencies, indicators, scoring criteria.",
    ),
    ("text", "rubric"),
)

OBJECTIVE = _obj(
    {
        "id": _id("Objective ID"),
        "title": TEXT_REF,
        "statement": TEXT_REF,
        "aligns": {**_ids("Competency or performance indicator ID", 1)},
        "dok": DOK,
        "assessment_types": {
            **_ids("Assessment type ID", 1),
            "description": "Allowed assessment types; exactly one means it is the only form.",
        },
        "rubric": {
            "anyOf": [_id("Competency ID whose scoring criteria apply"), RUBRIC_REF],
            "description": "A rubric, or the ID of a competency whose scoring criteria apply.",
        },
        "suggested_weeks": {"type": "number", "exclusiveMinimum": 0},
        "replaces": _id("The ID this objective replaces"),
        "standards": {
            "type": "array",
            "uniqueItems": True,
            "description": "State standards this objective covers, from content/standards/: "
            "`<set>:<code>` (gse-math:MGSE7.RP.1) or `<set>:<CASE identifier>`.",
            "items": {"type": "string", "pattern": r"^[a-z][a-z0-9-]*:[^\s:][^\s]*$(?!\n)"},
        },
    },
    ["id", "title", "statement", "aligns", "dok", "assessment_types", "rubric"],
)

COURSE = _document(
    "course",
    _obj(
        {
            "id": _id("Course ID"),
            "title": TEXT_REF,
            "state_code": {"type": "string", "description": 'State course number, quoted: "27.02200".'},
            "area": _id("Competency area ID"),
            "grades": {"type": "array", "items": GRADE, "minItems": 1, "uniqueItems": True},
            "credit": {"type": "number", "minimum": 0, "description": "Carnegie units; 0 allowed."},
            "status": STATUS,
            "programs": _ids("Program ID", 1),
            "description": TEXT_REF,
            "pacing": _obj(
                {"suggested_weeks": {"type": "number", "exclusiveMinimum": 0}, "note": TEXT_REF}, []
            ),
            "objectives": {"type": "array", "minItems": 1, "items": OBJECTIVE},
            "replaces": _id("The ID this course replaces"),
        },
        ["id", "title", "area", "grades", "credit", "status", "programs", "description", "objectives"],
        "One course: its Objectives for Mastery, their assessment types and rubrics.",
    ),
    ("text", "rubric"),
)

PORTFOLIO = _document(
    "portfolio",
    _obj(
        {
            "display_name": {
                "type": "string",
                "description": "First name and last initial, e.g. 'Maya S.'.",
            },
            "school": _id("School ID"),
            "grade": GRADE,
            "language": {"type": "string", "pattern": LANG_PATTERN},
            "consent": _obj(
                {
                    "publish": {"type": "boolean"},
                    "guardian": {"type": "boolean"},
                    "adult_student": {"type": "boolean"},
                    "date": DATE_REF,
                    "expires": DATE_REF,
                },
                ["publish"],
                "No consent block, or publish: false, means no page is built.",
            ),
            "goals": {
                "type": "array",
                "items": _obj(
                    {
                        "goal": {"type": "string", "minLength": 1},
                        "aligns": _ids("Competency ID"),
                        "status": {"enum": ["planned", "in-progress", "achieved"]},
                    },
                    ["goal", "status"],
                ),
            },
            "interests": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "plan": {
                "type": "array",
                "items": _obj(
                    {
                        "course": _id("Course ID"),
                        "status": {"enum": ["planned", "in-progress", "completed"]},
                        "year": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$(?!\n)"},
                    },
                    ["course", "status"],
                ),
            },
        },
        ["display_name", "school", "grade"],
        "A student's portfolio home page (front matter of portfolio.md).",
    ),
    ("date",),
)

EVIDENCE = _document(
    "evidence",
    _obj(
        {
            "title": {"type": "string", "minLength": 1},
            "date": DATE_REF,
            "course": _id("Course ID"),
            "objectives": _ids("Objective ID", 1),
            "competencies": _ids("Competency ID"),
            "assessment_type": _id("Assessment type ID"),
            "level": {"type": "integer", "description": "A level of the district scale."},
            "scored_by": {
                "enum": ["teacher", "self", "peer"],
                "description": "Only teacher scores count toward mastery.",
            },
            "artifacts": {
                "type": "array",
                "items": _obj(
                    {
                        "file": {"type": "string", "minLength": 1},
                        "alt": {"type": "string", "minLength": 1},
                    },
                    ["file", "alt"],
                ),
            },
        },
        ["title", "date", "course", "objectives", "assessment_type"],
        "One piece of evidence in a portfolio (front matter of evidence/<slug>.md).",
    ),
    ("date",),
)
EVIDENCE["dependentRequired"] = {"level": ["scored_by"], "scored_by": ["level"]}

SCHEMAS: dict[str, Schema] = {
    "district": DISTRICT,
    "area": AREA,
    "course": COURSE,
    "portfolio": PORTFOLIO,
    "evidence": EVIDENCE,
}


def dump(kind: str) -> str:
    """The JSON text of one schema, exactly as shipped in `schemas/`."""
    import json

    return json.dumps(SCHEMAS[kind], indent=2, ensure_ascii=False) + "\n"
