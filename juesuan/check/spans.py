"""Shared text helpers for the text-level checks: sentences, stated amounts, findings.

Checks work on ``Paragraph.text`` (soft breaks joined) and report spans through
``Paragraph.location`` so every finding carries the verbatim excerpt.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.context import Context
from juesuan.model.document import Paragraph
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import UNIT_SCALE, Quantity


def prose(ctx: Context) -> list[Paragraph]:
    """Paragraphs that are running text (not tab-led table rows). Found once per document
    (a dozen rules ask); each caller gets its own list."""
    found = ctx.memo(
        "prose",
        lambda: [p for p in ctx.doc.paragraphs() if not p.first_line.text.startswith("\t")],
    )
    return list(found)


# A stated number: 36,079,450.01 / 6726.40 / 0.0; separators may be followed by spaces.
NUM = r"\d{1,3}(?:[,，]\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
AMOUNT = lazy(rf"(?<![\d.,，])({NUM})\s*(万元|亿元|元)")
PERCENT = lazy(rf"(?<![\d.,，])({NUM})\s*[%％]")
_SENT_END = lazy(r"[。；;！？!?]")


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
    """Amounts as the narrative reader sees them (one number recogniser for all rules)."""
    from juesuan.extract.tokens import tokens

    return [
        Stated(t.q, offset + t.start, offset + t.end) for t in tokens(text) if t.kind == "amount"
    ]


def in_yuan(q: Quantity) -> Decimal:
    return q.value * UNIT_SCALE[q.unit]
