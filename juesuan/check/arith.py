"""``arith``: the identities between stated numbers, verified on rounding intervals.

An identity is reported only when no values inside the stated numbers' rounding
intervals can satisfy it, so rounding never raises an alarm.
"""

from __future__ import annotations

from juesuan.check.arith_support import (
    base_of,
    either,
    fmt_like,
    likely_base,
    signed_delta,
    yuan,
)
from juesuan.check.base import Context, NotApplicable, rule
from juesuan.extract.narrative import Item, Narrative, narrative_of
from juesuan.extract.normalize import reading
from juesuan.extract.vocab import direction_sign, exhaustive, usually_complete
from juesuan.model.finding import Finding
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import HUNDRED, Interval, total


def _items(ctx: Context) -> Narrative:
    nar = narrative_of(ctx)
    if not nar.items:
        raise NotApplicable("未识别到带金额的陈述")
    return nar


def _count(ctx: Context, n: int = 1) -> None:
    ctx.cache["checks_done"] = ctx.cache.get("checks_done", 0) + n


def _is_exhaustive(it: Item) -> bool:
    parts = it.parts
    known = exhaustive().get(it.concept)
    if known and len(parts) >= 2 and all(p.concept in known for p in parts):
        return True
    if it.kind == "count" and len(parts) >= 2 and parts[-1].subject.startswith("其他"):
        return True  # 业务用车12辆，…，其他用车20辆: a list closed by its remainder is whole
    shares = [p.share for p in parts]
    if len(parts) >= 2 and all(s is not None for s in shares):
        s_int = total([s.q.interval for s in shares if s is not None])
        return s_int.contains(HUNDRED)
    return False


def _usually_complete(it: Item, parts: list[Item]) -> bool:
    names = usually_complete().get(it.concept) or []
    return len(parts) >= 2 and all(p.concept in names for p in parts)


@rule("arith.sum", "合计与各组成部分之和")
def parts_sum(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for it in _items(ctx).items:
        if it.value is None:
            continue
        parts = [
            p
            for p in it.parts
            if p.value is not None and p.kind == it.kind and p.value.q.unit == it.value.q.unit
        ]
        t = yuan(it.value)
        if not parts or any(
            _TOTAL_WORD.search(p.subject) and p.value is not None and yuan(p.value).meets(t)
            for p in parts
        ):
            continue  # a list that restates its total (收入预算总计, 本年收入合计…) is a hierarchy
        if _restarts(it, parts):
            continue  # the first parts add up to the total: a second breakdown follows
        if _strangers(it, parts):
            continue  # 三公经费X，其中会议费Y: not the known breakdown, no sum to check
        _count(ctx)
        s = total([yuan(p.value) for p in parts if p.value is not None])
        t = yuan(it.value)
        related = tuple(p.loc(p.value) for p in parts)
        expected = fmt_like(s.mid, it.value)
        # A listed part whose amount was read as another basis (集中采购预算400 in a final
        # account) leaves the sum short: only an excess over the total is then certain.
        partial = any(p.value is None and p.kind == it.kind for p in it.parts)
        if not partial and _is_exhaustive(it) and not s.meets(t):
            out.append(
                Finding(
                    "arith.sum",
                    # Short of the total, a part named elsewhere (a region's own line such
                    # as 单位预留机动经费) may be missing from the list: very likely, not certain.
                    "error" if s.lo > t.hi or _names_all(it) else "warning",
                    f"“{it.subject}”{it.value.text}与其各组成部分之和{expected}不符",
                    it.loc(it.value),
                    related,
                    expected=expected,
                    actual=it.value.text,
                    suggestion=f"核实各组成部分；若各部分无误，合计应为{expected}",
                )
            )
        elif not partial and _usually_complete(it, parts) and not s.meets(t) and s.hi < t.lo:
            out.append(
                Finding(
                    "arith.sum",
                    "warning",
                    f"“{it.subject}”{it.value.text}的各组成部分之和为{expected}，小于合计，可能漏列或有误",
                    it.loc(it.value),
                    related,
                    expected=expected,
                    actual=it.value.text,
                    suggestion="补列遗漏的项目，或核实合计与各项金额",
                )
            )
        elif s.lo > t.hi and not (len(parts) >= 3 and s.lo > 2 * t.hi):
            # (Parts adding to more than twice their total: nested levels or two lists read
            # as one — no certain reading, so no finding.)
            out.append(
                Finding(
                    "arith.sum",
                    "error",
                    f"“{it.subject}”的组成部分之和{expected}超过了总数{it.value.text}",
                    it.loc(it.value),
                    related,
                    expected=f"不超过{it.value.text}",
                    actual=expected,
                    suggestion="核实总数及“其中”所列各项",
                )
            )
    return out


@rule("arith.change", "增减额与两期（或预算、决算）数之差")
def changes(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for it in _items(ctx).items:
        if it.delta is None or it.base is None or it.value is None:
            continue
        _count(ctx)
        f = either(it, _change_finding)
        if f is not None:
            out.append(f)
    return out


def _change_finding(it: Item) -> Finding | None:
    if it.delta is None or it.base is None or it.value is None:
        return None
    diff = yuan(it.value) - yuan(it.base)
    cands = signed_delta(it)
    if any(c.meets(diff) for c in cands):
        return None
    sign = direction_sign(it.delta_word)
    word = "增加" if diff.lo > 0 else "减少" if diff.hi < 0 else "持平"
    magnitude = diff if diff.lo >= 0 else -diff
    exp_amount = fmt_like(magnitude.mid, it.delta)
    # The span "增加110,368.01元": the direction word with its amount.
    w0 = it.delta_word_span[0] if it.delta_word else it.delta.start
    where = it.para.location(min(w0, it.delta.start), it.delta.end)
    fix = f"{word}{exp_amount}" if word != "持平" else "持平"
    if magnitude.meets(yuan(it.delta)) and sign is not None:
        return Finding(
            "arith.change",
            "error",
            f"“{it.subject}”{it.value.text}与{it.base_kind}{it.base.text}相比是{word}，文中写作“{it.delta_word}”",
            where,
            (it.loc(it.value), it.loc(it.base)),
            expected=fix,
            actual=f"{it.delta_word}{it.delta.text}",
            suggestion=fix,
            replacement=fix,
        )
    return Finding(
        "arith.change",
        "error",
        f"“{it.subject}”{it.value.text}与{it.base_kind}{it.base.text}相差{exp_amount}，"
        f"文中为{it.delta_word}{it.delta.text if it.delta_word != '持平' else ''}，应为{fix}",
        where,
        (it.loc(it.value), it.loc(it.base)),
        expected=fix,
        actual=f"{it.delta_word}{it.delta.text}",
        suggestion=fix,
        # Only a definite word is rewritten here; residue is the text rules' to resolve.
        replacement=fix if sign is not None else None,
    )


@rule("arith.average", "平均数（车均、人均）与总额、数量一致")
def averages(ctx: Context) -> list[Finding]:
    nar = _items(ctx)
    out: list[Finding] = []
    for count_item, tok in nar.averages:
        if count_item.value is None or count_item.value.q.value == 0:
            continue
        name = reading(count_item.para.text[: tok.start]).rsplit("，", 1)[-1]
        unit = _PER_UNIT.search(name)
        if unit is not None and unit.group(1) != count_item.value.q.unit[:1]:
            continue  # 每辆 against a count of people: not this count's average
        target = _PER.sub("", name).strip()
        idx = nar.items.index(count_item)
        earlier = nar.items[:idx]
        src = next(
            (
                c
                for c in reversed(earlier)
                if c.kind == "amount"
                and c.value is not None
                and target
                and c.concept.endswith(target)
            ),
            None,
        )
        if src is None and not target:
            # 公务用车运行维护费5.96万元，平均每辆1.49万元: the amount just before it.
            src = next(
                (
                    c
                    for c in reversed(nar.items)
                    if c.kind == "amount"
                    and c.value is not None
                    and c.para_index == count_item.para_index
                    and c.value.end <= tok.start
                    and "。" not in reading(c.para.text)[c.value.end : tok.start]
                ),
                None,
            )
        if src is None or src.value is None:
            continue
        _count(ctx)
        q = yuan(src.value).div(count_item.value.q.interval)
        if q is None:
            continue
        if q.meets(yuan(tok)):
            continue
        exp = fmt_like(q.mid, tok)
        out.append(
            Finding(
                "arith.average",
                "error",
                f"{target}{src.value.text}÷{count_item.value.text}应为{exp}，文中为{tok.text}",
                count_item.loc(tok),
                (src.loc(src.value), count_item.loc(count_item.value)),
                expected=exp,
                actual=tok.text,
                suggestion=exp,
                replacement=exp,
            )
        )
    return out


@rule("arith.budget_levels", "由“比年初预算（上年）增减”推算的基数在上下级之间一致")
def budget_levels(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for it in _items(ctx).items:
        parts = [p for p in it.parts if p.kind == it.kind]
        if it.value is None or it.delta is None or len(parts) < 2:
            continue
        if any(p.value is None for p in parts):
            continue
        s = total([yuan(p.value) for p in parts if p.value is not None])
        if not s.meets(yuan(it.value)):
            continue  # the list is not complete: nothing to say about its bases
        bases = [base_of(p) for p in parts]
        if any(
            not b or (p.delta is not None and p.base_kind != it.base_kind)
            for b, p in zip(bases, parts, strict=True)
        ):
            continue
        if any(p.delta is None and p.base is None for p in parts):
            continue
        if not all(_self_consistent(p) for p in parts):
            continue  # a part contradicts itself: arith.change reports it
        _count(ctx)
        below = [
            p
            for p, b in zip(parts, bases, strict=True)
            if p.delta is not None and all(x.hi < 0 for x in b)
        ]
        if below:
            # 政府性基金0万元，比上年增加1421.25万元 (the line above copied): that part is
            # what is wrong, not the total's change, which the parts cannot then judge.
            out += [_negative_base(p, it.base_kind) for p in below]
            continue
        part_base = _sum_choices(bases)
        own = base_of(it)
        if any(part_base.meets(b) for b in own):
            continue
        part_base = _likely_sum(parts)
        # Express the finding as the change the parts imply.
        implied = yuan(it.value) - part_base
        word = "增加" if implied.lo > 0 else "减少" if implied.hi < 0 else "持平"
        mag = implied if implied.lo >= 0 else -implied
        exp = fmt_like(mag.mid, it.delta)
        what = "年初预算" if it.base_kind == "年初预算" else "上年数"
        out.append(
            Finding(
                "arith.budget_levels",
                "error",
                f"“{it.subject}”比{what}{it.delta_word}{it.delta.text}，但其下各项的{what}合计推算为"
                f"{fmt_like(part_base.mid, it.delta)}，对应{word}{exp}",
                it.loc(it.delta),
                tuple(p.loc(p.delta or p.base) for p in parts if (p.delta or p.base)),
                expected=f"{word}{exp}",
                actual=f"{it.delta_word}{it.delta.text}",
                suggestion=f"核实{what}数；按各项计算应为“比{what}{word}{exp}”",
            )
        )
    return out


def _negative_base(p: Item, base_kind: str | None) -> Finding:
    """A part whose stated increase exceeds its own amount: its base would be below zero."""
    assert p.value is not None and p.delta is not None
    what = "年初预算" if base_kind == "年初预算" else "上年数"
    return Finding(
        "arith.budget_levels",
        "warning",
        f"“{p.subject}”为{p.value.text}，比{what}{p.delta_word}{p.delta.text}，推算{what}为负数，"
        "疑增减额有误（如照抄了上一项）",
        p.loc(p.delta),
        (p.loc(p.value),),
        actual=f"{p.delta_word}{p.delta.text}",
        suggestion=f"核实“{p.subject}”的{what}及增减额",
    )


_TOTAL_WORD = lazy(r"合计|总计|总额|小计|总数")


def _names_all(it: Item) -> bool:
    """Whether the list names every part of the known decomposition (none left out)."""
    known = exhaustive().get(it.concept) or []
    if any(p.concept.startswith("其他") for p in it.parts):
        return True  # a catch-all part (其他收入) closes the list
    shares = [p.share for p in it.parts]
    if len(shares) >= 2 and all(x is not None for x in shares):
        return total([x.q.interval for x in shares if x is not None]).contains(HUNDRED)
    return bool(known) and {p.concept for p in it.parts} >= set(known)


def _strangers(it: Item, parts: list[Item]) -> bool:
    """A total whose breakdown is known (三公经费) listed with parts outside it."""
    from juesuan.extract.vocab import data

    known = exhaustive().get(it.concept)
    if not known or it.concept not in data("concepts.yaml").get("closed", []):
        return False
    names = set(known) | {n for k in known for n in exhaustive().get(k, [])}
    return any(p.concept not in names for p in parts)


def _restarts(it: Item, parts: list[Item]) -> bool:
    """Whether the parts are two complete breakdowns of the total, one after the other."""
    assert it.value is not None
    t = yuan(it.value)
    vals = [yuan(p.value) for p in parts if p.value is not None]
    for k in range(1, len(vals) - 1):
        if total(vals[:k]).meets(t) and total(vals[k:]).meets(t) and t.hi > 0:
            return True
    return False


_PER = lazy(r"车均|人均|平均每?(?:辆|人|批次?|次|台)?|每(?:辆|人|批次?|次|台)|平均")
_PER_UNIT = lazy(r"每(辆|人|批|次|台)")


def _self_consistent(it: Item) -> bool:
    if it.base is None or it.delta is None or it.value is None:
        return True
    diff = yuan(it.value) - yuan(it.base)
    return any(c.meets(diff) for c in signed_delta(it))


def _likely_sum(items: list[Item]) -> Interval:
    acc = Interval.exact(0)
    for i in items:
        b = likely_base(i)
        if b is not None:
            acc = acc + b
    return acc


def _sum_choices(options: list[list[Interval]]) -> Interval:
    """Hull of the sums over every choice (a residue word leaves a part's sign open)."""
    acc = Interval.exact(0)
    for opts in options:
        lo = min(o.lo for o in opts)
        hi = max(o.hi for o in opts)
        acc = acc + Interval(lo, hi)
    return acc


@rule("arith.identity", "跨段落恒等式（如按功能分类与按支出类型的合计）")
def identity_rule(ctx: Context) -> list[Finding]:
    from juesuan.extract.vocab import data

    items = _items(ctx).items
    out: list[Finding] = []
    for ident in data("concepts.yaml").get("identities", []):
        left = _pick(items, ident["fund"], ident["left"])
        right = _pick(items, ident["fund"], ident["right"])
        if not left or not right:
            continue
        _count(ctx)
        lv = total([yuan(i.value) for i in left if i.value is not None])
        rv = total([yuan(i.value) for i in right if i.value is not None])
        if not lv.meets(rv):
            continue  # one side may list only the main items; nothing certain to say
        if not all(i.delta is not None and i.base_kind == "年初预算" for i in left + right):
            continue
        lb = _sum_choices([base_of(i) for i in left])
        rb = _sum_choices([base_of(i) for i in right])
        if lb.meets(rb):
            continue
        lb, rb = _likely_sum(left), _likely_sum(right)
        anchor = right[-1]
        assert anchor.delta is not None
        out.append(
            Finding(
                "arith.identity",
                "error",
                f"{ident['name']}：由各{_side_label(ident['left'])}“比年初预算增减”推算的年初预算合计为"
                f"{fmt_like(lb.mid, anchor.delta)}，由{_side_label(ident['right'])}推算为"
                f"{fmt_like(rb.mid, anchor.delta)}，二者应相等",
                anchor.loc(anchor.delta),
                tuple(i.loc(i.delta) for i in left + right[:-1] if i.delta is not None),
                expected=fmt_like(lb.mid, anchor.delta),
                actual=fmt_like(rb.mid, anchor.delta),
                suggestion="核实各项“比年初预算增加/减少”的金额",
            )
        )
    return out


def _pick(items: list[Item], fund: str, spec: dict[str, object]) -> list[Item]:
    chosen: dict[str, Item] = {}
    for it in items:
        if it.value is None or it.kind != "amount" or it.scope.fund != fund:
            continue
        if "level" in spec and it.level != spec["level"]:
            continue
        concepts = spec.get("concepts")
        if isinstance(concepts, list) and it.concept not in concepts:
            continue
        prev = chosen.get(it.concept)
        if prev is None or (prev.delta is None and it.delta is not None):
            chosen[it.concept] = it
    return list(chosen.values())


def _side_label(spec: dict[str, object]) -> str:
    if "level" in spec:
        return f"{spec['level']}级科目"
    concepts = spec.get("concepts")
    return "、".join(str(c) for c in concepts) if isinstance(concepts, list) else ""
