"""``table``: identities inside each of the nine tables (rounding-aware).

Row identities (合计 = Σ parts), levels (合计 = Σ类, 类 = Σ款, 款 = Σ项), the two-sided
balance of the total tables, 人员经费 = 工资福利 + 对个人和家庭的补助, 三公 totals,
classification code ↔ name, and empty tables without their note.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from decimal import Decimal

from juesuan.check.base import Context, NotApplicable, rule
from juesuan.model.document import Location
from juesuan.model.finding import Finding
from juesuan.model.numbers import Interval, Quantity, fmt_amount, pick_display, total
from juesuan.tables import ParsedTable, Row, table_word, tables_of
from juesuan.tables.identities import Violation, check_cells, relations, row_sum


def _tables(ctx: Context) -> list[ParsedTable]:
    ts = tables_of(ctx)
    if not ts:
        raise NotApplicable(f"未识别到{table_word(ctx.family)}")
    return ts


def _amt(q: Quantity) -> str:
    return fmt_amount(q.value, q.decimals, separators=True)


def _span(i: Interval, decimals: int) -> str:
    return fmt_amount(pick_display(i, decimals), decimals)


def _loc(t: ParsedTable, loc: Location | None) -> Location:
    return loc or t.title_loc or Location(t.page, t.line or 0, t.title)


@rule("table.row_sum", "表内行合计（合计 = 各分项之和）")
def row_sums(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    tables = _tables(ctx)
    specs = relations().get("rows", [])
    for t in tables:
        mine = [s for s in specs if s["kind"] == t.kind]
        blank = _blank_subtotals(t, mine)
        for spec in mine:
            out += _row_sum(t, spec, blank)
    return out


def _blank_subtotals(t: ParsedTable, specs: list[dict]) -> set[tuple[int, str]]:
    """(row, column) of subtotals left blank while their parts are filled in (三公: 公务用车
    购置及运行费 blank, 购置费 and 运行费 stated). Such a blank is an omission, not a zero, so
    the sums that would read it as zero say nothing."""
    out: set[tuple[int, str]] = set()
    for spec in specs:
        for i, r in enumerate(t.rows):
            stated = any(r.values[p].value for p in spec["parts"] if p in r.values)
            if stated and spec["total"] in t.columns and spec["total"] not in r.values:
                out.add((i, spec["total"]))
    return out


def _row_sum(t: ParsedTable, spec: dict, blank: set[tuple[int, str]]) -> list[Finding]:
    parts = [p for p in spec["parts"] if p in t.columns]
    if spec["total"] not in t.columns or not parts:
        return []  # this edition of the table has no such columns
    if any(n not in t.columns for n in spec.get("need", ())):
        return []  # a part column is missing: a blank would read as zero
    out: list[Finding] = []
    for i, r in enumerate(t.rows):
        if r.suspect or (spec.get("closed") and r.unread):
            continue  # an amount sits in a column the parts do not name
        if any((i, p) in blank for p in parts):
            continue  # a part is a blank subtotal: its own sum reports it
        got = row_sum(r, spec["total"], parts)
        if got is None:
            continue
        q, acc = got
        if q.interval.meets(acc):
            continue
        name = r.code + r.label if r.code else (r.label or "数据行")
        if (i, spec["total"]) in blank:
            out.append(
                Finding(
                    rule="table.row_sum",
                    severity="warning",
                    message=f"《{t.kind}》“{name}”行：{spec['total']}栏空白，而"
                    f"{'、'.join(parts)}之和为 {_span(acc, 2)}，应填写",
                    location=_loc(t, r.loc),
                    related=tuple(r.cells[p] for p in parts if p in r.cells),
                    expected=_span(acc, 2),
                    actual="（空白）",
                )
            )
            continue
        out.append(
            Finding(
                rule="table.row_sum",
                severity="error",
                message=f"《{t.kind}》“{name}”行：{spec['total']} {_amt(q)} 不等于"
                f"{'、'.join(parts)}之和 {_span(acc, q.decimals or 2)}",
                location=_loc(t, r.cells.get(spec["total"]) or r.loc),
                related=tuple(r.cells[p] for p in parts if p in r.cells),
                expected=_span(acc, q.decimals or 2),
                actual=_amt(q),
            )
        )
    return out


def _children(rows: list, at: int, width: int) -> list:
    """The rows one level below ``rows[at]``, in the block that follows it: a table that
    lists several units repeats the codes, and each unit's lines follow its own total. A
    level not printed is skipped over (30102 absent, its 3010201 and 3010202 printed under
    301): the nearest printed lines below count. A line printed twice under one code and
    name (a 项 shown with its 款's code) counts once."""
    parent = rows[at].code
    block = []
    for r in rows[at + 1 :]:
        if _unit_line(r):
            break  # the next unit's lines
        if not r.code:
            if r.values:
                break  # the next unit's (or the table's) total line
            continue
        if not r.code.startswith(parent):
            break
        if len(r.code) in (width, width + 2) and len(r.code) <= 7:
            block.append(r)  # a 类/款/项 code (unit codes of six digits are not levels)
    codes = {r.code for r in block if len(r.code) == width}
    seen: set[tuple[str, str, str]] = set()
    out = []
    for r in block:
        if len(r.code) > width and r.code[:width] in codes:
            continue  # under a printed line of the next level
        if (r.code, r.label, r.alt) not in seen:
            seen.add((r.code, r.label, r.alt))
            out.append(r)
    return out


@rule("table.levels", "科目层级合计（合计 = Σ类，类 = Σ款，款 = Σ项）")
def levels(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for t in _tables(ctx):
        coded = [r for r in t.rows if r.code]
        if not coded:
            continue
        sides = sorted({r.side for r in coded})
        # per side, not per column: a long table has hundreds of coded lines
        by_side = {side: [r for r in t.rows if r.side == side] for side in sides}
        leaves_in = {side: _leaf_counter(rows) for side, rows in by_side.items()}
        kids_of: dict[tuple[str, int], list] = {}
        for col in t.columns:
            for side in sides:
                rows = by_side[side]
                for i, parent in enumerate(rows):
                    w = len(parent.code)
                    if w not in (3, 5) or parent.suspect:
                        continue
                    kids = kids_of.get((side, i))
                    if kids is None:
                        kids = kids_of[side, i] = _children(rows, i, w + 2)
                    if not kids or _blank_kid(rows, kids, col):
                        continue  # a blank 款 over filled 项 is reported on its own line
                    out += _compare(
                        t,
                        parent.code + parent.label,
                        parent.values.get(col),
                        parent.cells.get(col) or parent.loc,
                        kids,
                        col,
                        leaves_in[side](parent.code),
                    )
            # 合计 = Σ类 (one-sided function tables), or Σ单位 and 单位 = Σ类 where the
            # table lists its units, each with its own lines
            tot = t.find("合计")
            if tot is None or sides != [""]:
                continue
            at = t.rows.index(tot)
            loc = tot.cells.get(col) or tot.loc
            units = [j for j, r in enumerate(t.rows) if j > at and _unit_line(r) and r.values]
            if not all(_unit_classes(t.rows, j) for j in units):
                units = []  # units without classes (收入总表 by unit, 采购 items): not levels
            if not units:
                kids = _children([*t.rows], at, 3)
                if _blank_kid(t.rows, kids, col):
                    continue
                leaves = _leaf_counter(coded)("")
                out += _compare(t, "合计", tot.values.get(col), loc, kids, col, leaves)
                continue
            kids = [t.rows[j] for j in units]
            out += _compare(t, "合计", tot.values.get(col), loc, kids, col, level="单位")
            for j in units:
                u = t.rows[j]
                out += _compare(
                    t,
                    u.code + u.label,
                    u.values.get(col),
                    u.cells.get(col) or u.loc,
                    _unit_classes(t.rows, j),
                    col,
                    level="类",
                )
    return out


def _unit_line(r: Row) -> bool:
    """A budget unit's line (125001 西安市某某中心): its code is no classification code."""
    return len(r.code) == 6 or len(r.code) > 7


def _unit_classes(rows: list[Row], at: int) -> list[Row]:
    """The 类 lines of the unit whose line is ``rows[at]``, up to the next unit."""
    out = []
    for r in rows[at + 1 :]:
        if _unit_line(r) or (not r.code and r.values):
            break
        if len(r.code) == 3:
            out.append(r)
    return out


def _blank_kid(rows: list[Row], kids: list[Row], col: str) -> bool:
    """Whether one of ``kids`` is blank in ``col`` while the lines under it are filled: an
    omission (or, on a scan, an amount lost), not a zero, so a sum that would read it as
    zero says nothing."""
    for k in kids:
        if not k.code or col in k.values:
            continue
        for r in rows[rows.index(k) + 1 :]:
            if not r.code.startswith(k.code) or r.code == k.code:
                break  # past the lines under it
            if col in r.values:
                return True
    return False


def _leaf_counter(rows: list) -> Callable[[str], int]:
    """How many printed lines at the bottom of a code's tree (``""``: the whole table): each
    was rounded, and a finance system may add the rounded lines into the levels above.

    Sorted, the codes under a code follow it at once, so a leaf is a code the next one
    does not extend, and the codes under a parent are one run: counted once per table."""
    codes = sorted({r.code for r in rows if r.code})
    last = len(codes) - 1
    upto = [0]  # leaves among codes[:k]
    for i, c in enumerate(codes):
        upto.append(upto[-1] + (i == last or not codes[i + 1].startswith(c)))

    def leaves(parent: str) -> int:
        lo = bisect_left(codes, parent)
        if lo < len(codes) and codes[lo] == parent:
            lo += 1  # the parent itself is not under it
        hi = lo
        while hi < len(codes) and codes[hi].startswith(parent):
            hi += 1
        return upto[hi] - upto[lo]

    return leaves


def _compare(
    t: ParsedTable,
    name: str,
    q: Quantity | None,
    loc: Location | None,
    kids: list,
    col: str,
    leaves: int = 0,
    level: str = "",
) -> list[Finding]:
    if not kids or (q is None and not any(col in k.values for k in kids)):
        return []
    if any(k.suspect for k in kids):
        return []  # a child's amounts ran into its name: the sum is not known
    acc = total([k.values[col].interval for k in kids if col in k.values])
    if q is None:  # left blank over filled lines: an omission to fill, not a wrong sum
        return [
            Finding(
                rule="table.levels",
                severity="warning",
                message=f"《{t.kind}》“{name}”的“{col}”栏空白，而其下各{_level(name, kids, level)}"
                f"之和为 {_span(acc, 2)}，应填写",
                location=_loc(t, loc),
                related=tuple(k.cells[col] for k in kids if col in k.cells),
                expected=_span(acc, 2),
            )
        ]
    stated = q
    # lines below the children were rounded too: their rounding may reach the total
    half = Decimal(1).scaleb(-(stated.decimals or 0)) / 2
    slack = half * max(leaves - len(kids), 0)
    if stated.interval.meets(Interval(acc.lo - slack, acc.hi + slack)):
        return []
    dec = stated.decimals or 2
    level = _level(name, kids, level)
    return [
        Finding(
            rule="table.levels",
            severity="error",
            message=f"《{t.kind}》“{name}”的“{col}” {_amt(stated)} 不等于其下各{level}之和 "
            f"{_span(acc, dec)}",
            location=_loc(t, loc),
            related=tuple(k.cells[col] for k in kids if col in k.cells),
            expected=_span(acc, dec),
            actual=_amt(stated),
        )
    ]


def _level(name: str, kids: list, level: str) -> str:
    """What the children of a level sum are called in its message (款, 项, 类, 单位)."""
    if level:
        return level
    if name == "合计":
        return "类"
    return {3: "款", 5: "项"}.get(len(kids[0].code) - 2, "类") if kids[0].code else "下级"


def violation_finding(rule_id: str, v: Violation) -> Finding:
    dec = v.lhs_value.decimals or 2
    rhs = " + ".join(r.label() for r in v.rhs)
    if v.op == "eq":
        msg = f"{v.lhs.label()} {_amt(v.lhs_value)} 与 {rhs} {_span(v.rhs_interval, dec)} 不一致"
        sev = "error"
    else:
        msg = (
            f"{v.lhs.label()} {_amt(v.lhs_value)} 小于 {rhs} {_span(v.rhs_interval, dec)}"
            "（前者应包含后者）"
        )
        sev = "warning"
    return Finding(
        rule=rule_id,
        severity=sev,  # type: ignore[arg-type]
        message=msg,
        location=v.loc,
        related=v.related,
        expected=_span(v.rhs_interval, dec),
        actual=_amt(v.lhs_value),
    )


@rule("table.balance", "收支平衡与表内总计（收入总计 = 支出总计，人员经费等）")
def balance(ctx: Context) -> list[Finding]:
    tables = {t.kind: t for t in _tables(ctx)}
    return [violation_finding("table.balance", v) for v in check_cells(tables, "table")]


@rule("table.code_name", "科目编码与科目名称一致")
def code_name(ctx: Context) -> list[Finding]:
    from juesuan.tables.codes import econ_names, former_names, func_names, same_name
    from juesuan.tables.kinds import kind_named

    out: list[Finding] = []
    for t in _tables(ctx):
        k = kind_named(t.kind)
        econ = k.econ if k is not None else False
        names = econ_names() if econ else func_names()
        former = former_names("econ" if econ else "func")
        for r in t.rows:
            if not r.code or not r.label:
                continue
            want = names.get(r.code)
            if want is None or same_name(want, r.label):
                continue
            if any(same_name(old, r.label) for old in former.get(r.code, ())):
                continue  # the name of an earlier edition of the classification
            out.append(
                Finding(
                    rule="table.code_name",
                    severity="warning",
                    message=f"《{t.kind}》科目编码 {r.code} 对应“{want}”，表中名称为“{r.label}”",
                    location=_loc(t, r.loc),
                    expected=want,
                    actual=r.label,
                )
            )
    return out


@rule("table.empty_note", "无数据的表须注明原因")
def empty_note(ctx: Context) -> list[Finding]:
    from juesuan.tables.kinds import kind_named

    out: list[Finding] = []
    for t in _tables(ctx):
        k = kind_named(t.kind)
        if k is not None and not k.columns and t.rows:
            continue  # a table of text (绩效目标表): its rows are its data
        if t.empty and t.numbers == 0 and not t.note:  # numbers read nowhere: not empty
            out.append(
                Finding(
                    rule="table.empty_note",
                    severity="warning",
                    message=f"《{t.kind}》没有数据，也没有说明（应注明“无…，故本表无数据”）",
                    location=_loc(t, t.title_loc),
                    suggestion="注：本单位无相关收支，故本表无数据。",
                )
            )
    return out
