"""Spreadsheets (.xls/.xlsx) via python-calamine: each sheet a Table, each row a line."""

from __future__ import annotations

import io
from pathlib import Path

from juesuan.errors import InputError
from juesuan.model.document import Cell, Document, Line, Table


def read_sheet(path: Path, data: bytes) -> Document:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # calamine raises its own error types for corrupt files
        raise InputError(path, f"不是有效的电子表格文件（{type(e).__name__}）") from e
    lines: list[Line] = []
    tables: list[Table] = []
    for name in wb.sheet_names:
        rows_raw = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        rows: list[list[Cell]] = []
        start = len(lines) + 1
        for raw in rows_raw:
            cells = [Cell(_cell_text(v)) for v in raw]
            line = Line("\t".join(c.text for c in cells).rstrip("\t"), len(lines) + 1)
            lines.append(line)
            for c in cells:
                c.line = line.no
            rows.append(cells)
        tables.append(Table(title=name, rows=rows, line=start))
    if not any(line.text.strip() for line in lines):
        raise InputError(path, "电子表格没有内容")
    return Document(path=path, kind=path.suffix.lower().lstrip("."), lines=lines, tables=tables)


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v) if v != int(v) else str(int(v))
    return str(v)
