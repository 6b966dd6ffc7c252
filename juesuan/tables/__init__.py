"""The nine public tables of a disclosure, recognized and read into rows.

Use ``tables_of(ctx)`` (memoized per document) for the list of ``ParsedTable``s, and
``lookup(ctx, kind, key, column)`` for one value with its location::

    from juesuan.tables import tables_of, lookup
    hit = lookup(ctx, "支出决算表", "208", "基本支出")   # (Quantity, Location) | None

``kind`` is the canonical title (see ``kinds.yaml``), ``key`` a classification code or a
row name (list marker such as 一、 stripped), ``column`` a canonical column name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from juesuan.tables.model import ParsedTable, Row

if TYPE_CHECKING:
    from juesuan.model.context import Context
    from juesuan.model.document import Location
    from juesuan.model.numbers import Quantity

__all__ = ["ParsedTable", "Row", "by_kind", "lookup", "table_word", "tables_of"]


def tables_of(ctx: Context) -> list[ParsedTable]:
    from juesuan.tables.parse import parse_tables

    unit = str(ctx.profile.get("amount_unit", "万元"))
    family = ctx.family
    return ctx.memo("tables", lambda: parse_tables(ctx.doc, unit, family))


def by_kind(ctx: Context, kind: str) -> ParsedTable | None:
    return next((t for t in tables_of(ctx) if t.kind == kind), None)


def lookup(
    ctx: Context, kind: str, key: str, column: str, side: str | None = None
) -> tuple[Quantity, Location] | None:
    t = by_kind(ctx, kind)
    return t.value(key, column, side) if t is not None else None


def table_word(family: str) -> str:
    """What a message calls the document's tables: 预算表 in a budget, 决算表 otherwise."""
    return "预算表" if family == "预算" else "决算表"
