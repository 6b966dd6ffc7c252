"""Narrative statements recomputed from the tables (part of ``xref.narrative_table``).

Where the narrative states a final amount and says how it compares with the budget without
stating the budget (``比年初预算减少X``, ``与预算持平``, ``完成预算的Y%``, ``决算数小于预算数``),
the budget is the table's: the 三公 table's 预算数 beside its 决算数. The table's budget
column may be the adjusted budget where the sentence says 年初预算, so a contradiction is a
warning, never an error. A budget (预算) document's 三公 amounts are compared with its own
三公 table, whether the items are its columns or its rows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from juesuan.check.arith_support import fmt_like, fmt_pct_like, pct_point, signed_delta, yuan
from juesuan.check.direction import _COMPARE, sign_of
from juesuan.extract.clauses import GENERIC, clean_subject
from juesuan.extract.items import Item
from juesuan.extract.narrative import narrative_of
from juesuan.extract.normalize import reading
from juesuan.extract.vocab import canonical
from juesuan.model.context import Context
from juesuan.model.document import Location
from juesuan.model.facts import BASIS_BUDGET
from juesuan.model.finding import Finding
from juesuan.model.identities import share_interval
from juesuan.model.numbers import Interval, Quantity, fmt_amount
from juesuan.tables import ParsedTable
from juesuan.tables.identities import Term, cell

RULE = "xref.narrative_table"
_CMP_WORD = {"高于": "大于", "低于": "小于"}


@cache
def _budget_places() -> dict[str, list[Term]]:
    from juesuan.extract.vocab import data

    spec: dict[str, list[list[str]]] = data("xnarrative.yaml")["budget_sangong"]
    return {c: [Term(k, str(r), col) for k, r, col in places] for c, places in spec.items()}


def _listed_elsewhere(it: Item) -> bool:
    """公务接待费 listed under 机关运行经费 is a line of basic spending, not the 三公 item."""
    return it.parent is not None and it.parent.concept not in _budget_places()


def _cell(tables: dict[str, ParsedTable], t: Term) -> tuple[Quantity, Location | None] | None:
    """A cell that exists: a blank cell of a column the table does not have is no value."""
    got = cell(tables, t)
    if not isinstance(got, tuple):
        return None
    q, _ = got
    if q.exact and q.value == 0 and t.column not in tables[t.kind].columns:
        return None
    return got


def derived(
    ctx: Context,
    tables: dict[str, ParsedTable],
    budget_doc: bool,
    narrative_terms: Callable[..., Term | None],
) -> list[Finding]:
    """Every narrative-against-table finding beyond the stated amounts themselves
    (``narrative_terms``: the cell a narrative concept names, as ``check.xtable`` maps it)."""
    if budget_doc:
        return _budget_sangong(ctx, tables)

    out: list[Finding] = []
    pairs: dict[int, list[tuple[Item, Interval, Interval, Location | None]]] = {}
    for it in narrative_of(ctx).items:
        if it.kind != "amount" or it.twin_of is not None or it.other_year is not None:
            continue
        if _listed_elsewhere(it):
            continue
        final_t = narrative_terms(it.concept, it.scope.fund, it.level)
        budget_t = narrative_terms(it.concept, it.scope.fund, it.level, budget=True)
        if final_t is None or budget_t is None:
            continue
        f, b = _cell(tables, final_t), _cell(tables, budget_t)
        if f is None or b is None:
            continue
        final = f[0].in_yuan()
        if it.value is not None:
            if not yuan(it.value).meets(final):
                continue  # the amount itself disagrees: reported as such, nothing to derive
            final = yuan(it.value)
        budget = b[0].in_yuan()
        pairs.setdefault(it.para_index, []).append((it, final, budget, b[1]))
        if it.budget is None:
            out += _against_budget(it, final, budget, b[0], b[1])
    out += _compare_words(ctx, pairs)
    out += _shares(ctx, tables, narrative_terms)
    return out


def _shares(
    ctx: Context, tables: dict[str, ParsedTable], narrative_terms: Callable[..., Term | None]
) -> list[Finding]:
    """``基本支出X，占本年支出合计的Y%`` with the whole stated only in the table."""
    from juesuan.check.arith_support import whole_of
    from juesuan.extract.vocab import canonical, fund_of
    from juesuan.model.facts import FUND_ALL

    items = narrative_of(ctx).items
    out: list[Finding] = []
    for i, it in enumerate(items):
        if it.share is None or it.value is None or it.kind != "amount" or not it.share_whole:
            continue
        if it.share_base is not None or whole_of(it, items[:i]) is not None:
            continue  # the narrative states its whole: arith.share judges it
        concept = canonical(it.share_whole)
        term = narrative_terms(concept, fund_of(it.share_whole) or FUND_ALL, "")
        got = _cell(tables, term) if term is not None else None
        if got is None:
            continue
        q, loc = got
        r = share_interval(yuan(it.value), q.in_yuan())
        if r is None or r.meets(it.share.q.interval):
            continue
        exp = fmt_pct_like(pct_point(yuan(it.value), q.in_yuan(), r), it.share)
        whole_text = f"{fmt_amount(q.value, q.decimals)}{q.unit}"
        out.append(
            _finding(
                it.loc(it.share),
                f"“{it.subject}”{it.value.text}占“{it.share_whole}”的比例，按表中{whole_text}"
                f"计算应为{exp}，文中为{it.share.text}",
                loc,
                exp,
                it.share.text,
            )
        )
    return out


def _finding(
    where: Location, msg: str, related: Location | None, expected: str, actual: str
) -> Finding:
    return Finding(
        RULE,
        "warning",
        msg,
        where,
        (related,) if related is not None else (),
        expected=expected,
        actual=actual,
        suggestion=f"核实后改为{expected}",
    )


def _against_budget(
    it: Item, final: Interval, budget: Interval, bq: Quantity, bloc: Location | None
) -> list[Finding]:
    """Change, flat word and completion of a statement whose budget only the table states."""
    out: list[Finding] = []
    btext = f"{fmt_amount(bq.value, bq.decimals)}{bq.unit}"
    diff = final - budget
    if it.delta is not None and it.base_kind == BASIS_BUDGET:
        if it.delta_word == "持平":
            d = sign_of(diff)
            if d is not None:
                mag = diff if d > 0 else -diff
                word = "增加" if d > 0 else "减少"
                exp = f"{word}{fmt_like(mag.mid, it.value or it.delta)}"
                out.append(
                    _finding(
                        it.loc(it.delta),
                        f"“{it.subject}”文中与预算“{it.delta.text}”，但表中预算数为{btext}，"
                        f"决算与之相比{exp}",
                        bloc,
                        exp,
                        it.delta.text,
                    )
                )
        elif not any(c.meets(diff) for c in signed_delta(it)):
            d = sign_of(diff)
            mag = diff if d is None or d > 0 else -diff
            word = {1: "增加", -1: "减少", None: "持平"}[d]
            exp = f"{word}{fmt_like(mag.mid, it.delta)}" if d is not None else "持平"
            out.append(
                _finding(
                    it.loc(it.delta),
                    f"“{it.subject}”比预算{it.delta_word}{it.delta.text}，但按表中预算数{btext}"
                    f"计算应为{exp}",
                    bloc,
                    exp,
                    f"{it.delta_word}{it.delta.text}",
                )
            )
    if it.completion is not None and not (it.delta is not None and it.base_kind == BASIS_BUDGET):
        r = share_interval(final, budget) if not budget.lo <= 0 <= budget.hi else None
        if r is not None and not r.meets(it.completion.q.interval):
            exp = fmt_pct_like(pct_point(final, budget, r), it.completion)
            out.append(
                _finding(
                    it.loc(it.completion),
                    f"“{it.subject}”完成预算的{it.completion.text}，但按表中预算数{btext}"
                    f"计算应为{exp}",
                    bloc,
                    exp,
                    it.completion.text,
                )
            )
    return out


def _compare_words(
    ctx: Context, pairs: dict[int, list[tuple[Item, Interval, Interval, Location | None]]]
) -> list[Finding]:
    """``决算数小于预算数`` after a statement whose budget the sentence does not state."""
    out: list[Finding] = []
    for stated in pairs.values():
        para = stated[0][0].para
        text = reading(para.text)
        for m in _COMPARE.finditer(text):
            before = [x for x in stated if x[0].end <= m.start()]
            if not before:
                continue
            # “2021年度“三公”经费支出决算数小于预算数”: the words before name the subject;
            # with none, the last statement, unless that is one part of a list.
            head = text[text.rfind("。", 0, m.start()) + 1 : m.start()]
            name = clean_subject(head)[0] if head.strip() else ""
            if name and name not in GENERIC:
                concept = canonical(name)
                named = [x for x in before if x[0].concept == concept]
                if not named:
                    continue
                it, final, budget, bloc = named[-1]
            else:
                it, final, budget, bloc = before[-1]
                if it.parent is not None:
                    continue
            if it.budget is not None:
                continue  # judged on the stated budget by text.direction
            d = sign_of(final - budget)
            said = _CMP_WORD.get(m.group(1), m.group(1))
            right = {1: "大于", -1: "小于", None: "等于"}[d]
            if said == right or (said != "等于" and d is None):
                continue
            out.append(
                _finding(
                    para.location(m.start(), m.end()),
                    f"“{it.subject}”文中“决算数{m.group(1)}预算数”，但表中决算数与预算数相比应为“{right}”",
                    bloc,
                    right,
                    m.group(1),
                )
            )
    return out


def _budget_sangong(ctx: Context, tables: dict[str, ParsedTable]) -> list[Finding]:
    """A budget document's 三公 amounts against its 三公 table (columns or rows)."""
    places = _budget_places()
    out: list[Finding] = []
    for it in narrative_of(ctx).items:
        if it.value is None or it.kind != "amount" or it.twin_of is not None:
            continue
        if it.other_year is not None or it.concept not in places or _listed_elsewhere(it):
            continue
        got = next((c for t in places[it.concept] if (c := _cell(tables, t)) is not None), None)
        if got is None:
            continue
        q, loc = got
        if yuan(it.value).meets(q.in_yuan()):
            continue
        table_text = f"{fmt_amount(q.value, q.decimals or 2)}{q.unit}"
        out.append(
            Finding(
                RULE,
                # The narrative may state one fund's 三公 and the table all funds': a warning.
                "warning",
                f"说明中“{it.concept}”预算为{it.value.text}，与《财政拨款“三公”经费支出表》"
                f"{table_text}不一致",
                it.loc(it.value),
                (loc,) if loc is not None else (),
                expected=table_text,
                actual=it.value.text,
                suggestion=table_text,
            )
        )
    return out
