"""The narrative's vocabulary as data: direction words, concept aliases, fund scopes,
and which decompositions are complete. Loaded once from ``juesuan/data/*.yaml``."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from juesuan.model.facts import (
    FUND_FISCAL,
    FUND_GENERAL,
    FUND_GOVFUND,
    FUND_SOE,
)
from juesuan.model.lazyre import lazy


def data(name: str) -> Any:
    """``data("direction.yaml")`` -> the parsed ``juesuan/data/direction.yaml``."""
    from juesuan.data import read_yaml

    return read_yaml("juesuan.data", name)


def direction_words() -> dict[str, list[str]]:
    words: dict[str, list[str]] = data("direction.yaml")["amount"]
    return words


def direction_alternation() -> str:
    """A regex alternation of every direction word, longest first."""
    words = sorted({w for ws in direction_words().values() for w in ws}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


def direction_sign(word: str) -> int | None:
    """+1 / −1 / 0 for a definite direction word, None for the template's alternatives."""
    d = direction_words()
    if word in data("cues.yaml")["versus_budget"]["down"]:
        return -1  # 决算数小于预算数X: below the budget
    if word in d["either"]:
        return None
    if word in d["flat"]:
        return 0
    if word in d["down"]:
        return -1
    return 1


def fund_of(text: str) -> str | None:
    """The fund scope named in a text, narrowest first."""
    if "一般公共预算" in text:
        return FUND_GENERAL
    if "政府性基金" in text:
        return FUND_GOVFUND
    if "国有资本经营" in text:
        return FUND_SOE
    if "财政拨款" in text:
        return FUND_FISCAL
    return None


_SCOPE_WORDS = lazy(
    r"本部门|本单位|本级|部门|单位|使用|安排|的|本年度|本年|全年|年度|当年|"
    r"一般公共预算|政府性基金预算|政府性基金|国有资本经营预算|财政拨款|资金"
)
# Words a subject may end with after its concept's name (公务接待费支出, 基本支出决算数).
_TAIL_WORDS = lazy(r"(?:支出|决算数?|预算数?|安排|数|金额|总额|总计|共计|合计)+$")


def canonical(subject: str, department: str = "") -> str:
    """Map a written subject to its concept.

    The subject must be an alias, or an alias preceded only by scope words (本部门使用
    一般公共预算财政拨款安排基本支出 → 基本支出); anything else keeps its own words, so that
    财政对…补助项目支出 is never taken for 项目支出.
    """
    s = subject.replace("(", "（").replace(")", "）").strip()
    if department and s.startswith(department):
        s = s[len(department) :]
    for name, concept in _alias_list():  # longest first
        i = s.rfind(name)
        if i < 0:
            continue
        tail = _TAIL_WORDS.sub("", s[i + len(name) :])
        if only_scope_words(s[:i] + tail):
            return concept
    return s


def only_scope_words(text: str) -> bool:
    """Whether ``text`` says nothing but whose money it is (本部门使用…财政拨款安排的): the
    words that may stand before a concept's name without making it another subject."""
    return not _SCOPE_WORDS.sub("", text)


@cache
def _alias_list() -> list[tuple[str, str]]:
    aliases: dict[str, list[str]] = data("concepts.yaml")["aliases"]
    pairs = [(n.replace("(", "（").replace(")", "）"), c) for c, ns in aliases.items() for n in ns]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def exhaustive() -> dict[str, list[str]]:
    ex: dict[str, list[str]] = data("concepts.yaml")["exhaustive"]
    return ex


def usually_complete() -> dict[str, list[str]]:
    uc: dict[str, list[str]] = data("concepts.yaml")["usually_complete"]
    return uc


# ---- reading --------------------------------------------------------------------------
