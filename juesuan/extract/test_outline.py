from pathlib import Path

from juesuan.extract.outline import build_outline
from juesuan.ingest.text import lines_from_text
from juesuan.model.document import Document


def outline(text: str):
    return build_outline(Document(Path("t.txt"), "txt", lines_from_text(text)))


def test_table_of_contents_is_not_part_of_the_outline() -> None:
    src = "\n".join(
        [
            "目 录",
            "第一部分 概况",
            "一、主要职能",
            "第二部分 决算表",
            "第一部分 概况",
            "一、主要职能",
            "负责财政工作。",
            "第二部分 决算表",
        ]
    )
    o = outline(src)
    assert [h.line for h in o.headings] == [5, 6, 8]
    assert o.issues == []


def test_marker_run_into_text_is_no_gap() -> None:
    src = "\n".join(
        [
            "一、主要职能",
            "（一）负责财政工作。",
            "（二）负责会计管理工作，组织实施会计准则。（三）负责非税收入",
            "管理。",
            "（四）拟订国库管理制度。",
        ]
    )
    assert outline(src).issues == []
    gap = "一、主要职能\n（一）负责会计管理工作。\n（三）拟订国库管理制度。"
    assert [i.kind for i in outline(gap).issues] == ["gap"]


def test_rows_of_a_table_laid_out_as_text_are_not_headings() -> None:
    src = "\n".join(
        [
            "第二部分 决算表",
            "收入支出决算总表",
            "单位：万元",
            "一、一般公共预算财政拨款收入 2,940.05 一、一般公共服务支出 2,106.66",
            "二、政府性基金预算财政拨款收入 二、外交支出",
            "二、外交支出",
            "三、国防支出",
            "第三部分 情况说明",
            "一、收入支出决算总体情况说明",
            "收入支出总计2995.39万元。",
        ]
    )
    o = outline(src)
    assert [h.line for h in o.headings] == [1, 8, 9]
    assert [i.kind for i in o.issues] == ["start"]  # 第二部分 first: only the real issue


def test_heading_after_table_followed_by_prose_is_kept() -> None:
    src = "\n".join(
        [
            "一、收入决算表",
            "单位：元",
            "合计 100.00",
            "二、支出决算情况说明",
            "本年支出合计100.00元。",
        ]
    )
    assert [h.line for h in outline(src).headings] == [1, 4]


def test_contents_without_title_or_page_numbers_is_not_headings() -> None:
    # As web pages show it: no 目录 line, no page numbers, then the body.
    toc = ["一、部门基本情况", "（一）部门职责", "（二）机构设置", "二、部门决算表", "三、情况说明"]
    body = [
        "一、部门基本情况",
        "（一）部门职责",
        "负责全区财政工作。",
        "（二）机构设置",
        "内设科室5个。",
        "二、部门决算表",
        "见附件。",
        "三、情况说明",
        "本年收入合计100.00万元。",
    ]
    o = outline("\n".join(["某区财政局2023年度部门决算", *toc, *body]))
    assert [h.line for h in o.headings] == [7, 8, 10, 12, 14]
    assert all(h.has_body for h in o.headings[1:])
    # Headings in a row that never recur are the document's own (one empty heading).
    own = outline(
        "\n".join(["一、概况", "（一）职责", "（二）机构", "（三）人员", "二、决算表", "见附件。"])
    )
    assert len(own.headings) == 5


def test_style_restarted_after_unnumbered_heading_is_a_new_list() -> None:
    # Income items ①②, then an unnumbered heading and spending items ① again: two lists
    # of one level, not one style used at two levels.
    base = [
        "一、收入情况",
        "全年收入合计300万元。",
        "①财政拨款收入：本年200万元，占66.67%。",
        "②其他收入：本年100万元，占33.33%。",
        "③经营收入：本年0万元，占0%。",
        "全年支出构成",
        "①基本支出：本年180万元。",
        "②项目支出：本年120万元。",
    ]
    assert [i.kind for i in outline("\n".join(base)).issues] == []
    # The outer list resuming after the nested one shows the two levels.
    resumed = [*base, "④附属单位上缴收入：本年0万元。"]
    assert [i.kind for i in outline("\n".join(resumed)).issues] == ["reuse"]


def test_one_count_kept_across_sibling_sections_is_no_late_start() -> None:
    # Items 1.–3. under （一）, then 4.–5. under （二）: one count across the two sections.
    src = "\n".join(
        [
            "一、收入预算情况说明",
            "（一）本年财政拨款收入300万元",
            "1.一般公共预算拨款收入280万元。",
            "2.政府性基金预算拨款收入20万元。",
            "3.国有资本经营预算拨款收入0万元。",
            "（二）本年其他资金收入5万元",
            "4.事业收入5万元。",
            "5.其他收入0万元。",
            "（三）上年结转结余10万元",
            "6.上年结转结余10万元。",
        ]
    )
    assert outline(src).issues == []
    # A list under a new section that starts past the count above still does.
    late = src.replace("4.事业收入", "7.事业收入").replace("5.其他收入", "8.其他收入")
    late = late.replace("6.上年结转", "9.上年结转")
    assert [i.kind for i in outline(late).issues] == ["start"]
    # A first section whose list starts at 2. is still reported.
    first = "\n".join(["一、收入", "（一）财政拨款收入", "2.一般公共预算拨款收入280万元。"])
    assert [i.kind for i in outline(first).issues] == ["start"]
