"""Property: random consistent department data -> compose (md, docx) -> check finds nothing.

When the narrative extractor (``juesuan.extract.narrative``) is present, the round trip
also asserts that the stated amounts come back as the input's.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.compose.load import Bundle, parse_disclosure
from juesuan.compose.render import compose
from juesuan.compose.tables import SANGONG_COLS, SANGONG_ITEMS, SPEC, Row, Tables, complete

# (类, 款, 项) codes and names from the 政府收支分类科目 used by typical departments.
SUBJECTS = [
    ("201", "一般公共服务支出", "20106", "财政事务", "2010601", "行政运行"),
    ("201", "一般公共服务支出", "20106", "财政事务", "2010602", "一般行政管理事务"),
    ("205", "教育支出", "20502", "普通教育", "2050203", "初中教育"),
    (
        "208",
        "社会保障和就业支出",
        "20805",
        "行政事业单位养老支出",
        "2080505",
        "机关事业单位基本养老保险缴费支出",
    ),
    ("210", "卫生健康支出", "21011", "行政事业单位医疗", "2101101", "行政单位医疗"),
    ("221", "住房保障支出", "22102", "住房改革支出", "2210201", "住房公积金"),
]
ECON = [
    ("301", "工资福利支出", "30101", "基本工资"),
    ("302", "商品和服务支出", "30201", "办公费"),
    ("303", "对个人和家庭的补助", "30302", "退休费"),
]

cents = st.integers(min_value=0, max_value=5_000_000_000).map(lambda c: Decimal(c).scaleb(-2))
pos = st.integers(min_value=100, max_value=5_000_000_000).map(lambda c: Decimal(c).scaleb(-2))


def _coded(key: str, rows: list[tuple[str, str, dict[str, Decimal]]]) -> Any:
    errs: list[str] = []
    t = complete(SPEC[key], [Row(c, n, dict(v)) for c, n, v in rows], errs)
    assert errs == []
    return t


@st.composite
def bundles(draw: Any) -> Bundle:
    from juesuan import profiles

    profile = draw(st.sampled_from(["beijing", "shanghai"]))
    picked = draw(st.lists(st.sampled_from(SUBJECTS), min_size=1, max_size=4, unique=True))
    gen_rows: list[tuple[str, str, dict[str, Decimal]]] = []
    inc_rows: list[tuple[str, str, dict[str, Decimal]]] = []
    exp_rows: list[tuple[str, str, dict[str, Decimal]]] = []
    names: set[str] = set()
    other_income = draw(cents)
    for i, (c1, n1, c2, n2, c3, n3) in enumerate(picked):
        for c, n in ((c1, n1), (c2, n2)):
            if c not in names:
                names.add(c)
                for rows in (gen_rows, inc_rows, exp_rows):
                    rows.append((c, n, {}))
        basic, project, budget = draw(cents), draw(cents), draw(cents)
        if basic + project == 0:
            basic = Decimal("1.00")
        gen_rows.append((c3, n3, {"年初预算数": budget, "基本支出": basic, "项目支出": project}))
        oi = other_income if i == 0 else Decimal(0)
        inc_rows.append((c3, n3, {"财政拨款收入": basic + project, "其他收入": oi}))
        exp_rows.append((c3, n3, {"基本支出": basic + oi, "项目支出": project}))
    general = _coded("t5", gen_rows)
    basic_total = general.column("基本支出")
    # split basic spending over three economic classes
    a = draw(st.integers(0, int(basic_total * 100)))
    b = draw(st.integers(0, int(basic_total * 100) - a))
    parts = [Decimal(a).scaleb(-2), Decimal(b).scaleb(-2)]
    parts.append(basic_total - sum(parts))
    econ_rows: list[tuple[str, str, dict[str, Decimal]]] = []
    for (c, n, c2, n2), v in zip(ECON, parts, strict=True):
        econ_rows += [(c, n, {}), (c2, n2, {"决算数": v})]
    fiscal = general.column("基本支出") + general.column("项目支出")
    sangong = {i: {c: draw(cents) for c in SANGONG_COLS} for i in SANGONG_ITEMS}
    tables = Tables(
        summary={
            "使用非财政拨款结余": Decimal(0),
            "年初结转和结余": draw(cents),
            "结余分配": Decimal(0),
        },
        income=_coded("t2", inc_rows),
        expense=_coded("t3", exp_rows),
        fiscal={
            "一般公共预算财政拨款收入": fiscal,
            "政府性基金预算财政拨款收入": Decimal(0),
            "国有资本经营预算财政拨款收入": Decimal(0),
            "年初结转和结余（一般公共预算财政拨款）": Decimal(0),
            "年初结转和结余（政府性基金预算财政拨款）": Decimal(0),
            "年初结转和结余（国有资本经营预算财政拨款）": Decimal(0),
        },
        general=general,
        basic_econ=_coded("t6", econ_rows),
        sangong=sangong,
        govfund=complete(SPEC["t8"], [], []),
        soe=complete(SPEC["t9"], [], []),
    )
    reasons = {r.code: "工作任务调整" for r in general.rows}
    raw = {
        "部门": "北京市示范区财政局",
        "年度": draw(st.integers(2021, 2025)),
        "地区": profile,
        "部门概况": {
            "主要职能": ["负责本区财政工作。"],
            "决算单位": [{"名称": "北京市示范区财政局（本级）"}],
        },
        "上年": {
            "收支总计": draw(pos),
            "本年收入合计": draw(pos),
            "本年支出合计": draw(pos),
            "财政拨款收支总计": draw(pos),
            "一般公共预算财政拨款支出": draw(pos),
        },
        "原因": {
            "总体": {
                k: "工作任务调整"
                for k in (
                    "收支总计",
                    "财政拨款收支总计",
                    "一般公共预算财政拨款支出",
                    "一般公共预算财政拨款预算执行",
                )
            },
            "科目": reasons,
        },
        "三公经费": {
            "预算执行原因": "厉行节约",
            "比上年变动原因": "严控支出",
            "公务用车保有量": draw(st.integers(1, 9)),
        },
        "机关运行经费": {"本年": draw(cents), "上年": draw(cents), "原因": "办公条件调整"},
        "政府采购": {"货物": draw(cents), "工程": draw(cents), "服务": draw(cents)},
        "绩效": {
            "绩效目标项目数": draw(st.integers(0, 60)),
            "绩效目标涉及金额": draw(cents),
            "绩效监控项目数": draw(st.integers(0, 60)),
            "绩效监控涉及金额": draw(cents),
            "绩效自评涉及金额": draw(cents),
            "自评等级分布": {"优": draw(st.integers(0, 60))},
        },
    }
    data, errs = parse_disclosure(raw)
    assert data is not None, errs
    return Bundle(data, tables, profiles.load(profile))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(b=bundles())
def test_composed_documents_check_clean(tmp_path: Path, b: Bundle) -> None:
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    for fmt in ("md", "docx"):
        out = tmp_path / f"doc.{fmt}"
        compose(b, fmt, out)
        doc = read(out)
        report = check_document(doc)
        bad = [
            (f.rule, f.message, f.location.excerpt) for f in report.findings if f.severity != "info"
        ]
        assert bad == [], bad
        text = "\n".join(ln.text for ln in doc.lines)
        assert "（减少）" not in text and "（下降）" not in text
        _round_trip(doc, b)


def _round_trip(doc: Any, b: Bundle) -> None:
    """extract gives back the input's amounts, last year's figures (so the changes) and
    the shares, as the profile rounds them."""
    from decimal import Decimal

    from juesuan.check.run import make_context
    from juesuan.extract.dataset import dataset
    from juesuan.model.identities import share
    from juesuan.model.numbers import quantize

    data = dataset(make_context(doc, b.data.profile))
    stmts = {s["concept"]: s for s in data["statements"] if "value" in s}
    for concept, value in {
        "本年收入合计": b.tables.income_total,
        "本年支出合计": b.tables.expense_total,
    }.items():
        assert concept in stmts, (concept, list(stmts))
        assert Decimal(stmts[concept]["value"]) == value, (concept, stmts[concept], value)
    prev = data["disclosure"].get("上年", {})
    want_prev: dict[str, Decimal | None] = {
        "收支总计": b.data.previous.grand_total,
        "本年收入合计": b.data.previous.income_total,
        "本年支出合计": b.data.previous.expense_total,
    }
    for key, before in want_prev.items():
        # Both profiles state the change of 收支总计 (a figure that did not move is 持平);
        # the others only where the profile's template states them.
        if key == "收支总计" and before != _current(b, key):
            assert key in prev, (key, prev)
        if key in prev:
            assert Decimal(prev[key]) == before, (key, prev[key], before)
    total = b.tables.income_total
    for part in stmts["本年收入合计"].get("parts", []):
        if "share" in part and total:
            s = share(Decimal(part["value"]), total)
            assert s is not None
            assert Decimal(part["share"]) == quantize(s, len(part["share"].partition(".")[2]))


def _current(b: Bundle, key: str) -> Any:
    return {
        "收支总计": b.tables.grand_total,
        "本年收入合计": b.tables.income_total,
        "本年支出合计": b.tables.expense_total,
    }[key]
