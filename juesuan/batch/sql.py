"""``juesuan sql OUT "SELECT …"``: a query over a batch's tables, as a table or CSV.

The views are made afresh over the published generation's Parquet files (``OUT/current``,
resolved once) in an in-memory DuckDB, so the folder can be moved or copied and still be
queried, and a query never mixes the tables of two runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from juesuan.batch.schema import TABLES


class DatasetError(Exception):
    """The folder holds no batch dataset, or the query failed (message in Chinese)."""


def query(out: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    import duckdb

    from juesuan.batch.store import current_tables, view_sql

    folder = current_tables(out)  # resolved once: every table from the same run
    missing = [t for t in TABLES if folder is None or not (folder / f"{t}.parquet").exists()]
    if folder is None or missing:
        raise DatasetError(f"{out} 不是 juesuan batch 的输出目录（缺少 {'、'.join(missing)}）")
    con = duckdb.connect()
    try:
        for t in TABLES:
            con.execute(view_sql(t, folder / f"{t}.parquet"))
        try:
            rel = con.execute(sql)
        except duckdb.Error as e:
            raise DatasetError(f"查询失败：{e}") from e
        columns = [d[0] for d in rel.description or []]
        return columns, rel.fetchall()
    finally:
        con.close()


def to_csv(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows(["" if v is None else v for v in r] for r in rows)
    return buf.getvalue()


def to_rich(columns: list[str], rows: list[tuple[Any, ...]]) -> Any:
    from decimal import Decimal

    from rich.table import Table

    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(
            *("" if v is None else f"{v:f}" if isinstance(v, Decimal) else str(v) for v in r)
        )
    return table
