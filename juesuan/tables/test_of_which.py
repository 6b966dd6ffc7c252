"""Columns under a top-level 其中 ("of which"): read as parts only where they break down a
total, never added to the part printed just before them (tables built in the test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.model.document import Document
from juesuan.tables.parse import parse_tables
from juesuan.tables.rows import _NUM


def _doc(head: str, row: str) -> Document:
    weasyprint = pytest.importorskip("weasyprint")
    from juesuan.ingest.pdf import read_pdf

    css = (
        "@page { size: A4 landscape; margin: 15mm } body { font-family: 'Noto Sans CJK SC';"
        " font-size: 9pt } table { border-collapse: collapse } td, th { border: 0.5pt solid"
        " black; padding: 2pt 4pt }"
    )
    html = (
        f"<html><head><style>{css}</style></head><body><p style='text-align:center'>"
        f"2026年部门预算支出总表</p><p>单位：万元</p><table>{head}{row}</table></body></html>"
    )
    return read_pdf(Path("t.pdf"), weasyprint.HTML(string=html).write_pdf())


def test_of_which_after_a_part_is_not_added_to_the_total() -> None:
    # 北京 budgets: 合计 = 基本支出 + 项目支出; the 其中 columns break the spending down again
    head = (
        "<tr><th rowspan=2>科目名称</th><th rowspan=2>合计</th><th rowspan=2>基本支出</th>"
        "<th rowspan=2>项目支出</th><th colspan=3>其中</th></tr>"
        "<tr><th>事业单位经营支出</th><th>上缴上级支出</th><th>对附属单位补助支出</th></tr>"
    )
    row = (
        "<tr><td>办公费</td><td>173.24</td><td></td><td>173.24</td><td>168.00</td>"
        "<td></td><td></td></tr><tr><td>合计</td><td>200.00</td><td>26.76</td>"
        "<td>173.24</td><td>168.00</td><td></td><td></td></tr>"
    )
    (t,) = parse_tables(_doc(head, row), family="预算")
    assert t.kind == "支出总表"
    assert "事业单位经营支出" not in t.columns and "上缴上级支出" not in t.columns
    assert {"合计", "基本支出", "项目支出"} <= set(t.columns)
    r = t.find("办公费")
    assert r is not None and str(r.values["项目支出"].value) == "173.24"


def test_of_which_after_the_total_keeps_its_parts() -> None:
    head = (
        "<tr><th rowspan=2>科目名称</th><th rowspan=2>合计</th><th colspan=2>其中</th></tr>"
        "<tr><th>基本支出</th><th>项目支出</th></tr>"
    )
    row = "<tr><td>办公费</td><td>200.00</td><td>26.76</td><td>173.24</td></tr>"
    (t,) = parse_tables(_doc(head, row), family="预算")
    r = t.find("办公费")
    assert r is not None
    assert str(r.values["基本支出"].value) == "26.76"
    assert str(r.values["项目支出"].value) == "173.24"


@pytest.mark.parametrize("text", ["125360,898", "1,234.56", "-12.5", "7880,000"])
def test_amount_grammar_accepts_a_long_leading_group(text: str) -> None:
    assert _NUM.match(text)


@pytest.mark.parametrize("text", ["12,34", "1,2345", "2024,2025", "12.3.4"])
def test_amount_grammar_rejects_other_groupings(text: str) -> None:
    assert not _NUM.match(text)
