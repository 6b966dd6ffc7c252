"""Table layouts seen across regions, on small synthetic grids: wrapped titles and subtitles,
a second classification beside the first, turned tables, headers broken by a page, titles
left at a page foot, and tables of text."""

from __future__ import annotations

from pathlib import Path

from juesuan.model.document import BoxCell, Cell, Document, Line, Table
from juesuan.tables.announce import announced
from juesuan.tables.parse import parse_tables

# a cell: text, or (text, width in columns)
Spec = str | tuple[str, int]


def grid(rows: list[list[Spec]], title: str = "") -> Table:
    """A grid as the PDF reader gives it (one unit of x per column, one row per line); its
    page and line numbers are set by ``doc_of``."""
    out: list[list[Cell]] = []
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        x = 0
        for spec in row:
            text, width = (spec, 1) if isinstance(spec, str) else spec
            if text:
                y = -float(r)
                cells.append(BoxCell(text, None, r, 10 * x, 10 * (x + width) - 2, y - 1, y))
            x += width
        out.append(cells)
    return Table(title=title, rows=out)


def doc_of(pages: list[list[str | Table]]) -> Document:
    """A document from its pages, each a list of free lines and grids in reading order."""
    lines: list[Line] = []
    tables: list[Table] = []
    for p, items in enumerate(pages, start=1):
        no = 0
        for it in items:
            if isinstance(it, str):
                no += 1
                lines.append(Line(it, no, p))
                continue
            it.page, it.line = p, no + 1
            for r in it.rows:
                no += 1
                for c in r:
                    c.page, c.line = p, no
                lines.append(Line("\t" + "\t".join(c.text for c in r), no, p))
            tables.append(it)
    return Document(Path("t.pdf"), "pdf", lines, tables, pages=len(pages))


def test_subtitle_decides_the_kind() -> None:
    """一般公共预算支出明细表 + （按支出经济分类科目）: the economic table, not the function one."""
    head: list[Spec] = ["科目编码", "科目名称", "合计", "人员经费支出", "公用经费支出"]
    total: list[Spec] = ["", "合计", "10.00", "6.00", "4.00"]
    fn = grid([head, total, ["201", "一般公共服务支出", "10.00", "6.00", "4.00"]])
    fn.title = "一般公共预算支出明细表（按支出功能分类科目）"
    ec = grid([head, total, ["301", "工资福利支出", "6.00", "6.00", ""]])
    ec.title = "一般公共预算支出明细表（按支出经济分类科目）"
    doc = doc_of(
        [
            ["一般公共预算支出明细表", "（按支出功能分类科目）", "单位：万元", fn],
            ["一般公共预算支出明细表", "（按支出经济分类科目）", "单位：万元", ec],
        ]
    )
    kinds = [t.kind for t in parse_tables(doc, family="预算")]
    assert kinds == ["一般公共预算支出表", "一般公共预算支出经济分类表"]


def test_wrapped_title_decides_the_kind() -> None:
    """“三公”经费及 / 会议费、培训费支出预算表: the second line alone reads as 支出预算表."""
    rows: list[list[Spec]] = [
        ["单位名称", "合计", "因公出国（境）费", "公务接待费"],
        ["合计", "3.00", "1.00", "2.00"],
    ]
    g = grid(rows, "一般公共预算拨款“三公”经费及会议费、培训费支出预算表")
    doc = doc_of([["一般公共预算拨款“三公”经费及", "会议费、培训费支出预算表", "单位：万元", g]])
    (t,) = parse_tables(doc, family="预算")
    assert t.kind == "财政拨款“三公”经费支出表"
    assert str(t.rows[0].values["公务接待费"].value) == "2.00"


def test_second_classification_column_is_not_the_row_name() -> None:
    """部门经济科目 30101 基本工资 beside 政府经济科目 50101 工资奖金津补贴: the row is 30101
    基本工资, and two lines under one code (two government classes) both count."""
    from juesuan.check.base import Context
    from juesuan.check.table import levels

    rows: list[list[Spec]] = [
        ["部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计"],
        ["", "合计", "", "", "9.00"],
        ["301", "工资福利支出", "", "", "9.00"],
        ["30101", "基本工资", "50101", "工资奖金津补贴", "4.00"],
        ["30101", "基本工资", "50501", "工资福利支出", "2.00"],
        ["30102", "津贴补贴", "50101", "工资奖金津补贴", "3.00"],
    ]
    doc = doc_of([["一般公共预算支出经济分类表", "单位：万元", grid(rows)]])
    (t,) = parse_tables(doc, family="预算")
    r = t.rows[2]
    assert (r.code, r.label, r.alt, r.unread) == ("30101", "基本工资", "50101工资奖金津补贴", 0)
    ctx = Context(doc=doc, profile={}, family="预算")
    assert levels(ctx) == []
    t.rows[3].values["合计"] = t.rows[2].values["合计"]  # 4 + 4 + 3 ≠ 9: caught
    ctx.cache["tables"] = [t]
    assert [f.rule for f in levels(ctx)] == ["table.levels"]


def test_turned_table_reads_as_the_upright_one() -> None:
    """三公 决算 printed with rows 预算数 | 决算数 under the item columns."""
    rows: list[list[Spec]] = [
        ["项目", ("财政拨款安排的“三公”经费", 6), "会议费"],
        ["", "小计", "因公出国（境）费用", ("公务用车购置及运行维护费", 3), "公务接待费"],
        ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费"],
        ["栏次", "1", "2", "3", "4", "5", "6", "7"],
        ["预算数", "6.00", "1.00", "3.00", "1.00", "2.00", "2.00", "9.00"],
        ["决算数", "5.00", "1.00", "2.50", "0.50", "2.00", "1.50", "8.00"],
    ]
    doc = doc_of([["财政拨款“三公”经费及会议费支出决算表", "单位：万元", grid(rows)]])
    (t,) = parse_tables(doc, family="决算")
    data = [r for r in t.rows if r.values]
    assert len(data) == 1
    got = {k: str(q.value) for k, q in data[0].values.items()}
    assert got == {
        "合计/预算数": "6.00",
        "因公出国（境）费/预算数": "1.00",
        "公务用车购置及运行费/预算数": "3.00",
        "公务用车购置费/预算数": "1.00",
        "公务用车运行费/预算数": "2.00",
        "公务接待费/预算数": "2.00",
        "合计/决算数": "5.00",
        "因公出国（境）费/决算数": "1.00",
        "公务用车购置及运行费/决算数": "2.50",
        "公务用车购置费/决算数": "0.50",
        "公务用车运行费/决算数": "2.00",
        "公务接待费/决算数": "1.50",
    }
    assert t.unmatched == ["会议费"]


def test_header_broken_by_the_page_is_read_on_the_next() -> None:
    """Title and 收入|支出 at a page foot, the header's other rows and the body overleaf."""
    top = grid([[("收入", 2), ("支出", 2)]])
    rest = grid(
        [
            ["项目名称", "金额", "项目名称", "金额"],
            ["一般公共预算", "5.00", "基本支出", "5.00"],
            ["收入合计", "5.00", "支出合计", "5.00"],
        ]
    )
    doc = doc_of([["正文", "四、财政拨款收支预算总表", "单位：万元", top], [rest]])
    (t,) = parse_tables(doc, family="预算")
    assert t.kind == "财政拨款收支总表" and t.pages == [1, 2]
    assert str(t.value("支出合计", "预算数", "支出")[0].value) == "5.00"  # type: ignore[index]


def test_title_left_at_the_page_foot() -> None:
    """The title is the last line of one page, its table (under a unit line) on the next."""
    before = grid([["科目编码", "科目名称", "合计"], ["301", "工资福利支出", "1.00"]])
    table = grid([["科目编码", "科目名称", "机关运行经费支出"], ["", "合计", "7.00"]])
    title = "一般公共预算机关运行经费支出预算表"
    doc = doc_of([[before, title], ["部门：某某局 单位：万元", table]])
    kinds = [(t.kind, t.title, t.pages) for t in parse_tables(doc, family="预算")]
    assert kinds == [("机关运行经费支出表", title, [2])]
    # a title line above the grid rows of its page is that grid's, not the next page's
    doc = doc_of([[title, before], ["部门：某某局 单位：万元", table]])
    assert [t.pages for t in parse_tables(doc, family="预算")] == [[1]]


def test_text_table_rows_are_read() -> None:
    """A 绩效目标表 holds no amounts (scores 20, 10 are not amounts): its rows are still read."""
    rows: list[list[Spec]] = [
        ["部门（单位）名称", "某某局"],
        ["一级指标", "二级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "≥95%", "20"],
        ["效益指标", "社会效益指标", "持续提升", "10"],
    ]
    doc = doc_of([["部门整体支出绩效目标表", "（2025年度）", grid(rows)]])
    (t,) = parse_tables(doc, family="预算")
    assert t.kind == "部门整体支出绩效目标表"
    assert [r.name[:4] for r in t.rows][-2:] == ["产出指标", "效益指标"]


def test_heading_that_says_no_such_table_announces_nothing() -> None:
    """1.项目支出绩效目标表 / 本单位无项目支出绩效目标表。 — versus a table printed empty."""
    g = grid([["项目", "合计"], ["合计", "1.00"]])
    absent = "本单位无项目支出绩效目标表。"
    doc = doc_of([["收支预算总表", "单位：万元", g], ["1.项目支出绩效目标表", absent]])
    assert [k.kind for k in announced(doc, "预算")] == ["收支总表"]
    doc.lines[-1].text = "注：本单位无项目支出，故本表无数据。"
    assert [k.kind for k in announced(doc, "预算")] == ["收支总表", "项目绩效目标表"]


def test_split_code_with_its_leading_zero_lost() -> None:
    """类 301 | 款 2 (the spreadsheet dropped the 0 of 02): the row is 30102."""
    rows: list[list[Spec]] = [
        ["科目编码", "", "科目名称", "合计"],
        ["类", "款", "", ""],
        ["301", "", "工资福利支出", "5.00"],
        ["301", "01", "基本工资", "3.00"],
        ["301", "2", "津贴补贴", "2.00"],
    ]
    doc = doc_of([["一般公共预算基本支出表", "单位：万元", grid(rows)]])
    (t,) = parse_tables(doc, family="预算")
    assert [r.code for r in t.rows] == ["301", "30101", "30102"]


def blank_template(
    amount: str = "", text: str = "三公经费预算数为XXX万元，比上年增加XX万元。"
) -> Document:
    head: list[Spec] = ["项目", "合计", "基本支出", "项目支出"]
    return doc_of(
        [
            [text, "支出预算总表", "单位：元", grid([head, ["合计", amount, "", ""]])],
            ["一般公共预算支出表", "单位：元", grid([head, ["合计", "", "", ""]])],
        ]
    )


def test_unfilled_template() -> None:
    """Tables without one amount and a text of placeholders: a blank template, one note."""
    from juesuan.check.run import check_document
    from juesuan.tables.unfilled import UNFILLED_NOTE, unfilled

    doc = blank_template()
    assert unfilled(doc, parse_tables(doc, family="预算"))
    rep = check_document(doc)
    assert rep.findings == [] and UNFILLED_NOTE in rep.notes
    filled = blank_template(amount="10.00")
    assert not unfilled(filled, parse_tables(filled, family="预算"))
    stated = blank_template(text="三公经费预算数为12.00万元，比上年增加1.00万元。")
    assert not unfilled(stated, parse_tables(stated, family="预算"))


def test_kuan_printed_with_two_digits() -> None:
    """208 / 05 行政事业单位养老支出 / 2080505: the 款 is 20805 (the 项 line bears it out)."""
    rows: list[list[Spec]] = [
        ["科目编码", "科目名称", "合计"],
        ["208", "社会保障和就业支出", "3.00"],
        ["05", "行政事业单位养老支出", "3.00"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "3.00"],
        ["221", "住房保障支出", "1.00"],
        ["02", "住房改革支出", "1.00"],
    ]
    doc = doc_of([["一般公共预算支出表", "单位：万元", grid(rows)]])
    (t,) = parse_tables(doc, family="预算")
    assert [r.code for r in t.rows] == ["208", "20805", "2080505", "221", "02"]


def _three_lists(third: str, conf: float | None) -> list[tuple[str, str, str]]:
    """A 收支总表 whose spending is listed twice (by function, by use) beside the income, as
    Jiangsu prints it; the third list's 项目名称 header as OCR read it."""
    rows: list[list[Spec]] = [
        ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"],
        [
            "一、财政拨款",
            "9,066.79",
            "一、一般公共服务支出",
            "6,543.55",
            "一、基本支出",
            "5,916.27",
        ],
        ["收入合计", "9,146.79", "支出合计", "9,146.79", "", ""],
    ]
    t = grid(rows, title="收支预算总表")
    t.rows[0][4].text = third
    for c in t.rows[0]:
        c.conf = conf  # type: ignore[attr-defined]
    (p,) = parse_tables(doc_of([["收支预算总表", t]]), family="预算")
    return sorted((r.side, r.label, str(r.values["预算数"].value)) for r in p.rows)


def test_a_header_word_misread_in_one_unsure_character_still_heads_its_list() -> None:
    """A speck over 目 reads 项自名称 (0.64): the third list still starts at it, as on text."""
    right = _three_lists("项目名称", None)
    assert ("支出", "基本支出", "5916.27") in right
    assert _three_lists("项自名称", 0.64) == right
    # read surely, a different word is a different word
    assert _three_lists("项自名称", 0.99) != right
