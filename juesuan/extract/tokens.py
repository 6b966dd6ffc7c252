"""Numbers in running text: amounts with their unit, percentages and counts.

Year numbers (``2023年``), dates, codes and document numbers are not quantities and are
never returned, so no rule can fire on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from juesuan.model.lazyre import lazy
from juesuan.model.numbers import Quantity, parse_number

# Digits with optional thousands separators; a soft break is already joined by Paragraph.
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
COUNT_UNITS = (
    "人次|人|个|辆|台（套）|台\\(套\\)|台|套|家|户|项|名|次|所|条|件|篇|场|期|批|座|间|处|平方米"
)
_AMOUNT = lazy(rf"(?P<num>-?{_NUM})\s*(?P<unit>亿元|万元|元)(?!/)")
_PERCENT = lazy(rf"(?P<num>-?{_NUM})\s*(?P<unit>[%％])")
_COUNT = lazy(rf"(?P<num>{_NUM})\s*(?P<unit>{COUNT_UNITS})(?![/／])")
_YEARISH = lazy(r"^(19|20)\d{2}$")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # amount | percent | count
    q: Quantity
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    """All quantities in ``text`` in order of position, without overlaps."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(original: str) -> tuple[Token, ...]:
    # Several rules read the same paragraph: scan it once. Matching runs on the reading
    # form (full-width digits, 萬元…); each token's text is cut from the original.
    from juesuan.extract.normalize import reading

    text = reading(original)
    found: list[Token] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _AMOUNT.finditer(text):
        found.append(_make("amount", m, original))
        taken.append((m.start(), m.end()))
    for m in _PERCENT.finditer(text):
        if free(m.start(), m.end()):
            found.append(_make("percent", m, original))
            taken.append((m.start(), m.end()))
    for m in _COUNT.finditer(text):
        num = m.group("num")
        if _YEARISH.match(num) and text[m.end("num") : m.end("num") + 1] == "年":
            continue
        if not free(m.start(), m.end()) or "." in num:
            continue
        found.append(_make("count", m, original, exact=True))
        taken.append((m.start(), m.end()))
    found.sort(key=lambda t: t.start)
    return tuple(found)


def _make(kind: str, m: re.Match[str], original: str, exact: bool = False) -> Token:
    unit = m.group("unit")
    if unit == "％":
        unit = "%"
    q = parse_number(m.group("num"), unit, exact=exact)
    return Token(kind, q, m.start(), m.end(), original[m.start() : m.end()])
