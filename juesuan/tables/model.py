"""The nine public tables as structured rows: what ``juesuan.tables`` hands to checks.

A ``ParsedTable`` is one of the nine tables (``kind`` is its canonical title) gathered over
its continuation pages. Each ``Row`` keeps the classification code (``201``, ``20106``,
``2010601``; economic ``301``, ``30101``), its level (类/款/项), its name as printed
(spaces removed) and one ``Quantity`` per canonical column, each with the location of the
cell it was read from. Two-sided tables (收入|支出; the economic table's two lists) give
each row a ``side``. Blank cells are absent from ``values``: they read as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.model.document import Location
from juesuan.model.numbers import Quantity
from juesuan.tables.names import strip_marker


@dataclass
class Row:
    name: str
    code: str = ""
    level: str = ""  # 类 | 款 | 项 (by code length), "" for lines such as 合计
    side: str = ""
    values: dict[str, Quantity] = field(default_factory=dict)
    cells: dict[str, Location] = field(default_factory=dict)
    loc: Location | None = None
    # an amount ran into the row's name (a wrapped cell read into its neighbour): the row's
    # values cannot be trusted for identities
    suspect: bool = False
    unread: int = 0  # amounts in columns no canonical name matched
    # a second classification printed beside the first (政府经济科目 50101工资奖金津补贴 by
    # 部门经济科目 30101基本工资): one code may then take several lines
    alt: str = ""

    @property
    def label(self) -> str:
        """The row's name without its list marker (``一、一般公共服务支出`` → 一般公共服务支出)."""
        return strip_marker(self.name)

    def get(self, column: str) -> Quantity | None:
        return self.values.get(column)


@dataclass
class ParsedTable:
    kind: str
    title: str
    unit: str
    page: int | None
    line: int | None
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    note: str = ""  # e.g. 注：本单位无政府性基金预算财政拨款支出，故本表无数据。
    title_loc: Location | None = None
    pages: list[int] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # header paths no column matched
    numbers: int = 0  # numeric cells in the body as printed (0: the table holds no data)

    @property
    def empty(self) -> bool:
        return not any(r.values for r in self.rows)

    def find(self, key: str, side: str | None = None) -> Row | None:
        """The row with this code, or with this name (marker stripped); ``a|b`` tries each
        name in turn (regions word the same line differently)."""
        if "|" in key:
            return next((r for k in key.split("|") if (r := self.find(k, side))), None)
        for r in self.rows:
            if side is not None and r.side != side:
                continue
            if key == r.code or (not key.isdigit() and key == r.label):
                return r
        return None

    def value(
        self, key: str, column: str, side: str | None = None
    ) -> tuple[Quantity, Location] | None:
        r = self.find(key, side)
        if r is None or column not in r.values:
            return None
        return r.values[column], r.cells.get(column) or r.loc or Location(self.page, 0, "")
