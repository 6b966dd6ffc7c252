"""Property: consistent statements give no findings; one changed number or direction word
gives a finding on its line.

The generator writes the genre's sentence forms (totals with parts and shares, changes
against last year, budgets against finals across levels, the 三公 budget line) from
random exact data, formatting with the same functions ``compose`` uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from juesuan.model.identities import change, share
from juesuan.model.numbers import fmt_amount, fmt_percent
from juesuan.testing import check_text

INCOME = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
ECON = ["工资福利支出", "商品和服务支出", "对个人和家庭补助支出", "其他资本性支出"]

cents = st.integers(min_value=100_00, max_value=900_000_000_00).map(lambda c: Decimal(c) / 100)


@dataclass
class Doc:
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def money(v: Decimal) -> str:
    return fmt_amount(v) + "元"


def change_words(cur: Decimal, base: Decimal) -> tuple[str, str, str]:
    c = change(cur, base)
    assert c.rate is not None
    return c.direction, money(abs(c.delta)), c.rate_word + fmt_percent(abs(c.rate))


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    # Income: a total with 2–6 parts and shares; a change against last year.
    n = draw(st.integers(2, len(INCOME)))
    parts = draw(st.lists(cents, min_size=n, max_size=n))
    tot = sum(parts, Decimal(0))
    # Last year within a factor of 1.5 of this year, and at least 10% away from it: the
    # mutation below moves the change by about 2%, which shows in the one-decimal rate only
    # when the rate is neither near 100% (下降97.4%) nor near zero (增长1.0% holds for any
    # change within ±5% of the true one).
    factor = Decimal(draw(st.integers(67, 150).filter(lambda k: not 90 <= k <= 110))) / 100
    prev = (tot * factor).quantize(Decimal("0.01"))
    assume(prev != tot)
    d, amt, rate = change_words(tot, prev)
    items = []
    for name, v in zip(INCOME, parts, strict=False):
        s = share(v, tot)
        assert s is not None
        items.append(f"{name}{money(v)}，占收入合计的{fmt_percent(s)}")
    line_income = (
        f"2023年度本年收入合计{money(tot)}，比上年{d}{amt}，{rate}，其中："
        + "；".join(items)
        + "。"
    )

    # Basic expenditure: economic classes with finals and budgets; the total's change.
    k = draw(st.integers(2, len(ECON)))
    finals = draw(st.lists(cents, min_size=k, max_size=k))
    budgets = draw(st.lists(cents, min_size=k, max_size=k))
    assume(all(f != b for f, b in zip(finals, budgets, strict=True)))
    bt, bb = sum(finals, Decimal(0)), sum(budgets, Decimal(0))
    assume(bt != bb)
    d2, amt2, rate2 = change_words(bt, bb)
    lines_basic = [
        f"（一）2023年度本部门使用一般公共预算财政拨款安排基本支出{money(bt)}，比年初预算{d2}{amt2}，{rate2}。其中："
    ]
    for i, (name, f, b) in enumerate(zip(ECON, finals, budgets, strict=False), start=1):
        c = change(f, b)
        lines_basic.append(
            f"{i}.{name}：包括有关支出{money(f)}，年初预算{money(b)}，{c.direction}{money(abs(c.delta))}；"
        )

    # 三公: final against budget, stated base first.
    s_final, s_budget = draw(cents), draw(cents)
    assume(s_final != s_budget)
    c3 = change(s_final, s_budget)
    line_sg = (
        f"2023年度“三公”经费财政拨款决算数{money(s_final)}，比年初预算{money(s_budget)}，"
        f"{c3.direction}{money(abs(c3.delta))}。"
    )
    return Doc(
        [
            "一、收入支出决算总体情况说明",
            line_income,
            "二、基本支出情况说明",
            *lines_basic,
            "三、“三公”经费情况说明",
            line_sg,
        ]
    )


def serious(text: str) -> list[tuple[str, int]]:
    return [
        (f.rule, f.location.line - 1)
        for f in check_text(text)
        if f.severity in ("error", "warning") and not f.rule.startswith("struct")
    ]


FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(documents())
def test_consistent_statements_give_no_findings(doc: Doc) -> None:
    assert serious(doc.text) == []


def _bump(text: str, old: str) -> str:
    """Change one written amount by clearly more than rounding (keeps its format)."""
    v = Decimal(old.replace(",", "").rstrip("元"))
    return text.replace(old, money(v + max(Decimal(1), v / 50)), 1)


@FAST
@given(documents(), st.data())
def test_one_changed_amount_is_found_on_its_line(doc: Doc, data: st.DataObject) -> None:
    import re

    # Every amount of the document is a candidate: pick one, change it.
    cands = [
        (i, m.group(0))
        for i, line in enumerate(doc.lines)
        for m in re.finditer(r"\d{1,3}(?:,\d{3})*\.\d{2}元", line)
    ]
    i, old = data.draw(st.sampled_from(cands))
    lines = list(doc.lines)
    lines[i] = _bump(lines[i], old)
    found = serious("\n".join(lines))
    # The change breaks an identity of its own statement: reported on that line, or on
    # the line of the total whose parts it belongs to.
    is_part = lines[i][:2] in {f"{n}." for n in range(1, 5)}
    total_line = next(j for j, t in enumerate(lines) if t.startswith("（一）")) if is_part else i
    assert {ln for _, ln in found} & {i + 1, total_line + 1}, (lines[i], found)


@FAST
@given(documents(), st.data())
def test_one_flipped_direction_word_is_found_on_its_line(doc: Doc, data: st.DataObject) -> None:
    flips = {"增加": "减少", "减少": "增加"}
    cands = [i for i, line in enumerate(doc.lines) if any(w in line for w in flips)]
    i = data.draw(st.sampled_from(cands))
    line = doc.lines[i]
    pos = min(p for p in (line.find("增加"), line.find("减少")) if p >= 0)
    lines = list(doc.lines)
    lines[i] = line[:pos] + flips[line[pos : pos + 2]] + line[pos + 2 :]
    found = serious("\n".join(lines))
    assert i + 1 in {ln for _, ln in found}, (lines[i], found)


@settings(max_examples=5, deadline=None)
@given(documents())
def test_generator_writes_the_expected_forms(doc: Doc) -> None:
    assert doc.lines[1].startswith("2023年度本年收入合计")
    assert "占收入合计的" in doc.lines[1]
    assert "比年初预算" in doc.lines[-1]
