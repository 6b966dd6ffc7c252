"""Each arithmetic rule fires on the bad case and stays quiet on the good one."""

from juesuan.model.finding import Finding
from juesuan.testing import check_text as check_all
from juesuan.testing import rules


def check_text(text: str, title: str | None = None) -> list[Finding]:
    """Only this family's findings: other families have their own tests."""
    return [f for f in check_all(text, title=title) if f.rule.startswith("arith")]


def arith(text: str) -> list[tuple[str, int]]:
    return rules(check_text(text), "arith")


# ---- changes and rates ---------------------------------------------------------------


def test_year_over_year_change_correct_is_quiet() -> None:
    assert arith("2023年度收、支总计425,488,985.37元，比上年增加34,118,241.37元，增长8.7%。") == []


def test_rate_that_does_not_match_its_change_fires() -> None:
    found = check_text("2023年度收、支总计425,488,985.37元，比上年增加34,118,241.37元，增长9.7%。")
    assert rules(found, "arith") == [("arith.rate", 1)]
    f = found[0]
    assert f.expected == "8.7%" and f.actual == "9.7%"
    assert f.location.excerpt == "9.7%"


def test_number_broken_across_lines_and_spaced_percent_are_read() -> None:
    text = "本年收入合计425,488,595.46元，比上年增加36,\n079,450.01元，增长9.3 %。"
    assert arith(text) == []
    bad = "本年收入合计425,488,595.46元，比上年增加36,\n079,450.01元，增长9.9 %。"
    found = check_text(bad)
    # The finding sits where the rate is: on the second line.
    assert rules(found, "arith") == [("arith.rate", 2)]


def test_rate_rounding_edge_is_quiet() -> None:
    # 1,000.00 / 8,000.00 = 12.5% up to the amounts' own rounding (±0.005 元), so a
    # writer rounding half-down (12%) or half-up (13%) may both be right; 11% cannot be.
    assert arith("办公费9,000.00元，比上年增加1,000.00元，增长12.5%。") == []
    assert arith("办公费9,000.00元，比上年增加1,000.00元，增长13%。") == []
    assert arith("办公费9,000.00元，比上年增加1,000.00元，增长12%。") == []
    assert arith("办公费9,000.00元，比上年增加1,000.00元，增长11%。") == [("arith.rate", 1)]
    assert arith("办公费9,000.00元，比上年增加1,000.00元，增长12.6%。") == [("arith.rate", 1)]


def test_zero_base_growth_convention() -> None:
    ok = "“抚恤支出”(款)2023年度决算175,168.00元,比2023年年初预算增加175,168.00元,增加100.0%。"
    assert arith(ok) == []
    bad = "“抚恤支出”(款)2023年度决算175,168.00元,比2023年年初预算增加175,168.00元,增加50.0%。"
    assert arith(bad) == [("arith.rate", 1)]


def test_decrease_with_rate() -> None:
    ok = "“其他社会保障和就业支出”(款)2023年度决算9,096,380.73元,比2023年年初预算减少666,423.30元,减少6.8%。"
    assert arith(ok) == []
    contradict = "机关运行经费184.65万元，比上年减少2.55万元，增长1.40%。"
    assert arith(contradict) == [("arith.rate", 1)]


def test_budget_base_stated_then_delta() -> None:
    ok = "2023年度“三公”经费财政拨款决算数33,631.99元，比年初预算175,221.00元，减少141,589.01元。"
    assert arith(ok) == []
    bad_amount = (
        "2023年度“三公”经费财政拨款决算数33,631.99元，比年初预算175,221.00元，减少141,598.01元。"
    )
    found = check_text(bad_amount)
    assert rules(found, "arith") == [("arith.change", 1)]
    assert found[0].expected == "减少141,589.01元"
    wrong_word = "公务用车运行维护费决算数33,631.99元，年初预算数144,000.00元，增加110,368.01元。"
    found = check_text(wrong_word)
    assert rules(found, "arith") == [("arith.change", 1)]
    assert found[0].suggestion == "减少110,368.01元"


def test_previous_year_named_by_number() -> None:
    text = "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。"
    assert rules(check_text(text, title="上海市某某局2024年度部门决算"), "arith") == []
    bad = "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长2.40%。"
    assert rules(check_text(bad, title="上海市某某局2024年度部门决算"), "arith") == [
        ("arith.rate", 1)
    ]


# ---- shares and sums -----------------------------------------------------------------

INCOME = (
    "本年收入合计425,488,595.46元，其中：财政拨款收入409,069,439.25元，占收入合计的{a}%；"
    "上级补助收入0.00元，占收入合计的0.0%；其他收入16,419,156.21元，占收入合计的{b}%。"
)


def test_shares_correct_including_rounds_to_zero() -> None:
    assert arith(INCOME.format(a="96.1", b="3.9")) == []
    tiny = (
        "一般公共预算财政拨款支出409,069,439.25元，主要用于以下方面：卫生健康支出20,000.00元，"
        "占本年财政拨款支出0.0%；社会保障和就业支出409,049,439.25元，占本年财政拨款支出100.0%。"
    )
    assert arith(tiny) == []


def test_wrong_share_fires_with_expected_value() -> None:
    found = check_text(INCOME.format(a="96.9", b="3.9"))
    assert rules(found, "arith") == [("arith.share", 1)]
    assert found[0].expected == "96.1%"


def test_exhaustive_parts_must_add_up() -> None:
    ok = "政府采购支出总额4,248,945.98元，其中：政府采购货物支出158,000.00元，政府采购工程支出0.00元，政府采购服务支出4,090,945.98元。"
    assert arith(ok) == []
    bad = ok.replace("158,000.00", "185,000.00")
    assert arith(bad) == [("arith.sum", 1)]


def test_sum_within_rounding_is_quiet() -> None:
    # 4.79 + 0 + 246.47 = 251.26 against 251.25: within the rounding of three 万元 amounts.
    text = "政府采购金额为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元。"
    assert arith(text) == []


def test_partial_list_may_be_smaller_but_not_larger() -> None:
    partial = "固定资产年末数总额26,228,792.88元，其中：汽车5辆，835,609.80元。"
    assert arith(partial) == []
    counts_ok = "离退休人员94人，其中：离休0人，行政退休41人，事业退休53人。"
    assert arith(counts_ok) == []
    counts_bad = "其他人员0人，其中：社会化用工23人。"
    assert arith(counts_bad) == [("arith.sum", 1)]


def test_thresholds_are_not_amounts() -> None:
    text = "固定资产总额1,000.00元，其中：单价100万元以上的专用设备2台（套）。"
    assert arith(text) == []


# ---- budgets across levels, completion, averages -------------------------------------

BASIC = (
    "（一）2023年度本部门使用一般公共预算财政拨款安排基本支出1,500.00元，比年初预算增加{d}元，增长{r}%。其中：\n"
    "1.工资福利支出：包括基本工资等支出1,000.00元，年初预算900.00元，增加100.00元；\n"
    "2.商品和服务支出：包括办公费等支出500.00元，年初预算400.00元，增加100.00元。\n"
)


def test_parts_budgets_consistent_with_total_delta() -> None:
    assert arith(BASIC.format(d="200.00", r="15.4")) == []


def test_parts_budgets_inconsistent_with_total_delta_fires() -> None:
    found = check_text(BASIC.format(d="300.00", r="25.0"))
    assert rules(found, "arith") == [("arith.budget_levels", 1)]
    assert found[0].expected == "增加200.00元"


def test_completion_rate() -> None:
    ok = "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。"
    assert arith(ok) == []
    bad = ok.replace("98.20%", "99.20%")
    assert arith(bad) == [("arith.completion", 1)]


def test_average_per_vehicle() -> None:
    head = "公务用车运行维护费决算数33,631.99元。\n"
    assert arith(head + "2023年度公务用车保有量5辆，车均运行维护费6,726.40元。") == []
    assert arith(head + "2023年度公务用车保有量5辆，车均运行维护费6,826.40元。") == [
        ("arith.average", 2)
    ]


def test_year_numbers_never_fire() -> None:
    text = "2023年度部门决算2023年，比2022年增加的事项见下文。截至2023年12月31日，共有车辆0辆。"
    assert arith(text) == []


CLASS = (
    "1、“社会保障和就业支出”(类)2023年度决算300.00元,比2023年年初预算增加{d}元,增长{r}%。其中:\n"
    "“就业补助支出”(款)2023年度决算100.00元,比2023年年初预算增加50.00元,增长100.0%。\n"
    "“抚恤支出”(款)2023年度决算200.00元,比2023年年初预算减少20.00元,下降9.1%。\n"
    "2、“卫生健康支出”(类)2023年度决算10.00元,比2023年年初预算增加10.00元,增长100.0%。\n"
)


def test_class_budget_equals_sum_of_its_kuan() -> None:
    assert arith(CLASS.format(d="30.00", r="11.1")) == []
    found = check_text(CLASS.format(d="40.00", r="15.4"))
    assert rules(found, "arith") == [("arith.budget_levels", 1)]
    assert found[0].expected == "增加30.00元"


def test_tiny_base_allows_large_rates() -> None:
    # 1.00 against a budget of 0.01 is +9900%: the rounded base may be anything near zero.
    text = "“财政事务”(款)2021年度决算1.00元,比2021年年初预算增加0.99元,增长9900.0%。"
    assert arith(text) == []
    assert arith(text.replace("9900.0%", "50.0%")) == [("arith.rate", 1)]


def test_flat_is_a_change_of_zero() -> None:
    ok = "“卫生健康支出”(类)2023年度决算20,000.00元,比2023年年初预算持平。"
    assert arith(ok) == []
    from juesuan.check.run import make_context
    from juesuan.extract.narrative import narrative_of
    from juesuan.testing import doc_of

    doc = doc_of("2023年度某局部门决算\n" + ok)
    item = narrative_of(make_context(doc)).items[0]
    assert item.delta is not None and item.delta.q.value == 0 and item.base_kind == "年初预算"


# The shape of a Shanghai budget's opening paragraph: a fund line copies the change of the
# line above onto an amount of zero.
LEVELS_COPY = (
    "支出预算500.00万元，其中：财政拨款支出预算500.00万元，比2022年预算增加{d}万元。"
    "财政拨款支出预算中，一般公共预算拨款支出预算500.00万元，比2022年预算增加100.00万元；"
    "政府性基金拨款支出预算0万元，比2022年预算{g}；"
    "国有资本经营预算拨款支出预算0万元，比2022年预算持平。\n"
)


_BUDGET_TITLE = "2023年上海市某街道办事处部门预算"


def _levels(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in check_text(text, _BUDGET_TITLE)]


def test_part_with_an_increase_above_its_amount_is_blamed_not_the_total() -> None:
    assert _levels(LEVELS_COPY.format(d="100.00", g="持平")) == []
    bad = LEVELS_COPY.format(d="100.00", g="增加100.00万元")
    assert _levels(bad) == [("arith.budget_levels", "warning")]
    (f,) = check_text(bad, _BUDGET_TITLE)
    assert "政府性基金" in f.message and "负数" in f.message
    # A total that disagrees with parts that are all possible is still an error.
    assert _levels(LEVELS_COPY.format(d="150.00", g="持平")) == [("arith.budget_levels", "error")]


def test_a_part_read_as_another_basis_leaves_no_sum_to_judge() -> None:
    # In a final account 集中采购预算400.00元 is read as that part's budget, so the listed
    # finals add to 200.00 only: short of 600.00, but no part is missing from the text.
    text = (
        "政府采购预算600.00元。其中：集中采购预算400.00元，占政府采购预算的66.67%；"
        "分散采购200.00元，占政府采购预算的33.33%。"
    )
    assert [f for f in check_text(text) if f.rule == "arith.sum"] == []
    # Parts that exceed the total are still an error, whatever is left unread.
    over = text.replace("分散采购200.00元", "分散采购700.00元")
    assert ("arith.sum", "error") in [(f.rule, f.severity) for f in check_text(over)]
