"""Evaluate the table identities of ``relations.yaml`` with rounding-aware intervals.

Each identity yields a ``Violation`` only when the intervals of its two sides cannot meet
(``eq``) or the covering side is certainly smaller (``ge``); blank cells of an existing
row read as an exact zero. Rows missing from a table skip the identity (other regions name
some lines differently; a missing line is not evidence of an error).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from juesuan.model.document import Location
from juesuan.model.numbers import Interval, Quantity, total
from juesuan.tables.model import ParsedTable, Row


@dataclass(frozen=True)
class Term:
    kind: str
    row: str
    column: str
    side: str | None = None

    def label(self) -> str:
        where = f"{self.side}方" if self.side else ""
        return f"《{self.kind}》{where}“{self.row or '数据行'}”行“{self.column}”"


@dataclass(frozen=True)
class Violation:
    family: str  # table | xtable
    op: str
    lhs: Term
    rhs: tuple[Term, ...]
    lhs_value: Quantity
    rhs_interval: Interval
    loc: Location
    related: tuple[Location, ...]


@cache
def relations() -> dict[str, Any]:
    from juesuan.data import read_yaml

    data: dict[str, Any] = read_yaml("juesuan.tables", "relations.yaml")
    return data


def _term(spec: list[str]) -> Term:
    return Term(spec[0], str(spec[1]), spec[2], spec[3] if len(spec) > 3 else None)


def cell(tables: dict[str, ParsedTable], t: Term) -> tuple[Quantity, Location | None] | bool | None:
    """The cell's value and location; an exact zero for a blank cell of an existing row;
    None when the table or row is missing."""
    table = tables.get(t.kind)
    if table is None:
        return None
    row = table.find(t.row, t.side)
    if row is None:
        return None
    q = row.values.get(t.column)
    if q is None:
        return Quantity(_zero(), table.unit, 0, exact=True), row.loc
    return q, row.cells.get(t.column) or row.loc


def _zero() -> Any:
    from decimal import Decimal

    return Decimal(0)


def scale(q: Quantity, unit: str) -> Interval:
    """A cell's interval in another table's unit (万元 vs 元 tables)."""
    from decimal import Decimal

    from juesuan.model.numbers import UNIT_SCALE

    k = UNIT_SCALE.get(q.unit, Decimal(1)) / UNIT_SCALE.get(unit, Decimal(1))
    return q.interval.scale(k)


def check_cells(tables: dict[str, ParsedTable], family: str) -> list[Violation]:
    out: list[Violation] = []
    for rel in relations().get("cells", []):
        if rel.get("family", "xtable") != family:
            continue
        lhs = _term(rel["lhs"])
        rhs = tuple(_term(s) for s in rel["rhs"])
        left = cell(tables, lhs)
        rights = [cell(tables, r) for r in rhs]
        if not isinstance(left, tuple) or any(not isinstance(r, tuple) for r in rights):
            continue
        lq, lloc = left
        if lloc is None:
            continue
        unit = lq.unit
        acc = total([scale(r[0], unit) for r in rights if isinstance(r, tuple)])
        li = lq.interval
        op = rel.get("op", "eq")
        bad = not li.meets(acc) if op == "eq" else li.hi < acc.lo
        # both sides blank or zero: nothing stated
        if bad:
            related = tuple(r[1] for r in rights if isinstance(r, tuple) and r[1] is not None)
            out.append(Violation(family, op, lhs, rhs, lq, acc, lloc, related))
    return out


def row_sum(row: Row, total_col: str, parts: list[str]) -> tuple[Quantity, Interval] | None:
    """(stated total, interval of the parts) for one row, when the row states a total."""
    q = row.values.get(total_col)
    if q is None:
        if not any(p in row.values for p in parts):
            return None
        q = Quantity(_zero(), "", 0, exact=True)
    acc = total([row.values[p].interval for p in parts if p in row.values])
    return q, acc
