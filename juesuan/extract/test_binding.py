"""The reader binds each number within its clause: basis, measure and subject."""

from juesuan.extract.narrative import Item, narrative_of
from juesuan.testing import ctx_of


def items(text: str, title: str = "某区某局2023年度部门决算") -> list[Item]:
    return narrative_of(ctx_of(f"{title}\n{text}")).items


def test_completion_budget_and_year_on_year_change_stay_apart() -> None:
    (it,) = items(
        "“三公”经费财政拨款支出决算为38.50万元，完成预算41.50万元的92.8%，比上年增加6.32万元，增长19.6%。"
    )
    assert it.concept == "三公经费"
    assert it.budget is not None and it.budget.text == "41.50万元"
    assert it.completion is not None and it.completion.text == "92.8%"
    assert it.base_kind == "上年" and it.base is None  # the change is not against the budget
    assert it.rate is not None and it.rate.text == "19.6%"


def test_one_statement_per_item_of_a_list() -> None:
    text = (
        "“三公”经费年初预算28.00万元，决算20.50万元，完成预算的73.2%，比上年减少1.50万元，下降6.8%。"
        "其中：因公出国（境）费年初预算5.00万元，决算0万元，完成预算的0%，比上年减少2.00万元，下降100.0%；"
        "公务接待费年初预算3.00万元，决算2.50万元，完成预算的83.3%，比上年增加0.50万元，增长25.0%。"
    )
    top, abroad, meals = items(text)
    assert [p.concept for p in top.parts] == ["因公出国（境）费", "公务接待费"]
    assert (meals.budget and meals.budget.text, meals.value and meals.value.text) == (
        "3.00万元",
        "2.50万元",
    )
    assert meals.completion is not None and meals.completion.text == "83.3%"
    assert abroad.rate is not None and abroad.rate.text == "100.0%"


def test_traditional_full_width_and_ascii_punctuation_read_alike() -> None:
    plain = items("公务接待费支出2.00万元，比上年减少0.50万元，下降20.0%。")[0]
    for text in (
        "公務接待費支出2.00萬元，比上年減少0.50萬元，下降20.0%。",
        "公务接待费支出2.00万元,比上年减少0.50万元,下降20.0 %。",
        "公务接待费支出２．００万元，比上年减少０．５０万元，下降２０．０％。",
    ):
        it = items(text)[0]
        assert it.concept == plain.concept
        assert [t and t.q.value for t in (it.value, it.delta, it.rate)] == [
            t and t.q.value for t in (plain.value, plain.delta, plain.rate)
        ]
        assert it.value is not None and it.value.text in text  # excerpts stay verbatim


def test_second_comparison_is_a_statement_of_its_own() -> None:
    first, twin = items(
        "“三公”经费支出共计20.50万元，较年初预算减少7.50万元，下降26.8%，较上年减少1.50万元，下降6.8%。"
    )
    assert (first.base_kind, twin.base_kind) == ("年初预算", "上年")
    assert twin.twin_of is first and twin.rate is not None and twin.rate.text == "6.8%"


def test_parenthesised_parts_return_to_their_subject() -> None:
    top = items(
        "“三公”经费支出决算数为20.50万元(其中：公务接待费2.50万元,公务用车购置及运行维护费18.00万元),比上年减少1.50万元,下降6.8%。"
    )[0]
    assert len(top.parts) == 2 and top.delta is not None and top.delta.text == "1.50万元"


def test_budget_document_values_and_last_years_budget() -> None:
    (it,) = items(
        "2026年财政拨款“三公”经费预算66.00万元，较2025年年初预算增加33.00万元，增长100.0%。",
        title="某市某局2026年部门预算",
    )
    assert it.value is not None and it.value.text == "66.00万元"
    assert it.base_kind == "上年" and it.budget is None


def test_amount_after_a_direction_word_is_a_change() -> None:
    its = items("基本支出5,445.39万元，比上年增加994.50万元，主要原因是人员经费增加990.07万元。")
    assert [i.value is not None for i in its] == [True, False]


def test_inline_list_closes_at_semicolon() -> None:
    from juesuan.check.test_arith import arith

    # 其中 without a colon is an aside of one clause: 离退休人员 is no part of 在职人员.
    text = "实有在职人员380人，其中行政89人，事业291人；单位管理的离退休人员203人。"
    assert arith(text) == []
    assert ("arith.sum", 1) in arith(text.replace("291人", "391人"))


def test_parts_after_a_closing_colon_share_their_marker_style() -> None:
    from juesuan.check.test_arith import check_text

    def arith(t: str) -> list[tuple[str, int]]:
        title = "江苏省示例厅2017年度部门预算"
        return [(f.rule, f.location.line) for f in check_text(t, title)]

    text = (
        "一般公共预算财政拨款基本支出预算5,836.27万元，其中：\n"
        "（一）人员经费4,704.35万元\n"
        "1、工资福利支出（类）2,097.51万元\n"
        "（1）基本工资（款）支出737.94万元。\n"
        "（二）公用经费1,131.92万元\n"
    )
    assert arith(text) == []
    assert ("arith.sum", 2) in arith(text.replace("1,131.92", "1,231.92"))


def test_parallel_lists_pair_numbers_with_subjects_in_order() -> None:
    from juesuan.testing import check_text

    title = "成都市示例局2022年度部门决算情况说明"
    text = (
        "一、收入支出决算总体情况说明\n2022年度收、支总计各是4125.49、4143.91万元。与2021年相比，"
        "收、支总计各减少1267.86、2570.97万元，各下降23.51%、38.29%。\n"
    )
    assert [f for f in check_text(text, title=title) if f.severity != "info"] == []
    trunc = [f for f in check_text(text.replace("38.29%", "38.28%"), title=title)]
    assert [(f.rule, f.severity, f.expected) for f in trunc] == [("arith.rate", "warning", "38.29%")]
    wrong = [f for f in check_text(text.replace("23.51%", "25.51%"), title=title)]
    assert [(f.rule, f.severity) for f in wrong] == [("arith.rate", "error")]


def test_parallel_changes_of_values_stated_one_by_one() -> None:
    from juesuan.testing import check_text

    text = (
        "一、收入支出决算总体情况说明\n2024年度收入总计7562.45万元，支出总计6632.48万元，与2023年度相比，"
        "收入、支出总计各增加1412.7万元、2062.79万元，增长22.97%、45.14%。\n"
    )
    title = "示例委员会2024年度部门决算情况说明"
    assert [f for f in check_text(text, title=title) if f.severity != "info"] == []
    bad = check_text(text.replace("45.14%", "23.72%"), title=title)
    assert [(f.rule, f.location.excerpt) for f in bad if f.severity == "error"] == [
        ("arith.rate", "23.72%")
    ]


def _budget_findings(text: str) -> list[tuple[str, str]]:
    from juesuan.testing import check_text

    found = check_text(text, title="示例市示例局2026年部门预算")
    return [
        (f.rule, f.location.excerpt)
        for f in found
        if f.severity != "info" and f.rule.startswith(("arith", "xref"))
    ]


def test_amounts_of_a_reason_are_no_parts() -> None:
    text = (
        "三、财政拨款情况说明\n2026年一般公共预算财政拨款支出37,891.58万元，比2025年增加800.94万元。"
        "其中：基本支出12,899.62万元，比2025年增加726.21万元；项目支出24,991.96万元，比2025年增加"
        "74.73万元，主要原因是新增了奖补资金1000万元、压减专项资金190万元。\n"
    )
    assert _budget_findings(text) == []


def test_closed_breakdown_with_a_stranger_is_not_summed() -> None:
    text = "六、“三公”经费预算情况说明\n2026年“三公”经费预算支出0.27万元，其中会议费0.24万元，培训费0.71万元。\n"
    assert _budget_findings(text) == []


def test_base_after_bi_that_no_cue_names_is_no_subject() -> None:
    text = (
        "二、收入预算情况说明\n2026年收入预算515,665.27万元，其中：一般公共预算收入19,828.57万元，"
        "比2025年初预算数20,292.85万元减少464.27万元，降低2.29%；国有资本经营预算收入495,836.70万元，"
        "比2025年预算收入执行数483,923.17万元增加11,913.53万元，增长2.46%。\n"
    )
    assert _budget_findings(text) == []


def test_a_new_sentence_naming_the_budget_is_not_the_last_part() -> None:
    text = (
        "一、收支总表情况说明\n2026年预算支出1,682.76万元，其中基本支出预算1,208.20万元，占部门预算总"
        "支出的71.80%；项目支出预算474.56万元，占部门预算总支出的28.20%。2026年预算比2025年预算增加"
        "50.32万元，增长3.08%。\n"
    )
    assert _budget_findings(text) == []


def test_a_numberless_list_opening_closes_the_earlier_list() -> None:
    text = (
        "2、支出按功能科目分类的明细情况。\n2021年本部门当年一般公共预算支出5,000.00万元，其中：\n"
        "（1）行政运行（2013301）3,000.00万元；\n（2）一般行政管理事务（2013302）2,000.00万元。\n"
        "从人员经费、公用经费来看，其中：\n（1）人员经费：行政运行（2013301）1,641.18万元。\n"
    )
    assert _budget_findings(text) == []


def test_a_coded_list_opened_after_several_statements_belongs_to_the_code_it_extends() -> None:
    # The sentence names 20802 first, then its economic breakdown, and ends in 其中：; the
    # coded lines that follow (2080201, 2080299) are lines of 20802, not of the last amount.
    text = (
        "（2）民政管理事务（20802）3,386.08万元，较上年减少24.49万元。具体为：人员经费1,541.50万元，"
        "公用经费105.58万元，专项业务经费1,739.00万元，较上年减少25.90万元。其中：\n"
        "①行政运行（2080201）1,286.60万元，比上年增加198.60万元。\n"
        "②其他民政管理事务支出（2080299）1,690.48万元，比上年增加396.41万元。\n"
    )
    made = items(text, "某市民政局2021年部门预算")
    whole = next(it for it in made if it.value is not None and it.value.text == "3,386.08万元")
    assert [p.value.text for p in whole.parts if p.value] == ["1,286.60万元", "1,690.48万元"]
    special = next(it for it in made if it.value is not None and it.value.text == "1,739.00万元")
    assert special.parts == []


def test_an_amount_after_bao_kuo_is_named_by_its_own_words() -> None:
    text = (
        "（三）支出预算情况说明（详见表3）\n"
        "2026年支出预算100.00万元。\n"
        "2.按支出用途分类，包括人员支出60.00万元，占60.0%；项目支出40.00万元，占40.0%。"
    )
    got = items(text, "某市某局2026年部门预算")
    assert [it.subject for it in got] == ["支出预算", "人员支出", "项目支出"]
    # An itemised paragraph's 包括 describes its title's contents: the title names it.
    (it,) = items("1.工资福利支出：包括基本工资等支出1,000.00元，年初预算900.00元。")
    assert it.subject == "工资福利支出"
