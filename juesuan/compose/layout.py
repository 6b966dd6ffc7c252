"""The nine tables laid out for publication: title, unit, header, body rows of strings.

Every figure comes from ``Tables`` (parents and totals computed there); this module only
arranges and formats. The same ``TableBlock`` is written as Markdown, HTML and DOCX.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.compose.tables import (
    EXPENSE_KINDS,
    FUNDS,
    INCOME_SOURCES,
    SPEC,
    CodedTable,
    Tables,
)
from juesuan.model.numbers import ZERO


@dataclass
class TableBlock:
    title: str
    unit: str
    header: list[str]
    rows: list[list[str]]
    note: str = ""
    numeric_from: int = 1  # columns from this index are right-aligned figures
    bold_rows: set[int] = field(default_factory=set)


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str


Block = Heading | Para | TableBlock


LANDSCAPE_COLUMNS = 10


def landscape(t: TableBlock) -> bool:
    """Tables this wide (the 三公 table's 预算数/决算数 pairs) need a landscape page."""
    return len(t.header) >= LANDSCAPE_COLUMNS



Cell = Callable[[Decimal], str]


def build(t: Tables, unit: str, cell: Cell, dept: str) -> dict[str, TableBlock]:
    blocks = {
        "t1": _t1(t, unit, cell),
        "t2": _coded(t.income, unit, cell, "本年收入合计", INCOME_SOURCES),
        "t3": _coded(t.expense, unit, cell, "本年支出合计", EXPENSE_KINDS),
        "t4": _t4(t, unit, cell),
        "t5": _coded(t.general, unit, cell, "合计", ("基本支出", "项目支出")),
        "t6": _t6(t, unit, cell),
        "t7": _t7(t, unit, cell, dept),
        "t8": _fund(t.govfund, unit, cell, dept, "政府性基金预算财政拨款"),
        "t9": _fund(t.soe, unit, cell, dept, "国有资本经营预算财政拨款"),
    }
    for b in blocks.values():
        if not b.note and not _has_figures(b):
            # A table with no data is still published, with the note saying why.
            b.note = f"注：{dept}本年度无{b.title.removesuffix('决算表')}相关数据，故本表无数据。"
    return blocks


def _has_figures(b: TableBlock) -> bool:
    cells = [c for r in b.rows for c in r[b.numeric_from :]]
    return any(c.strip() and c.strip() not in ("0", "0.00", "-", "—") for c in cells)


def _t1(t: Tables, unit: str, cell: Cell) -> TableBlock:
    inc = [(f"{f}收入", t.fund_income(f)) for f in FUNDS]
    inc += [(s, t.income.column(s)) for s in INCOME_SOURCES[1:]]
    exp = [(r.name, t.expense.total(r)) for r in t.expense.of_level("类")]
    n = max(len(inc), len(exp))
    rows: list[list[str]] = []
    for i in range(n):
        a = inc[i] if i < len(inc) else ("", None)
        b = exp[i] if i < len(exp) else ("", None)
        rows.append([a[0], _opt(a[1], cell), b[0], _opt(b[1], cell)])
    s = t.summary
    rows += [
        ["本年收入合计", cell(t.income_total), "本年支出合计", cell(t.expense_total)],
        ["使用非财政拨款结余", cell(s["使用非财政拨款结余"]), "结余分配", cell(s["结余分配"])],
        ["年初结转和结余", cell(s["年初结转和结余"]), "年末结转和结余", cell(t.year_end_balance)],
        ["总计", cell(t.grand_total), "总计", cell(t.grand_total)],
    ]
    bold = {n, n + 3}
    return TableBlock(
        SPEC["t1"].title, unit, ["收入项目", "决算数", "支出项目", "决算数"], rows, bold_rows=bold
    )


def _opt(v: Decimal | None, cell: Cell) -> str:
    return "" if v is None else cell(v)


def _coded(
    table: CodedTable, unit: str, cell: Cell, total_label: str, cols: tuple[str, ...]
) -> TableBlock:
    header = ["科目编码", "科目名称", total_label, *cols]
    tot = [table.column(c) for c in cols]
    rows = [["", "合计", cell(sum(tot, ZERO)), *(cell(v) for v in tot)]]
    for r in table.rows:
        vals = [r.values[c] for c in cols]
        rows.append([r.code, r.name, cell(sum(vals, ZERO)), *(cell(v) for v in vals)])
    return TableBlock(table.spec.title, unit, header, rows, numeric_from=2, bold_rows={0})


def _t4(t: Tables, unit: str, cell: Cell) -> TableBlock:
    header = [
        "收入项目",
        "决算数",
        "支出项目",
        "合计",
        *(f.removesuffix("财政拨款") for f in FUNDS),
    ]
    inc = [(f"{f}收入", t.fund_income(f)) for f in FUNDS]
    exp = t.fiscal_expense_by_class()
    n = max(len(inc), len(exp))
    rows: list[list[str]] = []
    for i in range(n):
        a = (inc[i][0], cell(inc[i][1])) if i < len(inc) else ("", "")
        if i < len(exp):
            _, name, d = exp[i]
            b = [name, cell(sum(d.values(), ZERO)), *(cell(d[f]) for f in FUNDS)]
        else:
            b = ["", "", "", "", ""]
        rows.append([*a, *b])
    fe = [t.fund_expense(f) for f in FUNDS]
    rows.append(
        [
            "本年收入合计",
            cell(t.fiscal_income),
            "本年支出合计",
            cell(sum(fe, ZERO)),
            *(cell(v) for v in fe),
        ]
    )
    op = [t.fund_opening(f) for f in FUNDS]
    cl = [t.fund_closing(f) for f in FUNDS]
    rows.append(
        [
            "年初财政拨款结转和结余",
            cell(sum(op, ZERO)),
            "年末财政拨款结转和结余",
            cell(sum(cl, ZERO)),
            *(cell(v) for v in cl),
        ]
    )
    for f, v in zip(FUNDS, op, strict=True):
        rows.append([f, cell(v), "", "", "", "", ""])
    total_exp = sum(fe, ZERO) + sum(cl, ZERO)
    rows.append(
        [
            "总计",
            cell(t.fiscal_total),
            "总计",
            cell(total_exp),
            *(cell(a + b) for a, b in zip(fe, cl, strict=True)),
        ]
    )
    return TableBlock(SPEC["t4"].title, unit, header, rows, bold_rows={n, len(rows) - 1})


def _t6(t: Tables, unit: str, cell: Cell) -> TableBlock:
    rows = [[r.code, r.name, cell(r.values["决算数"])] for r in t.basic_econ.rows]
    rows.append(["", "人员经费合计", cell(t.personnel)])
    rows.append(["", "公用经费合计", cell(t.public_use)])
    rows.append(["", "合计", cell(t.basic_econ.column("决算数"))])
    return TableBlock(
        SPEC["t6"].title,
        unit,
        ["科目编码", "科目名称", "决算数"],
        rows,
        numeric_from=2,
        bold_rows={len(rows) - 1},
    )


def _t7(t: Tables, unit: str, cell: Cell, dept: str) -> TableBlock:
    """The published layout: one row, a 预算数/决算数 pair per item (the reader's columns)."""
    items = [
        ("合计", "合计"),
        ("因公出国（境）费", "因公出国（境）费"),
        ("公务用车购置及运行费小计", "公务用车购置及运行维护费"),
        ("公务用车购置费", "公务用车购置费"),
        ("公务用车运行费", "公务用车运行维护费"),
        ("公务接待费", "公务接待费"),
    ]
    header = ["项目"]
    row = ["金额"]
    values = []
    for label, k in items:
        for col in ("预算数", "决算数"):
            header.append(f"{label}（{col}）")
            values.append(t.sangong_value(k, "年初预算数" if col == "预算数" else "决算数"))
            row.append(cell(values[-1]))
    if not any(values):
        # A table with no data is still shown, with the note the templates require.
        note = f"注：{dept}本年度无财政拨款“三公”经费支出，故本表无数据。"
        return TableBlock(SPEC["t7"].title, unit, header, [row], note=note)
    return TableBlock(SPEC["t7"].title, unit, header, [row])


def _fund(table: CodedTable, unit: str, cell: Cell, dept: str, fund: str) -> TableBlock:
    header = [
        "科目编码",
        "科目名称",
        "年初结转和结余",
        "本年收入",
        "本年支出合计",
        "基本支出",
        "项目支出",
        "年末结转和结余",
    ]
    if table.empty:
        return TableBlock(
            table.spec.title,
            unit,
            header,
            [],
            note=f"注：{dept}本年度无{fund}收入和支出，故本表无数据。",
            numeric_from=2,
        )

    def line(code: str, name: str, v: dict[str, Decimal]) -> list[str]:
        spent = v["基本支出"] + v["项目支出"]
        end = v["年初结转和结余"] + v["本年收入"] - spent
        nums = (v["年初结转和结余"], v["本年收入"], spent, v["基本支出"], v["项目支出"], end)
        return [code, name, *(cell(x) for x in nums)]

    tot = {c: table.column(c) for c in table.spec.columns}
    rows = [line("", "合计", tot), *(line(r.code, r.name, r.values) for r in table.rows)]
    return TableBlock(table.spec.title, unit, header, rows, numeric_from=2, bold_rows={0})
