"""The words of competency-based learning, explained for families, in every UI language.

Pages link a term to its entry the first time they use it; the glossary page lists them all.
"""

from __future__ import annotations

TERMS: dict[str, dict[str, tuple[str, str]]] = {
    "competency": {
        "en": ("Competency", "Something every graduate can do, such as reasoning with ratios or "
               "writing an argument. The district's competencies are grouped by subject."),
        "es": ("Competencia", "Algo que todo graduado sabe hacer, como razonar con proporciones o "
               "escribir un argumento. Las competencias del distrito se agrupan por materia."),
    },
    "objective": {
        "en": ("Objective for Mastery", "One of the 3 to 12 things a student must show they can do "
               "to earn a course. Each is written as an \"I can\" statement and is the same in "
               "every school of the district."),
        "es": ("Objetivo de dominio", "Una de las 3 a 12 cosas que un estudiante debe demostrar que "
               "sabe hacer para aprobar un curso. Cada uno se escribe como \"Puedo...\" y es el mismo "
               "en todas las escuelas del distrito."),
    },
    "indicator": {
        "en": ("Performance indicator", "A smaller, observable step of a competency: what a teacher "
               "looks for to know a student is building it."),
        "es": ("Indicador de desempeño", "Un paso más pequeño y observable de una competencia: lo "
               "que un maestro observa para saber que el estudiante la está desarrollando."),
    },
    "dok": {
        "en": ("Depth of Knowledge (DOK)", "How complex the thinking is, on Webb's four levels: "
               "level 1, recall and reproduction (remember a fact, follow a routine); level 2, skills "
               "and concepts (use a skill, compare, organize); level 3, strategic thinking (reason, "
               "plan, justify); level 4, extended thinking (investigate and connect ideas over time)."),
        "es": ("Profundidad de conocimiento (DOK)", "Qué tan complejo es el razonamiento, según los "
               "cuatro niveles de Webb: nivel 1, recordar y reproducir (recordar un dato, seguir un "
               "procedimiento); nivel 2, habilidades y conceptos (usar una habilidad, comparar, "
               "organizar); nivel 3, pensamiento estratégico (razonar, planear, justificar); nivel 4, "
               "pensamiento extendido (investigar y relacionar ideas a lo largo del tiempo)."),
    },
    "rubric": {
        "en": ("Rubric", "A table that describes what work looks like at each level of the scale, "
               "criterion by criterion. Teachers use it to decide the level a piece of work shows."),
        "es": ("Rúbrica", "Una tabla que describe cómo se ve el trabajo en cada nivel de la escala, "
               "criterio por criterio. Los maestros la usan para decidir el nivel que muestra un "
               "trabajo."),
    },
    "scoring_criteria": {
        "en": ("Scoring criteria", "The rubric of a competency, shared by every objective that "
               "builds it."),
        "es": ("Criterios de evaluación", "La rúbrica de una competencia, compartida por todos los "
               "objetivos que la desarrollan."),
    },
    "mastery": {
        "en": ("Mastery", "The level of the scale a student must reach to show they can do what an "
               "objective asks. In this district it is the level marked \"mastery\" in every rubric."),
        "es": ("Dominio", "El nivel de la escala que un estudiante debe alcanzar para demostrar que "
               "sabe hacer lo que pide un objetivo. En este distrito es el nivel marcado como "
               "\"dominio\" en cada rúbrica."),
    },
    "checkpoint": {
        "en": ("Universal checkpoint", "A competency every student shows in every course, whatever the "
               "subject, such as collaboration and critical thinking."),
        "es": ("Meta para todos los estudiantes", "Una competencia que cada estudiante demuestra en cada curso, sea "
               "cual sea la materia, como la colaboración y el pensamiento crítico."),
    },
    "assessment_type": {
        "en": ("Assessment type", "A way to show mastery: a test, a project, a presentation... Each "
               "objective lists the types allowed for it; every teacher offers all of them."),
        "es": ("Tipo de evaluación", "Una forma de demostrar dominio: una prueba, un proyecto, una "
               "presentación... Cada objetivo indica los tipos permitidos; cada maestro los ofrece "
               "todos."),
    },
    "self_pacing": {
        "en": ("Self-pacing", "Students move on when they have shown mastery, not when the calendar "
               "says so. Some finish a course early; others get more time and support."),
        "es": ("Ritmo propio", "Los estudiantes avanzan cuando han demostrado dominio, no cuando lo "
               "dice el calendario. Algunos terminan antes; otros reciben más tiempo y apoyo."),
    },
    "credit": {
        "en": ("Credit (Carnegie unit)", "What a high-school course counts toward graduation. A "
               "student earns it when every Objective for Mastery of the course is mastered."),
        "es": ("Crédito (unidad Carnegie)", "Lo que un curso de preparatoria cuenta para la "
               "graduación. El estudiante lo obtiene cuando domina cada Objetivo de dominio del curso."),
    },
    "not_yet": {
        "en": ("Not yet", "A teacher has scored the student's work on this objective, but not yet at "
               "mastery. It is not a failing grade: the student keeps learning, with more time and "
               "support, and shows it again when ready."),
        "es": ("Todavía no", "Un maestro calificó el trabajo del estudiante en este objetivo, pero "
               "todavía no al nivel de dominio. No es una calificación reprobatoria: el estudiante "
               "sigue aprendiendo, con más tiempo y apoyo, y lo vuelve a demostrar cuando está listo."),
    },
    "no_score": {
        "en": ("No teacher score yet", "No teacher has scored published work on this objective yet. "
               "The student may not have started it, or has only assessed it themselves or with a "
               "classmate, which does not count toward mastery."),
        "es": ("Sin calificación del maestro", "Ningún maestro ha calificado todavía un trabajo "
               "publicado en este objetivo. Puede que el estudiante no lo haya empezado, o que solo se "
               "haya evaluado a sí mismo o con un compañero, lo cual no cuenta para el dominio."),
    },
    "learner_profile": {
        "en": ("Learner Profile", "The district's private record of a student's progress, objective by "
               "objective, that the student and their family can follow with the teacher. It is never "
               "published: a public portfolio shows only the work a student chose to share."),
        "es": ("Perfil del Estudiante", "El registro privado del distrito con el "
               "progreso de un estudiante, objetivo por objetivo, que el estudiante y su familia pueden "
               "seguir con el maestro. Nunca se publica: un portafolio público muestra solo el trabajo "
               "que el estudiante decidió compartir."),
    },
}

LEVELS: dict[str, dict[str, str]] = {
    "en": {
        "name": "{label} (level {level} of {top})",
        "below": "A level of the district's scale below mastery: the student is still working toward "
                 "what the objective asks, with more time and support.",
        "mastery": "The mastery level of the district's scale: the student has shown they can do what "
                   "the objective asks. A student earns a course by reaching it, or higher, on every "
                   "one of the course's objectives.",
        "above": "A level of the district's scale above mastery: the student goes beyond what the "
                 "objective asks.",
    },
    "es": {
        "name": "{label} (nivel {level} de {top})",
        "below": "Un nivel de la escala del distrito por debajo del dominio: el estudiante todavía "
                 "trabaja para lograr lo que pide el objetivo, con más tiempo y apoyo.",
        "mastery": "El nivel de dominio de la escala del distrito: el estudiante demostró que sabe hacer "
                   "lo que pide el objetivo. Aprueba un curso quien alcanza este nivel o más en todos "
                   "sus objetivos.",
        "above": "Un nivel de la escala del distrito por encima del dominio: el estudiante va más allá "
                 "de lo que pide el objetivo.",
    },
}
"""The entries of the district's scale levels, whose names come from district.yml."""

GLOSSARY = "glossary.md"


def term(key: str, lang: str) -> tuple[str, str]:
    entry = TERMS[key]
    return entry.get(lang, entry["en"])


def anchor(key: str) -> str:
    return key.replace("_", "-")


def level_key(level: int) -> str:
    """The glossary key (and, through `anchor`, the fragment) of a scale level's entry."""
    return f"level_{level}"


def level_entry(level: int, label: str, mastery: int, top: int, lang: str) -> tuple[str, str]:
    """(name, definition) of a scale level: `label` is the district's name for it, plain text."""
    words = LEVELS.get(lang, LEVELS["en"])
    where = "below" if level < mastery else "mastery" if level == mastery else "above"
    return words["name"].format(label=label, level=level, top=top), words[where]
