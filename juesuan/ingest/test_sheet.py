"""Spreadsheet disclosures: tables found by sheet and header, values exact Decimals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.ingest import read
from juesuan.tables.parse import parse_tables


def _book(path: Path, basic_2010601: float = 1503.52) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "表3"
    ws.append(["支出决算表"])
    ws.append(["单位：万元"])
    ws.append(["项目", None, None, None, "本年支出合计", "基本支出", "项目支出"])
    ws.append(["科目编码", None, None, "科目名称"])
    ws.append(["类", "款", "项"])
    ws.append([None, None, None, "合计", 2106.66, 1503.52, 603.14])
    ws.append([201, None, None, "一般公共服务支出", 2106.66, 1503.52, 603.14])
    ws.append([201, "06", None, "财政事务", 2106.66, 1503.52, 603.14])
    ws.append([201, "06", "01", "行政运行", 1511.89, basic_2010601, 8.37])
    ws.append([201, "06", "07", "信息化建设", 594.77, None, 594.77])
    ws.merge_cells("A3:D3")
    wb.save(path)
    return path


def test_sheet_tables_by_title_and_header(tmp_path: Path) -> None:
    doc = read(_book(tmp_path / "t.xlsx"))
    (t,) = parse_tables(doc)
    assert t.kind == "支出决算表" and t.unit == "万元"
    r = t.find("2010601")
    assert r is not None and r.name == "行政运行" and r.level == "项"
    assert r.values["基本支出"].value == Decimal("1503.52")
    assert r.values["项目支出"].value == Decimal("8.37")
    assert t.find("2010607").values["项目支出"].value == Decimal("594.77")  # type: ignore[union-attr]
    assert r.loc is not None and r.loc.line == 9


def test_float_noise_is_rounded_to_cents(tmp_path: Path) -> None:
    doc = read(_book(tmp_path / "t.xlsx", basic_2010601=0.1 + 0.2 + 1503.22))
    (t,) = parse_tables(doc)
    assert t.find("2010601").values["基本支出"].value == Decimal("1503.52")  # type: ignore[union-attr]


def test_sheet_error_detected_at_its_line(tmp_path: Path) -> None:
    from juesuan.check.run import check_document

    rep = check_document(read(_book(tmp_path / "t.xlsx", basic_2010601=1493.52)))
    bad = [f for f in rep.findings if f.rule == "table.row_sum"]
    assert [(f.location.line, f.actual) for f in bad] == [(9, "1,511.89")]
