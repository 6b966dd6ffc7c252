"""The dataset's four tables: their columns and Arrow types, and rows → Arrow tables.

Money in 元 is ``decimal128(20, 2)`` built from the published decimal string, never via
float; a value that 元 with two decimals cannot hold exactly (a unit we do not know, a
figure with more decimals than 分) stays null rather than rounded.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

TABLES = ("documents", "findings", "statements", "cells")

# Amount units and their size in 元.
YUAN_SCALE: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}
_CENT = Decimal("0.01")


def to_yuan(value: str | None, unit: str | None) -> Decimal | None:
    """``value`` (a decimal string in ``unit``) in 元 with two decimals, or None."""
    if value is None or unit not in YUAN_SCALE:
        return None
    try:
        y = Decimal(value) * YUAN_SCALE[unit]
    except InvalidOperation:
        return None
    q = y.quantize(_CENT)
    if q != y or len(q.as_tuple().digits) > 20:
        return None
    return q


def schemas() -> dict[str, pa.Schema]:
    import pyarrow as pa

    s, i32 = pa.string(), pa.int32()
    money = pa.decimal128(20, 2)
    return {
        "documents": pa.schema(
            [
                ("path", s),
                ("sha256", s),
                ("title", s),
                ("kind", s),
                ("region", s),
                ("profile", s),
                ("department", s),
                ("year", i32),
                ("producer", s),
                ("pages", i32),
                ("status", s),
                ("reason", s),
                ("seconds", pa.float64()),
                ("errors", i32),
                ("warnings", i32),
                ("infos", i32),
            ]
        ),
        "findings": pa.schema(
            [
                ("sha256", s),
                ("seq", i32),
                ("rule", s),
                ("family", s),
                ("severity", s),
                ("page", i32),
                ("line", i32),
                ("excerpt", s),
                ("expected", s),
                ("actual", s),
                ("suggestion", s),
                ("message", s),
                ("section", s),
            ]
        ),
        "statements": pa.schema(
            [
                ("sha256", s),
                ("seq", i32),
                ("parent_seq", i32),
                ("subject", s),
                ("concept", s),
                ("level", s),
                ("fund", s),
                ("unit", s),
                ("value", s),
                ("value_yuan", money),
                ("base", s),
                ("base_kind", s),
                ("change", s),
                ("change_words", s),
                ("rate", s),
                ("rate_words", s),
                ("share", s),
                ("share_of", s),
                ("completion", s),
                ("page", i32),
                ("line", i32),
                ("excerpt", s),
            ]
        ),
        "cells": pa.schema(
            [
                ("sha256", s),
                ("table_seq", i32),
                ("table_kind", s),
                ("title", s),
                ("unit", s),
                ("row_seq", i32),
                ("side", s),
                ("row_code", s),
                ("row_level", s),
                ("row_name", s),
                ("column", s),
                ("value", s),
                ("value_yuan", money),
            ]
        ),
    }


def derive(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Columns computed from others, added in one place: family, seq, 元 amounts."""
    if table == "findings":
        for i, r in enumerate(rows):
            r["seq"] = i
            r["family"] = str(r["rule"]).split(".", 1)[0]
    elif table in ("cells", "statements"):
        for r in rows:
            r["value_yuan"] = to_yuan(r.get("value"), r.get("unit"))
    return rows


def to_arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    import pyarrow as pa

    schema = schemas()[table]
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(cols, schema=schema)
