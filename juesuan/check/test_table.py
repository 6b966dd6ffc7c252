"""table.* and xref.* checks on hand-built tables: they fire on the bad case and stay quiet
on rounding edges (a 0.01 difference, sums of rounded parts)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from juesuan.check import table, xtable
from juesuan.check.base import Context, NotApplicable
from juesuan.model.document import Document, Location
from juesuan.model.facts import FUND_FISCAL, FUND_GENERAL, Fact, FactSet, Scope
from juesuan.model.numbers import parse_number
from juesuan.tables.model import ParsedTable, Row


def row(name: str, code: str = "", side: str = "", line: int = 1, **values: str) -> Row:
    r = Row(name=name, code=code, side=side, level={3: "类", 5: "款", 7: "项"}.get(len(code), ""))
    for col, text in values.items():
        col = col.replace("__", "/")
        r.values[col] = parse_number(text, "万元")
        r.cells[col] = Location(5, line, text)
    r.loc = Location(5, line, name)
    return r


def tbl(kind: str, columns: list[str], rows: list[Row], note: str = "") -> ParsedTable:
    return ParsedTable(kind, kind, "万元", 5, 1, columns, rows, note, Location(5, 1, kind))


def ctx_with(*tables: ParsedTable) -> Context:
    doc = Document(path=Path("x.pdf"), kind="pdf", lines=[])
    c = Context(doc=doc, profile={"amount_unit": "万元"}, year=2024)
    c.cache["tables"] = list(tables)
    return c


EXP = ["本年支出合计", "基本支出", "项目支出"]


def expenditure(class_total: str = "326.72", basic: str = "326.72") -> ParsedTable:
    return tbl(
        "支出决算表",
        EXP,
        [
            row("合计", line=2, 本年支出合计=class_total, 基本支出=basic),
            row("社会保障和就业支出", "208", line=3, 本年支出合计=class_total, 基本支出=basic),
            row("行政事业单位养老支出", "20805", line=4, 本年支出合计="326.71", 基本支出="326.71"),
            row("行政单位离退休", "2080501", line=5, 本年支出合计="84.65", 基本支出="84.65"),
            row(
                "机关事业单位基本养老保险缴费支出",
                "2080505",
                line=6,
                本年支出合计="242.06",
                基本支出="242.06",
            ),
        ],
    )


def test_levels_quiet_on_a_cent_of_rounding() -> None:
    assert table.levels(ctx_with(expenditure())) == []


def test_levels_fires_on_a_real_difference() -> None:
    out = table.levels(ctx_with(expenditure(class_total="336.72", basic="336.72")))
    assert out and all(f.rule == "table.levels" for f in out)
    f = next(f for f in out if "208" in f.message)
    assert (f.location.page, f.location.line, f.location.excerpt) == (5, 3, "336.72")
    assert f.expected == "326.71"


def test_levels_a_blank_subtotal_over_filled_lines_is_a_warning_to_fill_it() -> None:
    """款 20805 left blank (on a scan: its amount lost into the name) while its 项 are filled:
    an omission, so the 款 gets a warning to fill it and the 类 above is not judged on a zero."""
    t = tbl(
        "支出决算表",
        ["本年支出合计"],
        [
            row("合计", line=2, 本年支出合计="326.71"),
            row("社会保障和就业支出", "208", line=3, 本年支出合计="326.71"),
            row("行政事业单位养老支出", "20805", line=4),
            row("行政单位离退休", "2080501", line=5, 本年支出合计="84.65"),
            row("机关事业单位基本养老保险缴费支出", "2080505", line=6, 本年支出合计="242.06"),
        ],
    )
    (f,) = table.levels(ctx_with(t))
    assert f.severity == "warning" and "20805" in f.message and "栏空白" in f.message
    assert f.expected == "326.71"
    # The same 款 stated wrong stays an error; its 类 (which agrees with it) is quiet.
    t.rows[2].values["本年支出合计"] = parse_number("316.71", "万元")
    t.rows[2].cells["本年支出合计"] = Location(5, 4, "316.71")
    t.rows[1].values["本年支出合计"] = parse_number("316.71", "万元")
    t.rows[0].values["本年支出合计"] = parse_number("316.71", "万元")
    (f,) = table.levels(ctx_with(t))
    assert f.severity == "error" and "20805" in f.message and f.expected == "326.71"


def test_row_sum_rounding_edge_and_error() -> None:
    ok = tbl(
        "收入决算表",
        ["本年收入合计", "财政拨款收入", "其他收入"],
        [row("合计", 本年收入合计="251.25", 财政拨款收入="4.79", 其他收入="246.47")],
    )
    assert table.row_sums(ctx_with(ok)) == []
    bad = tbl(
        "收入决算表",
        ["本年收入合计", "财政拨款收入", "其他收入"],
        [row("合计", line=7, 本年收入合计="252.25", 财政拨款收入="4.79", 其他收入="246.47")],
    )
    (f,) = table.row_sums(ctx_with(bad))
    assert f.severity == "error" and f.location.line == 7 and f.actual == "252.25"


def test_three_public_total_of_items() -> None:
    cols = [
        "合计/决算数",
        "因公出国（境）费/决算数",
        "公务用车购置及运行费/决算数",
        "公务接待费/决算数",
    ]
    ok = tbl(
        "财政拨款“三公”经费支出决算表",
        cols,
        [
            row(
                "",
                合计__决算数="3.00",
                公务接待费__决算数="1.00",
                公务用车购置及运行费__决算数="2.00",
            )
        ],
    )
    assert table.row_sums(ctx_with(ok)) == []
    bad = tbl(
        "财政拨款“三公”经费支出决算表",
        cols,
        [row("", 合计__决算数="4.00", 公务接待费__决算数="1.00")],
    )
    assert [f.rule for f in table.row_sums(ctx_with(bad))] == ["table.row_sum"]


def test_blank_subtotal_with_filled_parts_is_a_warning_not_a_zero() -> None:
    # 公务用车购置及运行费 left blank while 购置费 and 运行费 are filled in: an omission.
    cols = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费"]
    filled: dict[str, Any] = {"因公出国（境）费": "10.00", "公务用车购置费": "18.69", "公务用车运行费": "4.83", "公务接待费": "7.25"}
    blank = tbl(
        "财政拨款“三公”经费支出表",
        cols,
        [row("", **dict(filled, 合计="40.77"))],
    )
    (f,) = table.row_sums(ctx_with(blank))
    assert f.severity == "warning" and "栏空白" in f.message and f.expected == "23.52"
    # the same row with the subtotal stated wrong is still an error, and the total is checked
    wrong = tbl(
        "财政拨款“三公”经费支出表",
        cols,
        [row("", **dict(filled, 合计="40.77", 公务用车购置及运行费="0"))],
    )
    assert sorted(f.severity for f in table.row_sums(ctx_with(wrong))) == ["error", "error"]


def total_table(income_total: str, expense_total: str) -> ParsedTable:
    return tbl(
        "收入支出决算总表",
        ["决算数"],
        [
            row("本年收入合计", side="收入", 决算数="100.00"),
            row("年初结转和结余", side="收入", 决算数="5.00"),
            row("使用非财政拨款结余（含专用结余）", side="收入"),
            row("结余分配", side="支出"),
            row("总计", side="收入", line=9, 决算数=income_total),
            row("本年支出合计", side="支出", 决算数="100.00"),
            row("年末结转和结余", side="支出", 决算数="5.00"),
            row("总计", side="支出", line=9, 决算数=expense_total),
        ],
    )


def test_balance_two_sided() -> None:
    assert table.balance(ctx_with(total_table("105.00", "105.00"))) == []
    out = table.balance(ctx_with(total_table("105.00", "106.00")))
    assert {f.rule for f in out} == {"table.balance"} and len(out) == 2


def basic_table(**econ: tuple[str, str]) -> ParsedTable:
    return tbl(
        "一般公共预算财政拨款基本支出决算表",
        ["决算数"],
        [row(name, code, 决算数=v) for code, (name, v) in econ.items()],
    )


def three_public(reception: str) -> ParsedTable:
    return tbl(
        "财政拨款“三公”经费支出决算表",
        ["合计/决算数", "公务接待费/决算数"],
        [row("", 合计__决算数=reception, 公务接待费__决算数=reception)],
    )


def test_three_public_item_covers_basic_line_never_required_equal() -> None:
    basic = basic_table(**{"30217": ("公务接待费", "1.00")})
    # 三公 covers basic and project spending: larger is fine
    assert xtable.across(ctx_with(three_public("2.50"), basic)) == []
    (f,) = xtable.across(ctx_with(three_public("0.50"), basic))
    assert f.severity == "warning" and "30217" in f.message


def test_function_and_economic_codes_never_compared() -> None:
    # an economic class 301 and a function class 201 carrying equal-looking numbers
    basic = basic_table(**{"301": ("工资福利支出", "10.00")})
    general = tbl(
        "一般公共预算财政拨款支出决算表",
        ["合计", "基本支出", "项目支出"],
        [row("一般公共服务支出", "201", 合计="99.00", 基本支出="99.00")],
    )
    assert xtable.across(ctx_with(basic, general)) == []


def test_class_lines_between_tables() -> None:
    total = tbl(
        "收入支出决算总表",
        ["决算数"],
        [row("八、社会保障和就业支出", side="支出", line=13, 决算数="326.71")],
    )
    assert xtable.across(ctx_with(total, expenditure())) == []  # 326.71 vs 326.72: rounding
    (f,) = xtable.across(ctx_with(total, expenditure("330.00", "330.00")))
    assert f.rule == "xref.tables" and f.location.line == 13


def test_code_name() -> None:
    good = tbl("支出决算表", EXP, [row("行政运行", "2010601"), row("住房公积金", "2210201")])
    assert table.code_name(ctx_with(good)) == []
    bad = tbl("支出决算表", EXP, [row("住房公积金", "2010601", line=4)])
    (f,) = table.code_name(ctx_with(bad))
    assert f.expected == "行政运行" and f.location.line == 4


def test_empty_table_needs_note() -> None:
    cols = ["本年支出/小计"]
    with_note = tbl(
        "政府性基金预算财政拨款收入支出决算表", cols, [row("合计")], note="注：无…故本表无数据。"
    )
    assert table.empty_note(ctx_with(with_note)) == []
    without = tbl("政府性基金预算财政拨款收入支出决算表", cols, [row("合计")])
    assert [f.rule for f in table.empty_note(ctx_with(without))] == ["table.empty_note"]


def fiscal_total() -> ParsedTable:
    return tbl(
        "财政拨款收入支出决算总表",
        ["决算数", "合计"],
        [
            row("总计", side="收入", line=19, 决算数="2,961.68"),
            row("本年收入合计", side="收入", 决算数="2,940.05"),
        ],
    )


def fact(concept: str, text: str, fund: str, line: int, level: str = "") -> Fact:
    return Fact(
        concept,
        parse_number(text, "万元"),
        Location(21, line, f"{text}万元"),
        Scope(fund=fund),
        level=level,
    )


def test_narrative_against_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    general = tbl(
        "一般公共预算财政拨款支出决算表",
        ["合计", "基本支出", "项目支出"],
        [
            row("一般公共服务支出", "201", 合计="2,106.66"),
            row("合计", 合计="2,940.05", 基本支出="2,336.91"),
        ],
    )
    facts = FactSet(
        [
            fact("财政拨款收入支出总计", "0.3", FUND_FISCAL, 14),  # the sample's real slip
            fact("本年收入合计", "2940.05", FUND_FISCAL, 15),
            fact("一般公共服务支出", "2106.66", FUND_GENERAL, 25, level="类"),
            fact("基本支出", "2336.9", FUND_GENERAL, 26),  # fewer decimals: still equal
        ]
    )
    monkeypatch.setattr(xtable, "_facts", lambda ctx: facts)
    out = xtable.narrative_vs_tables(ctx_with(fiscal_total(), general))
    # no separators in this profile's convention: 应为 and 建议 are written alike
    assert [(f.location.line, f.expected, f.suggestion) for f in out] == [
        (14, "2961.68万元", "2961.68万元")
    ]
    assert out[0].suggestion == "2961.68万元"


def test_narrative_not_applicable_without_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(ctx: Any) -> Any:
        raise NotApplicable("x")

    monkeypatch.setattr(xtable, "_facts", missing)
    with pytest.raises(NotApplicable):
        xtable.narrative_vs_tables(ctx_with(fiscal_total()))


def test_quantities_are_decimal() -> None:
    r = row("x", 决算数="1,238.58")
    assert r.values["决算数"].value == Decimal("1238.58")


def test_required_tables_missing_and_order() -> None:
    from juesuan.check import required

    want = ["收入支出决算总表", "收入决算表", "支出决算表"]
    a = tbl("收入支出决算总表", ["决算数"], [])
    b = tbl("收入决算表", ["本年收入合计"], [])
    c = tbl("支出决算表", EXP, [])
    ctx = ctx_with(a, b, c)
    ctx.profile["required_tables"] = want
    assert required.required(ctx) == []
    ctx = ctx_with(a, c)
    ctx.profile["required_tables"] = want
    assert [f.expected for f in required.required(ctx)] == ["收入决算表"]
    ctx = ctx_with(a, c, b)
    ctx.profile["required_tables"] = want
    (f,) = required.required(ctx)
    assert f.severity == "warning" and f.actual == "支出决算表"
    # A table whose requirement varies by region and year, not announced: a warning.
    ctx = ctx_with(a, c)
    ctx.profile["required_tables"] = want
    ctx.profile["required_varies"] = ["收入决算表"]
    (f,) = required.required(ctx)
    assert f.severity == "warning" and "因地区和年度而异" in f.message
    ctx = ctx_with()
    ctx.profile["required_tables"] = want
    with pytest.raises(NotApplicable):
        required.required(ctx)


def econ_skipping_a_level(first: str = "1.00") -> ParsedTable:
    """301 with 30101 printed, 30102 not: its 3010201 and 3010202 stand in for it."""
    return tbl(
        "一般公共预算基本支出表",
        ["合计"],
        [
            row("工资福利支出", "301", 合计="6.00"),
            row("基本工资", "30101", 合计="3.00"),
            row("津贴补贴", "3010201", 合计=first),
            row("改革性补贴", "3010202", 合计="2.00"),
        ],
    )


def test_levels_skip_a_level_not_printed() -> None:
    assert table.levels(ctx_with(econ_skipping_a_level())) == []
    (f,) = table.levels(ctx_with(econ_skipping_a_level(first="1.50")))
    assert "301工资福利支出" in f.message and f.expected == "6.50"


def units_table(second_unit: str = "2.00") -> ParsedTable:
    """A table listing its units (six-digit unit codes), each with its own classes."""
    return tbl(
        "一般公共预算支出表",
        ["合计"],
        [
            row("合计", 合计="5.00"),
            row("某某局", "125001", 合计="3.00"),
            row("社会保障和就业支出", "208", 合计="1.00"),
            row("住房保障支出", "221", 合计="2.00"),
            row("某某中心", "125002", 合计=second_unit),
            row("社会保障和就业支出", "208", 合计="2.00"),
        ],
    )


def test_levels_of_a_table_listing_units() -> None:
    assert table.levels(ctx_with(units_table())) == []
    out = table.levels(ctx_with(units_table(second_unit="2.50")))
    assert sorted(f.message.split("”")[0] for f in out) == [
        "《一般公共预算支出表》“125002某某中心",
        "《一般公共预算支出表》“合计",
    ]
    assert any("其下各单位之和" in f.message for f in out)


def test_not_applicable_names_the_family_of_tables() -> None:
    c = ctx_with()
    c.cache["tables"] = []
    for family, word in (("预算", "未识别到预算表"), ("决算", "未识别到决算表")):
        c.family = family
        with pytest.raises(NotApplicable, match=word):
            table.levels(c)


def test_code_name_accepts_an_earlier_editions_name() -> None:
    """20805 was 行政事业单位离退休 until 2019; a 2019 table prints it so rightly."""
    old = tbl("支出决算表", EXP, [row("行政事业单位离退休", "20805")])
    assert table.code_name(ctx_with(old)) == []
    wrong = tbl("支出决算表", EXP, [row("行政事业单位医疗", "20805")])
    assert [f.expected for f in table.code_name(ctx_with(wrong))] == ["行政事业单位养老支出"]


def test_units_without_classes_are_no_levels() -> None:
    """A 收入总表 by unit (dept 234, its units 234001 …) or a procurement list: no 合计 = Σ."""
    t = tbl(
        "收入总表",
        ["合计"],
        [
            row("合计", 合计="9.00"),
            row("某某局", "234", 合计="9.00"),
            row("某某局", "234001", 合计="5.00"),
            row("某某中心", "234002", 合计="3.00"),
        ],
    )
    assert table.levels(ctx_with(t)) == []


def test_text_table_with_rows_is_not_empty() -> None:
    """A 绩效目标表 has no amount columns: rows of text are its data, no empty-table note."""
    goals = tbl("部门整体支出绩效目标表", [], [row("产出指标数量指标≥95%")])
    assert table.empty_note(ctx_with(goals)) == []
    blank = tbl("部门整体支出绩效目标表", [], [])
    assert [f.rule for f in table.empty_note(ctx_with(blank))] == ["table.empty_note"]
