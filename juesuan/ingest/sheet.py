"""Spreadsheets (.xls/.xlsx) via python-calamine: each sheet a Table, each row a line.

Cells become ``BoxCell``s with the column as x and the row as −y, merged ranges spanning
their columns and rows, so ``juesuan.tables`` reads sheets with the same geometry as PDF
tables. Numbers are written back as text at cent precision: calamine hands floats, which are
converted through ``repr`` (never float arithmetic) and rounded to the displayed 0.01.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from juesuan.errors import InputError
from juesuan.model.document import BoxCell, Cell, Document, Line, Table


def read_sheet(path: Path, data: bytes) -> Document:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # calamine raises its own error types for corrupt files
        raise InputError(path, f"不是有效的电子表格文件（{type(e).__name__}）") from e
    lines: list[Line] = []
    tables: list[Table] = []
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        rows_raw = sheet.to_python(skip_empty_area=False)
        spans = _spans(sheet)
        rows: list[list[Cell]] = []
        start = len(lines) + 1
        for r, raw in enumerate(rows_raw):
            line = Line("", len(lines) + 1)
            cells: list[Cell] = []
            for c, v in enumerate(raw):
                text = _cell_text(v)
                if not text:
                    continue
                r1, c1 = spans.get((r, c), (r, c))
                cells.append(BoxCell(text, None, line.no, c, c1 + 1, -(r1 + 1), -r))
            line.text = "\t".join(str(_cell_text(v)) for v in raw).rstrip("\t")
            lines.append(line)
            rows.append(cells)
        tables.append(Table(title=name, rows=rows, line=start))
    if not any(line.text.strip() for line in lines):
        raise InputError(path, "电子表格没有内容")
    return Document(path=path, kind=path.suffix.lower().lstrip("."), lines=lines, tables=tables)


def _spans(sheet: object) -> dict[tuple[int, int], tuple[int, int]]:
    """Top-left (row, col) of each merged range → its bottom-right (row, col)."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    try:
        ranges = sheet.merged_cell_ranges or []  # type: ignore[attr-defined]
    except Exception:  # .xls merges are not always available
        return out
    for (r0, c0), (r1, c1) in ranges:
        out[(r0, c0)] = (r1, c1)
    return out


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        d = Decimal(repr(v))
        if d == d.to_integral_value():
            return str(int(d))
        return str(d.quantize(Decimal("0.01"))) if -d.as_tuple().exponent > 2 else repr(v)  # type: ignore[operator]
    return str(v).strip()
