"""Why an artifact file cannot be published, shared by the image and PDF checks."""

from __future__ import annotations


class ArtifactProblem(Exception):
    """Why an artifact cannot be published: a diagnostic code and a message for the student."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint
