from juesuan.check import text
from juesuan.testing import run


def _by_excerpt(findings):
    return {f.location.excerpt: f for f in findings}


def test_residue_pair_with_number_picks_direction_from_sentence() -> None:
    src = "公务用车运行维护费决算数33,631.99元，年初预算数144,000.00元，增加（减少）110,368.01元，主要增（减）原因:用于车辆保险及维修。"
    got = _by_excerpt(run(text.residue, src))
    f = got["增加（减少）110,368.01元"]
    assert f.severity == "error"
    assert f.expected == "减少" and f.suggestion == "减少110,368.01元"
    g = got["增（减）"]
    assert g.severity == "warning" and g.expected == "减"


def test_residue_increase_when_budget_exceeded() -> None:
    src = "决算数200.00万元，年初预算数150.00万元，增加（减少）50.00万元。"
    (f,) = run(text.residue, src)
    assert f.expected == "增加"


def test_residue_zero_change_is_flat() -> None:
    src = "基本支出0.00元，比年初预算增加（减少）0.00元，增长（减少）0.0% 。"
    fs = run(text.residue, src)
    assert [f.expected for f in fs] == ["持平", "持平"]
    # either word is true of a zero change: unfinished wording, not a wrong number
    assert all(f.severity == "warning" and "持平" in f.message for f in fs)
    # a nonzero change left undecided stays an error (see the first test)


def test_residue_direction_from_rate_when_budget_not_stated() -> None:
    # budget = 1.8M - 1.8M = 0 -> growth on a zero base is written 100.0%: an increase.
    src = "2023年度决算1,800,000.00元，比年初预算增加（减少）1,800,000.00元，增长（下降）100.0%。"
    fs = run(text.residue, src)
    assert [f.expected for f in fs] == ["增加", "增长"]
    # 50.0% fits a decrease (base 3.6M), not an increase.
    src2 = "2023年度决算1,800,000.00元，比年初预算增加（减少）1,800,000.00元，增长（下降）50.0%。"
    assert [f.expected for f in run(text.residue, src2)] == ["减少", "下降"]


def test_residue_undecidable_gives_no_word() -> None:
    (f,) = run(text.residue, "比年初预算增加（减少）12.00元。")
    assert f.expected is None and "之一" in (f.suggestion or "")


def test_legit_parentheses_are_not_residue() -> None:
    src = (
        "包括因公出国（境）费、维修（护）费、退职（役）费，专用设备2台（套）。法规科(行政审批科)。"
    )
    assert run(text.residue, src) == []


def test_instructions_are_flagged_for_deletion() -> None:
    src = "\n".join(
        [
            "一、部门基本情况（比照预算公开的内容格式）",
            "二、收入支出决算总体情况说明（金额到分，加千分号，百分数留一位小数，以下同）",
            "部门预算执行率为100%。（支出数按照年底收回节约前的实际支出数填列）。",
            "请结合《部门整体支出绩效自评表》中的得分情况填写以下内容。",
            "四类评价等级：优秀（90（含）-100分）、良好80（含）-90分、一般60（含）-80分、较差60分以下",
            "3.改进措施（请对照问题，分别填写相应改进措施）",
            "对项目支出实施了绩效自评（包括部门预算绩效自评项目，请汇总填报），评价项目58个。",
            "（注：一级预算部门“一、二、三”均公开；二级预算单位仅公开“三”。）",
        ]
    )
    fs = run(text.residue, src)
    assert [f.location.line for f in fs] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert all(f.severity == "warning" and f.suggestion == "删除该说明" for f in fs)
    assert fs[6].location.excerpt == "，请汇总填报"


def test_ordinary_parentheses_and_notes_are_not_instructions() -> None:
    src = "\n".join(
        [
            "（报表详见附件）",
            "“组织事务”(款,下同)2023年度决算1,800,000.00元。",
            "政府采购金额（以合同签订为准）为251.25万元。",
            "注：本单位无政府性基金预算财政拨款支出，故本表无数据。",
            "请登录门户网站查询。",
        ]
    )
    assert run(text.residue, src) == []


def test_placeholders_fire() -> None:
    src = "上海市XX局2024年度收入支出总计XXX万元。于X月X日完成，某某单位，金额为……元，[ ]。"
    got = [f.location.excerpt for f in run(text.placeholder, src)]
    assert got == ["XX", "XXX", "X", "X", "某某", "……", "[ ]"]


def test_placeholders_quiet_on_names_and_quoted_ellipsis() -> None:
    src = "采购XXL码服装，依据《关于……的通知》办理，“……”为原文省略，包括基本工资、奖金……等支出。"
    assert run(text.placeholder, src) == []


def test_duplicate_words() -> None:
    fs = run(text.duplicate_word, "用于安排安排城乡居民养老金，进行进行检查，这是的的工作。")
    assert [(f.location.excerpt, f.suggestion) for f in fs] == [
        ("安排安排", "安排"),
        ("进行进行", "进行"),
        ("的的", "的"),
    ]


def test_duplicate_phrase_of_five_characters() -> None:
    fs = run(text.duplicate_word, "收入增加，主要原因是主要原因是人员经费增加。")
    assert [(f.location.excerpt, f.suggestion) for f in fs] == [("主要原因是主要原因是", "主要原因是")]


def test_duplicate_of_two_characters_seen_nowhere_else_is_a_hint() -> None:
    # 上访|接访|接待 contains 访接访接 at a word boundary; 原因 used elsewhere is a real word.
    src = "主要用于接待上访接访接待工作。下降原因原因是压缩开支，增加原因是新设机构。"
    fs = run(text.duplicate_word, src)
    assert [(f.location.excerpt, f.severity) for f in fs] == [
        ("访接访接", "info"),
        ("原因原因", "warning"),
    ]


def test_duplicate_words_quiet_on_reduplication_and_numbers() -> None:
    src = "常常检查，人人参与，天天坚持，方方面面，一个一个落实，目的的实现，的的确确，增长2020.20%，二十二十。"
    assert run(text.duplicate_word, src) == []


def test_usage() -> None:
    src = "截止到2023年12月31日，载止年底，其它支出，银行帐户，（二)法规科。"
    got = [(f.location.excerpt, f.suggestion, f.severity) for f in run(text.usage, src)]
    assert got == [
        ("截止到", "截至", "warning"),
        ("载止", "截至", "error"),
        ("其它", "其他", "info"),
        ("帐", "账", "info"),
        ("（二)", "（二）", "warning"),
    ]


def test_usage_quiet() -> None:
    src = "申报截止日期为6月30日，截止时间为17时，截至2023年12月31日，法规科(行政审批科)，因公出国（境）费。"
    assert run(text.usage, src) == []


def test_reader_directions_are_not_instructions() -> None:
    assert run(text.residue, "具体情况。请见附件说明。请登录网站查阅公开内容。") == []
