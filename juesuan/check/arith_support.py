"""Shared pieces of the arithmetic checks: intervals of stated numbers, formatting
an expected value the way the document writes it, and resolving a share's whole."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from juesuan.extract.narrative import Item
from juesuan.extract.tokens import Token
from juesuan.extract.vocab import canonical, direction_sign, only_scope_words
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import UNIT_SCALE, Interval, fmt_amount, quantize

F = TypeVar("F")
_TOTAL = lazy(r"合计|总计|总额|总数")

_GENERIC_WHOLE = lazy(r"^(?:本年|全年|本部门)?(?:收入|支出)?(?:合计|总计|总额|总数)?$")


def either(it: Item, check: Callable[[Item], F | None]) -> F | None:
    """A finding on ``it`` only when its other reading (``it.alt``) fails too."""
    found = check(it)
    if found is not None and it.alt is not None and check(it.alt) is None:
        return None
    return found


def yuan(tok: Token) -> Interval:
    """The interval of a stated amount or count, in 元 for amounts."""
    return tok.q.in_yuan() if tok.kind == "amount" else tok.q.interval


def fmt_like(value_yuan: Decimal, like: Token) -> str:
    """Write a value (in 元, or a count) in the unit, precision and style of ``like``."""
    q = like.q
    if like.kind == "count":
        return f"{quantize(value_yuan, 0)}{q.unit}"
    v = value_yuan / UNIT_SCALE.get(q.unit, Decimal(1))
    seps = "," in like.text or abs(v) < 1000
    return f"{fmt_amount(v, max(q.decimals, 0), separators=seps)}{q.unit}"


def fmt_pct_like(value: Decimal, like: Token) -> str:
    d = like.q.decimals
    return f"{quantize(value, d):.{d}f}%"


def pct_point(part: Interval, whole: Interval, right: Interval) -> Decimal:
    """The percentage the stated numbers give taken as written, for an 应为 value.

    ``right`` (every value the roundings allow) decides what is wrong; its middle is skewed
    when a number is coarse (3万元 is 2.5–3.5万元, so 1.71 of it spans 49%–68%, middle 59%,
    while 1.71 ÷ 3 = 57%), and a correction must be the one the written numbers give.
    """
    if whole.mid == 0:
        return right.mid
    v = part.mid / abs(whole.mid) * 100
    return v if right.lo <= v <= right.hi else right.mid


def signed_delta(it: Item) -> list[Interval]:
    """The stated change with its sign; both signs when the word leaves it open."""
    assert it.delta is not None
    d = yuan(it.delta)
    sign = direction_sign(it.delta_word)
    if sign is None:
        return [d, -d]
    if sign == 0:
        return [d.scale(Decimal(0))]
    return [d if sign > 0 else -d]


def base_of(it: Item) -> list[Interval]:
    """The base (last year / budget) stated or implied: value − change."""
    if it.base is not None:
        return [yuan(it.base)]
    if it.value is None or it.delta is None:
        return []
    v = yuan(it.value)
    return [v - d for d in signed_delta(it)]


def likely_base(it: Item) -> Interval | None:
    """One reading of the base for display: the sign the numbers make plausible.

    The checks themselves accept every reading (``base_of``); a message needs one.
    """
    opts = base_of(it)
    if not opts:
        return None
    if len(opts) == 1 or it.value is None:
        return opts[0]
    if it.rate is not None and it.rate.q.value == 100:
        zero = [b for b in opts if b.lo <= 0 <= b.hi]
        if zero:
            return zero[0]
    nonneg = [b for b in opts if b.hi >= 0]
    return nonneg[0] if nonneg else opts[0]


def whole_of(it: Item, earlier: list[Item]) -> Item | None:
    """The whole a share (``占…的X%``) refers to: the parent, or a subject named in it."""
    name = it.share_whole
    if it.parent is not None and it.parent.value is not None:
        p = it.parent
        if not name or _GENERIC_WHOLE.match(name) or _names_match(name, p):
            return p
    if not name:
        return None
    target = canonical(name)
    for cand in reversed(earlier):
        if cand is it or cand.value is None or cand.kind != it.kind:
            continue
        if cand.share is not None and cand.share_whole == name:
            continue  # a fellow part of the same whole (占支出预算总额的91.6%), not the whole
        if cand.concept == target or _names_match(name, cand):
            return cand
    par = it.parent
    if par is not None and par.value is not None and "本年" in name and _TOTAL.search(par.concept):
        return par
    return None


def _names_match(name: str, cand: Item) -> bool:
    n = re.sub(r"本部门|部门|本年|全部|全年|的", "", name)
    s = re.sub(r"本部门|部门|本年|全部|全年|的", "", cand.subject)
    if n.endswith("总额") and not s.endswith("总额"):
        n = n[:-2]  # 支出预算总额 names 部门支出预算 (总额 is no row of its own, unlike 总计)
    if not n or not s:
        return False
    # 支出预算 names the total, not 基本支出预算: a longer subject matches only by scope words.
    return n == s or n.endswith(s) or (s.endswith(n) and only_scope_words(s[: -len(n)]))
