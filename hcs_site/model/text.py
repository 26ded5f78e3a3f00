"""Text fields: a plain string in the default language, or a map of language to string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PLACEHOLDER = "TODO -"
"""Marks text a scaffold or an import wrote for a person to replace (`hcs-site validate` flags it
once the item is no longer a draft)."""


@dataclass(frozen=True)
class Text:
    values: tuple[tuple[str, str], ...]
    default_language: str = "en"

    @classmethod
    def of(cls, raw: Any, default_language: str) -> Text:
        if isinstance(raw, dict):
            pairs = tuple((str(k), str(v)) for k, v in raw.items() if isinstance(v, str))
            return cls(pairs, default_language)
        if raw is None:
            return cls((), default_language)
        return cls(((default_language, str(raw)),), default_language)

    def __bool__(self) -> bool:
        return bool(self.values)

    @property
    def languages(self) -> list[str]:
        return [lang for lang, _ in self.values]

    def get(self, lang: str | None = None) -> tuple[str, str]:
        """(text, language it is in): falls back to the default language, then to any."""
        mapping = dict(self.values)
        for candidate in (lang, self.default_language):
            if candidate and candidate in mapping:
                return mapping[candidate], candidate
        if self.values:
            return self.values[0][1], self.values[0][0]
        return "", self.default_language

    def text(self, lang: str | None = None) -> str:
        return self.get(lang)[0]

    def __str__(self) -> str:
        return self.text()
