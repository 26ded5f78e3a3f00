"""Words of the generated pages in every UI language the site ships.

Content comes from the YAML in any language; these are the fixed words around it. A district can
override any of them per language in mkdocs.yml (`plugins: - hcs: strings: {es: {...}}`).
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "catalog": "Course catalog",
        "catalog_intro": "Every course the district offers, with the grades it serves, the credit it "
        "earns and where students can take it. Open a course to see exactly what a student must "
        "show to earn it.",
        "filter_legend": "Find a course",
        "filter_area": "Subject",
        "filter_band": "School level",
        "filter_program": "Where",
        "filter_text": "Search by name or code",
        "filter_all": "All",
        "filter_count": "courses shown",
        "filter_none": "No course matches these choices.",
        "band_elementary": "Elementary (K-5)",
        "band_middle": "Middle (6-8)",
        "band_high": "High (9-12)",
        "grade": "Grade",
        "grades": "Grades",
        "kindergarten": "Kindergarten",
        "credit": "Credit",
        "credit_none": "no high-school credit",
        "credits_unit": "Carnegie unit",
        "credits_units": "Carnegie units",
        "offered": "Offered at",
        "area": "Subject",
        "status": "Status",
        "status_draft": "Draft",
        "status_vetting": "Under review",
        "status_adopted": "Adopted",
        "status_retired": "Retired",
        "state_code": "State course number",
        "under_review": "Under review",
        "under_review_draft": "A teacher committee is still drafting this. It may change before it "
        "is adopted.",
        "under_review_vetting": "Teachers are reviewing this before the district adopts it. It may "
        "still change.",
        "retired": "This course is retired",
        "retired_replaced": "It has been replaced by",
        "retired_none": "It is no longer offered.",
        "how_it_works": "How this course works",
        "objectives_count": "Objectives for Mastery",
        "credit_rule": "A student earns this course when they show mastery — **{label}** (level "
        "{level}) or higher on the rubric — on every one of its {count} Objectives for Mastery.",
        "pacing": "Pacing",
        "pacing_weeks": "about {weeks} weeks",
        "self_pacing": "Students learn at their own pace: they move on when they show mastery, so "
        "some finish earlier and some take longer. A student who is not there yet gets more time "
        "and support, not a failing grade.",
        "objectives": "Objectives for Mastery",
        "objective": "Objective",
        "dok": "Depth of Knowledge",
        "dok_1": "recall",
        "dok_2": "skills and concepts",
        "dok_3": "strategic thinking",
        "dok_4": "extended thinking",
        "builds": "Builds",
        "assessed_by": "How it can be shown",
        "only": "only",
        "only_note": "This is the only way to show this objective.",
        "suggested_time": "Suggested time",
        "weeks": "weeks",
        "rubric": "Rubric",
        "rubric_caption": "Rubric for {id} {title}. Mastery is {label} (level {level}).",
        "rubric_shared": "This objective uses the scoring criteria of {link}.",
        "criterion": "Criterion",
        "mastery": "mastery",
        "checkpoints": "Checkpoints for every student",
        "checkpoints_intro": "Every student shows these competencies in every course, whatever "
        "the subject:",
        "competencies": "Competencies",
        "competency_areas": "Competency areas",
        "areas_intro": "The competencies every graduate of the district shows, by subject, and "
        "the skills that cross every subject.",
        "kind_content": "Subject",
        "kind_cross-curricular": "Across all subjects",
        "universal": "Checkpoint for every student",
        "indicators": "Performance indicators",
        "scoring_criteria": "Scoring criteria",
        "built_by": "Courses that build this competency",
        "built_by_none": "No course builds this competency yet.",
        "assessment_types": "Assessment types",
        "assessment_intro": "The ways a student can show mastery. Each Objective for Mastery lists "
        "the ways allowed for it, and every teacher offers all of them.",
        "allowed_by": "Objectives that allow it",
        "allowed_by_none": "No objective allows this type yet.",
        "crosswalk": "Crosswalk",
        "crosswalk_intro": "Which courses build which competencies. Each cell lists the "
        "Objectives for Mastery of a course that build the competency.",
        "course": "Course",
        "none": "—",
        "not_translated": "not yet translated",
        "edit_source": "Source",
        "summary": "In short",
        "all_courses": "All courses",
    },
    "es": {
        "catalog": "Catálogo de cursos",
        "catalog_intro": "Todos los cursos del distrito, con los grados, el crédito que otorgan y "
        "dónde se pueden tomar. Abra un curso para ver exactamente lo que un estudiante debe "
        "demostrar para obtenerlo.",
        "filter_legend": "Buscar un curso",
        "filter_area": "Materia",
        "filter_band": "Nivel escolar",
        "filter_program": "Dónde",
        "filter_text": "Buscar por nombre o código",
        "filter_all": "Todos",
        "filter_count": "cursos mostrados",
        "filter_none": "Ningún curso coincide con estas opciones.",
        "band_elementary": "Primaria (K-5)",
        "band_middle": "Secundaria (6-8)",
        "band_high": "Preparatoria (9-12)",
        "grade": "Grado",
        "grades": "Grados",
        "kindergarten": "Kínder",
        "credit": "Crédito",
        "credit_none": "sin crédito de preparatoria",
        "credits_unit": "unidad Carnegie",
        "credits_units": "unidades Carnegie",
        "offered": "Se ofrece en",
        "area": "Materia",
        "status": "Estado",
        "status_draft": "Borrador",
        "status_vetting": "En revisión",
        "status_adopted": "Adoptado",
        "status_retired": "Retirado",
        "state_code": "Número de curso estatal",
        "under_review": "En revisión",
        "under_review_draft": "Un comité de maestros todavía está redactando esto. Puede cambiar "
        "antes de ser adoptado.",
        "under_review_vetting": "Los maestros están revisando esto antes de que el distrito lo "
        "adopte. Todavía puede cambiar.",
        "retired": "Este curso ya no se ofrece",
        "retired_replaced": "Lo reemplaza",
        "retired_none": "Ya no se ofrece.",
        "how_it_works": "Cómo funciona este curso",
        "objectives_count": "Objetivos de dominio",
        "credit_rule": "Un estudiante aprueba este curso cuando demuestra dominio — **{label}** "
        "(nivel {level}) o más en la rúbrica — en cada uno de sus {count} Objetivos de dominio.",
        "pacing": "Ritmo",
        "pacing_weeks": "unas {weeks} semanas",
        "self_pacing": "Cada estudiante aprende a su propio ritmo: avanza cuando demuestra "
        "dominio, así que algunos terminan antes y otros tardan más. Un estudiante que todavía no "
        "lo logra recibe más tiempo y apoyo, no una calificación reprobatoria.",
        "objectives": "Objetivos de dominio",
        "objective": "Objetivo",
        "dok": "Profundidad de conocimiento",
        "dok_1": "recordar",
        "dok_2": "habilidades y conceptos",
        "dok_3": "pensamiento estratégico",
        "dok_4": "pensamiento extendido",
        "builds": "Desarrolla",
        "assessed_by": "Cómo se puede demostrar",
        "only": "única forma",
        "only_note": "Esta es la única forma de demostrar este objetivo.",
        "suggested_time": "Tiempo sugerido",
        "weeks": "semanas",
        "rubric": "Rúbrica",
        "rubric_caption": "Rúbrica de {id} {title}. El dominio es {label} (nivel {level}).",
        "rubric_shared": "Este objetivo usa los criterios de evaluación de {link}.",
        "criterion": "Criterio",
        "mastery": "dominio",
        "checkpoints": "Metas para todos los estudiantes",
        "checkpoints_intro": "Cada estudiante demuestra estas competencias en cada curso, sea cual "
        "sea la materia:",
        "competencies": "Competencias",
        "competency_areas": "Áreas de competencia",
        "areas_intro": "Las competencias que demuestra cada graduado del distrito, por materia, y "
        "las habilidades que atraviesan todas las materias.",
        "kind_content": "Materia",
        "kind_cross-curricular": "En todas las materias",
        "universal": "Meta para todos los estudiantes",
        "indicators": "Indicadores de desempeño",
        "scoring_criteria": "Criterios de evaluación",
        "built_by": "Cursos que desarrollan esta competencia",
        "built_by_none": "Todavía ningún curso desarrolla esta competencia.",
        "assessment_types": "Tipos de evaluación",
        "assessment_intro": "Las formas en que un estudiante puede demostrar dominio. Cada "
        "Objetivo de dominio indica las formas permitidas, y cada maestro las ofrece todas.",
        "allowed_by": "Objetivos que la permiten",
        "allowed_by_none": "Todavía ningún objetivo permite este tipo.",
        "crosswalk": "Tabla de correspondencias",
        "crosswalk_intro": "Qué cursos desarrollan qué competencias. Cada celda indica los "
        "Objetivos de dominio de un curso que desarrollan la competencia.",
        "course": "Curso",
        "none": "—",
        "not_translated": "todavía sin traducir",
        "edit_source": "Fuente",
        "summary": "En resumen",
        "all_courses": "Todos los cursos",
    },
}


def strings(lang: str, overrides: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """The UI words for `lang`, English for any word a language lacks."""
    merged = dict(STRINGS["en"])
    merged.update(STRINGS.get(lang, {}))
    if overrides:
        merged.update(overrides.get(lang, {}))
    return merged
