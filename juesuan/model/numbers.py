"""Stated numbers as intervals: the rounding-aware arithmetic of DESIGN.md.

A published number is rounded, so ``16.4%`` stands for every value in [16.35, 16.45]
and ``2,106.66`` for [2106.655, 2106.665]. An identity is violated only when the
intervals of its two sides cannot meet. Everything is ``Decimal``; nothing is float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from juesuan.model.lazyre import lazy

ZERO = Decimal(0)
HUNDRED = Decimal(100)

UNIT_SCALE: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval [lo, hi] of Decimals."""

    lo: Decimal
    hi: Decimal

    @staticmethod
    def exact(v: Decimal | int) -> Interval:
        d = Decimal(v)
        return Interval(d, d)

    def __add__(self, o: Interval) -> Interval:
        return Interval(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: Interval) -> Interval:
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, o: Interval) -> Interval:
        ps = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(ps), max(ps))

    def scale(self, k: Decimal) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def div(self, o: Interval) -> Interval | None:
        """Quotient, or None when the divisor interval contains zero (anything goes)."""
        if o.lo <= 0 <= o.hi:
            return None
        with localcontext() as ctx:
            ctx.prec = 34
            qs = (self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi)
        return Interval(min(qs), max(qs))

    def meets(self, o: Interval) -> bool:
        return self.lo <= o.hi and o.lo <= self.hi

    def contains(self, v: Decimal) -> bool:
        return self.lo <= v <= self.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def total(items: list[Interval]) -> Interval:
    acc = Interval.exact(0)
    for i in items:
        acc = acc + i
    return acc


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written: its value, its unit and the precision it was written to.

    ``exponent`` is the Decimal exponent of the last written digit (−2 for ``0.01``),
    ``exact`` marks counts and other values that are not rounded.
    """

    value: Decimal
    unit: str = ""
    exponent: int = 0
    exact: bool = False

    @property
    def half_ulp(self) -> Decimal:
        if self.exact:
            return ZERO
        return Decimal(5).scaleb(self.exponent - 1)

    @property
    def interval(self) -> Interval:
        h = self.half_ulp
        return Interval(self.value - h, self.value + h)

    def in_yuan(self) -> Interval:
        """The interval in 元 (amounts in 万元/亿元 are scaled, precision kept)."""
        return self.interval.scale(UNIT_SCALE.get(self.unit, Decimal(1)))

    @property
    def decimals(self) -> int:
        return max(0, -self.exponent)


_NUM_CLEAN = lazy(r"[,，\s]")


def parse_number(text: str, unit: str = "", exact: bool = False) -> Quantity:
    """Parse ``36,079,450.01`` (separators and soft breaks allowed) into a Quantity."""
    clean = _NUM_CLEAN.sub("", text).replace("．", ".")
    neg = clean.startswith(("-", "－", "−"))
    if neg:
        clean = clean[1:]
    d = Decimal(clean)
    exp = d.as_tuple().exponent
    assert isinstance(exp, int)
    return Quantity(-d if neg else d, unit, exp, exact)


def quantize(v: Decimal, decimals: int) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt_amount(v: Decimal, decimals: int = 2, separators: bool = True) -> str:
    """``34118241.37`` -> ``34,118,241.37``."""
    decimals = max(decimals, 0)  # a value written as 1E+2 has no decimals, not -2
    q = quantize(v, decimals)
    s = f"{q:,.{decimals}f}" if separators else f"{q:.{decimals}f}"
    return s


def fmt_percent(v: Decimal, decimals: int = 1) -> str:
    return f"{quantize(v, decimals):.{decimals}f}%"


def percent_of(part: Interval, whole: Interval) -> Interval | None:
    r = part.div(whole)
    return r.scale(HUNDRED) if r is not None else None


def pick_display(interval: Interval, decimals: int) -> Decimal:
    """A rounded value to suggest for an interval (its midpoint at the given precision)."""
    return quantize(interval.mid, decimals)
