"""Generate a synthetic, valid district content repository of any size.

Why: the checker and the site generator must be measured on district-sized input (thousands of
courses, tens of thousands of evidence files) that nobody can commit, and the output must be
reproducible, so every choice comes from one `random.Random(seed)`. The tree is written with
plain string formatting (no YAML dumper) because writing 140,000 files has to take seconds; every
scalar goes through `_s`, which quotes whatever YAML could read as something other than text.

    python benchmarks/generate_content.py OUT_DIR --courses 1500 --students 20000 \
        --evidence-per-student 6 --seed 1 [--mkdocs]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from hcs_site.check.url_names import key_problem

EDITION = "2026-27"
SCALE = ((1, "Emerging"), (2, "Progressing"), (3, "Meets"), (4, "Exceeds"))
LEVELS = [level for level, _ in SCALE]

ASSESSMENT_TYPES = (
    ("written-test", "Written test", "Prueba escrita",
     "An individual, timed test taken on paper or online."),
    ("project", "Project", "Proyecto",
     "An extended piece of work that applies learning to a real problem and ends in a product."),
    ("presentation", "Presentation", "Presentación",
     "The student presents what they learned to an audience and answers questions."),
    ("performance-task", "Performance task", "Tarea de desempeño",
     "A short, realistic task done in class that shows a skill in action."),
    ("lab-investigation", "Lab investigation", "Investigación de laboratorio",
     "A planned investigation with a question, data, and a conclusion drawn from evidence."),
    ("portfolio-review", "Portfolio review", "Revisión del portafolio",
     "A conference in which the student walks a teacher through selected work."),
    ("oral-defense", "Oral defense", "Defensa oral",
     "The student explains and defends a piece of work in a conversation with a panel."),
    ("written-response", "Written response", "Respuesta escrita",
     "An essay or extended written answer to an open question."),
    ("observation", "Teacher observation", "Observación docente",
     "The teacher records what the student does during a real activity."),
    ("exhibition", "Exhibition", "Exhibición",
     "A public showing of finished work for families and community members."),
)

PROGRAMS = (
    ("community-school", "Your community school", "Tu escuela comunitaria", False),
    ("impact-academy", "Impact Academy (virtual)", "Impact Academy (virtual)", True),
    ("academy-advanced-studies", "Academy for Advanced Studies", "Academia de Estudios Avanzados", False),
)

PLACES = (
    "Luella", "Bethlehem", "Locust Grove", "Stockbridge", "Hampton", "Ola", "Dutchtown", "Union Grove",
    "Eagles Landing", "Woodland", "Austin Road", "Pleasant Grove", "Red Oak", "Tussahaw", "Walnut Creek",
    "Oakland", "Cotton Indian", "Rock Spring", "Timber Ridge", "Flippen", "Hickory Flat", "Smith Barnes",
    "Mount Carmel", "Fairview", "Rocky Creek", "Wesley Lakes", "Luella Park", "Patrick Henry", "Unity Grove",
    "Bear Creek", "Crossroads", "Dogwood", "Magnolia", "Pine Ridge", "Cedar Hill", "Willow Bend",
    "Heritage", "Liberty", "Riverside", "Stonewall", "Westfield", "Kelleytown", "Greenwood", "Brookside",
    "Chestnut", "Mill Creek", "Sandy Ridge", "Summit", "Lakeview", "Harmony", "Meadowbrook", "Sycamore",
)

# (area id, kind, English title, Spanish title, subject noun used in course titles, competencies)
AREAS = (
    ("MATH", "content", "Mathematics", "Matemáticas", "Mathematics",
     ("Number sense", "Ratios and proportional reasoning", "Algebraic thinking", "Geometry and measurement",
      "Statistics and probability", "Functions and modeling", "Mathematical argument")),
    ("ELA", "content", "English Language Arts", "Artes del lenguaje", "English",
     ("Reading literature", "Reading informational text", "Writing arguments", "Narrative writing",
      "Speaking and listening", "Language conventions", "Research")),
    ("SCI", "content", "Science", "Ciencias", "Science",
     ("Physical science", "Life science", "Earth and space science", "Engineering design",
      "Scientific investigation", "Data and evidence")),
    ("SS", "content", "Social Studies", "Estudios sociales", "Social Studies",
     ("Civics and government", "Economics", "Geography", "Historical thinking", "Cultural understanding")),
    ("ARTS", "content", "Fine Arts", "Bellas artes", "Arts",
     ("Creating", "Performing and presenting", "Responding", "Connecting")),
    ("WL", "content", "World Languages", "Idiomas", "Spanish",
     ("Interpretive communication", "Interpersonal communication", "Presentational communication",
      "Cultures and comparisons")),
    ("HPE", "content", "Health and Physical Education", "Salud y educación física", "Health",
     ("Movement skills", "Personal fitness", "Healthy decisions", "Responsible behavior")),
    ("CTAE", "content", "Career, Technical and Agricultural Education", "Educación técnica",
     "Career Pathways",
     ("Technical skills", "Workplace safety", "Entrepreneurship", "Industry communication",
      "Computational thinking")),
)
CROSS = ("XC", "cross-curricular", "Cross-curricular competencies", "Competencias transversales",
         "", ("Communication", "Collaboration", "Creativity", "Critical thinking", "Habits of work"))
UNIVERSAL = {"Communication", "Habits of work"}

VERBS = (
    "analyze", "compare", "construct", "describe", "design", "evaluate", "explain", "identify",
    "interpret", "investigate", "model", "organize", "plan", "predict", "represent", "revise",
    "solve", "summarize", "justify", "apply", "classify", "create", "critique", "defend", "estimate",
    "measure", "argue", "synthesize", "trace", "test",
)
OBJECTS = (
    "relationships between quantities", "the structure of a text", "patterns in data",
    "a claim with evidence",
    "the causes of an event", "a model of a system", "competing points of view", "a solution to a problem",
    "the steps of a process", "the main idea and key details", "a design under constraints",
    "changes over time", "the effect of a variable", "a sequence of events", "sources of information",
    "the meaning of words in context", "a plan for improvement", "results of an investigation",
    "the purpose of a message", "connections between ideas", "trends in a graph", "tradeoffs in a decision",
    "the reliability of a source", "a written explanation", "an original piece of work",
)
CONTEXTS = (
    "in real-world situations", "using appropriate tools", "with precise vocabulary",
    "for a specific audience", "across several sources", "in familiar and new settings",
    "with increasing independence", "using diagrams and tables", "in written and oral form",
    "in a group setting", "with attention to accuracy", "using grade-level texts",
    "over an extended task", "to support a conclusion", "from multiple perspectives",
)
NOUNS = (
    "recipe", "bridge", "garden", "river", "budget", "poster", "timeline", "survey", "model", "map",
    "debate", "podcast", "journal", "circuit", "habitat", "mural", "election", "market", "rocket",
    "interview", "storyboard", "experiment", "festival", "museum", "playground", "weather", "treaty",
    "invention", "neighborhood", "sculpture", "orchestra", "ecosystem", "newspaper", "app", "dance",
)
ADJECTIVES = (
    "community", "local", "seasonal", "historic", "family", "school", "science", "digital", "water",
    "food", "energy", "city", "classroom", "student", "weekly", "shared", "public", "small", "future",
)
REFLECTION = (
    "I started by looking closely at {obj}, which took longer than I expected.",
    "My first draft of the {noun} was not clear, so I asked a classmate for feedback.",
    "The hardest part was deciding how to {verb} {obj}.",
    "I learned that it helps to {verb} {obj} before writing anything down.",
    "Next time I would spend more time planning the {adj} {noun}.",
    "My teacher pointed out that I could {verb} {obj} more carefully.",
    "Working on the {adj} {noun} helped me see how the ideas fit together.",
    "I am proud of how I explained my thinking to the group.",
    "At first I did not understand why we needed to {verb} {obj}.",
    "I compared my work with the rubric and found one criterion I had missed.",
    "We tested our {noun} twice and changed the design after the first try.",
    "I want to keep practicing how to {verb} {obj} {ctx}.",
    "This piece shows that I can {verb} {obj} {ctx}.",
    "I used feedback from my teacher to revise the conclusion.",
)
ABOUT = (
    "I like learning by building things and taking them apart.",
    "My favorite subject is the one where I get to ask my own questions.",
    "Outside of school I help my family and spend time with my friends.",
    "This year I want to get better at explaining my ideas out loud.",
    "I learn best when I can see an example first and then try it myself.",
    "Someday I would like to work in a job where I help my community.",
    "I am proud of how much my writing has improved.",
    "I enjoy working in a team, especially when everyone has a role.",
)
INTERESTS = (
    "robotics", "drawing", "soccer", "music", "reading", "cooking", "basketball", "coding", "gardening",
    "dance", "photography", "chess", "theater", "animals", "history", "video editing", "swimming", "poetry",
)
FIRST_NAMES = (
    "Maya", "José", "Aiden", "Sofia", "Liam", "Ava", "Noah", "Isabella", "Elijah", "Mia", "D'Andre",
    "Zoe", "Mateo", "Amara", "Lucas", "Chloe", "Jayden", "Nia", "Ethan", "Harper", "Kai", "Layla",
    "Jamal", "Emma", "Santiago", "Aaliyah", "Owen", "Priya", "Caleb", "Ximena", "Mary-Kate", "Andrés",
    "Grace", "Malik", "Hana", "Diego", "Leah", "Tariq", "Camila", "Wyatt", "Imani", "Yusuf", "Renée",
    "Björn", "Nguyen", "Oluwaseun", "Ana-Lucía", "Elena", "Marcus", "Zainab",
)
LAST_INITIALS = "ABCDEFGHIJKLMNOPRSTVWYZ"
GRADES: tuple[str | int, ...] = ("K", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)

_PLAIN = re.compile(r"[^\W\d_][\w .,'’()/&-]*(?<! )\Z")
"""Starts with a letter (so never a number, date or indicator), no ':' or '#', no trailing space."""
_RESERVED = re.compile(r"(?i)(y|n|yes|no|on|off|true|false|null)\Z")
"""Words YAML 1.1 tools read as booleans or null; the project's loader keeps them, editors may not."""


def _s(text: str, flow: bool = False) -> str:
    """A YAML scalar that always reads back as exactly `text` (plain when that is safe)."""
    if _PLAIN.match(text) and not _RESERVED.match(text) and not (flow and "," in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _third_person(verb: str) -> str:
    return verb[:-1] + "ies" if verb.endswith("y") else verb + "s"


def _flow(items: Sequence[str]) -> str:
    """A YAML flow list of IDs (IDs never need quoting)."""
    return "[" + ", ".join(items) + "]"


def _sentence(words: str) -> str:
    return words[0].upper() + words[1:]


def _grade(g: str | int) -> int:
    return 0 if g == "K" else int(g)


def _band(g: str | int) -> str:
    n = _grade(g)
    return "elementary" if n <= 5 else "middle" if n <= 8 else "high"


@dataclass
class Competency:
    id: str
    indicators: list[str]


@dataclass
class Area:
    id: str
    competencies: list[Competency]


@dataclass
class Objective:
    id: str
    assessment_types: list[str]


@dataclass
class Course:
    id: str
    area: str
    grades: list[str | int]
    objectives: list[Objective] = field(default_factory=list)


@dataclass
class Counts:
    areas: int = 0
    competencies: int = 0
    indicators: int = 0
    courses: int = 0
    objectives: int = 0
    portfolios: int = 0
    evidence: int = 0
    files: int = 0


class Generator:
    """Writes one repository; every choice comes from `self.rng`, so a seed fixes the output."""

    def __init__(self, out: Path, seed: int, skew: float = 0.0) -> None:
        self.out = out
        self.rng = Random(seed)
        self.skew = skew
        """Share of the students placed in one school (the first high school); 0: spread by grade."""
        self.counts = Counts()
        self.areas: list[Area] = []
        self.courses: list[Course] = []
        self.schools: dict[str, list[str]] = {"elementary": [], "middle": [], "high": []}

    # -- text -------------------------------------------------------------------------------------

    def phrase(self) -> tuple[str, str, str]:
        r = self.rng
        return r.choice(VERBS), r.choice(OBJECTS), r.choice(CONTEXTS)

    def statement(self, prefix: str = "") -> str:
        verb, obj, ctx = self.phrase()
        return _sentence(f"{prefix}{verb} {obj} {ctx}.")

    def reflection_sentence(self) -> str:
        r = self.rng
        verb, obj, ctx = self.phrase()
        template = r.choice(REFLECTION)
        return template.format(verb=verb, obj=obj, ctx=ctx, noun=r.choice(NOUNS), adj=r.choice(ADJECTIVES))

    def paragraphs(self, low: int, high: int, sentences: tuple[int, int] = (3, 6)) -> str:
        r = self.rng
        return "\n\n".join(
            " ".join(self.reflection_sentence() for _ in range(r.randint(*sentences)))
            for _ in range(r.randint(low, high))
        )

    def write(self, rel: str, text: str) -> None:
        with open(os.path.join(self.out, rel), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        self.counts.files += 1

    # -- framework --------------------------------------------------------------------------------

    def district(self) -> None:
        lines = [
            "# yaml-language-server: $schema=../hcs_site/check/schemas/district.schema.json",
            "district: Henry County Schools",
            "short_name: HCS",
            "default_language: en",
            "languages: [en, es]",
            f'edition: "{EDITION}"',
            "scale:",
        ]
        for level, label in SCALE:
            mastery = ", mastery: true" if level == 3 else ""
            lines.append(f"  - {{level: {level}, label: {label}{mastery}}}")
        lines += ["mastery_rule: {method: latest}", "assessment_types:"]
        for at_id, en, es, desc in ASSESSMENT_TYPES:
            lines += [f"  - id: {at_id}", "    title:", f"      en: {_s(en)}", f"      es: {_s(es)}",
                      f"    description: {_s(desc)}"]
        lines.append("programs:")
        for pid, en, es, virtual in PROGRAMS:
            lines += [f"  - id: {pid}", "    title:", f"      en: {_s(en)}", f"      es: {_s(es)}"]
            if virtual:
                lines.append("    virtual: true")
        lines.append("schools:")
        bands = ["elementary"] * 28 + ["middle"] * 11 + ["high"] * 11  # 50 schools, as in the district
        for place, band in zip(PLACES, bands, strict=False):
            sid = f"{place.lower().replace(' ', '-')}-{band}"
            self.schools[band].append(sid)
            title = f"{place} {band.title()} School"
            lines.append(f"  - {{id: {sid}, title: {_s(title, flow=True)}, level: {band}}}")
        self.write("content/district.yml", "\n".join(lines) + "\n")

    def rubric(self, indent: str, criteria: int) -> list[str]:
        r = self.rng
        lines = []
        for _ in range(criteria):
            verb, obj, ctx = self.phrase()
            lines += [f"{indent}- criterion: {_s(_sentence(f'{verb} {obj}'))}", f"{indent}  levels:"]
            does = _third_person(verb)
            descriptors = (
                f"Begins to {verb} {obj} with support.",
                f"Can {verb} {obj}, with some errors or gaps.",
                f"Accurately {does} {obj} {ctx}.",
                f"Accurately {does} {obj} {ctx} and justifies {r.choice(('choices', 'the approach'))}.",
            )
            lines += [f"{indent}    {lv}: {_s(d)}" for lv, d in zip(LEVELS, descriptors, strict=True)]
        return lines

    def area(self, spec: tuple[str, str, str, str, str, tuple[str, ...]]) -> None:
        r = self.rng
        area_id, kind, en, es, _subject, titles = spec
        area = Area(area_id, [])
        lines = [
            f"id: {area_id}",
            "title:",
            f"  en: {_s(en)}",
            f"  es: {_s(es)}",
            f"kind: {kind}",
            "status: adopted",
            f"summary: {_s(f'What every graduate can do in {en.lower()}.')}",
            "competencies:",
        ]
        for n, title in enumerate(titles, start=1):
            comp = Competency(f"{area_id}.{n}", [])
            lines += [
                f"  - id: {comp.id}",
                f"    title: {_s(title)}",
                f"    statement: {_s(self.statement('Students '))}",
            ]
            if kind == "cross-curricular":
                lines.append(f"    universal: {'true' if title in UNIVERSAL else 'false'}")
            lines.append("    performance_indicators:")
            for k in range(1, r.randint(4, 8) + 1):
                ind_id = f"{comp.id}.{k}"
                comp.indicators.append(ind_id)
                lines += [f"      - id: {ind_id}", f"        statement: {_s(self.statement())}",
                          f"        dok: {r.randint(1, 4)}"]
            lines.append("    scoring_criteria:")
            lines += self.rubric("      ", r.randint(1, 3))
            area.competencies.append(comp)
            self.counts.competencies += 1
            self.counts.indicators += len(comp.indicators)
        self.areas.append(area)
        self.counts.areas += 1
        self.write(f"content/competencies/{area_id.lower()}.yml", "\n".join(lines) + "\n")

    def course(self, seq: int) -> None:
        r = self.rng
        spec = AREAS[seq % len(AREAS)]
        area = self.areas[seq % len(AREAS)]
        cross = self.areas[-1]
        course_id = f"{area.id}-{seq // len(AREAS) + 1:04d}"
        start = r.randrange(len(GRADES))
        band = _band(GRADES[start])
        span = r.randint(1, 4) if band == "high" else 1  # high-school courses often span grades
        grades = list(GRADES[start : start + span])
        course = Course(course_id, area.id, grades)
        top = _grade(grades[-1])
        label = "Kindergarten" if grades[0] == "K" else f"Grade {grades[0]}"
        topic = r.choice(NOUNS).title()
        title = f"{label} {spec[4]}: {r.choice(ADJECTIVES).title()} {topic}s"
        if band == "high":
            credit = r.choice(("0.5", "1.0"))
            programs = ["community-school"]
            if r.random() < 0.5:
                programs.append("impact-academy")
            if r.random() < 0.25:
                programs.append("academy-advanced-studies")
        else:
            credit = "0"
            programs = ["community-school"] + (["impact-academy"] if r.random() < 0.3 else [])
        weeks = 18 if credit == "0.5" else 36
        first = self.statement()
        description = " ".join(
            (
                f"In this course students {first[0].lower()}{first[1:]}",
                self.statement("Students also learn to "),
                f"Families can expect regular {r.choice(ASSESSMENT_TYPES)[1].lower()}s and feedback "
                f"on every objective, and students move on when they show mastery.",
            )
        )
        lines = [
            f"id: {course_id}",
            f"title: {_s(title)}",
        ]
        if band == "high":
            lines.append(f'state_code: "{r.randint(10, 99)}.{r.randint(0, 99999):05d}"')
        lines += [
            f"area: {area.id}",
            "grades: [" + ", ".join(str(g) for g in grades) + "]",
            f"credit: {credit}",
            "status: adopted",
            f"programs: {_flow(programs)}",
            f"description: {_s(description)}",
            "pacing:",
            f"  suggested_weeks: {weeks}",
            "  note: Students move on when they show mastery and may finish earlier or later.",
            "objectives:",
        ]
        catalog = [a[0] for a in ASSESSMENT_TYPES]
        for k in range(1, r.randint(3, 12) + 1):
            comp = r.choice(area.competencies)
            aligns = [comp.id] if r.random() < 0.3 else []
            aligns += r.sample(comp.indicators, r.randint(1, 2))
            if r.random() < 0.2:
                aligns.append(r.choice(r.choice(cross.competencies).indicators))
            obj = Objective(f"{course_id}.{k}", r.sample(catalog, r.randint(1, 4)))
            course.objectives.append(obj)
            verb, thing, ctx = self.phrase()
            lines += [
                f"  - id: {obj.id}",
                f"    title: {_s(_sentence(f'{verb} {thing}'))}",
                f"    statement: {_s(f'I can {verb} {thing} {ctx}.')}",
                f"    aligns: {_flow(aligns)}",
                f"    dok: {r.randint(1, min(4, 2 + top // 4))}",
                f"    assessment_types: {_flow(obj.assessment_types)}",
            ]
            if r.random() < 0.6:
                lines.append(f"    rubric: {comp.id}")
            else:
                lines.append("    rubric:")
                lines += self.rubric("      ", r.randint(1, 3))
            if r.random() < 0.5:
                lines.append(f"    suggested_weeks: {r.randint(2, 9)}")
        self.courses.append(course)
        self.counts.courses += 1
        self.counts.objectives += len(course.objectives)
        self.write(f"content/courses/{course_id.lower()}.yml", "\n".join(lines) + "\n")

    # -- portfolios -------------------------------------------------------------------------------

    def consent(self, grade: str | int) -> list[str]:
        r = self.rng
        roll = r.random()
        if roll < 0.02:
            return []  # no consent block: no page, reported as info
        publish = "false" if roll < 0.05 else "true"
        date = f"2026-08-{r.randint(1, 28):02d}"
        who = "adult_student" if grade == 12 and r.random() < 0.3 else "guardian"
        return ["consent:", f"  publish: {publish}", f"  {who}: true", f"  date: {date}",
                "  expires: 2099-06-30"]

    def portfolio(self, key: str, by_grade: dict[str | int, list[Course]], evidence: int) -> None:
        r = self.rng
        grade = r.choice(GRADES)
        school = r.choice(self.schools[_band(grade)])
        if self.skew and r.random() < self.skew:  # drawn only when asked: a seed's district stays the same
            school = self.schools["high"][0]
        folder = f"portfolios/{key}"
        os.makedirs(os.path.join(self.out, folder, "evidence"))
        pool = by_grade[grade] or self.courses
        taken = r.sample(pool, min(len(pool), r.randint(2, 5)))
        cross = self.areas[-1]
        lines = [
            "---",
            f"display_name: {_s(f'{r.choice(FIRST_NAMES)} {r.choice(LAST_INITIALS)}.')}",
            f"school: {school}",
            f"grade: {grade}",
            f"language: {'es' if r.random() < 0.15 else 'en'}",
            *self.consent(grade),
            "goals:",
        ]
        statuses = ("planned", "in-progress", "achieved")
        for _ in range(r.randint(1, 3)):
            verb, obj, ctx = self.phrase()
            comp = r.choice(r.choice(self.areas).competencies)
            lines += [f"  - goal: {_s(f'Learn to {verb} {obj} {ctx}.')}",
                      f"    aligns: {_flow([comp.id])}", f"    status: {r.choice(statuses)}"]
        interests = ", ".join(_s(i, flow=True) for i in r.sample(INTERESTS, r.randint(1, 4)))
        lines.append(f"interests: [{interests}]")
        lines.append("plan:")
        for i, course in enumerate(taken):
            status = "completed" if i == 0 else r.choice(("in-progress", "completed", "planned"))
            year = "2025-26" if status == "completed" else EDITION
            lines.append(f"  - {{course: {course.id}, status: {status}, year: {year}}}")
        lines += ["---", " ".join(r.sample(ABOUT, r.randint(2, 4))), ""]
        self.write(f"{folder}/portfolio.md", "\n".join(lines))
        self.counts.portfolios += 1
        for i in range(evidence):
            course = r.choice(taken)
            objectives = r.sample(course.objectives, r.randint(1, min(2, len(course.objectives))))
            allowed = [a for a in objectives[0].assessment_types
                       if all(a in o.assessment_types for o in objectives[1:])]
            if not allowed:
                objectives = objectives[:1]
                allowed = objectives[0].assessment_types
            title = f"{r.choice(ADJECTIVES).title()} {r.choice(NOUNS)} {r.choice(NOUNS)}s"
            slug = f"{i + 1:02d}-{title.lower().replace(' ', '-')}"
            ev = [
                "---",
                f"title: {_s(title)}",
                f"date: 2026-{r.randint(8, 12):02d}-{r.randint(1, 28):02d}",
                f"course: {course.id}",
                f"objectives: {_flow([o.id for o in objectives])}",
            ]
            if r.random() < 0.15:
                ev.append(f"competencies: {_flow([r.choice(cross.competencies).id])}")
            ev += [
                f"assessment_type: {r.choice(allowed)}",
                f"level: {r.choice(LEVELS)}",
                f"scored_by: {'teacher' if r.random() < 0.8 else 'self'}",
                "---",
                self.paragraphs(1, 3),
                "",
            ]
            self.write(f"{folder}/evidence/{slug}.md", "\n".join(ev))
            self.counts.evidence += 1

    # -- whole repository -------------------------------------------------------------------------

    def run(self, courses: int, students: int, evidence: int, mkdocs: bool) -> Counts:
        for sub in ("content/competencies", "content/courses", "portfolios"):
            os.makedirs(self.out / sub, exist_ok=True)
        self.district()
        for spec in (*AREAS, CROSS):
            self.area(spec)
        for seq in range(courses):
            self.course(seq)
        by_grade: dict[str | int, list[Course]] = {g: [] for g in GRADES}
        for course in self.courses:
            for g in course.grades:
                by_grade[g].append(course)
        keys: set[str] = set()
        for _ in range(students):
            key = f"p-{self.rng.getrandbits(32):08x}"
            while key in keys or key_problem(key):  # the address rule validate enforces
                key = f"p-{self.rng.getrandbits(32):08x}"
            keys.add(key)
            self.portfolio(key, by_grade, evidence)
        if mkdocs:
            self.write("mkdocs.yml", "site_name: Henry County Schools\ntheme:\n  name: material\n"
                       "plugins:\n  - hcs\n")
            os.makedirs(self.out / "docs", exist_ok=True)
            self.write("docs/index.md", "# Henry County Schools\n\nCompetency-based learning framework.\n")
        return self.counts


def generate(out: Path, courses: int, students: int, evidence_per_student: int, seed: int = 1,
             mkdocs: bool = False, skew: float = 0.0) -> Counts:
    """Write a repository into `out` (created; must not already hold content/)."""
    if courses < 1:
        raise ValueError("--courses must be at least 1")
    if not 0.0 <= skew <= 1.0:
        raise ValueError("--skew is a share of the students, from 0 to 1")
    if (out / "content").exists() or (out / "portfolios").exists():
        raise FileExistsError(f"{out} already holds content/ or portfolios/; choose an empty folder")
    out.mkdir(parents=True, exist_ok=True)
    return Generator(out, seed, skew).run(courses, students, evidence_per_student, mkdocs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the repository into (new or empty)")
    parser.add_argument("--courses", type=int, default=1500)
    parser.add_argument("--students", type=int, default=20000)
    parser.add_argument("--evidence-per-student", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mkdocs", action="store_true", help="also write mkdocs.yml and docs/index.md")
    parser.add_argument("--skew", type=float, default=0.0, metavar="SHARE",
                        help="put this share of the students (0 to 1) in one school, as in a district where "
                             "one school holds most portfolios (default 0: spread by grade over 50 schools)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        c = generate(args.out, args.courses, args.students, args.evidence_per_student, args.seed, args.mkdocs,
                     args.skew)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - start
    print(
        f"wrote {c.files} files to {args.out}: {c.areas} areas, {c.competencies} competencies, "
        f"{c.indicators} indicators, {c.courses} courses, {c.objectives} objectives, "
        f"{c.portfolios} portfolios, {c.evidence} evidence in {seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
