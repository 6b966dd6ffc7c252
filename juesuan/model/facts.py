"""Facts: one stated number with its concept, scope, unit/precision and source location.

Scope keeps apart what a reader must never confuse: the same word 基本支出 means
different amounts for all funds, for 财政拨款 and for 一般公共预算财政拨款; a 决算 figure is
not a 年初预算 figure; this year is not last year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.model.document import Location
from juesuan.model.numbers import Quantity

# Fund scopes, from widest to narrowest.
FUND_ALL = "全部资金"
FUND_FISCAL = "财政拨款"
FUND_GENERAL = "一般公共预算财政拨款"
FUND_GOVFUND = "政府性基金预算财政拨款"
FUND_SOE = "国有资本经营预算财政拨款"

BASIS_FINAL = "决算"
BASIS_BUDGET = "年初预算"

PERIOD_CURRENT = "本年"
PERIOD_PREVIOUS = "上年"


@dataclass(frozen=True, slots=True)
class Scope:
    fund: str = FUND_ALL
    basis: str = BASIS_FINAL
    period: str = PERIOD_CURRENT

    def __str__(self) -> str:
        return f"{self.fund}/{self.basis}/{self.period}"


@dataclass(frozen=True)
class Fact:
    """A stated value. ``concept`` is the normalized subject (本年收入合计, 基本支出,
    社会保障和就业支出, 公务用车保有量…); ``kind`` is amount | percent | count."""

    concept: str
    value: Quantity
    loc: Location
    scope: Scope = Scope()
    kind: str = "amount"
    code: str = ""  # classification code when the text or table gives one (208, 20805…)
    level: str = ""  # 类 | 款 | 项 for function classification subjects
    parent: str = ""  # the enclosing subject (the 类 of a 款) when the text gives it
    para: int = -1  # index of the paragraph it was read from
    extra: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass
class FactSet:
    facts: list[Fact] = field(default_factory=list)

    def add(self, f: Fact) -> Fact:
        self.facts.append(f)
        return f

    def find(self, concept: str, scope: Scope | None = None, kind: str | None = None) -> list[Fact]:
        return [
            f
            for f in self.facts
            if f.concept == concept
            and (scope is None or f.scope == scope)
            and (kind is None or f.kind == kind)
        ]
