from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from juesuan.check import fmt
from juesuan.model.numbers import fmt_amount
from juesuan.testing import ctx_of, run

DECL = "二、收入支出决算总体情况说明（金额到分，加千分号，百分数留一位小数，以下同）\n"


def test_declared_convention_is_parsed() -> None:
    conv = fmt.convention(ctx_of(DECL, profile="national"))
    assert (conv.unit, conv.amount_decimals, conv.separators, conv.percent_decimals) == (
        "万元",
        2,
        True,
        1,
    )
    assert conv.source == "文中声明" and conv.declared_at is not None


def test_amount_decimals_and_separators() -> None:
    src = DECL + "比年初预算增加4,588,586.6元。车均运行维护费6726.40元。年度总支出42548.90万元。"
    got = {f.location.excerpt: f.suggestion for f in run(fmt.amount, src)}
    assert got == {
        "4,588,586.6元": "4,588,586.60元",
        "6726.40元": "6,726.40元",
        "42548.90万元": "42,548.90万元",
    }


def test_amount_quiet_on_years_codes_numbers_and_broken_lines() -> None:
    src = DECL + "\n".join(
        [
            "2023年度本年收入合计425,488,595.46元，比上年增加36,",
            "079,450.01元，增长9.3%。",
            "科目编码20805，门财绩效〔2024〕39号，电话69842211。",
            "补贴人均标准不低于2420元/人/月，本项目预算总额300万元。",
            "拨付补贴资金2.38亿元，发放创业担保贷款2.1亿元。",
            "单价100万元以上的专用设备2台（套）。",
        ]
    )
    assert run(fmt.amount, src) == []


def test_no_profile_default_without_declaration() -> None:
    # Undeclared, a profile's default (two decimals) is not held against the document.
    assert run(fmt.amount, "其他收入6.2万元，收入合计2946.25万元。", profile="shanghai") == []
    pct = "占比16.39%，增长8.7%。下降3.25%，增长12.50%。"
    assert run(fmt.percent, pct, profile="shanghai") == []


def test_document_habit_without_declaration() -> None:
    # Nine amounts with two decimals and one with one: that one breaks the habit (info).
    body = (
        "".join(f"项目{i}支出{i}.25万元，" for i in range(1, 10))
        + "其他收入6.2万元，合计56.50万元。"
    )
    fs = run(fmt.amount, body, profile="shanghai")
    assert [(f.suggestion, f.severity) for f in fs] == [("6.20万元", "info")]
    # Trailing zeros never written: the writer strips them, precision varies by design.
    stripped = "".join(f"项目{i}支出{i}.25万元，" for i in range(1, 10)) + "其他收入6.2万元。"
    assert run(fmt.amount, stripped, profile="shanghai") == []


def test_percent_decimals_info_only_for_shares_and_changes() -> None:
    src = DECL + "基本支出6,974.55万元，占比16.39%；部门预算执行率为100%；增长8.7%。"
    fs = run(fmt.percent, src)
    assert [(f.location.excerpt, f.severity, f.suggestion) for f in fs] == [
        ("16.39%", "info", "16.4%")
    ]


def test_spacing_before_percent_and_inside_numbers() -> None:
    src = "增长9.3 %，占收入合计的0.0 %；合计1, 234.00元。增长8.7%。"
    got = [(f.location.excerpt, f.severity, f.suggestion) for f in run(fmt.spacing, src)]
    # A space before % is typesetting (a hint); one inside a number may change its reading.
    assert got == [
        ("9.3 %", "info", "9.3%"),
        ("0.0 %", "info", "0.0%"),
        ("1, 234.00", "warning", "1,234.00"),
    ]


def test_half_width_punctuation_one_finding_per_paragraph() -> None:
    fs = run(
        fmt.punctuation,
        "决算1,800,000.00元,比年初预算增加1,800,000.00元,增长100.0%。\n政策，组织。",
    )
    assert len(fs) == 1 and fs[0].severity == "info" and "2处" in fs[0].message


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_well_formed_amounts_never_fire(v: Decimal) -> None:
    s = fmt_amount(v, 2, True)
    src = DECL + f"2023年度支出{s}元，比上年增加{s}元，增长8.7%。"
    assert run(fmt.amount, src) == []
    assert run(fmt.spacing, src) == []
