"""What must never reach a public site: field names of the private learner profile.

The schemas are closed, so any of these is already an error; naming it separately lets the
message say *why* ("cannot be published") instead of "unknown field".
"""

from __future__ import annotations

import re

PRIVATE_FIELDS = frozenset(
    {
        # identity
        "full_name", "first_name", "last_name", "surname", "legal_name", "name",
        "birth_date", "birthdate", "date_of_birth", "dob", "birthday", "age",
        "student_number", "student_id", "student_no", "ssn", "gtid", "state_id", "lunch_number",
        # contact details
        "email", "e_mail", "phone", "phone_number", "mobile", "address", "home_address",
        "street", "zip", "zip_code", "parent_email", "guardian_email", "guardian_phone",
        "parent", "parents", "guardian_name", "emergency_contact",
        # demographics
        "gender", "sex", "race", "ethnicity", "demographics", "nationality", "religion",
        "home_language", "ell", "esol", "free_lunch", "frl", "income",
        # disabilities and accommodations
        "disability", "disabilities", "accommodations", "accommodation", "iep", "plan_504",
        "section_504", "504", "medical", "health", "diagnosis", "medications",
        # attendance, discipline, test scores
        "attendance", "absences", "tardies", "discipline", "behavior", "incidents",
        "suspensions", "test_scores", "scores", "gpa", "milestones", "map_scores", "grades_history",
        "photo", "location",
    }
)


def normalize(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", key.strip().lower()).strip("_")


def is_private(key: str) -> bool:
    return normalize(key) in PRIVATE_FIELDS
