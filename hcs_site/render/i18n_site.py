"""Words of the families-first site: its navigation, home page, mastery and contact pages.

Kept apart from i18n.py so that the site's frame can grow without touching every page's words;
`i18n.strings` merges them (a district overrides them the same way, in mkdocs.yml).
"""

from __future__ import annotations

SITE_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "nav_home": "Home",
        "nav_families": "Help for families",
        "nav_staff": "For district staff",
        "nav_explore": "Explore the framework",
        "home_families": "Help for families",
        "home_families_intro": "What mastery means for your child, how to follow their progress "
        "and whom to ask.",
        "home_search": "Search the site",
        "home_search_button": "Search",
        "home_search_hint": "A course, a subject or a word: \"algebra\", \"grade 7\", \"rubric\".",
        "home_by_level": "Courses by school level",
        "home_more": "More about the framework",
        "level_elementary": "Elementary school",
        "level_middle": "Middle school",
        "level_high": "High school",
        "mastery_page": "How mastery works",
        "mastery_page_intro": "In a competency-based district, a student earns a course by showing "
        "mastery of each of its Objectives for Mastery, at their own pace.",
        "mastery_scale": "The district scale",
        "mastery_scale_intro": "Teachers judge each piece of work with the course's rubric, on the "
        "same levels in every school of the district:",
        "mastery_is": "**{level}** is mastery: the level a student must reach on every objective.",
        "mastery_earn": "How a course is earned",
        "mastery_earn_text": "A course is a set of Objectives for Mastery. A student earns the course, "
        "and its credit, once they have shown mastery of every objective. A student who is not there "
        "yet gets more time, more practice and another way to show it: nobody fails an objective "
        "for good.",
        "mastery_rule": "Which score counts",
        "rule_latest": "A student's level on an objective is their most recent score by a teacher: "
        "what they can do now, not the average of their first tries.",
        "rule_highest": "A student's level on an objective is their highest score by a teacher.",
        "rule_average": "A student's level on an objective is the average of their scores by a teacher.",
        "rule_decaying_average": "A student's level on an objective weighs their most recent teacher "
        "score most ({weight}%), then the earlier ones.",
        "rule_n_times": "A student reaches mastery on an objective once a teacher has scored them at "
        "mastery {count} times.",
        "mastery_follow": "Following your child's progress",
        "mastery_follow_text": "Ask your child's teacher where your child stands on each objective "
        "of a course, and read the course page together: each objective says what your child must "
        "be able to do and shows the rubric the teacher uses.",
        "contact_page": "Contact your school",
        "contact_intro": "Questions about a course, your child's progress or this site? Start with "
        "your child's teacher. The school and the district can help too.",
        "contact_district": "The district",
        "contact_schools": "Schools",
        "contact_email": "Email",
        "contact_phone": "Phone",
        "contact_web": "Website",
        "contact_none": "Ask the district office for this school's contact.",
        "first_edition_will_show": "Once the district publishes its next edition, this page will show, "
        "course by course:",
        "first_edition_courses": "courses added, retired or replaced by another course;",
        "first_edition_objectives": "Objectives for Mastery added, removed or reworded, and the ways a "
        "student may show each one;",
        "first_edition_rubrics": "rubric levels that ask for more, or for something else;",
        "first_edition_district": "changes to the district scale or to which score counts.",
        "first_edition_breaking": "A change that may affect a student already in the course will be "
        "marked **may affect students**, and the course page will flag the objectives that changed.",
        "first_edition_now": "Until then, the [course catalog]({catalog}) shows every course as it is "
        "in the {edition} edition.",
    },
    "es": {
        "nav_home": "Inicio",
        "nav_families": "Ayuda para familias",
        "nav_staff": "Para el personal del distrito",
        "nav_explore": "Explorar el marco de competencias",
        "home_families": "Ayuda para familias",
        "home_families_intro": "Qué significa el dominio para su hijo o hija, cómo seguir su progreso "
        "y a quién preguntar.",
        "home_search": "Buscar en el sitio",
        "home_search_button": "Buscar",
        "home_search_hint": "Un curso, una materia o una palabra: \"álgebra\", \"grado 7\", \"rúbrica\".",
        "home_by_level": "Cursos por nivel escolar",
        "home_more": "Más sobre el marco de competencias",
        "level_elementary": "Escuela primaria",
        "level_middle": "Escuela intermedia",
        "level_high": "Escuela secundaria",
        "mastery_page": "Cómo funciona el dominio",
        "mastery_page_intro": "En un distrito basado en competencias, el estudiante aprueba un curso "
        "cuando demuestra dominio de cada uno de sus Objetivos de dominio, a su propio ritmo.",
        "mastery_scale": "La escala del distrito",
        "mastery_scale_intro": "Los maestros evalúan cada trabajo con la rúbrica del curso, con los "
        "mismos niveles en todas las escuelas del distrito:",
        "mastery_is": "**{level}** es el dominio: el nivel que el estudiante debe alcanzar en cada "
        "objetivo.",
        "mastery_earn": "Cómo se aprueba un curso",
        "mastery_earn_text": "Un curso es un conjunto de Objetivos de dominio. El estudiante aprueba el "
        "curso, y obtiene su crédito, cuando ha demostrado dominio de cada objetivo. El estudiante que "
        "todavía no lo logra recibe más tiempo, más práctica y otra forma de demostrarlo: nadie "
        "reprueba un objetivo para siempre.",
        "mastery_rule": "Qué calificación cuenta",
        "rule_latest": "El nivel de un estudiante en un objetivo es su calificación más reciente de un "
        "maestro: lo que sabe hacer ahora, no el promedio de sus primeros intentos.",
        "rule_highest": "El nivel de un estudiante en un objetivo es su calificación más alta de un "
        "maestro.",
        "rule_average": "El nivel de un estudiante en un objetivo es el promedio de sus calificaciones "
        "de un maestro.",
        "rule_decaying_average": "El nivel de un estudiante en un objetivo da más peso a su calificación "
        "más reciente de un maestro ({weight} %) y menos a las anteriores.",
        "rule_n_times": "Un estudiante alcanza el dominio de un objetivo cuando un maestro lo ha "
        "calificado con dominio {count} veces.",
        "mastery_follow": "Cómo seguir el progreso de su hijo o hija",
        "mastery_follow_text": "Pregunte al maestro en qué punto está su hijo o hija en cada objetivo "
        "de un curso, y lean juntos la página del curso: cada objetivo dice lo que su hijo o hija "
        "debe saber hacer y muestra la rúbrica que usa el maestro.",
        "contact_page": "Contacte a su escuela",
        "contact_intro": "¿Preguntas sobre un curso, el progreso de su hijo o hija o este sitio? "
        "Empiece por el maestro. La escuela y el distrito también pueden ayudarle.",
        "contact_district": "El distrito",
        "contact_schools": "Escuelas",
        "contact_email": "Correo electrónico",
        "contact_phone": "Teléfono",
        "contact_web": "Sitio web",
        "contact_none": "Pida a la oficina del distrito el contacto de esta escuela.",
        "first_edition_will_show": "Cuando el distrito publique su próxima edición, esta página mostrará, "
        "curso por curso:",
        "first_edition_courses": "los cursos nuevos, retirados o reemplazados por otro curso;",
        "first_edition_objectives": "los Objetivos de dominio nuevos, eliminados o reescritos, y las "
        "formas en que el estudiante puede demostrar cada uno;",
        "first_edition_rubrics": "los niveles de las rúbricas que piden más, o algo distinto;",
        "first_edition_district": "los cambios en la escala del distrito o en qué calificación cuenta.",
        "first_edition_breaking": "Un cambio que pueda afectar a un estudiante que ya está en el curso se "
        "marcará **puede afectar a los estudiantes**, y la página del curso señalará los objetivos que "
        "cambiaron.",
        "first_edition_now": "Mientras tanto, el [catálogo de cursos]({catalog}) muestra cada curso tal "
        "como está en la edición {edition}.",
    },
}
