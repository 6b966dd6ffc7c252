"""``arith`` percentages: shares, growth rates and completion rates against their amounts.

A percentage is reported only when no values inside the stated numbers' rounding intervals
give it; the message then names the slip that explains the stated value when one does
(``check.slips``) and gives the corrected wording.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from juesuan.check.arith_support import (
    either,
    fmt_pct_like,
    pct_point,
    signed_delta,
    whole_of,
    yuan,
)
from juesuan.check.base import Context, NotApplicable, rule
from juesuan.check.direction import sign_of
from juesuan.check.slips import completion as completion_slip
from juesuan.check.slips import rate as rate_slip
from juesuan.extract.items import Item
from juesuan.extract.narrative import narrative_of
from juesuan.extract.vocab import direction_sign
from juesuan.model.finding import Finding, Severity
from juesuan.model.identities import rate_interval, share_interval, zero_base_rate_ok
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import HUNDRED, Interval, total


def _items(ctx: Context) -> list[Item]:
    items = narrative_of(ctx).items
    if not items:
        raise NotApplicable("未识别到带金额的陈述")
    return items


def _count(ctx: Context) -> None:
    ctx.cache["checks_done"] = ctx.cache.get("checks_done", 0) + 1


def _severity(slip: str | None) -> Severity:
    """A value truncated instead of rounded is almost surely wrong by the genre's rounding,
    but every digit it states is right (another rounding habit): a warning, not an error."""
    from juesuan.check.slips import TRUNCATED

    return "warning" if slip == TRUNCATED else "error"


def _why(slip: str | None) -> str:
    return f"（{slip}）" if slip else ""


@rule("arith.share", "占比与金额一致")
def shares(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    items = _items(ctx)
    computed_of: dict[int, tuple[Item, Interval]] = {}
    wrong: list[tuple[Item, Item, Interval]] = []
    unplaced: list[Item] = []  # shares whose whole is named but not found
    for i, it in enumerate(items):
        if it.share is None or it.value is None:
            continue
        whole = whole_of(it, items[:i]) or _listed_whole(it, items[:i], items)
        if it.share_base is not None:
            # 占本年支出合计1,248.90万元的83.8%: the whole is stated in the clause itself.
            name = it.share_whole.split(str(it.share_base.text))[0] or "总额"
            whole = replace(it, subject=name, value=it.share_base, parts=[], parent=None)
        if (
            whole is not None
            and whole is not it.parent
            and it.share_base is None
            and it.para_index - whole.para_index > 3
        ):
            # A whole matched by its name paragraphs away (项目支出 of another section, fund
            # or year): what the share is of is not certain enough to call it wrong.
            whole = None
        if whole is None or whole.value is None:
            over = _over_whole(it)
            if over is not None:
                out.append(over)
            else:
                unplaced.append(it)
            continue
        _count(ctx)
        computed = share_interval(yuan(it.value), yuan(whole.value))
        if computed is None:
            continue  # the whole may be zero: any share is possible
        computed_of[id(it)] = (whole, computed)
        if computed.meets(it.share.q.interval) or _fits_parts_sum(it, whole):
            named = _other_total(it, whole, items[:i])
            if named is not None:
                out.append(named)
            continue
        wrong.append((it, whole, computed))
    from juesuan.check.shares_implied import implied_whole_conflicts

    out += implied_whole_conflicts(unplaced)
    wrong = [w for w in wrong if not _shares_of_their_sum(w[0], w[1], computed_of, items)]
    for it, whole, computed in wrong:
        assert it.share is not None and it.value is not None and whole.value is not None
        exp = fmt_pct_like(pct_point(yuan(it.value), yuan(whole.value), computed), it.share)
        slip = _swapped(it, whole, wrong)
        if slip is None:
            from juesuan.check.slips import common

            slip = common(computed, it.share.q.interval, it.share.q.decimals)
        if slip is None and _plugged(it, whole, computed, computed_of, items):
            slip = PLUGGED
        out.append(
            Finding(
                "arith.share",
                _severity(slip),
                f"“{it.subject}”{it.value.text}占“{whole.subject}”{whole.value.text}的比例应为{exp}，"
                f"文中为{it.share.text}{_why(slip)}",
                it.loc(it.share),
                (it.loc(it.value), whole.loc(whole.value)),
                expected=exp,
                actual=it.share.text.replace(" ", ""),
                suggestion=f"占比改为{exp}",
                replacement=exp,
            )
        )
    return out


def _other_total(it: Item, whole: Item, earlier: list[Item]) -> Finding | None:
    """``本年收入合计X，其中：财政拨款收入Y，占收入总计的Z%`` where Z is Y / X: the share is
    right, but the words name 总计 (which also holds 年初结转) where 合计 is meant. When the
    document states that 总计 with another value, the share is wrong of what it names."""
    assert it.share is not None and it.value is not None and whole.value is not None
    name = it.share_whole
    said, other = (
        ("总计", "合计") if "总计" in name else ("合计", "总计") if "合计" in name else ("", "")
    )
    if not said or other not in whole.subject or said in whole.subject:
        return None
    stem = name.replace(said, "").replace("本年", "").replace("的", "")
    named = next(
        (
            c
            for c in reversed(earlier)
            if c.value is not None
            and c.kind == it.kind
            and said in c.subject
            and c.subject.replace("本年", "").startswith(stem)
            and c.scope.fund == whole.scope.fund
        ),
        None,
    )
    if named is None or named.value is None or yuan(named.value).meets(yuan(whole.value)):
        return None
    of_named = share_interval(yuan(it.value), yuan(named.value))
    if of_named is None or of_named.meets(it.share.q.interval):
        return None
    fixed = name.replace(said, other)
    return Finding(
        "arith.share",
        "warning",
        f"“{it.subject}”的{it.share.text}是占“{whole.subject}”{whole.value.text}的比例；"
        f"文中写作“占{name}”，而{named.subject}为{named.value.text}，"
        f"占其比例应为{fmt_pct_like(of_named.mid, it.share)}（“{said}”与“{other}”混用）",
        it.loc(it.share),
        (whole.loc(whole.value), named.loc(named.value)),
        expected=f"占{fixed}的{it.share.text}",
        actual=f"占{name}的{it.share.text}",
        suggestion=f"占{fixed}的{it.share.text}",
    )


def _over_whole(it: Item) -> Finding | None:
    """``占部门项目总数的105.0%``: a part of a total cannot exceed it, whatever the total is.

    Only for a whole named as a total (总数, 总额, 合计, 总计, 全部…); 支出占收入的105% may be
    true. A warning: the words still might name a different total than the part's own.
    """
    assert it.share is not None
    if it.share.q.interval.lo <= HUNDRED or not _TOTAL_WHOLE.search(it.share_whole):
        return None
    return Finding(
        "arith.share",
        "warning",
        f"“{it.subject}”占“{it.share_whole}”的比例为{it.share.text}，部分不能超过总体的100%",
        it.loc(it.share),
        (it.loc(it.value),) if it.value is not None else (),
        expected="不超过100%",
        actual=it.share.text.replace(" ", ""),
        suggestion="核实占比",
    )


_TOTAL_WHOLE = lazy(r"总数|总额|合计|总计|全部|总量")


def _shares_of_their_sum(
    it: Item, whole: Item, computed_of: dict[int, tuple[Item, Interval]], items: list[Item]
) -> bool:
    """``基本支出X，占本年支出预算a%；项目支出Y，占本年支出预算b%`` with a + b = 100% and each
    share right against X + Y: the whole is their sum, a narrower total than the figure the
    words matched (支出预算, which also holds 结转 or other lines). No certain error."""
    sib = [x for x in items if id(x) in computed_of and computed_of[id(x)][0] is whole]
    if len(sib) < 2 or it not in sib or any(x.share is None or x.value is None for x in sib):
        return False
    shares = total([x.share.q.interval for x in sib if x.share is not None])
    if not shares.contains(HUNDRED):
        return False
    s = total([yuan(x.value) for x in sib if x.value is not None])
    for x in sib:
        assert x.share is not None and x.value is not None
        r = share_interval(yuan(x.value), s)
        if r is None or not r.meets(x.share.q.interval):
            return False
    return True


PLUGGED = "各项占比合计凑足100%，疑为尾差调整"


def _plugged(
    it: Item,
    whole: Item,
    computed: Interval,
    computed_of: dict[int, tuple[Item, Interval]],
    items: list[Item],
) -> bool:
    """``基本支出…占59.35%；项目支出…占40.01%；预留…占0.64%`` where 0.64 should round to 0.63
    but the stated shares add to exactly 100%: the writer moved the rounding remainder
    (尾差) onto one share so the breakdown closes. Still an error (no rounding of the numbers
    gives it, and the labelled set calls it one), but the message says what happened."""
    assert it.share is not None
    sib = [x for x in items if id(x) in computed_of and computed_of[id(x)][0] is whole]
    if len(sib) < 2 or any(x.share is None for x in sib):
        return False
    if sum(x.share.q.value for x in sib if x.share is not None) != HUNDRED:
        return False
    step = Decimal(1).scaleb(-it.share.q.decimals)
    near = Interval(computed.lo - step, computed.hi + step)
    return near.meets(it.share.q.interval)


def _listed_whole(it: Item, earlier: list[Item], items: list[Item]) -> Item | None:
    """``A x，占90.7%；B y，占6.5%；C z，占2.8%`` with no whole named and no list opened:
    the whole is the earlier total that the listed amounts (the whole list, so that its
    first share is judged too) add up to."""
    if it.share_whole or it.parent is not None:
        return None
    listed = [
        x
        for x in items
        if x.para_index == it.para_index and x.share is not None and x.parent is None
    ]
    if len(listed) < 2 or any(x.value is None for x in listed):
        return None
    s = total([yuan(x.value) for x in listed if x.value is not None])
    for cand in reversed(earlier):
        if cand in listed or cand.value is None or cand.kind != it.kind:
            continue
        if it.para_index - cand.para_index > 3:
            break
        if yuan(cand.value).meets(s):
            return cand
    return None


def _fits_parts_sum(it: Item, whole: Item) -> bool:
    """The share is right against the sum of the listed parts: the total is what is wrong
    (``arith.sum`` says so), not the share."""
    parts = whole.parts
    if it not in parts or len(parts) < 2 or any(p.value is None for p in parts):
        return False
    s = total([yuan(p.value) for p in parts if p.value is not None])
    r = share_interval(yuan(it.value), s) if it.value is not None else None
    return r is not None and it.share is not None and r.meets(it.share.q.interval)


def _swapped(it: Item, whole: Item, wrong: list[tuple[Item, Item, Interval]]) -> str | None:
    """Two shares of one whole written in each other's place."""
    assert it.share is not None
    for other, w, comp in wrong:
        if other is it or w is not whole or other.share is None:
            continue
        mine = next(c for o, _, c in wrong if o is it)
        if comp.meets(it.share.q.interval) and mine.meets(other.share.q.interval):
            return f"疑与“{other.subject}”的占比互换"
    return None


@rule("arith.rate", "增减率与增减额、基数一致")
def rates(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for it in _items(ctx):
        if it.rate is None or (it.delta is None and it.base is None):
            continue
        pairs = _delta_base_pairs(it)
        if not pairs:
            continue  # a change stated without its base: nothing to divide by
        _count(ctx)
        f = either(it, _rate_of)
        if f is not None:
            out.append(f)
    return out


def _rate_of(it: Item) -> Finding | None:
    pairs = _delta_base_pairs(it) if it.rate is not None else []
    return _rate_finding(it, pairs) if pairs else None


def _no_change(it: Item) -> bool:
    """A change written as 0.00元: to the fen, the smallest unit of money, so exactly zero
    (0.00万元 is not: it may hide a few yuan, which on a tiny base is any rate)."""
    d = it.delta
    if d is None or d.q.value != 0 or d.q.unit != "元" or d.q.decimals < 2:
        return False
    if it.base is not None and it.value is not None:
        # Both amounts stated: the rate may be theirs, and the zero the slip.
        diff = yuan(it.value) - yuan(it.base)
        return diff.lo <= 0 <= diff.hi
    return True


def _rate_finding(it: Item, pairs: list[tuple[Interval, Interval]]) -> Finding | None:
    assert it.rate is not None
    anchor = it.delta or it.base
    assert anchor is not None
    stated = it.rate.q.interval
    if _no_change(it) and not stated.lo <= 0 <= stated.hi:
        # No change at all: the rate is 0 on any base (and on a zero base too).
        exp = fmt_pct_like(Decimal(0), it.rate)
        return Finding(
            "arith.rate",
            "error",
            f"“{it.subject}”增减额为{anchor.text}，增减率应为{exp}，文中为{it.rate.text}",
            it.loc(it.rate),
            (it.loc(anchor),),
            expected=exp,
            actual=it.rate.text.replace(" ", ""),
            suggestion=exp,
            replacement=exp,
        )
    right: Interval | None = None
    mag_right, base_right = stated, stated
    for d, b in pairs:
        mag = d if d.lo >= 0 else -d
        if b.lo <= 0 <= b.hi:
            # The base may be zero (convention 100%) or any small positive value
            # (then any rate from |change| / largest base upwards is possible).
            tiny = b.hi > 0 and mag.lo / b.hi * HUNDRED <= stated.hi
            if zero_base_rate_ok(it.rate.q.value, d) or tiny:
                return _rate_word_finding(it)
            continue
        r = rate_interval(mag, b)
        if r is None or r.meets(stated):
            return _rate_word_finding(it)
        right, mag_right, base_right = r, mag, b
    if right is None:
        # Base may be zero and the stated rate is not the zero-base convention.
        return Finding(
            "arith.rate",
            # A rate on a zero base is undefined: 100% is the convention, 0% another some
            # documents state (预算数为0，因此增长率为0%); any other figure is a warning.
            "info" if it.rate.q.value == 0 else "warning",
            f"“{it.subject}”的基数为零，增长率按惯例写作100.0%（无变化时为0.0%），文中为{it.rate.text}",
            it.loc(it.rate),
            (it.loc(anchor),),
            expected="100.0%",
            actual=it.rate.text,
        )
    exp = fmt_pct_like(pct_point(mag_right, base_right, right), it.rate)
    current = yuan(it.value) if it.value is not None else None
    slip = rate_slip(right, stated, it.rate.q.decimals, mag_right, current)
    basis = "上年数" if it.base_kind == "上年" else "预算数"
    what = (
        f"增减{it.delta.text}"
        if it.delta is not None
        else f"由{it.value.text if it.value else ''}与{anchor.text}计算"
    )
    return Finding(
        "arith.rate",
        _severity(slip),
        f"“{it.subject}”{what}，以{basis}为基数的增减率应为{exp}，文中为{it.rate.text}{_why(slip)}",
        it.loc(it.rate),
        (it.loc(anchor),) + ((it.loc(it.value),) if it.value else ()),
        expected=exp,
        actual=it.rate.text.replace(" ", ""),
        suggestion=f"{it.rate_word}{exp}",
        replacement=exp,
    )


def _rate_word_finding(it: Item) -> Finding | None:
    """Rate word against the change's direction: 减少…增长5% cannot both hold."""
    assert it.rate is not None
    if it.delta is not None:
        ds, said = direction_sign(it.delta_word), f"写作“{it.delta_word}”"
    elif it.value is not None and it.base is not None:
        ds = sign_of(yuan(it.value) - yuan(it.base))
        said = f"{it.value.text}比{it.base.text}{'增加' if ds == 1 else '减少'}"
    else:
        return None
    rs = direction_sign(it.rate_word)
    if ds is None or rs is None or ds * rs >= 0:
        return None
    want = "增长" if ds > 0 else "下降"
    anchor = it.delta or it.base
    assert anchor is not None
    return Finding(
        "arith.rate",
        "error",
        f"“{it.subject}”{said}，增减率却写作“{it.rate_word}”，应为“{want}{it.rate.text}”",
        it.loc(it.rate),
        (it.loc(anchor),),
        expected=f"{want}{it.rate.text}",
        actual=f"{it.rate_word}{it.rate.text}",
        suggestion=f"{want}{it.rate.text}",
    )


def _budget_of(it: Item) -> Interval | None:
    """The budget a completion rate divides by: stated, or value − change against it."""
    if it.budget is not None:
        return yuan(it.budget)
    if it.delta is not None and it.base_kind == "年初预算" and it.value is not None:
        opts = [yuan(it.value) - d for d in signed_delta(it)]
        if len(opts) == 1:
            return opts[0]
    return None


@rule("arith.completion", "完成预算的比例与预算数、决算数一致")
def completion(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    items = _items(ctx)
    for it in items:
        if it.completion is None or it.value is None:
            continue
        base = _budget_of(it)
        if base is None:
            # 比上年减少X；完成年初预算100%，决算数大于预算数Y: the budget comes from the
            # second comparison (the twin against the budget).
            base = next(
                (b for x in items if x.twin_of is it and (b := _budget_of(x)) is not None), None
            )
        if base is None:
            continue
        _count(ctx)
        if base.lo <= 0 <= base.hi:
            continue
        r = share_interval(yuan(it.value), base)
        stated = it.completion.q.interval
        if r is None or r.meets(stated):
            continue
        exp = fmt_pct_like(pct_point(yuan(it.value), base, r), it.completion)
        slip = completion_slip(r, stated, it.completion.q.decimals)
        word = it.budget_word or "年初预算"
        budget_text = it.budget.text if it.budget is not None else "（由增减额推算）"
        out.append(
            Finding(
                "arith.completion",
                _severity(slip),
                f"“{it.subject}”决算{it.value.text}÷{word}{budget_text}应为{exp}，"
                f"文中为{it.completion.text}{_why(slip)}",
                it.loc(it.completion),
                (it.loc(it.value),) + ((it.loc(it.budget),) if it.budget is not None else ()),
                expected=exp,
                actual=it.completion.text,
                suggestion=f"完成{word}的{exp}",
                replacement=exp,
            )
        )
    return out


def _delta_base_pairs(it: Item) -> list[tuple[Interval, Interval]]:
    """(signed change, base) for each reading the direction word allows.

    With both amounts stated, the rate may also have been computed from them directly
    (a wrong change amount is then arith.change's to report, not the rate's).
    """
    pairs = []
    if it.base is not None and it.value is not None:
        pairs.append((yuan(it.value) - yuan(it.base), yuan(it.base)))
    if it.delta is None:
        return pairs
    for d in signed_delta(it):
        if it.base is not None:
            pairs.append((d, yuan(it.base)))
        elif it.value is not None:
            pairs.append((d, yuan(it.value) - d))
    return pairs
