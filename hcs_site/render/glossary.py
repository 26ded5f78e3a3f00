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
        "en": ("Depth of Knowledge (DOK)", "How complex the thinking is, from 1 (recall a fact) and "
               "2 (use a skill) to 3 (reason and plan) and 4 (extended work over time)."),
        "es": ("Profundidad de conocimiento (DOK)", "Qué tan complejo es el razonamiento: de 1 "
               "(recordar un dato) y 2 (usar una habilidad) a 3 (razonar y planear) y 4 (trabajo "
               "extendido en el tiempo)."),
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
        "en": ("Checkpoint", "A competency every student shows in every course, whatever the "
               "subject, such as collaboration and critical thinking."),
        "es": ("Meta para todos", "Una competencia que cada estudiante demuestra en cada curso, sea "
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
}

GLOSSARY = "glossary.md"


def term(key: str, lang: str) -> tuple[str, str]:
    entry = TERMS[key]
    return entry.get(lang, entry["en"])


def anchor(key: str) -> str:
    return key.replace("_", "-")
