"""Narrative against tables: changes, flat words, completions and 大于/小于 recomputed from
the 三公 table's budget column; a budget document's 三公 amounts against its own table."""

from __future__ import annotations

from juesuan.check import xtable
from juesuan.check.test_table import row, tbl
from juesuan.model.finding import Finding
from juesuan.tables.model import ParsedTable
from juesuan.testing import TITLE, ctx_of

SG = "财政拨款“三公”经费支出决算表"
COLS = ["合计/预算数", "合计/决算数", "公务接待费/预算数", "公务接待费/决算数"]


def sangong(budget: str, final: str) -> ParsedTable:
    return tbl(
        SG,
        COLS,
        [
            row(
                "",
                合计__预算数=budget,
                合计__决算数=final,
                公务接待费__预算数=budget,
                公务接待费__决算数=final,
            )
        ],
    )


def check(text: str, *tables: ParsedTable, title: str = TITLE) -> list[Finding]:
    ctx = ctx_of(title + "\n" + text)
    ctx.cache["tables"] = list(tables)
    return [f for f in xtable.narrative_vs_tables(ctx) if f.rule == "xref.narrative_table"]


HEAD = "三、“三公”经费财政拨款支出决算情况说明\n"


def test_flat_against_a_table_that_shows_a_change() -> None:
    text = HEAD + "2023年度“三公”经费财政拨款支出决算为10.00万元，与年初预算持平。\n"
    assert check(text, sangong("10.00", "10.00")) == []
    (f,) = check(text, sangong("12.00", "10.00"))
    assert f.severity == "warning" and f.expected == "减少2.00万元"


def test_change_against_the_table_budget() -> None:
    text = HEAD + "2023年度“三公”经费财政拨款支出决算为10.00万元，比年初预算减少2.00万元。\n"
    assert check(text, sangong("12.00", "10.00")) == []
    (f,) = check(text, sangong("13.00", "10.00"))
    assert f.expected == "减少3.00万元"


def test_completion_against_the_table_budget() -> None:
    text = HEAD + "2023年度“三公”经费财政拨款支出决算为9.28万元，完成预算的92.8%。\n"
    assert check(text, sangong("10.00", "9.28")) == []
    (f,) = check(text, sangong("12.00", "9.28"))
    assert f.expected == "77.3%"


def test_greater_less_against_the_table() -> None:
    text = HEAD + "2023年度公务接待费支出决算为8.00万元，决算数小于预算数的主要原因是厉行节约。\n"
    assert check(text, sangong("10.00", "8.00")) == []
    (f,) = check(text, sangong("6.00", "8.00"))
    assert f.expected == "大于" and f.actual == "小于"


def test_stated_budget_is_not_replaced_by_the_table() -> None:
    # The sentence states its own budget: arith checks it; the table's is compared as an amount.
    text = HEAD + "2023年度公务接待费支出决算为8.00万元，年初预算为10.00万元，比年初预算减少2.00万元。\n"
    assert check(text, sangong("10.00", "8.00")) == []


def test_amount_that_disagrees_derives_nothing() -> None:
    text = HEAD + "2023年度公务接待费支出决算为9.00万元，与年初预算持平。\n"
    found = check(text, sangong("10.00", "8.00"))
    assert len(found) == 1 and "不一致" in found[0].message  # the amount, not the word


BUDGET_TITLE = "北京市示例局2024年部门预算"


def test_budget_document_sangong_columns_and_rows() -> None:
    text = "三、“三公”经费预算情况说明\n2024年“三公”经费财政拨款预算13.85万元，其中：公务接待费3.85万元。\n"
    cols = tbl("财政拨款“三公”经费支出表", ["合计", "公务接待费"], [row("", 合计="13.85", 公务接待费="3.85")])
    assert check(text, cols, title=BUDGET_TITLE) == []
    rows = tbl(
        "财政拨款“三公”经费支出表",
        ["预算数"],
        [row("合计", 预算数="13.85"), row("公务接待费", 预算数="4.85")],
    )
    found = check(text, rows, title=BUDGET_TITLE)
    assert [(f.severity, f.expected) for f in found] == [("warning", "4.85万元")]


def test_share_of_a_total_stated_only_in_the_table() -> None:
    total = tbl(
        "收入支出决算总表",
        ["决算数"],
        [row("本年支出合计", side="支出", 决算数="1,000.00"), row("本年收入合计", side="收入", 决算数="1,000.00")],
    )
    text = "三、支出决算情况说明\n2023年度基本支出600.00万元，占本年支出合计的60.0%。\n"
    assert check(text, total) == []
    (f,) = check(text.replace("60.0%", "66.0%"), total)
    assert f.severity == "warning" and f.expected == "60.0%"


def test_compare_words_name_their_own_subject() -> None:
    text = HEAD + (
        "“三公”经费财政拨款支出年初预算为10.00万元，支出决算为8.00万元，其中：公务接待费支出决算为"
        "8.00万元。2023年度“三公”经费支出决算数小于预算数的主要原因：厉行节约。\n"
    )
    # The table's 公务接待费 exceeds its budget; the sentence speaks of the 三公 total.
    table = tbl(
        SG,
        COLS,
        [row("", 合计__预算数="10.00", 合计__决算数="8.00", 公务接待费__预算数="6.00", 公务接待费__决算数="8.00")],
    )
    assert check(text, table) == []
