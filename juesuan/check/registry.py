"""Every check, in the order they run. One list, one place (cf. beancount's validation)."""

from __future__ import annotations

from juesuan.check import arith, date, direction, fields, fmt, perf, struct, text, xref
from juesuan.check.base import Rule

RULES: list[Rule] = [
    arith.parts_sum,
    arith.shares,
    arith.changes,
    arith.rates,
    arith.completion,
    arith.averages,
    arith.budget_levels,
    arith.identity_rule,
    xref.conflicts,
    xref.topics,
    date.malformed_year,
    date.report_year,
    struct.numbering,
    text.residue,
    text.placeholder,
    text.duplicate_word,
    text.usage,
    direction.direction,
    fields.empty_field,
    fmt.amount,
    fmt.percent,
    fmt.spacing,
    fmt.punctuation,
    perf.grade,
    perf.target,
    perf.band_counts,
    perf.category,
]
