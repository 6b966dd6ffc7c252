"""``tables.xlsx``: one sheet per public table with fixed headers; write the template, read data.

Layout of every sheet: row 1 the table title, row 2 ``单位：元`` (or 万元), row 3 the
headers, data from row 4. Numbers may be numeric cells or text with separators; a float
cell goes through ``repr`` to ``Decimal`` (the shortest repr round-trips what Excel
stored) and must have at most two decimals. Errors name the sheet and the row.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from juesuan.compose.tables import (
    SHEETS,
    SPEC,
    CodedTable,
    Row,
    SheetSpec,
    Tables,
    complete,
    sheet_name,
)
from juesuan.model.numbers import ZERO
from juesuan.model.workbook import FIRST_DATA_ROW, HEADER_ROW


def write_template(
    path: Path, unit: str, example_rows: dict[str, list[list[Any]]] | None = None
) -> None:
    """An empty workbook with every sheet's title, unit and headers (and optional rows)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for spec in SHEETS:
        ws = wb.create_sheet(sheet_name(spec))
        ws.cell(1, 1, spec.title).font = Font(bold=True, size=14)
        ws.cell(2, 1, f"单位：{unit}")
        for j, h in enumerate(spec.headers, start=1):
            c = ws.cell(HEADER_ROW, j, h)
            c.font, c.fill = bold, fill
            c.alignment = Alignment(horizontal="center", wrap_text=True)
            ws.column_dimensions[c.column_letter].width = 14 if j > 2 else 30
        rows: list[list[Any]] = []
        if spec.kind in ("items", "sangong"):
            rows = [[item] for item in spec.items]
        for i, row in enumerate((example_rows or {}).get(spec.key, rows)):
            for j, v in enumerate(row, start=1):
                c = ws.cell(FIRST_DATA_ROW + i, j, v)
                if j > 1 and isinstance(v, Decimal):
                    c.value = float(v)
                    c.number_format = "#,##0.00"
                elif j == 1 and spec.kind in ("func", "econ"):
                    c.number_format = "@"
        ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
    wb.save(path)


def to_decimal(v: Any) -> Decimal | None:
    """A cell value as Decimal (None for empty); never keeps a float."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        raise ValueError("不是数字")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v))
    s = str(v).strip().replace(",", "").replace("，", "")
    try:
        return Decimal(s)
    except InvalidOperation as e:
        raise ValueError(f"“{v}”不是数字") from e


def read_tables(path: Path, errors: list[str]) -> Tables | None:
    """Read the nine sheets; append Chinese errors (sheet + row) and return None on failure."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as e:
        errors.append(f"{path.name}：无法打开工作簿（{type(e).__name__}）")
        return None
    parsed: dict[str, Any] = {}
    for spec in SHEETS:
        name = sheet_name(spec)
        if name not in wb.sheetnames:
            errors.append(f"{path.name}：缺少工作表“{name}”")
            continue
        rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
        head = [
            str(c).strip() if c is not None else ""
            for c in (rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else [])
        ]
        want = list(spec.headers)
        if head[: len(want)] != want:
            errors.append(
                f"工作表“{name}”第{HEADER_ROW}行：表头应为“{'｜'.join(want)}”，"
                f"实为“{'｜'.join(h for h in head if h)}”"
            )
            continue
        parsed[spec.key] = _read_sheet(spec, rows[FIRST_DATA_ROW - 1 :], errors)
    wb.close()
    if len(parsed) != len(SHEETS):
        return None
    return Tables(
        summary=parsed["t1"],
        income=parsed["t2"],
        expense=parsed["t3"],
        fiscal=parsed["t4"],
        general=parsed["t5"],
        basic_econ=parsed["t6"],
        sangong=parsed["t7"],
        govfund=parsed["t8"],
        soe=parsed["t9"],
    )


def _amount(spec: SheetSpec, rowno: int, col: str, v: Any, errors: list[str]) -> Decimal | None:
    where = f"工作表“{sheet_name(spec)}”第{rowno}行“{col}”"
    try:
        d = to_decimal(v)
    except ValueError as e:
        errors.append(f"{where}：{e}")
        return None
    if d is None:
        return None
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp < -2:
        errors.append(f"{where}：{d} 超过两位小数（金额到分）")
        return None
    return d


def _read_sheet(spec: SheetSpec, rows: list[list[Any]], errors: list[str]) -> Any:
    if spec.kind in ("items", "sangong"):
        return _read_items(spec, rows, errors)
    typed: list[Row] = []
    for i, r in enumerate(rows):
        rowno = FIRST_DATA_ROW + i
        cells = [*r, *([None] * (len(spec.headers) - len(r)))]
        code_v, name_v = cells[0], cells[1]
        if all(c is None or str(c).strip() == "" for c in cells[: len(spec.headers)]):
            continue
        code = _code(code_v)
        if not code:
            errors.append(f"工作表“{sheet_name(spec)}”第{rowno}行：缺少科目编码")
            continue
        if name_v is None or not str(name_v).strip():
            errors.append(f"工作表“{sheet_name(spec)}”第{rowno}行：缺少科目名称")
            continue
        values: dict[str, Decimal] = {}
        for col, v in zip(spec.columns, cells[2 : 2 + len(spec.columns)], strict=True):
            d = _amount(spec, rowno, col, v, errors)
            if d is not None:
                values[col] = d
        typed.append(Row(code, str(name_v).strip(), values, source=rowno))
    return complete(spec, typed, errors) if typed else CodedTable(spec, [])


def _code(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip().replace(" ", "")


def _read_items(spec: SheetSpec, rows: list[list[Any]], errors: list[str]) -> Any:
    found: dict[str, dict[str, Decimal]] = {}
    for i, r in enumerate(rows):
        rowno = FIRST_DATA_ROW + i
        if not r or r[0] is None or not str(r[0]).strip():
            continue
        label = str(r[0]).strip()
        if label not in spec.items:
            errors.append(
                f"工作表“{sheet_name(spec)}”第{rowno}行：未知项目“{label}”，应为：{'、'.join(spec.items)}"
            )
            continue
        cells = [*r[1:], *([None] * len(spec.columns))]
        vals = {}
        for col, v in zip(spec.columns, cells[: len(spec.columns)], strict=True):
            d = _amount(spec, rowno, col, v, errors)
            vals[col] = ZERO if d is None else d
        found[label] = vals
    for item in spec.items:
        found.setdefault(item, {c: ZERO for c in spec.columns})
    if spec.kind == "items":
        return {k: v[spec.columns[0]] for k, v in found.items()}
    return found


__all__ = ["SPEC", "read_tables", "to_decimal", "write_template"]
