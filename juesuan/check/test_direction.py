from juesuan.check import direction
from juesuan.testing import run


def test_zero_change_written_as_increase() -> None:
    fs = run(direction.direction, "比2023年年初预算增加0.00元,增加0.0%。")
    assert [(f.location.excerpt, f.expected) for f in fs] == [
        ("增加0.00元", "持平"),
        ("增加0.0%", "持平"),
    ]


def test_nonzero_changes_and_small_rates_are_quiet() -> None:
    src = "\n".join(
        [
            "比上年增加34,118,241.37元，增长8.7%。",
            "比上年增加1,000.00元，增长0.0%。",  # a small change may round to 0.0%
            "比年初预算增加175,168.00元,增加100.0%。",
            "完成率增长0.05个百分点，增加10.00元。",
        ]
    )
    assert run(direction.direction, src) == []


def test_comparison_against_the_stated_numbers() -> None:
    bad = "年初预算为1560.05万元，支出决算为1611.89万元。决算数小于预算数的主要原因：人员变化。"
    (f,) = run(direction.direction, bad)
    assert f.severity == "error" and f.expected == "大于" and f.suggestion == "决算数大于预算数"
    good = "\n".join(
        [
            "年初预算为 1560.05 万元，支出决算为1511.89万元。 决算数小于预算数的主要原因：人员变化。",
            "年初预算为 10.00 万元，支出决算为10.00万元。决算数与预算数基本持平。",
            "年初预算为 0.94 万元，支出决算为0.94万元。决算数等于预算数。",
        ]
    )
    assert run(direction.direction, good) == []


def test_equal_stated_numbers_may_differ_unrounded() -> None:
    # 10.00 vs 10.00 万元 may be 10.004 vs 9.996: 大于 cannot be called wrong.
    src = "年初预算为10.00万元，支出决算为10.00万元。决算数大于预算数。"
    assert run(direction.direction, src) == []
    src2 = "年初预算为10.00万元，支出决算为12.00万元。决算数等于预算数。"
    assert [f.expected for f in run(direction.direction, src2)] == ["大于"]


def test_comparison_pairs_the_budget_with_the_final_that_follows_it() -> None:
    from juesuan.testing import check_text

    text = (
        "“三公”经费财政拨款支出年初预算为0.02万元，支出决算为0.05万元，其中：因公出国（境）费决算为0.00万元；"
        "公务接待费支出决算为0.05万元。2021年度“三公”经费支出决算数大于预算数的主要原因：厉行节约。"
    )
    assert [f for f in check_text(text) if f.rule == "text.direction"] == []
    wrong = text.replace("决算数大于预算数", "决算数小于预算数")
    assert [f.rule for f in check_text(wrong) if f.rule == "text.direction"] == ["text.direction"]


def test_every_rule_id_is_registered_once() -> None:
    from juesuan.check.registry import RULES

    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
