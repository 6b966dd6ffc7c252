"""Shared text helpers for the text-level checks: sentences, stated amounts, findings.

Checks work on ``Paragraph.text`` (soft breaks joined) and report spans through
``Paragraph.location`` so every finding carries the verbatim excerpt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.document import Paragraph
from juesuan.model.numbers import Quantity, parse_number

# A stated number: 36,079,450.01 / 6726.40 / 0.0; separators may be followed by spaces.
NUM = r"\d{1,3}(?:[,，]\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
AMOUNT = re.compile(rf"(?<![\d.,，])({NUM})\s*(万元|亿元|元)")
PERCENT = re.compile(rf"(?<![\d.,，])({NUM})\s*[%％]")
_SENT_END = re.compile(r"[。；;！？!?]")


@dataclass(frozen=True)
class Sentence:
    para: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start : self.end]


def sentences(para: Paragraph) -> Iterator[Sentence]:
    """Split a paragraph at 。；！？ (the mark stays with its sentence)."""
    start = 0
    for m in _SENT_END.finditer(para.text):
        yield Sentence(para, start, m.end())
        start = m.end()
    if start < len(para.text):
        yield Sentence(para, start, len(para.text))


@dataclass(frozen=True)
class Stated:
    """A number stated in the text, with its span in the paragraph."""

    q: Quantity
    start: int
    end: int


def amounts(text: str, offset: int = 0) -> list[Stated]:
    out = []
    for m in AMOUNT.finditer(text):
        q = parse_number(m.group(1), m.group(2))
        out.append(Stated(q, offset + m.start(), offset + m.end()))
    return out


def in_yuan(q: Quantity) -> Decimal:
    return q.value * {"元": 1, "万元": 10_000, "亿元": 100_000_000}[q.unit]
