"""The slips real reviewers find: each fires on the bad case, stays silent on the good one
and at rounding edges, and its message names the slip and the corrected wording."""

from juesuan.model.finding import Finding
from juesuan.testing import check_text


def found(text: str, title: str = "某区某局2023年度部门决算") -> list[Finding]:
    return [
        f
        for f in check_text(text, title=title)
        if f.severity in ("error", "warning") and not f.rule.startswith(("format.punct", "struct"))
    ]


def test_completion_written_as_the_shortfall() -> None:
    ok = "“三公”经费支出预算为50.00万元，支出决算为28.50万元，完成预算的57.0%。"
    assert found(ok) == []
    (f,) = found(ok.replace("57.0%", "43.0%"))
    assert (
        f.rule == "arith.completion"
        and "未完成的部分" in f.message
        and f.suggestion == "完成预算的57.0%"
    )


def test_two_shares_swapped() -> None:
    ok = (
        "本年收入合计100.00万元。其中：财政拨款收入80.00万元，占80.0%；其他收入20.00万元，占20.0%。"
    )
    assert found(ok) == []
    fs = found(ok.replace("占80.0%", "占X").replace("占20.0%", "占80.0%").replace("占X", "占20.0%"))
    assert [f.rule for f in fs] == ["arith.share", "arith.share"]
    assert all("互换" in f.message for f in fs)


def test_rate_on_the_wrong_base() -> None:
    ok = "本年收入合计100.00万元，比上年增加14.00万元，增长16.3%。"
    assert found(ok) == []
    (f,) = found(ok.replace("16.3%", "14.0%"))
    assert "本年数而非上年数" in f.message and f.suggestion == "增长16.3%"


def test_rate_written_as_a_factor_and_without_percent_sign() -> None:
    ok = "本年收入合计214.00万元，比上年增加114.00万元，增长114.0%。"
    assert found(ok) == []
    (f,) = found(ok.replace("114.0%", "1.14%"))
    assert "倍数" in f.message
    (g,) = found("支出决算2,025.00万元，完成年初预算1,800.00万元的112.5，主要原因是追加。")
    assert g.rule == "text.sign" and g.suggestion == "112.5%"


def test_rate_truncated_not_rounded_and_its_edge() -> None:
    # 14 / 86 = 16.279…%: 16.3% (rounded) is right, 16.2% (truncated) is not.
    assert found("本年收入合计100.00万元，比上年增加14.00万元，增长16.3%。") == []
    (f,) = found("本年收入合计100.00万元，比上年增加14.00万元，增长16.2%。")
    assert "截断" in f.message
    # 1.00 / 8.00 = 12.5% exactly at the rounding edge of the amounts: 12% and 13% both possible.
    assert found("办公费9.00万元，比上年增加1.00万元，增长13%。") == []


def test_no_change_where_the_numbers_change() -> None:
    assert found("公务接待费2023年度决算2.50万元，2022年度决算2.50万元，与上年无增减。") == []
    (f,) = found("公务接待费2023年度决算2.50万元，2022年度决算2.00万元，与上年无增减。")
    assert f.rule == "arith.change" and f.suggestion == "增加0.50万元"


def test_bigger_smaller_than_budget_against_the_statement() -> None:
    ok = "“三公”经费支出决算42.68万元，完成预算46.80万元的91.2%，决算数小于预算数的主要原因是压减开支。"
    assert found(ok) == []
    (f,) = found(ok.replace("小于", "大于"))
    assert f.rule == "text.direction" and f.replacement == "决算数小于预算数"


def test_unresolved_alternatives() -> None:
    fs = found(
        "本年度“三公”经费决算数大小于预算数的主要原因是从严控制。部门/单位机关运行经费5.00万元。"
    )
    assert sorted(str(f.actual) for f in fs if f.rule == "text.residue") == ["大小于", "部门/单位"]


def test_total_confused_with_subtotal_in_shares_of_parts_sum() -> None:
    # The shares fit the parts; the stated total is the wrong figure (arith.sum says so).
    text = "本年收入合计412,836.55万元，其中：财政拨款收入371,640.12万元，占93.3%；事业收入12,205.80万元，占3.1%；其他收入14,369.48万元，占3.6%。"
    assert [f.rule for f in found(text)] == ["arith.sum"]


def test_budget_stated_twice() -> None:
    text = (
        "一、总体情况\n一般公共预算财政拨款支出年初预算为49,800.00万元，支出决算为47,915.33万元，完成年初预算的96.2%。\n"
        "二、财政拨款情况\n一般公共预算财政拨款支出年初预算为{b}万元，主要用于市场监管执法。"
    )
    assert [f for f in found(text.format(b="49,800.00")) if f.rule == "xref.conflict"] == []
    (f,) = [f for f in found(text.format(b="48,900.00")) if f.rule == "xref.conflict"]
    assert f.severity == "warning"


def test_zero_change_wording_is_only_info() -> None:
    fs = check_text(
        "因公出国（境）费支出0万元，比上年增加0万元，增长0%。", title="某区某局2023年度部门决算"
    )
    assert {f.severity for f in fs if f.rule == "text.direction"} == {"info"}


def test_ambiguous_change_after_a_list_is_silent_when_the_total_fits() -> None:
    text = "“三公”经费预算21.40万元，其中：公务用车运行维护费16.00万元，公务接待费5.40万元，比上年减少1.10万元，下降4.9%。"
    assert found(text, title="某市某局2025年部门预算") == []


def test_short_list_of_a_total_is_a_warning_unless_closed() -> None:
    # 基本支出 + 项目支出 short of the total: a regional line (单位预留机动经费) may be missing.
    short = "本年支出合计100.00万元，其中：基本支出60.00万元，项目支出30.00万元。"
    assert [(f.rule, f.severity) for f in found(short)] == [("arith.sum", "warning")]
    closed = "本年收入合计100.00万元，其中：财政拨款收入60.00万元，其他收入30.00万元。"
    assert [(f.rule, f.severity) for f in found(closed)] == [("arith.sum", "error")]
    assert found(closed.replace("30.00", "40.00")) == []
