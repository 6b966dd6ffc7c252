"""Shares of one whole the text never states: each share implies the whole, and they must agree.

``基本支出2,476,260.58元，占一般公共预算支出的84.06%`` and ``项目支出469,500元，占一般
公共预算支出的19.62%`` put the same whole at about 2,945,800 and 2,393,000 元: one of the two
shares is wrong, whichever it is. A warning, since the writer might mean two different totals
by one name.
"""

from __future__ import annotations

from juesuan.check.arith_support import fmt_like, yuan
from juesuan.extract.items import Item
from juesuan.model.finding import Finding
from juesuan.model.numbers import HUNDRED, Interval

# Statements this many paragraphs apart are no longer taken to name the same whole.
_NEAR = 8


def _implied(it: Item) -> Interval | None:
    assert it.share is not None and it.value is not None
    pct = it.share.q.interval
    if pct.lo <= 0:
        return None  # a share of (about) 0% says nothing about the whole
    return yuan(it.value).scale(HUNDRED).div(pct)


def implied_whole_conflicts(unplaced: list[Item]) -> list[Finding]:
    """One warning per whole whose shares (of items whose whole was not found) disagree."""
    groups: dict[tuple[str, str], list[Item]] = {}
    for it in unplaced:
        if it.share is None or it.value is None or it.other_year is not None:
            continue
        if len(it.share_whole) < 2:
            continue  # 占89.9%: the whole is not named
        groups.setdefault((it.share_whole, it.scope.fund), []).append(it)
    out: list[Finding] = []
    for (name, _), its in groups.items():
        seen: list[tuple[Item, Interval]] = []
        for it in its:
            w = _implied(it)
            if w is None:
                continue
            clash = next(
                (
                    (a, wa)
                    for a, wa in seen
                    if it.para_index - a.para_index <= _NEAR and not wa.meets(w)
                ),
                None,
            )
            if clash is not None:
                out.append(_finding(it, w, *clash, name))
                break
            seen.append((it, w))
    return out


def _about(w: Interval, like: Item) -> str:
    """The implied whole (in 元) written as ``like``'s amount is written."""
    assert like.value is not None
    return fmt_like((w.lo + w.hi) / 2, like.value)


def _finding(it: Item, w: Interval, a: Item, wa: Interval, name: str) -> Finding:
    assert it.share is not None and it.value is not None
    assert a.share is not None and a.value is not None
    return Finding(
        "arith.share",
        "warning",
        f"“{a.subject}”{a.value.text}占“{name}”{a.share.text}，推算“{name}”约为{_about(wa, a)}；"
        f"“{it.subject}”{it.value.text}占{it.share.text}，推算约为{_about(w, it)}，"
        "两个占比不能同时成立",
        it.loc(it.share),
        (a.loc(a.share), it.loc(it.value), a.loc(a.value)),
        actual=it.share.text.replace(" ", ""),
        suggestion=f"核实两处占“{name}”的比例",
    )
