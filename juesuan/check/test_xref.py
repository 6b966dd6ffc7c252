from juesuan.testing import check_text, rules


def xref(text: str) -> list[tuple[str, int]]:
    return rules(check_text(text), "xref")


def test_same_concept_stated_twice_with_different_values() -> None:
    a = "一、收入支出决算总体情况说明\n本年收入合计1,000.00元，其中：财政拨款收入900.00元，其他收入100.00元。\n"
    ok = a + "二、收入决算情况说明\n本年收入合计1,000.00元。\n"
    bad = a + "二、收入决算情况说明\n本年收入合计1,100.00元。\n"
    assert xref(ok) == []
    assert xref(bad) == [("xref.conflict", 4)]


def test_same_word_in_different_fund_scopes_is_not_a_conflict() -> None:
    text = (
        "一、支出决算情况说明\n本年支出合计1,000.00元，其中：基本支出600.00元，项目支出400.00元。\n"
        "二、一般公共预算财政拨款基本支出情况说明\n本部门使用一般公共预算财政拨款安排基本支出500.00元。\n"
    )
    assert xref(text) == []


def test_self_evaluation_counts_must_agree() -> None:
    a = "2023年对本部门项目支出实施了绩效自评，评价项目57个，涉及金额32,353.23万元。\n"
    b = "2024年，本部门对2023年度项目支出实施了绩效自评，评价项目58个，涉及金额32,353.23万元。\n"
    assert xref(a + a.replace("57", "57")) == []
    assert xref(a + b) == [("xref.topic", 2)]


def test_different_topics_are_not_compared() -> None:
    text = (
        "对58个预算项目进行绩效运行监控，涉及资金31,442.81万元。\n"
        "对项目支出实施了绩效自评，评价项目57个，涉及金额32,353.23万元。\n"
    )
    assert xref(text) == []


def test_one_paragraph_with_counts_of_several_kinds_is_no_conflict() -> None:
    text = (
        "2024年对一般公共预算项目支出开展绩效自评，其中，一级项目7个、二级项目16个，共涉及资金"
        "5105.75万元；组织对0个政府性基金预算项目开展绩效自评，共涉及资金0万元。\n"
    )
    assert xref(text) == []


def test_bare_subject_after_semicolon_keeps_its_paragraphs_fund() -> None:
    # The fund named in a reason clause (…使用一般公共预算安排的项目…) is not the scope of the
    # bare 本年支出 after the semicolon; the paragraph's subject (政府性基金 / 一般公共预算) is.
    text = (
        "一、支出决算情况说明\n本年支出合计1,500.00万元。\n"
        "二、财政拨款收支情况说明\n"
        "财政拨款本年收入1,600.00万元，比上年增加200.00万元，主要是装备经费增加。"
        "同时压减了使用一般公共预算安排的项目；本年支出1,500.00万元。\n"
        "一般公共预算财政拨款本年收入1,300.00万元，主要是人员增加；本年支出1,200.00万元。\n"
        "政府性基金预算财政拨款本年收入300.00万元，主要是新建项目；本年支出300.00万元。\n"
    )
    assert xref(text) == []
    # The same fund stated twice with two values is still a conflict.
    again = text + "三、一般公共预算财政拨款支出情况说明\n一般公共预算财政拨款本年支出1,250.00万元。\n"
    assert xref(again) == [("xref.conflict", 8)]
