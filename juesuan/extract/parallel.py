"""Parallel statements: several subjects and one list of numbers in order.

``收、支总计各是4125.49、4143.91万元。与2021年相比，收、支总计各减少1267.86、2570.97万元，各下降
23.51%、38.28%`` states two subjects (收入总计, 支出总计), each with its value, change and
rate: the n-th number of each list belongs to the n-th subject. Only a list whose length is
the number of subjects is read; anything else is left to the clause-by-clause reader, and
the numbers read here are taken out of its way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.extract.tokens import Token
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import parse_number

_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = r"亿元|万元|元|%|％"
_DIR = r"增加|减少|增长|下降|上升|降低"
# 各是A、B万元 / 分别为A万元、B万元 / 各减少C、D万元 / (各)下降E%、F%
_LIST = lazy(
    rf"(?P<lead>各|分别)?\s*(?P<verb>是|为|达|{_DIR})?\s*"
    rf"(?P<list>(?:{_NUM})\s*(?:{_UNIT})?(?:\s*、\s*(?:{_NUM})\s*(?:{_UNIT})?)+)"
)
_ITEM = lazy(rf"(?P<num>{_NUM})\s*(?P<unit>{_UNIT})?")
_SUBJECTS = lazy(r"(?P<s>[^，；。：、\d]{1,12}(?:、[^，；。：、\d]{1,12})+)\s*$")
_ABBREV = {"收": "收入", "支": "支出"}
_YEAR_WORDS = lazy(r"^(?:\d{4}\s*年度?|本年度?|全年|年度)")


@dataclass
class Parallel:
    """One subject of a parallel statement and its numbers."""

    subject: str
    start: int
    value: Token | None = None
    delta: Token | None = None
    delta_word: str = ""
    rate: Token | None = None
    rate_word: str = ""
    compare: str = ""  # the words before the change (与2021年相比…)
    delta_word_span: tuple[int, int] = (0, 0)
    spans: list[tuple[int, int]] = field(default_factory=list)


def subjects_of(words: str) -> list[str]:
    """收、支总计 → 收入总计, 支出总计; 基本支出、项目支出 → both as written."""
    elems = [e.strip() for e in words.split("、")]
    first, last = elems[0], elems[-1]
    tail = last[len(first) :] if len(last) > len(first) else ""
    out = []
    for e in elems:
        if tail and not e.endswith(tail):
            e = _ABBREV.get(e, e) + tail
        elif tail and e == last:
            head = e[: len(e) - len(tail)]
            e = _ABBREV.get(head, head) + tail
        out.append(e)
    return out


def _tokens(m: re.Match[str], text: str) -> list[Token] | None:
    body = m.group("list")
    at = m.start("list")
    found = list(_ITEM.finditer(body))
    unit = next((x.group("unit") for x in reversed(found) if x.group("unit")), None)
    if unit is None:
        return None
    out = []
    for x in found:
        u = x.group("unit") or unit
        if (u in "%％") != (unit in "%％"):
            return None  # amounts and percentages mixed: not one list
        kind = "percent" if u in "%％" else "amount"
        q = parse_number(x.group("num"), "%" if u == "％" else u)
        a, b = at + x.start(), at + x.end()
        out.append(Token(kind, q, a, b, text[a:b]))
    return out


def read_parallel(text: str) -> list[Parallel]:
    """The parallel statements of a paragraph (in its reading form)."""
    out: list[Parallel] = []
    by_name: dict[str, Parallel] = {}
    last: list[Parallel] = []  # the subjects of the latest list, for a rate list after it
    sentence_start = 0
    for m in _LIST.finditer(text):
        toks = _tokens(m, text)
        if toks is None:
            continue
        s0 = text.rfind("。", 0, m.start()) + 1
        if s0 != sentence_start:
            sentence_start, last = s0, []
        head = text[s0 : m.start()]
        sm = _SUBJECTS.search(head)
        verb = m.group("verb") or ""
        if sm is not None and m.group("lead"):
            words = _YEAR_WORDS.sub("", re.split(r"[，；：]", sm.group("s"))[-1].strip())
            names = subjects_of(words) if "、" in words else []
            if len(names) != len(toks):
                continue
            start = s0 + sm.start()
            items = []
            for name in names:
                p = by_name.get(name)
                if p is None:
                    p = Parallel(name, start)
                    by_name[name] = p
                    out.append(p)
                items.append(p)
            compare = head[: sm.start()]
        elif verb and verb not in "是为达" and last and len(last) == len(toks):
            items, compare = last, ""  # (各)下降23.51%、38.28%: the subjects just listed
        else:
            continue
        role = "rate" if toks[0].kind == "percent" else "delta" if verb not in "是为达" else "value"
        if role == "rate" and (not verb or any(p.delta is None or p.rate for p in items)):
            continue
        if any(getattr(p, role) is not None for p in items):
            continue
        for p, tok in zip(items, toks, strict=True):
            if role == "rate":
                p.rate, p.rate_word = tok, verb
            elif role == "delta":
                p.delta, p.delta_word, p.compare = tok, verb, compare
                p.delta_word_span = m.span("verb")
            else:
                p.value = tok
            p.spans.append((tok.start, tok.end))
        last = items
    return [p for p in out if p.spans]
