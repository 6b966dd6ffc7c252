"""The nine tables of the Shanghai sample, recognized and read (values pinned from the PDF)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.tables.model import ParsedTable
from juesuan.tables.parse import parse_tables
from juesuan.testing import sample_pdf

SAMPLE = sample_pdf()

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="Shanghai sample not available")


@pytest.fixture(scope="module")
def tables() -> dict[str, ParsedTable]:
    from juesuan.ingest import read

    return {t.kind: t for t in parse_tables(read(SAMPLE))}


def v(t: ParsedTable, key: str, col: str, side: str | None = None) -> str | None:
    hit = t.value(key, col, side)
    return None if hit is None else str(hit[0].value)


def test_all_nine_found_in_order(tables: dict[str, ParsedTable]) -> None:
    assert list(tables) == [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
    ]
    assert all(t.unit == "万元" for t in tables.values())
    assert all(not t.unmatched for t in tables.values())


def test_total_table_two_sides_across_pages(tables: dict[str, ParsedTable]) -> None:
    t = tables["收入支出决算总表"]
    assert t.pages == [6, 7]
    assert v(t, "一般公共预算财政拨款收入", "决算数", "收入") == "2940.05"
    assert v(t, "其他收入", "决算数", "收入") == "6.20"
    assert v(t, "社会保障和就业支出", "决算数", "支出") == "326.71"
    assert v(t, "本年收入合计", "决算数", "收入") == "2946.25"
    assert v(t, "年末结转和结余", "决算数", "支出") == "55.34"
    assert v(t, "总计", "决算数", "收入") == v(t, "总计", "决算数", "支出") == "2995.39"
    assert t.find("外交支出", "支出") is not None and not t.find("外交支出", "支出").values  # type: ignore[union-attr]
    loc = t.value("年初结转和结余", "决算数")[1]  # type: ignore[index]
    assert (loc.page, loc.excerpt) == (7, "49.14")


def test_income_table_codes_and_continuation(tables: dict[str, ParsedTable]) -> None:
    t = tables["收入决算表"]
    assert t.pages == [8, 9]
    r = t.find("2010601")
    assert r is not None and r.level == "项" and r.name == "行政运行"
    assert {k: str(q.value) for k, q in r.values.items()} == {
        "本年收入合计": "1511.90",
        "财政拨款收入": "1511.89",
        "其他收入": "0.01",
    }
    assert t.find("2080505").name == "机关事业单位基本养老保险缴费支出"  # type: ignore[union-attr]
    assert v(t, "2210203", "本年收入合计") == "258.50"  # on the continuation page
    assert t.find("2210203").loc.page == 9  # type: ignore[union-attr]
    assert v(t, "合计", "本年收入合计") == "2946.25"
    assert [r.code for r in t.rows if r.level == "类"] == ["201", "208", "210", "221"]


def test_expenditure_table(tables: dict[str, ParsedTable]) -> None:
    t = tables["支出决算表"]
    assert v(t, "合计", "基本支出") == "2336.91"
    assert v(t, "合计", "项目支出") == "603.14"
    assert v(t, "2010601", "项目支出") == "8.37"
    assert v(t, "2080506", "基本支出") == "80.38"  # wrapped name cell, value on its row
    assert t.find("2080506").name == "机关事业单位职业年金缴费支出"  # type: ignore[union-attr]


def test_fiscal_total_table(tables: dict[str, ParsedTable]) -> None:
    t = tables["财政拨款收入支出决算总表"]
    assert v(t, "一般公共预算财政拨款", "决算数", "收入") == "2940.05"
    assert v(t, "住房保障支出", "一般公共预算财政拨款", "支出") == "445.69"
    assert v(t, "本年支出合计", "合计", "支出") == "2940.05"
    assert v(t, "总计", "合计", "支出") == "2961.68"
    assert v(t, "总计", "决算数", "收入") == "2961.68"


def test_general_budget_table(tables: dict[str, ParsedTable]) -> None:
    t = tables["一般公共预算财政拨款支出决算表"]
    assert v(t, "201", "基本支出") == "1503.52"
    assert v(t, "208", "合计") == "326.72"
    assert v(t, "合计", "合计") == "2940.05"
    assert len([r for r in t.rows if r.code]) == 19


def test_basic_expenditure_two_column_economic(tables: dict[str, ParsedTable]) -> None:
    t = tables["一般公共预算财政拨款基本支出决算表"]
    assert t.pages == [16, 17]
    assert v(t, "301", "决算数") == "2082.85"
    assert v(t, "30102", "决算数") == "1238.58"
    assert v(t, "302", "决算数") == "171.07"
    assert v(t, "30229", "决算数") == "42.77"
    assert v(t, "31002", "决算数") == "13.58"
    assert v(t, "人员经费合计", "决算数") == "2152.26"
    assert v(t, "公用经费合计", "决算数") == "184.65"
    assert t.find("30212").name == "因公出国（境）费用"  # type: ignore[union-attr]
    # the lists side by side are read apart but form one list: a class's items may run on
    # into the next list, and economic codes are distinct
    assert t.find("30101").side == "" and t.find("30201").side == ""  # type: ignore[union-attr]


def test_three_public_budget_final_pairs(tables: dict[str, ParsedTable]) -> None:
    t = tables["财政拨款“三公”经费支出决算表"]
    (row,) = t.rows
    assert row.values == {
        "合计/预算数": row.values["合计/预算数"],
        "公务接待费/预算数": row.values["公务接待费/预算数"],
    }
    assert row.values["合计/预算数"].value == Decimal("0.95")
    assert row.values["公务接待费/预算数"].value == Decimal("0.95")


@pytest.mark.parametrize(
    "kind", ["政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"]
)
def test_empty_tables_keep_their_note(tables: dict[str, ParsedTable], kind: str) -> None:
    t = tables[kind]
    assert t.empty
    assert "故本表无数据" in t.note
    assert "本年支出/基本支出" in t.columns
