"""``perf``: the 绩效 self-evaluation — grades vs scores, results vs targets, counts.

Bands and indicator categories are data (``juesuan/data/perf.yaml``); the small
patterns of the self-evaluation text (``绩效自评总分：92分``, ``项目目标为不少于1300人，
完成情况为1391人``) are parsed here with ``juesuan.model.numbers``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from juesuan.check.phrases import data


def grade_of(score: str | Decimal) -> str | None:
    """The grade whose band holds ``score`` (top band includes its upper bound)."""
    try:
        s = Decimal(str(score))
    except InvalidOperation:
        return None
    bands = data("perf")["grade_bands"]
    top = max(Decimal(str(b["hi"])) for b in bands)
    for b in bands:
        lo, hi = Decimal(str(b["lo"])), Decimal(str(b["hi"]))
        if lo <= s < hi or (s == hi == top):
            return str(b["grade"])
    return None


def canonical_grade(word: str) -> str | None:
    for b in data("perf")["grade_bands"]:
        if word == b["grade"] or word in b.get("aliases", []):
            return str(b["grade"])
    return None
