"""One statement of the narrative: a subject and what the text says about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.extract.tokens import Token
from juesuan.model.document import Location, Paragraph
from juesuan.model.facts import PERIOD_PREVIOUS, Scope


@dataclass(eq=False)
class Item:
    """One subject of a statement and everything said about it in the text.

    Amounts are kept by basis: ``value`` is the final (决算) amount, ``budget`` a stated
    budget, ``previous`` a stated last-year amount. ``delta`` is the change against
    ``base_kind`` (上年 or 年初预算) and ``base`` the stated amount of that basis, if any.
    """

    subject: str
    concept: str
    scope: Scope
    kind: str  # amount | count
    para: Paragraph
    para_index: int
    start: int  # where the subject's text starts in the paragraph
    level: str = ""  # 类 / 款 / 项
    other_year: int | None = None  # the subject names a year other than the report's
    value: Token | None = None
    base_kind: str = ""  # 上年 | 年初预算 (the basis of the change)
    budget: Token | None = None
    budget_word: str = ""  # the budget as written (年初预算, 全年预算, 调整预算…)
    previous: Token | None = None
    delta: Token | None = None
    delta_word: str = ""
    delta_word_span: tuple[int, int] = (0, 0)
    rate: Token | None = None
    rate_word: str = ""
    share: Token | None = None
    share_whole: str = ""
    share_base: Token | None = None  # the whole's amount, when the share's clause states it
    completion: Token | None = None
    parts: list[Item] = field(default_factory=list)
    parent: Item | None = None
    twin_of: Item | None = None  # the same value compared again on another basis
    # Another reading of this item's change and rate (the list's total, when a change
    # follows the last part of a list without naming its subject); checks report only
    # what neither reading can make true.
    alt: Item | None = None
    end: int = 0

    @property
    def base(self) -> Token | None:
        """The stated amount the change is measured against."""
        return self.previous if self.base_kind == PERIOD_PREVIOUS else self.budget

    def loc(self, tok: Token | None = None) -> Location:
        if tok is None:
            return self.para.location(self.start, max(self.end, self.start + 1))
        return self.para.location(tok.start, tok.end)

    @property
    def unit(self) -> str:
        return self.value.q.unit if self.value else ""
