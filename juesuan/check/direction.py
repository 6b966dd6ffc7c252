"""Which way did an amount move? Read from the numbers a sentence itself states.

Used by ``text.residue`` to pick the right word for ``增加（减少）110,368.01元`` and by
``text.direction`` (the one rule for direction words) to test 大于/小于/等于 and zero changes. All comparisons are made on
the intervals the rounded numbers stand for, so a rounding edge never decides a word.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.check.arith_support import yuan
from juesuan.check.base import Context, rule
from juesuan.check.spans import NUM, PERCENT, Stated, amounts, sentences
from juesuan.extract.items import Item
from juesuan.extract.narrative import narrative_of
from juesuan.extract.normalize import reading
from juesuan.model.document import Paragraph
from juesuan.model.finding import Finding
from juesuan.model.identities import rate_interval
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import HUNDRED, Interval, parse_number

UP, DOWN, ZERO = 1, -1, 0

# Words before an amount that mark it as the base of a comparison (budget, last year).
_BASE_MARK = lazy(r"(预算数?|上年(?:度|决算)?数?|上一年度?|去年|同期)\s*(?:为|是)?\s*$")
_CUR_MARK = lazy(r"(决算数?|支出数?|收入数?|合计|总计|总额)\s*(?:为|是)?\s*$")


def _yuan(s: Stated) -> Interval:
    return s.q.in_yuan()


def base_and_current(text: str) -> tuple[Stated | None, Stated | None]:
    """The base (budget / last year) and current amount stated in ``text``, if any."""
    base = cur = None
    for s in amounts(text):
        head = text[max(0, s.start - 10) : s.start]
        if _BASE_MARK.search(head):
            base = s
        elif _CUR_MARK.search(head) and cur is None:
            cur = s
    return base, cur


def sign_of(iv: Interval) -> int | None:
    """+1 / -1 when the interval lies on one side of zero, else None (undecided)."""
    if iv.lo > 0:
        return UP
    if iv.hi < 0:
        return DOWN
    return None


def infer(before: str, delta: Stated | None, after: str) -> int | None:
    """Direction of the change whose magnitude ``delta`` follows ``before``.

    ``before`` is the sentence up to the change word, ``after`` the rest of the sentence
    (where a growth rate may follow). Returns UP, DOWN, ZERO or None when undecidable.
    """
    if delta is not None and delta.q.value == 0:
        return ZERO
    base, cur = base_and_current(before)
    if base is not None and cur is not None:
        d = sign_of(_yuan(cur) - _yuan(base))
        if d is None or delta is None:
            return d
        gap = _yuan(cur) - _yuan(base)
        mag = gap if d == UP else -gap
        return d if mag.meets(_yuan(delta)) else None
    if cur is not None and delta is not None:
        m = PERCENT.search(after)
        if m:
            return _by_rate(_yuan(cur), _yuan(delta), parse_number(m.group(1)).interval)
    return None


def _by_rate(cur: Interval, delta: Interval, rate: Interval) -> int | None:
    """Which of 'base = cur − delta' (up) or 'base = cur + delta' (down) fits the rate."""
    fits = []
    for d, base in ((UP, cur - delta), (DOWN, cur + delta)):
        r = rate_interval(delta, base)
        # zero base: the convention writes 100%
        ok = rate.contains(HUNDRED) if r is None else r.meets(rate)
        if ok:
            fits.append(d)
    return fits[0] if len(fits) == 1 else None


_NUM_AT = lazy(rf"^\s*({NUM})\s*(万元|亿元|元|[%％])?")


def number_at(text: str, pos: int) -> tuple[Decimal, str, int] | None:
    """The number starting at ``pos`` (after optional spaces): value, unit, end offset."""
    m = _NUM_AT.match(text[pos:])
    if not m:
        return None
    return parse_number(m.group(1)).value, m.group(2) or "", pos + m.end()


# ---- text.direction --------------------------------------------------------------------

_ZERO_MOVE = lazy(
    r"(增加|减少|增长|下降|上升|降低|提高)\s*(0(?:\.0+)?)\s*(万元|亿元|元|[%％])(?![\d])"
)
_COMPARE = lazy(r"决算数?\s*(大于|小于|等于|高于|低于)\s*(?:年初)?预算数?")
_BUDGET = lazy(rf"年初预算(?:数)?\s*(?:为|是)?\s*({NUM})\s*(万元|亿元|元)")
_FINAL = lazy(rf"(?:支出)?决算(?:数)?\s*(?:为|是)?\s*({NUM})\s*(万元|亿元|元)")
_CMP_WORD = {"高于": "大于", "低于": "小于"}


@rule("text.direction", "增减措辞与数字矛盾（增加0.00元、决算数大于/小于/等于预算数）")
def direction(ctx: Context) -> list[Finding]:
    """One rule for direction words: zero changes written as moves, and 大于/小于/等于
    judged first on the statements the reader bound (``check.compare``), then, where no
    statement was bound, on the budget and final amounts the sentence itself states."""
    from juesuan.check.spans import prose

    out, judged = budget_words(ctx)
    for para in prose(ctx):
        out += _zero_moves(para)
        out += [f for at, f in _comparisons(para) if para_key(para, at) not in judged]
    return out


Key = tuple[int | None, int, int]  # (page, first line of the paragraph, offset of the word)


def para_key(para: Paragraph, offset: int) -> Key:
    return (para.first_line.page, para.first_line.no, offset)


def budget_words(ctx: Context) -> tuple[list[Finding], set[Key]]:
    """Findings on 大于/小于/等于 judged by bound statements, and every word so judged
    (right or wrong), so that the plain-text reading in ``check.direction`` skips them."""
    judged: set[Key] = set()
    items = narrative_of(ctx).items
    by_para: dict[int, list[Item]] = {}
    for it in items:
        by_para.setdefault(it.para_index, []).append(it)
    out: list[Finding] = []
    for its in by_para.values():
        para = its[0].para
        text = reading(para.text)
        for m in _COMPARE.finditer(text):
            stated = next(
                (
                    x
                    for x in reversed(its)
                    if x.value is not None and x.budget is not None and x.end <= m.start()
                ),
                None,
            )
            if stated is None or stated.value is None or stated.budget is None:
                continue
            it, value, budget = stated, stated.value, stated.budget
            judged.add(para_key(para, m.start()))
            ctx.cache["checks_done"] = ctx.cache.get("checks_done", 0) + 1
            d = sign_of(yuan(value) - yuan(budget))
            said = _CMP_WORD.get(m.group(1), m.group(1))
            right = _comparison_fix(said, d)
            if right is None:
                continue
            fixed = m.group(0).replace(m.group(1), right, 1)
            out.append(
                Finding(
                    rule="text.direction",
                    severity="error",
                    message=f"“{it.subject}”决算数{value.text}、预算数{budget.text}，"
                    f"不能说“决算数{m.group(1)}预算数”，应为“{fixed}”",
                    location=para.location(m.start(), m.end()),
                    related=(it.loc(value), it.loc(budget)),
                    expected=right,
                    actual=m.group(1),
                    suggestion=fixed,
                    replacement=fixed,
                )
            )
    return out, judged


def _zero_moves(para: Paragraph) -> list[Finding]:
    out = []
    for sent in sentences(para):
        text = sent.text
        hits = list(_ZERO_MOVE.finditer(text))
        zero_amount = any(h.group(3) not in "%％" for h in hits)
        nonzero_move = any(
            a.q.value != 0 and re.search(r"(增加|减少)\s*$", text[: a.start]) for a in amounts(text)
        )
        for h in hits:
            if h.group(3) in "%％" and (nonzero_move or not zero_amount):
                continue  # a small change may round to 0.0%: only wrong when the amount is 0 too
            out.append(
                Finding(
                    rule="text.direction",
                    # Template wording (增加0.00元): worth tidying, never wrong arithmetic.
                    severity="info",
                    message=f"变动为零却写作“{h.group(1)}”，宜写“持平”",
                    location=para.location(sent.start + h.start(), sent.start + h.end()),
                    expected="持平",
                    actual=h.group(1),
                    suggestion="持平",
                    replacement="持平",
                )
            )
    return out


def _comparisons(para: Paragraph) -> list[tuple[int, Finding]]:
    out = []
    text = para.text
    start = 0
    for m in _COMPARE.finditer(text):
        at = start
        scope = text[at : m.start()]
        start = m.end()
        b = list(_BUDGET.finditer(scope))
        f = list(_FINAL.finditer(scope))
        if not b or not f:
            continue
        # The final that follows the budget is its pair; later ones belong to parts (其中：…).
        after = [x for x in f if x.start() > b[-1].start()]
        if after:
            f = after[:1]
        budget = parse_number(b[-1].group(1), b[-1].group(2)).in_yuan()
        final = parse_number(f[-1].group(1), f[-1].group(2)).in_yuan()
        said = _CMP_WORD.get(m.group(1), m.group(1))
        d = sign_of(final - budget)
        right = _comparison_fix(said, d)
        if right is None:
            continue
        out.append(
            (
                m.start(),
                Finding(
                    rule="text.direction",
                    severity="error",
                    message=f"决算数{f[-1].group(1)}{f[-1].group(2)}、年初预算数{b[-1].group(1)}{b[-1].group(2)}，"
                    f"不能说“决算数{m.group(1)}预算数”",
                    location=para.location(m.start(), m.end()),
                    related=(
                        para.location(at + b[-1].start(), at + b[-1].end()),
                        para.location(at + f[-1].start(), at + f[-1].end()),
                    ),
                    expected=right,
                    actual=m.group(1),
                    suggestion=m.group(0).replace(m.group(1), right, 1),
                    replacement=m.group(0).replace(m.group(1), right, 1),
                ),
            )
        )
    return out


def _comparison_fix(said: str, d: int | None) -> str | None:
    """The comparison word (大于/小于/等于) the two amounts call for, or None when the stated
    one may stand: 大于 or 小于 between amounts equal as stated is left alone, because the
    unrounded values may still differ."""
    right = {UP: "大于", DOWN: "小于", None: "等于"}[d]
    if said == right or (said != "等于" and d is None):
        return None
    return right
