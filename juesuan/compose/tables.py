"""The nine public tables as data: what is typed, and every total computed from it.

Only leaves are typed: 项 (or 款 without 项) rows of the function-classification tables,
款 rows of the economic table, the income sources and carry-overs. 类/款 rows, column
totals, 本年收入合计/本年支出合计, 总计 and 年末结转和结余 are computed, so they cannot
disagree. A parent value that *is* typed must equal the sum of its children, or loading
fails with the sheet and row named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model.numbers import ZERO
from juesuan.model.workbook import (  # the layout, shared with the reader that recognizes it
    EXPENSE_KINDS,
    FISCAL_ITEMS,
    FUND_COLS,
    FUNDS,
    GENERAL_COLS,
    INCOME_SOURCES,
    PERSONNEL_CLASSES,
    SANGONG_COLS,
    SANGONG_ITEMS,
    SHEETS,
    SPEC,
    SUMMARY_ITEMS,
    SheetSpec,
    sheet_name,
)
from juesuan.tables.codes import LEVELS

__all__ = ["EXPENSE_KINDS", "FISCAL_ITEMS", "FUNDS", "FUND_COLS", "GENERAL_COLS", "INCOME_SOURCES", "PERSONNEL_CLASSES", "SANGONG_COLS", "SANGONG_ITEMS", "SHEETS", "SPEC", "SUMMARY_ITEMS", "SheetSpec", "sheet_name"]

# -- coded tables (function and economic classification) -------------------------------------


@dataclass
class Row:
    code: str
    name: str
    values: dict[str, Decimal]
    level: str = ""  # 类 | 款 | 项
    source: int = 0  # worksheet row, for messages


@dataclass
class CodedTable:
    """Rows in code order with parents summed from their children."""

    spec: SheetSpec
    rows: list[Row] = field(default_factory=list)

    def column(self, col: str, level: str = "类") -> Decimal:
        return sum((r.values.get(col, ZERO) for r in self.rows if r.level == level), ZERO)

    def row(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.code == code), None)

    def of_level(self, level: str) -> list[Row]:
        return [r for r in self.rows if r.level == level]

    def children(self, code: str) -> list[Row]:
        n = len(code) + 2
        return [r for r in self.rows if len(r.code) == n and r.code.startswith(code)]

    def total(self, r: Row) -> Decimal:
        return sum(r.values.values(), ZERO)

    @property
    def empty(self) -> bool:
        return not self.rows


def complete(spec: SheetSpec, typed: list[Row], errors: list[str]) -> CodedTable:
    """Fill in parent rows as sums of their children; typed parents must agree."""
    where = f"工作表“{sheet_name(spec)}”"
    by_code: dict[str, Row] = {}
    for r in typed:
        if len(r.code) not in LEVELS or (spec.kind == "econ" and len(r.code) > 5):
            errors.append(
                f"{where}第{r.source}行：科目编码“{r.code}”位数不对（类3位、款5位"
                + ("" if spec.kind == "econ" else "、项7位")
                + "）"
            )
            continue
        if r.code in by_code:
            errors.append(f"{where}第{r.source}行：科目编码“{r.code}”重复")
            continue
        r.level = LEVELS[len(r.code)]
        by_code[r.code] = r
    for r in list(by_code.values()):
        for n in (3, 5):
            pc = r.code[:n]
            if len(r.code) > n and pc not in by_code:
                errors.append(f"{where}第{r.source}行：缺少上级科目“{pc}”的名称行")
                by_code[pc] = Row(pc, "", {}, LEVELS[n], r.source)
    for n in (5, 3):  # sum 项 into 款, then 款 into 类
        for code, r in by_code.items():
            if len(code) != n:
                continue
            kids = [k for c, k in by_code.items() if len(c) == n + 2 and c.startswith(code)]
            if not kids:
                continue
            for col in spec.columns:
                s = sum((k.values.get(col, ZERO) for k in kids), ZERO)
                typed_v = r.values.get(col)
                if typed_v is not None and typed_v != s:
                    errors.append(
                        f"{where}第{r.source}行：“{r.name}”的“{col}”填为{typed_v}，"
                        f"但下级科目合计为{s}（上级科目可不填，由下级合计得出）"
                    )
                r.values[col] = s
    for r in by_code.values():
        for col in spec.columns:
            r.values.setdefault(col, ZERO)
    rows = sorted(by_code.values(), key=lambda r: r.code)
    return CodedTable(spec, rows)


# -- the nine tables together --------------------------------------------------------------


@dataclass
class Tables:
    summary: dict[str, Decimal]  # t1 typed items
    income: CodedTable  # t2
    expense: CodedTable  # t3
    fiscal: dict[str, Decimal]  # t4 typed items
    general: CodedTable  # t5
    basic_econ: CodedTable  # t6
    sangong: dict[str, dict[str, Decimal]]  # t7 item -> column -> value
    govfund: CodedTable  # t8
    soe: CodedTable  # t9

    # t2/t3 totals
    def income_by_source(self) -> dict[str, Decimal]:
        return {s: self.income.column(s) for s in INCOME_SOURCES}

    @property
    def income_total(self) -> Decimal:
        return sum(self.income_by_source().values(), ZERO)

    def expense_by_kind(self) -> dict[str, Decimal]:
        return {k: self.expense.column(k) for k in EXPENSE_KINDS}

    @property
    def expense_total(self) -> Decimal:
        return sum(self.expense_by_kind().values(), ZERO)

    # t1
    @property
    def grand_total(self) -> Decimal:
        """收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (= 支出总计)."""
        s = self.summary
        return self.income_total + s["使用非财政拨款结余"] + s["年初结转和结余"]

    @property
    def year_end_balance(self) -> Decimal:
        return self.grand_total - self.expense_total - self.summary["结余分配"]

    # t4
    def fund_income(self, fund: str) -> Decimal:
        return self.fiscal[f"{fund}收入"]

    def fund_opening(self, fund: str) -> Decimal:
        return self.fiscal[f"年初结转和结余（{fund}）"]

    def fund_expense(self, fund: str) -> Decimal:
        if fund == FUNDS[0]:
            return self.general.column("基本支出") + self.general.column("项目支出")
        t = self.govfund if fund == FUNDS[1] else self.soe
        return t.column("基本支出") + t.column("项目支出")

    def fund_closing(self, fund: str) -> Decimal:
        return self.fund_opening(fund) + self.fund_income(fund) - self.fund_expense(fund)

    @property
    def fiscal_income(self) -> Decimal:
        return sum((self.fund_income(f) for f in FUNDS), ZERO)

    @property
    def fiscal_expense(self) -> Decimal:
        return sum((self.fund_expense(f) for f in FUNDS), ZERO)

    @property
    def fiscal_total(self) -> Decimal:
        """财政拨款收支总计 = 本年财政拨款收入 + 年初财政拨款结转和结余."""
        return self.fiscal_income + sum((self.fund_opening(f) for f in FUNDS), ZERO)

    def fiscal_expense_by_class(self) -> list[tuple[str, str, dict[str, Decimal]]]:
        """(code, name, fund -> amount) per 类 across the three fiscal funds."""
        out: dict[str, tuple[str, dict[str, Decimal]]] = {}
        for fund, table in zip(FUNDS, (self.general, self.govfund, self.soe), strict=True):
            for r in table.of_level("类"):
                amt = r.values["基本支出"] + r.values["项目支出"]
                _name, d = out.setdefault(r.code, (r.name, {f: ZERO for f in FUNDS}))
                d[fund] += amt
        return [(c, n, d) for c, (n, d) in sorted(out.items())]

    # t5
    @property
    def general_budget(self) -> Decimal:
        return self.general.column("年初预算数")

    # t6
    def econ_class_total(self, code: str) -> Decimal:
        r = self.basic_econ.row(code)
        return r.values["决算数"] if r else ZERO

    @property
    def personnel(self) -> Decimal:
        return sum((self.econ_class_total(c) for c in PERSONNEL_CLASSES), ZERO)

    @property
    def public_use(self) -> Decimal:
        return self.basic_econ.column("决算数") - self.personnel

    # t7
    def sangong_value(self, item: str, col: str) -> Decimal:
        """Item values; the composite 公务用车购置及运行维护费 and 合计 are computed."""
        if item == "公务用车购置及运行维护费":
            return self.sangong["公务用车购置费"][col] + self.sangong["公务用车运行维护费"][col]
        if item == "合计":
            return sum((self.sangong[i][col] for i in SANGONG_ITEMS), ZERO)
        return self.sangong[item][col]


def validate(t: Tables) -> list[str]:
    """Identities across tables that typed data must satisfy (totals are computed)."""
    errs: list[str] = []
    if t.income.column("财政拨款收入") != t.fiscal_income:
        errs.append(
            f"收入决算表的“财政拨款收入”合计为{t.income.column('财政拨款收入')}，"
            f"但财政拨款收入支出决算总表三项财政拨款收入之和为{t.fiscal_income}"
        )
    basic_general = t.general.column("基本支出")
    econ = t.basic_econ.column("决算数")
    if not t.basic_econ.empty and econ != basic_general:
        errs.append(
            f"一般公共预算财政拨款基本支出决算表合计为{econ}，"
            f"但一般公共预算财政拨款支出决算表的基本支出合计为{basic_general}"
        )
    for fund in FUNDS:
        if t.fund_closing(fund) < 0:
            errs.append(f"{fund}：年初结转和结余 + 本年收入 小于本年支出，年末结转和结余为负")
    if t.fiscal_expense > t.expense_total:
        errs.append(f"财政拨款支出{t.fiscal_expense}大于支出决算表的本年支出合计{t.expense_total}")
    if t.year_end_balance < 0:
        errs.append("收入支出决算总表：总计小于本年支出合计与结余分配之和，年末结转和结余为负")
    for kind in ("基本支出", "项目支出"):
        for r in t.general.of_level("类"):
            all_r = t.expense.row(r.code)
            if all_r is None or all_r.values[kind] < r.values[kind]:
                errs.append(
                    f"一般公共预算财政拨款支出决算表“{r.code} {r.name}”的{kind}"
                    f"大于支出决算表中同一科目的{kind}"
                )
    return errs
