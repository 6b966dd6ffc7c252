"""Words that compare, checked against the statement's own numbers.

- ``决算数大于/小于/等于预算数`` against the final and budget amounts the narrative reader
  bound to the same statement (also when the budget is stated as ``完成预算X的Y%``);
- a negative amount after a direction word (``增加-1,205.30万元``);
- a rate or share written without its % sign (``完成年初预算的112.5，``).
"""

from __future__ import annotations

import re

from juesuan.check.arith_support import yuan
from juesuan.check.base import Context, rule
from juesuan.check.direction import _COMPARE, sign_of
from juesuan.extract.items import Item
from juesuan.extract.narrative import narrative_of
from juesuan.extract.normalize import reading
from juesuan.model.finding import Finding

_WORD = {"高于": "大于", "低于": "小于"}
_NEGATIVE = re.compile(r"(增加|增长|减少|下降|上升|降低)\s*-\s*\d")
_NO_SIGN = re.compile(
    r"(?:完成[^，；。]{0,24}的|占[^，；。]{0,24}的|占比为?|增长|下降|上升|执行率为?|完成率为?)"
    r"(?P<num>\d+\.\d+|\d{1,3})(?=\s*(?:[，；。）]|$))"
)


@rule("text.direction", "决算数大于/小于/等于预算数与陈述的数字一致")
def budget_words(ctx: Context) -> list[Finding]:
    items = narrative_of(ctx).items
    by_para: dict[int, list[Item]] = {}
    for it in items:
        by_para.setdefault(it.para_index, []).append(it)
    out: list[Finding] = []
    for its in by_para.values():
        para = its[0].para
        text = reading(para.text)
        for m in _COMPARE.finditer(text):
            stated = next(
                (
                    x
                    for x in reversed(its)
                    if x.value is not None and x.budget is not None and x.end <= m.start()
                ),
                None,
            )
            if stated is None or stated.value is None or stated.budget is None:
                continue
            it, value, budget = stated, stated.value, stated.budget
            ctx.cache["checks_done"] = ctx.cache.get("checks_done", 0) + 1
            d = sign_of(yuan(value) - yuan(budget))
            said = _WORD.get(m.group(1), m.group(1))
            right = {1: "大于", -1: "小于", None: "等于"}[d]
            if said == right or (said != "等于" and d is None):
                continue
            fixed = m.group(0).replace(m.group(1), right, 1)
            out.append(
                Finding(
                    rule="text.direction",
                    severity="error",
                    message=f"“{it.subject}”决算数{value.text}、预算数{budget.text}，"
                    f"不能说“决算数{m.group(1)}预算数”，应为“{fixed}”",
                    location=para.location(m.start(), m.end()),
                    related=(it.loc(value), it.loc(budget)),
                    expected=right,
                    actual=m.group(1),
                    suggestion=fixed,
                    replacement=fixed,
                )
            )
    return out


@rule("text.sign", "增减额为负数、百分数缺少百分号")
def signs(ctx: Context) -> list[Finding]:
    from juesuan.check.spans import prose

    out: list[Finding] = []
    for para in prose(ctx):
        text = reading(para.text)
        for m in _NEGATIVE.finditer(text):
            out.append(
                Finding(
                    rule="text.sign",
                    severity="warning",
                    message=f"“{m.group(1)}”后的金额为负数，方向应由措辞表达（负的增加即减少）",
                    location=para.location(m.start(), m.end()),
                    actual=para.text[m.start() : m.end()],
                    suggestion="改用相反的方向词并去掉负号",
                )
            )
        for m in _NO_SIGN.finditer(text):
            a, b = m.start("num"), m.end("num")
            out.append(
                Finding(
                    rule="text.sign",
                    severity="warning",
                    message=f"百分数“{para.text[a:b]}”缺少百分号“%”",
                    location=para.location(a, b),
                    expected=f"{para.text[a:b]}%",
                    actual=para.text[a:b],
                    suggestion=f"{para.text[a:b]}%",
                    replacement=f"{para.text[a:b]}%",
                )
            )
    return out
