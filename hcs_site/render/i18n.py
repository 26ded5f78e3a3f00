"""Words of the generated pages in every UI language the site ships.

Content comes from the YAML in any language; these are the fixed words around it. A district can
override any of them per language in mkdocs.yml (`plugins: - hcs: strings: {es: {...}}`).
"""

from __future__ import annotations

from .i18n_site import SITE_STRINGS

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
        "filter_count_one": "1 course shown",
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
        "credit_rule": "A student earns this course when they show {mastery} — **{label}** (level "
        "{level}) or higher on the rubric — on every one of its {count} Objectives for Mastery.",
        "pacing": "Pacing",
        "pacing_weeks": "about {weeks} weeks",
        "self_pacing_term": "Self-pacing",
        "checkpoints_word": "checkpoint competencies",
        "objective_word": "Objective for Mastery",
        "dok_word": "Depth of Knowledge",
        "assessment_types_word": "assessment types",
        "rubric_word": "rubric",
        "competency_word": "competency",
        "indicators_word": "performance indicators",
        "scoring_criteria_word": "scoring criteria",
        "area_glance": "{title} has {count} competencies, built by {courses} courses.",
        "self_pacing": "Students learn at their own pace: they move on when they show mastery, so "
        "some finish earlier and some take longer. A student who is not there yet gets more time "
        "and support, not a failing grade.",
        "objectives": "Objectives for Mastery",
        "objective": "Objective",
        "dok": "Depth of Knowledge",
        "state_standards": "State standards",
        "standards_source": "Imported from",
        "standards_count": "standards",
        "standards_by_course": "Standards each course covers",
        "standards_uncovered": "Standards no objective covers",
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
        "checkpoints_intro": "Every student shows these {checkpoints} in every course, whatever "
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
        "home_intro": "What every course of the district expects of students, how it is assessed, "
        "and what mastery looks like.",
        "glossary": "Glossary",
        "glossary_intro": "The words this site uses about competency-based learning, in plain "
        "language.",
        "not_translated_parts": "some text not yet translated",
        "reading_guide": "Below, each {objective} shows how complex its thinking is (its {dok}), "
        "the {assessment_types} a student may choose from, and its {rubric}: the column marked "
        "*mastery* is the level to reach.",
        "area_guide": "Each {competency} below is described by its {indicators} and judged with its "
        "{scoring_criteria}, and lists the courses that build it.",
        "at_a_glance": "{title} is for {grade_word} {grades}. It has {count} Objectives for "
        "Mastery{weeks}.",
        "grade_lower": "grade",
        "grades_lower": "grades",
        "at_a_glance_weeks": " and usually takes about {weeks} weeks",
        # Portfolios
        "portfolios": "Student portfolios",
        "portfolios_intro": "Students publish evidence of their learning, their goals and their "
        "reflections, with their family's consent. Choose a school to see its students' portfolios.",
        "portfolios_privacy": "A portfolio shows a first name and a last initial only. It never "
        "shows contact details, student numbers or anything from a student's records.",
        "portfolio_count": "{count} portfolios",
        "portfolio_count_one": "1 portfolio",
        "school_portfolios": "Portfolios at {school}",
        "school_intro": "Students of {school} who chose to publish their learning, by first name.",
        "portfolio_of": "Portfolio of {name}",
        "school": "School",
        "about_me": "About me",
        "my_goals": "My goals",
        "goal_planned": "Planned",
        "goal_in-progress": "In progress",
        "goal_achieved": "Achieved",
        "goal_builds": "builds",
        "interests": "Interests",
        "learning_path": "My learning path",
        "path_planned": "Planned",
        "path_in-progress": "In progress",
        "path_completed": "Completed",
        "path_progress": "{mastered} of {count} objectives mastered in this portfolio",
        "my_evidence": "My evidence",
        "no_evidence": "No evidence published yet.",
        "date": "Date",
        "evidence": "Evidence",
        "level": "Level",
        "mastery_map": "Mastery map",
        "mastery_map_of": "Mastery map of {name}",
        "mastery_map_link": "See where I stand on every objective",
        "mastery_teacher_only": "Only scores given by a teacher count toward mastery; scores a "
        "student gave themselves or a classmate gave are part of the reflection, not of mastery.",
        "rule_latest": "The level shown is the most recent teacher score. An objective is mastered "
        "when that score is **{label}** (level {level}) or higher.",
        "rule_highest": "The level shown is the highest teacher score. An objective is mastered "
        "when it is **{label}** (level {level}) or higher.",
        "rule_average": "The level shown is the average of the teacher scores, rounded down to one "
        "decimal. An objective is mastered when the average is {level} (**{label}**) or higher.",
        "rule_decaying_average": "The level shown is a decaying average of the teacher scores: each "
        "new score counts {weight} % and everything before it {rest} %. An objective is mastered "
        "when it is {level} (**{label}**) or higher.",
        "rule_n_times": "An objective is mastered when a teacher has scored it **{label}** (level "
        "{level}) or higher at least {count} times. The level shown is the most recent score.",
        "scores": "Teacher scores, oldest first",
        "scores_short": "Teacher scores",
        "mastered": "Mastered",
        "not_yet": "Not yet",
        "no_score": "No teacher score yet",
        "times_at_mastery": "{times} of {count} times",
        "course_earned": "Course earned",
        "course_earned_detail": "every Objective for Mastery is mastered",
        "course_progress": "{mastered} of {count} Objectives for Mastery mastered",
        "map_empty": "No course on the learning path yet.",
        "reflection": "Reflection",
        "artifacts": "My work",
        "artifact_pdf": "Open the PDF",
        "objectives_shown": "Objectives for Mastery shown",
        "also_shows": "Also shows",
        "assessment": "Assessment",
        "scored_by": "Scored by",
        "scored_by_teacher": "Teacher",
        "scored_by_self": "Self-assessment",
        "scored_by_peer": "A classmate",
        "not_scored": "Not scored",
        "counts_note": "This score counts toward mastery.",
        "mastery_reached": "mastery level",
        "map_scope": "The map counts only the evidence published in this portfolio.",
        "self_note": "Not a teacher score: it does not count toward mastery.",
        "back_to_portfolio": "Back to the portfolio of {name}",
        "exemplars": "What mastery looks like",
        "exemplars_intro": "Published student work a teacher scored at mastery or above:",
        # What changed between editions
        "what_changed": "What changed",
        "what_changed_since": "What changed since {edition}",
        "what_changed_first": "What changed in this edition",
        "what_changed_first_intro": "This is the first edition of the expectations published on this "
        "site, so there is nothing to compare it with yet. From the next edition on, this page lists "
        "every change to the courses, objectives, rubrics and competencies since the previous one.",
        "what_changed_intro": "The {edition} edition changes the expectations below since the {previous} "
        "edition. A change marked **may affect students** means that a student who was on track could "
        "now have more to show, fewer ways to show it, or something already shown that no longer "
        "counts: talk with the teacher if your child is in that course.",
        "what_changed_none": "Nothing in the courses, objectives, rubrics or competencies changed since "
        "the {previous} edition.",
        "what_changed_count": "{changes} changes, {breaking} of which may affect students.",
        "change_breaking": "may affect students",
        "change_before": "Before",
        "change_after": "After",
        "change_open": "Open the current page",
        "change_district": "District-wide settings",
        "changed_since": "Changed since {edition}",
        "new_since": "New since {edition}",
        "outdated": "You are viewing an older edition of these expectations.",
        "outdated_link": "See the current edition.",
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
        "filter_count_one": "1 curso mostrado",
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
        "credit_rule": "Un estudiante aprueba este curso cuando demuestra {mastery} — **{label}** "
        "(nivel {level}) o más en la rúbrica — en cada uno de sus {count} Objetivos de dominio.",
        "pacing": "Ritmo",
        "pacing_weeks": "unas {weeks} semanas",
        "self_pacing_term": "Ritmo propio",
        "checkpoints_word": "competencias de meta",
        "objective_word": "Objetivo de dominio",
        "dok_word": "profundidad de conocimiento",
        "assessment_types_word": "tipos de evaluación",
        "rubric_word": "rúbrica",
        "competency_word": "competencia",
        "indicators_word": "indicadores de desempeño",
        "scoring_criteria_word": "criterios de evaluación",
        "area_glance": "{title} tiene {count} competencias, desarrolladas por {courses} cursos.",
        "self_pacing": "Cada estudiante aprende a su propio ritmo: avanza cuando demuestra "
        "dominio, así que algunos terminan antes y otros tardan más. Un estudiante que todavía no "
        "lo logra recibe más tiempo y apoyo, no una calificación reprobatoria.",
        "objectives": "Objetivos de dominio",
        "objective": "Objetivo",
        "dok": "Profundidad de conocimiento",
        "state_standards": "Estándares estatales",
        "standards_source": "Importados de",
        "standards_count": "estándares",
        "standards_by_course": "Estándares que cubre cada curso",
        "standards_uncovered": "Estándares que ningún objetivo cubre",
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
        "checkpoints_intro": "Cada estudiante demuestra estas {checkpoints} en cada curso, sea cual "
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
        "home_intro": "Lo que cada curso del distrito espera de los estudiantes, cómo se evalúa y "
        "cómo se ve el dominio.",
        "glossary": "Glosario",
        "glossary_intro": "Las palabras que usa este sitio sobre el aprendizaje basado en "
        "competencias, en lenguaje sencillo.",
        "not_translated_parts": "parte del texto todavía sin traducir",
        "reading_guide": "Más abajo, cada {objective} indica qué tan complejo es su razonamiento (su "
        "{dok}), los {assessment_types} entre los que el estudiante puede elegir y su {rubric}: la "
        "columna marcada *dominio* es el nivel que hay que alcanzar.",
        "area_guide": "Cada {competency} se describe con sus {indicators} y se evalúa con sus "
        "{scoring_criteria}, e indica los cursos que la desarrollan.",
        "at_a_glance": "{title} es para {grade_word} {grades}. Tiene {count} Objetivos de "
        "dominio{weeks}.",
        "grade_lower": "el grado",
        "grades_lower": "los grados",
        "at_a_glance_weeks": " y suele tomar unas {weeks} semanas",
        # Portfolios
        "portfolios": "Portafolios de estudiantes",
        "portfolios_intro": "Los estudiantes publican evidencia de su aprendizaje, sus metas y sus "
        "reflexiones, con el consentimiento de su familia. Elija una escuela para ver los "
        "portafolios de sus estudiantes.",
        "portfolios_privacy": "Un portafolio muestra solo el nombre y la inicial del apellido. "
        "Nunca muestra datos de contacto, números de estudiante ni nada de su expediente.",
        "portfolio_count": "{count} portafolios",
        "portfolio_count_one": "1 portafolio",
        "school_portfolios": "Portafolios de {school}",
        "school_intro": "Estudiantes de {school} que decidieron publicar su aprendizaje, por nombre.",
        "portfolio_of": "Portafolio de {name}",
        "school": "Escuela",
        "about_me": "Sobre mí",
        "my_goals": "Mis metas",
        "goal_planned": "Planeada",
        "goal_in-progress": "En progreso",
        "goal_achieved": "Lograda",
        "goal_builds": "desarrolla",
        "interests": "Intereses",
        "learning_path": "Mi trayectoria de aprendizaje",
        "path_planned": "Planeado",
        "path_in-progress": "En curso",
        "path_completed": "Terminado",
        "path_progress": "{mastered} de {count} objetivos dominados en este portafolio",
        "my_evidence": "Mi evidencia",
        "no_evidence": "Todavía no hay evidencia publicada.",
        "date": "Fecha",
        "evidence": "Evidencia",
        "level": "Nivel",
        "mastery_map": "Mapa de dominio",
        "mastery_map_of": "Mapa de dominio de {name}",
        "mastery_map_link": "Ver dónde estoy en cada objetivo",
        "mastery_teacher_only": "Solo cuentan para el dominio las calificaciones de un maestro; las "
        "que el estudiante se da a sí mismo o que le da un compañero son parte de la reflexión.",
        "rule_latest": "El nivel que se muestra es la calificación más reciente del maestro. Un "
        "objetivo está dominado cuando esa calificación es **{label}** (nivel {level}) o más.",
        "rule_highest": "El nivel que se muestra es la calificación más alta del maestro. Un "
        "objetivo está dominado cuando es **{label}** (nivel {level}) o más.",
        "rule_average": "El nivel que se muestra es el promedio de las calificaciones del maestro, "
        "redondeado hacia abajo a un decimal. Un objetivo está dominado cuando el promedio es "
        "{level} (**{label}**) o más.",
        "rule_decaying_average": "El nivel que se muestra es un promedio ponderado: cada nueva "
        "calificación cuenta un {weight} % y todo lo anterior un {rest} %. Un objetivo está "
        "dominado cuando es {level} (**{label}**) o más.",
        "rule_n_times": "Un objetivo está dominado cuando un maestro lo ha calificado **{label}** "
        "(nivel {level}) o más al menos {count} veces. El nivel que se muestra es el más reciente.",
        "scores": "Calificaciones del maestro, de la más antigua a la más reciente",
        "scores_short": "Calificaciones del maestro",
        "mastered": "Dominado",
        "not_yet": "Todavía no",
        "no_score": "Sin calificación del maestro",
        "times_at_mastery": "{times} de {count} veces",
        "course_earned": "Curso aprobado",
        "course_earned_detail": "todos los Objetivos de dominio están dominados",
        "course_progress": "{mastered} de {count} Objetivos de dominio dominados",
        "map_empty": "Todavía no hay cursos en la trayectoria.",
        "reflection": "Reflexión",
        "artifacts": "Mi trabajo",
        "artifact_pdf": "Abrir el PDF",
        "objectives_shown": "Objetivos de dominio que demuestra",
        "also_shows": "También demuestra",
        "assessment": "Evaluación",
        "scored_by": "Calificado por",
        "scored_by_teacher": "Maestro",
        "scored_by_self": "Autoevaluación",
        "scored_by_peer": "Un compañero",
        "not_scored": "Sin calificar",
        "counts_note": "Esta calificación cuenta para el dominio.",
        "mastery_reached": "nivel de dominio",
        "map_scope": "El mapa cuenta solo la evidencia publicada en este portafolio.",
        "self_note": "No es una calificación del maestro: no cuenta para el dominio.",
        "back_to_portfolio": "Volver al portafolio de {name}",
        "exemplars": "Cómo se ve el dominio",
        "exemplars_intro": "Trabajos publicados de estudiantes que un maestro calificó con dominio o más:",
        # Qué cambió entre ediciones
        "what_changed": "Qué cambió",
        "what_changed_since": "Qué cambió desde {edition}",
        "what_changed_first": "Qué cambió en esta edición",
        "what_changed_first_intro": "Esta es la primera edición de las expectativas publicada en este "
        "sitio, así que todavía no hay con qué compararla. A partir de la próxima edición, esta página "
        "indica cada cambio en los cursos, objetivos, rúbricas y competencias desde la anterior.",
        "what_changed_intro": "La edición {edition} cambia las expectativas que siguen desde la edición "
        "{previous}. Un cambio marcado **puede afectar a los estudiantes** significa que un estudiante "
        "que iba bien podría ahora tener más que demostrar, menos formas de demostrarlo, o algo ya "
        "demostrado que ya no cuenta: hable con el maestro si su hijo o hija está en ese curso.",
        "what_changed_none": "Nada cambió en los cursos, objetivos, rúbricas ni competencias desde la "
        "edición {previous}.",
        "what_changed_count": "{changes} cambios, de los cuales {breaking} pueden afectar a los "
        "estudiantes.",
        "change_breaking": "puede afectar a los estudiantes",
        "change_before": "Antes",
        "change_after": "Ahora",
        "change_open": "Abrir la página actual",
        "change_district": "Ajustes de todo el distrito",
        "changed_since": "Cambió desde {edition}",
        "new_since": "Nuevo desde {edition}",
        "outdated": "Está viendo una edición anterior de estas expectativas.",
        "outdated_link": "Ver la edición actual.",
    },
}


def strings(lang: str, overrides: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """The UI words for `lang`, English for any word a language lacks."""
    merged = dict(STRINGS["en"])
    merged.update(SITE_STRINGS["en"])
    merged.update(STRINGS.get(lang, {}))
    merged.update(SITE_STRINGS.get(lang, {}))
    if overrides:
        merged.update(overrides.get(lang, {}))
    return merged
