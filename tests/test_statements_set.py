"""The labelled narrative-claims set (tests/statements) is well formed and its labels add up."""

from __future__ import annotations

import copy

from tests.statements.dataset import load
from tests.statements.validate import problems

MIN_CLAIMS, MIN_WRONG, MIN_REGIONS = 300, 100, 15


def test_data_is_sound() -> None:
    docs = load()
    assert docs, "no data files in tests/statements"
    bad = problems(docs)
    assert not bad, "\n".join(bad[:40])


def test_size_and_spread() -> None:
    docs = load()
    claims = [c for d in docs for c in d.claims]
    wrong = [c for c in claims if c.label == "wrong"]
    regions = {d.region for d in docs}
    assert len(claims) >= MIN_CLAIMS, len(claims)
    assert len(wrong) >= MIN_WRONG, len(wrong)
    assert len(claims) - len(wrong) > len(wrong), "most claims should be correct"
    assert len(regions) >= MIN_REGIONS, sorted(regions)
    assert {d.kind for d in docs} == {"决算", "预算"}


def test_validator_catches_mislabels() -> None:
    """Flip labels and break anchors: the validator must notice each."""
    docs = load()
    with_calc = [(d, c) for d in docs for c in d.claims if c.calc]
    assert with_calc, "no claim carries a recomputable identity"
    broken = copy.deepcopy(docs)
    n = 0
    for d in broken:
        for c in d.claims:
            if c.calc:
                c.label = "wrong" if c.label == "correct" else "correct"
                c.tier = "error" if c.label == "wrong" else None
                c.rule = c.rule or "arith.share"
                c.expected = None
                n += 1
    flips = [p for p in problems(broken) if "labelled" in p]
    assert len(flips) == n
    lost = copy.deepcopy(docs[:1])
    lost[0].claims[0].start = -1
    assert any("anchor not in the document" in p for p in problems(lost))
