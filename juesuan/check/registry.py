"""Every check, in the order they run. One list, one place (cf. beancount's validation)."""

from __future__ import annotations

from juesuan.check import date, required, struct, table, xtable
from juesuan.check.base import Rule

RULES: list[Rule] = [
    date.malformed_year,
    struct.numbering,
    required.required,
    table.row_sums,
    table.levels,
    table.balance,
    table.code_name,
    table.empty_note,
    xtable.across,
    xtable.narrative_vs_tables,
]
