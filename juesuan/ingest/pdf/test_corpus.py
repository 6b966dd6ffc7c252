"""The PDF reader on real disclosures, one per producer family it once failed on: cells
checked by eye against the rendered page. Skipped when the corpus is absent."""

from __future__ import annotations

from functools import cache

import pytest

from juesuan.model.document import Document
from juesuan.testing import shared_dir

CORPUS = shared_dir() / "corpus" / "files"


@cache
def _doc(name: str) -> Document:
    from juesuan.ingest import read

    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not available (set JUESUAN_SHARED)")
    return read(path)


def _row(doc: Document, page: int, first: str) -> list[str]:
    for t in doc.tables:
        if t.page != page:
            continue
        for r in t.rows:
            texts = [c.text.strip() for c in r]
            if texts and texts[0] == first:
                return texts
    raise AssertionError(f"no row starting {first!r} on page {page}")


def test_wps_final_accounts_fake_sizes_and_unruled_columns() -> None:
    # 国家信访局 2024 (WPS 文字): font sizes scaled by the text matrix; the basic-expense
    # table rules its columns only
    doc = _doc("central-xinfangju-2024-dept-final.pdf")
    assert _row(doc, 7, "一、一般公共预算财政拨款收入") == [
        "一、一般公共预算财政拨款收入",
        "1",
        "19,572.91",
        "一、一般公共服务支出",
        "32",
        "10,685.56",
    ]
    assert _row(doc, 12, "30101")[:6] == ["30101", "基本工资", "1,857.40", "30201", "办公费", "83.92"]


def test_wps_spreadsheet_fake_bold_read_once() -> None:
    doc = _doc("budget-na-beijing-027.pdf")  # WPS 表格: every glyph drawn 3–4 times
    assert _row(doc, 4, "2050303-技校教育") == [
        "2050303-技校教育",
        "50902-助学金",
        "30308-助学金",
        "219.980000",
        "219.980000",
    ]
    assert not any("高高高" in ln.text for ln in doc.lines)


def test_itext_rules_drawn_as_one_path() -> None:
    doc = _doc("budget-2026-shenzhen-001.pdf")  # iText: a table's rules in few paths
    assert _row(doc, 29, "208") == ["208", "社会保障和就业支出", "887.82", "849.37", "38.45"]


def test_aspose_wps_multi_row_header() -> None:
    doc = _doc("budget-2026-suzhou-001.pdf")
    assert _row(doc, 16, "2010801") == [
        "2010801",
        "行政运行",
        "2,342.00",
        "2,342.00",
        "1,946.40",
        "395.60",
    ]
    head = [c.text for t in doc.tables if t.page == 16 for c in t.rows[1]]
    assert head == ["小计", "人员经费", "公用经费"]


def test_wps_narrative_with_scaled_font_size_keeps_lines_apart() -> None:
    doc = _doc("budget-2026-beijing-003.pdf")
    texts = [ln.text for ln in doc.lines if ln.page == 1]
    assert texts[:2] == ["北京市住房和城乡建设委员会2026年度", "部门预算信息公开"]


def test_amount_wrapped_in_a_narrow_cell_stays_one_amount() -> None:
    doc = _doc("budget-2026-changchun-001.pdf")  # WPS 文字: 1378.4 / 1 on two lines
    assert _row(doc, 10, "20140") == [
        "20140",
        "信访事务",
        "1378.41",
        "1378.41",
        "903.85",
        "692.85",
        "211.00",
        "474.56",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
    ]


def test_row_without_its_top_rule_after_a_page_break_stays_in_the_table() -> None:
    doc = _doc("jiangsu-highcourt-2017-budget.pdf")  # Word: the rule is on the page before
    assert _row(doc, 16, "30206") == ["30206", "电费", "235.00"]
