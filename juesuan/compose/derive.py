"""Every derived number of the narrative and its wording, from the shared identities.

Templates hold the sentence forms of the genre; they get numbers only through ``Words``,
whose methods call ``juesuan.model.identities`` (``change``, ``share``,
``comparison_word``) and format with ``juesuan.model.numbers`` — the code ``check`` uses
to verify the same sentences. A change that is zero is written 持平; growth from a zero
base is written 100%, as the convention in DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from juesuan.compose.load import Bundle, ComposeError
from juesuan.compose.tables import EXPENSE_KINDS, FUNDS, INCOME_SOURCES, PERSONNEL_CLASSES
from juesuan.model.identities import change, comparison_word, share, unchanged_against
from juesuan.model.numbers import ZERO, fmt_amount, fmt_percent


@dataclass(frozen=True)
class Words:
    """Number formatting and wording for one profile."""

    unit: str
    decimals: int
    separators: bool
    pct_decimals: int

    @staticmethod
    def of(profile: dict[str, Any]) -> Words:
        return Words(
            unit=str(profile.get("amount_unit", "元")),
            decimals=int(profile.get("amount_decimals", 2)),
            separators=bool(profile.get("thousands_separator", True)),
            pct_decimals=int(profile.get("percent_decimals", 1)),
        )

    def num(self, v: Decimal | int) -> str:
        return fmt_amount(Decimal(v), self.decimals, self.separators)

    def a(self, v: Decimal | int) -> str:
        """An amount with its unit: ``1,800,000.00元`` / ``2946.25万元``."""
        return self.num(v) + self.unit

    def cell(self, v: Decimal) -> str:
        """A table cell: always with separators, as published tables are."""
        return fmt_amount(v, self.decimals, True)

    def p(self, v: Decimal) -> str:
        return fmt_percent(v, self.pct_decimals)

    def share(self, part: Decimal | int, whole: Decimal | int) -> str:
        s = share(Decimal(part), Decimal(whole))
        return self.p(s if s is not None else ZERO)

    def chg(self, current: Decimal, base: Decimal, against: str) -> str:
        """``比上年增加X元，增长Y%`` / ``比上年减少X元，下降Y%`` / ``与上年持平``."""
        c = change(current, base)
        if c.delta == 0:
            return unchanged_against(against)
        assert c.rate is not None
        return f"比{against}{c.direction}{self.a(abs(c.delta))}，{c.rate_word}{self.p(abs(c.rate))}"

    def delta(self, current: Decimal, base: Decimal) -> str:
        """``增加X元`` / ``减少X元`` / ``持平`` (no rate)."""
        c = change(current, base)
        return "持平" if c.delta == 0 else f"{c.direction}{self.a(abs(c.delta))}"

    def moved(self, current: Decimal, base: Decimal) -> bool:
        return current != base

    def cmp(self, final: Decimal, budget: Decimal) -> str:
        return comparison_word(final, budget)

    def done(self, final: Decimal, budget: Decimal) -> str:
        """Completion of the budget in percent (``完成年初预算的98.20%``)."""
        return self.share(final, budget)


@dataclass
class Subject:
    """A function-classification row of the general-budget table, ready to narrate."""

    code: str
    name: str
    level: str
    final: Decimal
    budget: Decimal
    reason: str
    use: str
    parent_names: tuple[str, ...]


def context(b: Bundle) -> dict[str, Any]:
    """Everything the templates need; raises ComposeError listing missing reasons."""
    d, t = b.data, b.tables
    w = Words.of(b.profile)
    missing: list[str] = []

    def reason(section: dict[str, str], key: str, label: str, needed: bool) -> str:
        r = section.get(key, "").strip().rstrip("。")
        if needed and not r:
            missing.append(f"disclosure.yaml：原因：缺少“{label}”（{key}）的变动原因")
        return r

    subjects: list[Subject] = []
    names: dict[str, str] = {r.code: r.name for r in t.general.rows}
    narrated_level = "款" if d.profile == "beijing" else "项"
    for r in t.general.rows:
        final = r.values["基本支出"] + r.values["项目支出"]
        budget = r.values["年初预算数"]
        if final == 0 and budget == 0:
            continue
        leafish = r.level == narrated_level or (
            r.level != "类" and not t.general.children(r.code) and narrated_level == "项"
        )
        needs = leafish and final != budget
        parents = tuple(names[r.code[:n]] for n in (3, 5) if len(r.code) > n)
        subjects.append(
            Subject(
                r.code,
                r.name,
                r.level,
                final,
                budget,
                reason(d.reasons.subjects, r.code, r.name, needs),
                d.uses.get(r.code, "").strip().rstrip("。"),
                parents,
            )
        )

    prev = d.previous
    if d.profile == "beijing":
        for label, v in (("本年收入合计", prev.income_total), ("本年支出合计", prev.expense_total)):
            if v is None:
                missing.append(f"disclosure.yaml：上年.{label}：北京市模板说明其比上年增减，须填写")
    overall = d.reasons.overall
    general_exp = t.fund_expense(FUNDS[0])
    ctx: dict[str, Any] = {
        "d": d,
        "t": t,
        "w": w,
        "year": d.year,
        "prev_year": d.year - 1,
        "dept": d.department,
        "subjects": subjects,
        "income_sources": [(s, t.income.column(s)) for s in INCOME_SOURCES],
        "expense_kinds": [(k, t.expense.column(k)) for k in EXPENSE_KINDS],
        "general_exp": general_exp,
        "general_basic": t.general.column("基本支出"),
        "general_project": t.general.column("项目支出"),
        "general_budget": t.general_budget,
        "general_classes": [s for s in subjects if s.level == "类"],
        "econ_classes": t.basic_econ.of_level("类"),
        "personnel_classes": PERSONNEL_CLASSES,
        "funds": FUNDS,
        "r_grand": reason(
            overall,
            "收支总计",
            "收支总计",
            d.profile == "shanghai" and prev.grand_total != t.grand_total,
        ),
        "r_fiscal": reason(
            overall, "财政拨款收支总计", "财政拨款收支总计", prev.fiscal_total != t.fiscal_total
        ),
        "r_general": reason(
            overall,
            "一般公共预算财政拨款支出",
            "一般公共预算财政拨款支出",
            d.profile == "shanghai"
            and prev.general_expense is not None
            and prev.general_expense != general_exp,
        ),
        "r_budget": reason(
            overall,
            "一般公共预算财政拨款预算执行",
            "一般公共预算财政拨款预算执行",
            d.profile == "shanghai" and t.general_budget != general_exp,
        ),
    }
    if d.profile == "beijing":
        for code, eb in d.basic_budget.items():
            reason(d.reasons.basic, code, f"基本支出{code}", t.econ_class_total(code) != eb)
        for code, pe in d.project_econ.items():
            reason(d.reasons.project, code, f"项目支出{code}", pe.final != pe.budget)
    sg = d.sangong
    if (
        t.sangong_value("合计", "决算数") != t.sangong_value("合计", "年初预算数")
        and not sg.budget_reason
    ):
        missing.append("disclosure.yaml：三公经费.预算执行原因：决算数与预算数不同，须说明原因")
    if (
        d.profile == "shanghai"
        and t.sangong_value("合计", "决算数") != t.sangong_value("合计", "上年决算数")
        and not sg.change_reason
    ):
        missing.append("disclosure.yaml：三公经费.比上年变动原因：决算数与上年不同，须说明原因")
    if (
        d.operating is not None
        and d.operating.current != d.operating.previous
        and not d.operating.reason
    ):
        missing.append("disclosure.yaml：机关运行经费.原因：与上年不同，须说明原因")
    if d.profile == "shanghai" and d.performance is None:
        missing.append("disclosure.yaml：绩效：上海市模板要求说明预算绩效管理情况（第十部分）")
    if missing:
        raise ComposeError(missing)
    return ctx
