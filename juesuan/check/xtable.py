"""``xref`` across tables and between narrative and tables.

Cross-table identities come from ``juesuan/tables/relations.yaml`` (equalities, and
containments such as 三公 items ⊇ their basic-expenditure lines — never equalities). Class
lines are compared by name between tables of the same fund scope; function codes and
economic codes are different domains and are never compared. Narrative amounts that name a
table concept (``juesuan/tables/narrative.yaml``) must equal the table cell within rounding.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from juesuan.check.base import Context, NotApplicable, rule
from juesuan.check.table import violation_finding
from juesuan.extract.meta import meta_of
from juesuan.model.finding import Finding
from juesuan.model.numbers import fmt_amount
from juesuan.tables import ParsedTable, table_word, tables_of
from juesuan.tables.identities import Term, cell, check_cells, relations, scale


def _tables(ctx: Context) -> dict[str, ParsedTable]:
    ts = tables_of(ctx)
    if len(ts) < 2:
        raise NotApplicable(f"识别到的{table_word(ctx.family)}少于两张")
    return {t.kind: t for t in ts}


@rule("xref.tables", "表间勾稽（同一数据在不同表中一致）")
def across(ctx: Context) -> list[Finding]:
    tables = _tables(ctx)
    out = [violation_finding("xref.tables", v) for v in check_cells(tables, "xtable")]
    out += _classes(tables)
    return out


def _classes(tables: dict[str, ParsedTable]) -> list[Finding]:
    out: list[Finding] = []
    for spec in relations().get("classes", []):
        lk, lcol, lside = spec["lhs"]
        rk, rcol = spec["rhs"]
        lt, rt = tables.get(lk), tables.get(rk)
        if lt is None or rt is None:
            continue
        for r in rt.rows:
            if len(r.code) != 3 or not r.code.startswith("2"):  # function 类 only
                continue
            lrow = lt.find(r.label, lside)
            if lrow is None:
                continue
            q, lq = r.values.get(rcol), lrow.values.get(lcol)
            if q is None or lq is None:
                continue
            if lq.interval.meets(scale(q, lq.unit)):
                continue
            out.append(
                Finding(
                    rule="xref.tables",
                    severity="error",
                    message=f"《{lk}》“{lrow.label}” {fmt_amount(lq.value, lq.decimals)} 与"
                    f"《{rk}》{r.code}“{r.label}”的“{rcol}” {fmt_amount(q.value, q.decimals)} 不一致",
                    location=lrow.cells.get(lcol) or lrow.loc,  # type: ignore[arg-type]
                    related=tuple(x for x in (r.cells.get(rcol),) if x is not None),
                    expected=fmt_amount(q.value, q.decimals),
                    actual=fmt_amount(lq.value, lq.decimals),
                )
            )
    return out


_SANGONG = "财政拨款“三公”经费支出决算表"


@cache
def _mapping() -> dict[str, Any]:
    from juesuan.data import read_yaml

    data: dict[str, Any] = read_yaml("juesuan.tables", "narrative.yaml")
    return data


def narrative_terms(concept: str, fund: str, level: str, budget: bool = False) -> Term | None:
    """The table cell a narrative fact names, or None."""
    m = _mapping()
    if budget:
        spec = m.get("any_fund_budget", {}).get(concept)
        return Term(spec[0], str(spec[1]), spec[2]) if spec else None
    if level == "类":
        spec = m.get("classes", {}).get(fund)
        return Term(spec[0], concept, spec[1]) if spec else None
    spec = m.get(fund, {}).get(concept) or m.get("any_fund", {}).get(concept)
    return (
        Term(spec[0], str(spec[1]), spec[2], spec[3] if len(spec) > 3 else None) if spec else None
    )


def _facts(ctx: Context) -> Any:
    try:
        from juesuan.extract.narrative import facts_of  # type: ignore[import-not-found,unused-ignore]
    except ImportError as e:
        raise NotApplicable("说明文字的数据提取尚不可用") from e
    return facts_of(ctx)


@rule("xref.narrative_table", "说明文字与决算表数据一致")
def narrative_vs_tables(ctx: Context) -> list[Finding]:
    from juesuan.model.facts import BASIS_BUDGET, BASIS_FINAL, PERIOD_CURRENT

    tables = {t.kind: t for t in tables_of(ctx)}
    if not tables:
        raise NotApplicable(f"未识别到{table_word(ctx.family)}")
    facts = _facts(ctx)
    from juesuan.check.fmt import convention

    sep = convention(ctx).separators
    out: list[Finding] = []
    for f in facts.facts:
        if f.kind != "amount" or f.scope.period != PERIOD_CURRENT:
            continue
        if f.scope.basis not in (BASIS_FINAL, BASIS_BUDGET):
            continue
        term = narrative_terms(f.concept, f.scope.fund, f.level, f.scope.basis == BASIS_BUDGET)
        if term is None:
            continue
        got = cell(tables, term)
        if not isinstance(got, tuple):
            continue
        q, loc = got
        if q.exact and q.value == 0 and term.column not in tables[term.kind].columns:
            continue
        if term.kind == _SANGONG and (q.exact or "决算" not in meta_of(ctx).title):
            # A blank 三公 cell, or a budget document's 三公 table: nothing stated to compare.
            continue
        if f.value.in_yuan().meets(q.in_yuan()):
            continue
        dec = q.decimals or 2
        # written as the document writes amounts, so 应为 and 建议 agree
        table_text = f"{fmt_amount(q.value, dec, sep)}{q.unit}"
        out.append(
            Finding(
                rule="xref.narrative_table",
                severity="error",
                message=f"说明中“{f.concept}”{'预算' if f.scope.basis == BASIS_BUDGET else ''}为 "
                f"{f.loc.excerpt}，与{term.label()} {table_text} 不一致",
                location=f.loc,
                related=(loc,) if loc is not None else (),
                expected=table_text,
                actual=f.loc.excerpt,
                suggestion=table_text,
                replacement=table_text,
            )
        )
    from juesuan.check.xderived import derived

    title = meta_of(ctx).title
    out += derived(ctx, tables, "预算" in title and "决算" not in title, narrative_terms)
    return out
