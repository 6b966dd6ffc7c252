"""What every check sees and returns.

A check is a plain function ``(ctx) -> list[Finding]`` carrying a stable rule id; the
ordered list of all checks lives in ``juesuan.check.registry``. ``ctx`` bundles the
document, its facts, its outline and the profile, so that each check stays pure and
can ask for only what it needs. A check that cannot run on a document (no data for it)
raises ``NotApplicable`` with the reason, so the report can say what was not checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from juesuan.model.context import Context
from juesuan.model.finding import Finding

__all__ = ["CheckFn", "Context", "NotApplicable", "Rule", "rule"]


class NotApplicable(Exception):
    """Raised by a check that has nothing to check in this document."""


CheckFn = Callable[[Context], list[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # Chinese, for the report's list of what ran
    fn: CheckFn

    def __call__(self, ctx: Context) -> list[Finding]:
        return self.fn(ctx)


def rule(rule_id: str, title: str) -> Callable[[CheckFn], Rule]:
    """Mark a function as a check with a stable id (``family.name``)."""

    def wrap(fn: CheckFn) -> Rule:
        return Rule(rule_id, title, fn)

    return wrap
