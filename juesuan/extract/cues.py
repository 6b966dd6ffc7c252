"""The cue patterns of the narrative reader, built once from ``data/cues.yaml`` and
``data/direction.yaml``.

A cue is matched on the *reading form* of the text (``extract.normalize``) and only within
the clause of its number: the text back to the nearest ，；。：（ or ）, so a word of the
previous clause never decides what a number is.
"""

from __future__ import annotations

import re
from functools import cache

from juesuan.extract.vocab import data, direction_alternation


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def cues() -> dict[str, re.Pattern[str]]:
    c = data("cues.yaml")
    d = direction_alternation()
    prev = rf"(?:{_alt(c['previous'])}|(?P<y>\d{{4}})\s*年度?(?:决算数?)?)"
    # 一般公共预算 / 政府性基金预算 / 国有资本经营预算 name funds, not budgets.
    # 2025年年初预算 / 2025年初预算 (the 年 shared) / 年初预算
    bud = (
        rf"(?:(?:(?P<by>\d{{4}})\s*(?:年度?|(?=年初)))?(?<!公共)(?<!基金)(?<!经营)"
        rf"(?:{_alt(c['budget'])}))"
    )
    cmp_ = _alt(c["compare"])
    yoy = _alt(c["year_on_year"])
    done = _alt(c["completion_words"])
    final = _alt(c["final_words"])
    return {
        # 比上年增加 / 较年初预算，减少 / 同比增长: the change's basis and direction word.
        "delta": re.compile(
            rf"(?:(?:{cmp_})(?:(?P<bud>{bud})|(?P<prev>{prev}))(?:相比|比较)?[，]?"
            rf"|(?P<yoy>{yoy}))(?P<mid>[^，；。]*?)(?P<dir>{d})$"
        ),
        # 决算数大于预算数55.93万元 / 决算数小于年初预算: a change against the budget.
        "versus_budget": re.compile(
            rf"决算数?(?P<dir>{_alt(c['versus_budget']['up'] + c['versus_budget']['down'])})"
            rf"(?P<bud>{bud})(?P<mid>)$"
        ),
        "flat": re.compile(
            rf"^[，]?\s*(?:{cmp_})(?:(?P<bud>{bud})|(?P<prev>{prev}))(?:相比)?[，]?"
            rf"[^，；。]{{0,12}}?(?P<dir>(?:基本)?持平|无增减|无变化|没有变化)"
        ),
        # 比年初预算1,000元（增加…）: a base stated right after 比.
        "base_after_bi": re.compile(rf"(?:比|较)(?P<bud>{bud})$"),
        # 年初预算为1,000元 / 完成年初预算1,000元 (the completion's denominator).
        "budget": re.compile(rf"(?:完成)?(?P<bud>{bud})(?:金额)?(?:为|是)?$"),
        "budget_completion": re.compile(rf"完成(?P<bud>{bud})(?:金额)?$"),
        # 上年决算为1,000元 / 上年为1,000元.
        "previous": re.compile(rf"(?P<prev>{prev})(?:支出)?(?:金额)?(?:为|是)?$"),
        "direction_only": re.compile(rf"^[，]?\s*(?P<dir>{d})$"),
        # 主要原因是人员经费增加990.07万元: a change of a named subject, basis unstated.
        "direction_end": re.compile(rf"(?P<dir>{d})(?:了)?$"),
        "final_after": re.compile(rf"(?:支出)?(?:{final})(?:金额)?(?:为|是)?$"),
        # Percentages, matched on the clause before the number.
        "completion": re.compile(
            # 完成年初预算的92.8% and, as often written, 完成年初预算92.8% (no 的)
            rf"(?:完成|为|达到|占)(?:了)?(?:{bud})(?:[^，；。]*?的)?$|(?:{done})(?:为|是|达)?$"
        ),
        "share": re.compile(r"占比(?:为)?$|占(?P<whole>[^，；。%]*?)的?(?:比重|比例)?(?:为)?$"),
        "rate": re.compile(rf"(?P<dir>{d})(?:幅度|率)?(?:为|了)?$"),
        "rate_basis": re.compile(rf"(?:{cmp_})(?:(?P<bud>{bud})|(?P<prev>{prev}))|(?P<yoy>{yoy})"),
    }
