"""Spreadsheets (.xls/.xlsx) via python-calamine: each sheet a Table, each row a line.

A sheet is read like a PDF page: its lines carry the sheet's 1-based index as ``page``, its
name as ``sheet`` and the spreadsheet row number as ``no``, so a table's title is looked for
in its own sheet only (never in the rows of the sheet before it) and every location names
the sheet and the row a user sees in Excel. A sheet whose rows hold no recognizable title
gets the sheet name as its grid title.

Cells become ``BoxCell``s with the column as x and the row as −y, merged ranges spanning
their columns and rows, so ``juesuan.tables`` reads sheets with the same geometry as PDF
tables. Numbers are written back as text at cent precision: calamine hands floats, which are
converted through ``repr`` (never float arithmetic) and rounded to the displayed 0.01.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.errors import InputError
from juesuan.model.document import BoxCell, Cell, Document, Line, Location, Table


def read_sheet(path: Path, data: bytes) -> Document:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # calamine raises its own error types for corrupt files
        raise InputError(path, f"不是有效的电子表格文件（{type(e).__name__}）") from e
    lines: list[Line] = []
    tables: list[Table] = []
    notes: list[str] = []
    coded = _compose_coded_sheets(wb)  # None unless this is compose's input workbook
    if coded is not None:
        notes.append(COMPOSE_INPUT_NOTE)
    for page, name in enumerate(wb.sheet_names, start=1):
        sheet = wb.get_sheet_by_name(name)
        rows_raw = sheet.to_python(skip_empty_area=False)
        spans = _spans(sheet)
        rows: list[list[Cell]] = []
        for r, raw in enumerate(rows_raw):
            line = Line("", r + 1, page=page, sheet=name)
            cells: list[Cell] = []
            for c, v in enumerate(raw):
                text = _cell_text(v)
                if not text:
                    continue
                r1, c1 = spans.get((r, c), (r, c))
                cells.append(BoxCell(text, page, line.no, c, c1 + 1, -(r1 + 1), -r))
            line.text = "\t".join(str(_cell_text(v)) for v in raw).rstrip("\t")
            lines.append(line)
            if coded and name in coded and r >= 3 and cells and max(_col(c) for c in cells) <= 1:
                cells = []  # a 类/款 label row: compose computes its sums (see the note)
            rows.append(cells)
        tables.append(Table(title=name, rows=rows, page=page, line=1))
    if not any(line.text.strip() for line in lines):
        raise InputError(path, "电子表格没有内容")
    return Document(
        path=path,
        kind=path.suffix.lower().lstrip("."),
        lines=lines,
        tables=tables,
        sheets=list(wb.sheet_names),
        notes=notes,
    )


COMPOSE_INPUT_NOTE = (
    "这是 juesuan template 生成的撰写输入工作簿（只填明细行）：类、款两级的合计由 compose "
    "计算，这里只有名称的行不作为合计核对；“三公”经费表的填写格式与公开表不同，未按公开表核对"
)


def _col(c: Cell) -> int:
    return int(getattr(c, "x0", 0))


def _compose_coded_sheets(wb: Any) -> set[str] | None:
    """For the workbook ``juesuan template`` writes (known by its sheet names and header
    rows), the names of its sheets with classification codes (code, name, values…)."""
    from juesuan.model.workbook import HEADER_ROW, SHEETS, sheet_name

    if list(wb.sheet_names) != [sheet_name(s) for s in SHEETS]:
        return None
    for spec in SHEETS:
        rows = wb.get_sheet_by_name(sheet_name(spec)).to_python(skip_empty_area=False)
        if len(rows) < HEADER_ROW:
            return None
        head = [_cell_text(v) for v in rows[HEADER_ROW - 1]][: len(spec.headers)]
        if head != list(spec.headers):
            return None
    return {sheet_name(s) for s in SHEETS if s.kind in ("func", "econ")}


def name_sheets(sheets: list[str], loc: Location) -> Location:
    """``loc`` with the name of the sheet its page index stands for (workbooks only)."""
    if loc.sheet is not None or loc.page is None or not 1 <= loc.page <= len(sheets):
        return loc
    from dataclasses import replace

    return replace(loc, sheet=sheets[loc.page - 1])


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
