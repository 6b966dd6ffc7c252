"""Consistency checks on the labelled set itself (used by tests/test_statements_set.py)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from tests.statements.dataset import (
    CALC_KINDS,
    KINDS,
    LABELS,
    TIERS,
    Doc,
    consistent,
    interval,
    numbers_of,
    point,
    stated_key,
)

_FULL = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def _flat(s: str) -> str:
    """Text with line breaks, spaces and thousands separators gone and full-width digits folded."""
    return re.sub(r"[\s,，]", "", s.translate(_FULL))


def rule_ids() -> set[str]:
    from juesuan.check.registry import RULES

    return {r.id for r in RULES}


def problems(docs: list[Doc]) -> list[str]:
    """Every defect of the data, as one line each; empty when the set is sound."""
    out: list[str] = []
    known = rule_ids()
    seen_docs: Counter[str] = Counter(d.id for d in docs)
    out += [f"duplicate document id {i}" for i, n in seen_docs.items() if n > 1]
    for d in docs:
        where = f"{d.file}:{d.id}"
        title = d.text.split("\n", 1)[0]
        if d.kind not in KINDS:
            out.append(f"{where}: kind {d.kind!r} not in {KINDS}")
        kinds = {d.kind, d.kind.replace("决", "決").replace("预", "預")}  # Traditional too
        if str(d.year) not in title.translate(_FULL) or not any(k in title for k in kinds):
            out.append(f"{where}: title line must name the year and {d.kind}: {title!r}")
        ids = Counter(c.id for c in d.claims)
        out += [f"{where}: duplicate claim id {i}" for i, n in ids.items() if n > 1]
        for c in d.claims:
            cw = f"{where}/{c.id}"
            if c.label not in LABELS:
                out.append(f"{cw}: label {c.label!r}")
            if c.label == "wrong" and c.tier not in TIERS:
                out.append(f"{cw}: wrong claim needs a tier in {TIERS}")
            if c.label == "correct" and c.tier is not None:
                out.append(f"{cw}: a correct claim has no tier")
            if c.label == "wrong" and not c.rule:
                out.append(f"{cw}: wrong claim needs the expected rule")
            if c.rule and c.rule not in known:
                out.append(f"{cw}: unknown rule {c.rule!r}")
            if not c.family or not c.why:
                out.append(f"{cw}: family and why are required")
            if c.start < 0:
                out.append(f"{cw}: anchor not in the document: {c.text!r}")
                continue
            if c.nth == 1 and d.text.count(c.text) > 1:
                out.append(f"{cw}: anchor occurs {d.text.count(c.text)} times; give nth")
            if c.calc is not None:
                out += calc_problems(d, c.calc, c.label, c.expected, cw, c.text)
    return out


def calc_problems(
    d: Doc, calc: dict, label: str, expected: str | None, cw: str, anchor: str
) -> list[str]:
    out: list[str] = []
    if calc.get("kind") not in CALC_KINDS:
        return [f"{cw}: calc kind {calc.get('kind')!r} not in {CALC_KINDS}"]
    flat = _flat(d.text)
    for n in numbers_of(calc):
        if _flat(n) not in flat:
            out.append(f"{cw}: calc number {n} is not in the document")
    try:
        ok = consistent(calc)
    except (ValueError, KeyError) as e:
        return [*out, f"{cw}: calc unreadable: {e}"]
    if label == "correct" and not ok:
        out.append(f"{cw}: labelled correct but {calc} does not hold within rounding")
    if label == "wrong" and ok:
        out.append(f"{cw}: labelled wrong but {calc} holds within rounding")
    if label == "wrong" and expected:
        stated = str(calc[stated_key(calc)]).replace(",", "")
        exp = Decimal(stated).as_tuple().exponent
        assert isinstance(exp, int)
        want = point(calc).quantize(Decimal(10) ** exp, rounding=ROUND_HALF_UP)
        if _flat(f"{want:f}") not in _flat(expected) and _flat(f"{want:,f}") not in _flat(expected):
            out.append(f"{cw}: expected {expected!r} does not contain the recomputed {want}")
    interval(calc[stated_key(calc)])  # the stated value itself must be a number
    return out
