from juesuan.check import fields
from juesuan.testing import run


def test_empty_headings_between_siblings_and_before_higher_level() -> None:
    src = "\n".join(
        [
            "一、整体情况",
            "1.产出完成情况分析",
            "（1）产出数量",
            "\t序号\t指标",  # a table is content
            "（2）产出质量",
            "（3）产出进度",
            "（4）产出成本：年度总支出42,548.90万元。",
            "2.有关建议及其他需要说明的情况",
            "二、项目支出绩效自评表",
            "正文。",
        ]
    )
    got = [f.location.excerpt for f in run(fields.empty_field, src)]
    assert got == ["（2）产出质量", "（3）产出进度", "2.有关建议及其他需要说明的情况"]


def test_heading_with_children_or_sentence_title_is_not_empty() -> None:
    src = "\n".join(
        [
            "一、主要职能",
            "（一）负责本区会计管理工作。",
            "（二）完成区委、区政府交办的其他任务。",
            "二、部门构成",
            "1.基本情况",
            "包括局本级。",
        ]
    )
    assert run(fields.empty_field, src) == []


def test_empty_grade_label_gets_grade_from_score() -> None:
    src = "\n".join(
        [
            "1.评价得分情况",
            "绩效自评总分：92分",
            "绩效自评等级：",
            "2.存在的问题及原因分析",
            "无",
        ]
    )
    (f,) = run(fields.empty_field, src)
    assert f.location.excerpt == "绩效自评等级：" and f.location.line == 3
    assert f.expected == "优秀" and f.suggestion == "绩效自评等级：优秀"
    src85 = src.replace("92分", "85.5分")
    assert run(fields.empty_field, src85)[0].expected == "良好"


def test_label_followed_by_its_content_is_quiet() -> None:
    src = "\n".join(
        [
            "（2）项目概况：",
            "",
            "为帮扶就业困难城乡劳动力实现就业再就业，开展相关工作。",
            "其中：",
            "\t序号\t金额",
            "绩效自评等级：优秀。",
        ]
    )
    assert run(fields.empty_field, src) == []


def test_reason_announced_and_closed_at_once_is_empty() -> None:
    from juesuan.testing import check_text

    def empty(t: str) -> list[str]:
        return [f.location.excerpt for f in check_text(t) if f.rule == "text.empty_field"]

    assert empty("本年支出比上年增加3.00万元，主要原因是：。") == ["主要原因是：。"]
    assert empty("本年支出比上年增加3.00万元，主要原因是人员增加。") == []
    assert empty("这是决算数大于预算数的原因。") == []
    assert empty("主要原因如下：\n1.人员增加。") == []


def test_a_number_left_blank_before_its_unit() -> None:
    from juesuan.testing import check_text

    def blanks(text: str) -> list[str]:
        return [f.location.excerpt for f in check_text(text) if f.rule == "text.empty_field"]

    text = "其中：因公出国（境）费0万元，占 %，比上年减少 万元；公务接待费30万元，占%，比上年减少万元。"
    assert blanks(text) == ["占 %", "减少 万元", "占%", "减少万元"]
    filled = "其中：因公出国（境）费0万元，占0%，比上年减少0万元；公务接待费30万元，占100%，比上年减少2万元。"
    assert blanks(filled) == []
    # a unit named, or a word that only begins with 元, is no blank
    assert blanks("金额单位为万元，单位：万元。比上年增加元旦慰问支出2万元。") == []
