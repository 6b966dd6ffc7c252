"""Percentages that no base can give: a rate on no change, a share over its total."""

from juesuan.check.test_arith import arith, check_text


def test_rate_on_a_change_of_zero_yuan_fires() -> None:
    text = "本部门基本支出0.00元，比年初预算增加（减少）0.00元，增长（减少）1.0%。"
    found = [f for f in check_text(text) if f.rule == "arith.rate"]
    assert len(found) == 1 and found[0].expected == "0.0%"
    assert arith("本部门基本支出0.00元，比年初预算增加（减少）0.00元，增长（减少）0.0%。") == []


def test_rate_on_a_zero_change_in_wanyuan_is_quiet() -> None:
    # 0.00万元 may hide a few yuan: on a base of a few yuan that is any rate.
    assert arith("基本支出0.00万元，比上年减少0.00万元，下降100.0%。") == []


def test_zero_change_against_two_stated_amounts_is_the_change_slip() -> None:
    # The rate agrees with 110 vs 100; the written 0.00 change is what is wrong.
    found = check_text("培训费110.00元，年初预算100.00元，增加0.00元，增长10.0%。")
    assert [f.rule for f in found] == ["arith.change"]


def test_share_over_a_named_total_fires() -> None:
    text = "2023年对58个预算项目进行绩效运行监控，占部门项目总数的105.0%。"
    found = [f for f in check_text(text) if f.rule == "arith.share"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert arith("2023年对58个预算项目进行绩效运行监控，占部门项目总数的100.0%。") == []


def test_share_over_a_whole_that_is_no_total_is_quiet() -> None:
    # Spending may exceed income: 占收入的 is no total of the spending.
    assert arith("本年支出1,200.00万元，占本年收入的105.0%。") == []


def test_kuan_larger_than_its_class_fires() -> None:
    text = (
        "3、“卫生健康支出”(类)2023年度决算19,000.00元,比2023年年初预算增加0.00元。其中:\n\n"
        "“公共卫生”(款)2023年度决算20,000.00元,比2023年年初预算增加0.00元。\n"
    )
    assert ("arith.sum", 1) in arith(text)
    ok = text.replace("19,000.00", "20,000.00")
    assert arith(ok) == []


def test_count_list_closed_by_its_remainder_must_add_up() -> None:
    assert ("arith.sum", 1) in arith("共有车辆41辆，其中业务用车12辆，机要通信用车8辆，其他用车20辆。")
    assert arith("共有车辆40辆，其中业务用车12辆，机要通信用车8辆，其他用车20辆。") == []


def test_staff_and_vehicle_breakdowns_are_usually_complete() -> None:
    assert ("arith.sum", 1) in arith("实有人数31人，其中：在职人员25人，借调人员5人。")
    assert ("arith.sum", 1) in arith("年末公务用车保有量20辆，其中：执法执勤用车14辆，一般公务用车5辆。")
    assert arith("年末公务用车保有量19辆，其中：执法执勤用车14辆，一般公务用车5辆。") == []
    # a breakdown by other words (编制) is not the known one: only the parts' excess counts
    assert arith("实有人数31人，其中：行政编制20人，事业编制10人。") == []


def test_shares_of_the_listed_sum_under_a_wider_named_total_are_quiet() -> None:
    # 支出预算 holds more than 本年支出; the two shares are of basic + project (100% together).
    head = "2026年支出预算81,676.15万元。\n"
    ok = head + "基本支出预算50,790.07万元，占本年支出预算66.54%。项目支出预算25,542.89万元，占本年支出预算33.46%。\n"
    title = "北京市示例局2026年部门预算"
    assert [f for f in check_text(ok, title) if f.rule == "arith.share"] == []
    bad = ok.replace("66.54%", "62.54%").replace("33.46%", "37.46%")
    found = [f.rule for f in check_text(bad, title) if f.rule == "arith.share"]
    assert found == ["arith.share"] * 2


def test_share_of_heji_written_as_of_zongji_is_flagged() -> None:
    text = (
        "一、收入支出决算总体情况说明\n2023年度收入总计286,542.18万元、支出总计286,542.18万元。\n"
        "二、收入决算情况说明\n2023年度本年收入合计251,304.77万元，其中：财政拨款收入203,118.45万元，"
        "占收入总计的80.8%；事业收入36,245.10万元，占14.4%；其他收入11,941.22万元，占4.8%。\n"
    )
    found = [f for f in check_text(text) if f.rule == "arith.share"]
    assert [(f.severity, f.expected) for f in found] == [("warning", "占收入合计的80.8%")]
    assert [f for f in check_text(text.replace("占收入总计", "占收入合计")) if f.rule == "arith.share"] == []


def test_share_of_a_whole_named_paragraphs_away_is_not_judged() -> None:
    far = "\n".join(["本年项目支出3,499.42万元。", *["本部门无其他说明事项。"] * 5])
    text = far + "\n绩效自评共涉及资金5,105.75万元，占项目支出的100%。\n"
    assert [f for f in check_text(text) if f.rule == "arith.share"] == []
    near = "本年项目支出3,499.42万元。\n绩效自评共涉及资金3,105.75万元，占项目支出的100%。\n"
    assert [f.rule for f in check_text(near) if f.rule == "arith.share"] == ["arith.share"]


def test_whole_named_with_zonge_is_the_department_total() -> None:
    text = (
        "2025年部门支出预算76,542.90万元。\n2025年一般公共预算支出预算70,118.25万元，占支出预算总额的91.6%；"
        "政府性基金预算支出6,424.65万元，占支出预算总额的8.9%。\n"
    )
    title = "贵阳市示例委员会2025年部门预算公开说明"
    found = [f.expected for f in check_text(text, title) if f.rule == "arith.share"]
    assert found == ["8.4%"]


def test_zero_base_rate_conventions() -> None:
    def sev(rate: str) -> list[str]:
        text = f"抚恤支出决算175,168.00元，比年初预算增加175,168.00元，增加{rate}。"
        return [f.severity for f in check_text(text) if f.rule == "arith.rate"]

    assert sev("100.0%") == []
    assert sev("0.0%") == ["info"]  # 预算数为0，因此增长率为0%: a convention some state
    assert sev("95.0%") == ["warning"]



# 9,910.80 / 20,000 = 49.554%, 7,968.60 → 39.843%, 2,120.60 → 10.603%: rounded they add
# to 99.99%, so a writer who wants the breakdown to close writes one of them a unit higher.
_PLUG = (
    "本单位本年支出预算合计20,000.00万元，其中：基本支出9,910.80万元，占{a}%；"
    "项目支出7,968.60万元，占39.84%；单位预留机动经费2,120.60万元，占{c}%。"
)


def _shares(text: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for f in check_text(text):
        if f.rule == "arith.share":
            found.setdefault(f.actual or "", []).append(f)
    return found


def test_share_moved_by_the_rounding_remainder_is_named() -> None:
    assert _shares(_PLUG.format(a="49.55", c="10.60")) == {}
    # 49.55 + 39.84 + 10.61 = 100.00: 10.61 carries the remainder (尾差调整). No rounding
    # of the amounts gives it, so it stays an error; the message says what happened.
    got = _shares(_PLUG.format(a="49.55", c="10.61"))
    (f,) = got["10.61%"]
    assert f.severity == "error" and "尾差" in f.message and f.expected == "10.60%"


def test_share_wrong_and_not_closing_to_a_hundred_is_an_error() -> None:
    # 49.55 + 39.84 + 10.62 = 100.01: no remainder explains the 10.62.
    (f,) = _shares(_PLUG.format(a="49.55", c="10.62"))["10.62%"]
    assert f.severity == "error" and "尾差" not in f.message
    # Adds to 100% but two units off: no remainder explains it.
    (g,) = _shares(_PLUG.format(a="49.54", c="10.62"))["10.62%"]
    assert g.severity == "error" and "尾差" not in g.message


def test_first_share_of_a_list_without_a_named_whole_is_judged() -> None:
    head = "本单位“三公”经费支出决算为2.40万元。\n其中：公务接待费0.60万元，占{a}%；公务用车运行维护费1.80万元，占{b}%。"
    assert _shares(head.format(a="25", b="75")) == {}
    got = _shares(head.format(a="75", b="25"))
    assert sorted(got) == ["25%", "75%"]  # the two shares swapped: both reported
    assert all("互换" in f.message for fs in got.values() for f in fs)


def test_two_shares_of_an_unstated_whole_must_imply_one_whole() -> None:
    # Basic 800,000 at 80.00% puts the whole at 1,000,000; projects 200,000 at 25.00% at
    # 800,000: one of the two shares is wrong. At 20.00% they agree and nothing is said.
    def text(pct: str) -> str:
        return (
            "1.基本支出预算800000.00元，占一般公共预算支出的80.00%，比上年增加1000.00元。\n"
            f"2.项目支出预算200000.00元，占一般公共预算支出的{pct}，比上年增加2000.00元。"
        )

    def shares(t: str) -> list[tuple[str, str]]:
        found = check_text(t, title="2024年北京市某局部门预算")
        return [(f.severity, f.location.excerpt) for f in found if f.rule == "arith.share"]

    assert shares(text("25.00%")) == [("warning", "25.00%")]
    assert shares(text("20.00%")) == []


def test_completion_against_a_stated_excess_over_budget() -> None:
    # 完成年初预算100% cannot stand with 决算数大于预算数60万元 on 1,260万元 (105.0%).
    def text(pct: str) -> str:
        return (
            f"本年一般公共预算财政拨款支出1,260.00万元，比上年减少40.00万元，下降3.08%；"
            f"完成年初预算{pct}，决算数大于预算数60.00万元，主要是增人增资。"
        )

    found = [f for f in check_text(text("100%")) if f.rule == "arith.completion"]
    assert [(f.severity, f.expected) for f in found] == [("error", "105%")]
    assert [f for f in check_text(text("105%")) if f.rule.startswith("arith")] == []
    # Below the budget: 1,260 is 95.5% of 1,320.
    low = text("95.5%").replace("大于预算数60.00", "小于预算数60.00")
    assert [f for f in check_text(low) if f.rule.startswith("arith")] == []


def test_implied_whole_is_written_in_the_amounts_unit() -> None:
    # 247.63万元 at 84.06% puts the whole at about 294.59万元, not 2,945,872万元 (its 元).
    text = (
        "基本支出247.63万元，占一般公共预算支出的84.06%；"
        "项目支出46.95万元，占一般公共预算支出的19.62%。"
    )
    (f,) = [f for f in check_text(text) if f.rule == "arith.share"]
    assert "约为294.59万元" in f.message and "约为239.30万元" in f.message
