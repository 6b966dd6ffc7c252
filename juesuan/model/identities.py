"""The arithmetic that links stated numbers, shared by ``check`` and ``compose``.

``check`` asks whether stated numbers can all be true at once (intervals); ``compose``
computes the same derived numbers and their wording from exact data. Both go through
these functions, so a composed document passes the check by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.numbers import HUNDRED, ZERO, Interval, percent_of


@dataclass(frozen=True)
class Change:
    """current vs base: signed delta, rate in percent (None when base is zero)."""

    delta: Decimal
    rate: Decimal | None

    @property
    def direction(self) -> str:
        """增加 / 减少 / 持平 for amounts."""
        return "增加" if self.delta > 0 else "减少" if self.delta < 0 else "持平"

    @property
    def rate_word(self) -> str:
        """增长 / 下降 / 持平 for rates."""
        return "增长" if self.delta > 0 else "下降" if self.delta < 0 else "持平"


def change(current: Decimal, base: Decimal) -> Change:
    delta = current - base
    if base == 0:
        # Convention: growth from a zero base is written 100.0% (0 when both are zero).
        return Change(delta, HUNDRED if delta != 0 else ZERO)
    return Change(delta, delta / abs(base) * HUNDRED)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return part / whole * HUNDRED


def unchanged_against(against: str) -> str:
    """``与上年持平``: how a zero change against ``against`` is written (compose and fix)."""
    return f"与{against}持平"


def comparison_word(final: Decimal, budget: Decimal) -> str:
    """决算数大于/小于/等于预算数."""
    return "大于" if final > budget else "小于" if final < budget else "等于"


# ---- interval forms, for checking stated (rounded) numbers ---------------------------


def rate_interval(delta: Interval, base: Interval) -> Interval | None:
    """delta / |base| in percent; None when the base may be zero (rate is conventional)."""
    if base.lo <= 0 <= base.hi:
        return None
    absb = base if base.lo > 0 else -base
    return percent_of(delta, absb)


def share_interval(part: Interval, whole: Interval) -> Interval | None:
    return percent_of(part, whole)


def zero_base_rate_ok(stated: Decimal, delta: Interval) -> bool:
    """Growth on a zero base: 100% (or 0% when nothing changed) is the convention."""
    if delta.lo <= 0 <= delta.hi:
        return stated in (ZERO, HUNDRED)
    return stated == HUNDRED
