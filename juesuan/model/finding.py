"""What a check reports: a finding with its location, expected/actual and suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from juesuan.model.document import Location

if TYPE_CHECKING:  # the contract's types cost an import of typing_extensions
    from juesuan.model.contract import FindingJSON

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Location, ...] = ()
    expected: str | None = None
    actual: str | None = None
    suggestion: str | None = None
    section: str = field(default="", compare=False)  # the outline heading it sits under
    # The exact text that should replace the excerpt ("" deletes it), when the rule can
    # compute it; ``juesuan fix`` applies only these. Not part of the JSON contract.
    replacement: str | None = field(default=None, compare=False)

    def as_dict(self) -> FindingJSON:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.as_dict(),
            "related": [r.as_dict() for r in self.related],
            "expected": self.expected,
            "actual": self.actual,
            "suggestion": self.suggestion,
        }

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        return (
            self.location.page or 0,
            self.location.line,
            SEVERITY_ORDER[self.severity],
            self.rule,
        )
