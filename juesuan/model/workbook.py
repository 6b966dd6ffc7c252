"""The layout of the workbook that ``juesuan template`` writes and ``compose`` reads: its
sheets' titles, kinds and header rows. Data shared by compose (which writes it) and the
spreadsheet reader (which recognizes it, so that its label rows are not read as sums)."""

from __future__ import annotations

from dataclasses import dataclass

HEADER_ROW = 3
FIRST_DATA_ROW = 4

INCOME_SOURCES = (
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)
EXPENSE_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
SANGONG_ITEMS = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
SANGONG_COLS = ("年初预算数", "决算数", "上年决算数")
SUMMARY_ITEMS = ("使用非财政拨款结余", "年初结转和结余", "结余分配")
FISCAL_ITEMS = (
    *(f"{f}收入" for f in FUNDS),
    *(f"年初结转和结余（{f}）" for f in FUNDS),
)
GENERAL_COLS = ("年初预算数", "基本支出", "项目支出")
FUND_COLS = ("年初结转和结余", "本年收入", "基本支出", "项目支出")
# Economic classes counted as 人员经费; the others (302, 310, 399…) are 公用经费.
PERSONNEL_CLASSES = ("301", "303")


@dataclass(frozen=True)
class SheetSpec:
    key: str
    title: str
    kind: str  # items | func | econ | sangong
    columns: tuple[str, ...]
    items: tuple[str, ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        if self.kind in ("func", "econ"):
            return ("科目编码", "科目名称", *self.columns)
        return ("项目", *self.columns)


SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec("t1", "收入支出决算总表", "items", ("金额",), SUMMARY_ITEMS),
    SheetSpec("t2", "收入决算表", "func", INCOME_SOURCES),
    SheetSpec("t3", "支出决算表", "func", EXPENSE_KINDS),
    SheetSpec("t4", "财政拨款收入支出决算总表", "items", ("金额",), FISCAL_ITEMS),
    SheetSpec("t5", "一般公共预算财政拨款支出决算表", "func", GENERAL_COLS),
    SheetSpec("t6", "一般公共预算财政拨款基本支出决算表", "econ", ("决算数",)),
    SheetSpec("t7", "财政拨款“三公”经费支出决算表", "sangong", SANGONG_COLS, SANGONG_ITEMS),
    SheetSpec("t8", "政府性基金预算财政拨款收入支出决算表", "func", FUND_COLS),
    SheetSpec("t9", "国有资本经营预算财政拨款收入支出决算表", "func", FUND_COLS),
)
SPEC = {s.key: s for s in SHEETS}


def sheet_name(spec: SheetSpec) -> str:
    """Excel sheet names: at most 31 characters, no quotes trouble."""
    return spec.title.replace("“", "").replace("”", "")[:31]
