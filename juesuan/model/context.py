"""What an analysis of one document works from: the document, its profile and year, and a
cache of what has been derived from it (facts, outline, tables), so that each is computed
once however many rules ask. Extraction, checks and repairs all take a ``Context``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from juesuan.model.document import Document


@dataclass
class Context:
    doc: Document
    profile: dict[str, Any]
    year: int | None = None
    family: str = ""  # 决算 | 预算, as the document says (decides titles that fit both)
    cache: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """Compute a shared artefact (facts, outline, tables) once per document."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]
