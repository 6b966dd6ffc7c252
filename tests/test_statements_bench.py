"""bench/statements.py credits each finding to the claim it is about."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from juesuan.model.document import Location
from juesuan.model.finding import Finding
from tests.statements.dataset import Claim, Doc, locate

BENCH = Path(__file__).resolve().parents[1] / "bench" / "statements.py"


def bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_statements", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


TEXT = "2023年度某局部门决算说明\n支出合计100.00万元，其中：基本支出60.00万元，占60.0%；项目支出40.00万元，占45.0%。"


def doc() -> Doc:
    d = Doc(id="d", region="r", kind="决算", year=2023, text=TEXT, file="f")
    for cid, text, label, rule in (
        ("basic", "基本支出60.00万元，占60.0%", "correct", "arith.share"),
        ("project", "项目支出40.00万元，占45.0%", "wrong", "arith.share"),
        ("total", "支出合计100.00万元", "correct", "arith.sum"),
    ):
        c = Claim(doc="d", id=cid, text=text, label=label, family="share", why="-", rule=rule)
        c.tier = "error" if label == "wrong" else None
        locate(d, c)
        d.claims.append(c)
    return d


def finding(excerpt: str, rule: str, severity: str = "error") -> Finding:
    line2 = TEXT.split("\n")[1]
    return Finding(rule, severity, "m", Location(None, 2, excerpt, line2.index(excerpt)))  # type: ignore[arg-type]


def test_findings_go_to_the_overlapped_claim() -> None:
    b = bench()
    d = doc()
    out, loose = b.assign(d, [finding("45.0%", "arith.share")])
    assert [f.location.excerpt for f in out["project"].findings] == ["45.0%"]
    assert not out["basic"].findings and not out["total"].findings
    assert out["project"].found and not out["basic"].alarm and not loose
    on_title = Finding("x.y", "info", "m", Location(None, 1, "某局", TEXT.index("某局")))
    out, loose = b.assign(d, [on_title])  # nothing claimed on the title line
    assert loose == [on_title] and not any(o.findings for o in out.values())


def test_rule_decides_between_overlapping_claims() -> None:
    b = bench()
    d = doc()
    fmt = Claim(doc="d", id="fmt", text="45.0%", label="wrong", family="format", why="-")
    fmt.rule, fmt.tier = "format.percent", "info"
    locate(d, fmt)
    d.claims.append(fmt)
    out, _ = b.assign(d, [finding("45.0%", "arith.share"), finding("45.0%", "format.percent")])
    assert [f.rule for f in out["project"].findings] == ["arith.share"]
    assert [f.rule for f in out["fmt"].findings] == ["format.percent"]


def test_a_milder_finding_does_not_count_as_found() -> None:
    b = bench()
    d = doc()
    out, _ = b.assign(d, [finding("45.0%", "arith.share", "info")])
    assert out["project"].findings and not out["project"].found
    out, _ = b.assign(d, [finding("60.0%", "arith.share", "warning")])
    assert out["basic"].alarm
