"""The slips behind a wrong percentage, so a message can say what went wrong.

Called only after a stated percentage has been found impossible; each test asks whether a
known slip, applied to the right value, gives the stated one (within rounding):
the shortfall written for the completion (43% for 57%), the factor written for the
percentage (1.14% for 114%), the current year taken as the base, a value truncated
instead of rounded, the ratio (114%) written for the growth (14%).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from juesuan.model.numbers import HUNDRED, Interval

TRUNCATED = "疑为直接截断而未四舍五入"


def _truncated(right: Interval, stated: Decimal, decimals: int) -> bool:
    step = Decimal(1).scaleb(-decimals)
    lo = right.lo.quantize(step, rounding=ROUND_FLOOR)
    hi = right.hi.quantize(step, rounding=ROUND_FLOOR)
    return lo <= stated <= hi


def common(right: Interval, stated: Interval, decimals: int) -> str | None:
    """Slips any percentage can suffer."""
    if _truncated(right, stated.mid, decimals):
        return TRUNCATED
    if stated.scale(HUNDRED).meets(right):
        return "疑将百分数写成了倍数（漏乘100）"
    if stated.scale(Decimal("0.01")).meets(right):
        return "疑多乘了100"
    return None


def rate(
    right: Interval, stated: Interval, decimals: int, magnitude: Interval, current: Interval | None
) -> str | None:
    """Why a stated growth rate differs from the right one (``right``, in percent)."""
    if current is not None and current.lo > 0:
        on_current = magnitude.div(current)
        if on_current is not None and on_current.scale(HUNDRED).meets(stated):
            return "疑以本年数而非上年数为基数计算"
    if (right + Interval.exact(HUNDRED)).meets(stated):
        return "疑将本年数与上年数之比写作了增减率"
    return common(right, stated, decimals)


def completion(right: Interval, stated: Interval, decimals: int) -> str | None:
    """Why a stated completion rate differs from final ÷ budget."""
    if (Interval.exact(HUNDRED) - right).meets(stated):
        return "疑将未完成的部分写成了完成率"
    inverse = Interval.exact(HUNDRED * HUNDRED).div(right) if right.lo > 0 else None
    if inverse is not None and inverse.meets(stated):
        return "疑将预算数除以决算数"
    return common(right, stated, decimals)
