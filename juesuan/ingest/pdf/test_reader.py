"""The PDF reader on small PDFs built in the test: each pins one way producers draw text
and tables (duplicated glyphs, turned pages, undecodable fonts, unruled and split tables)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.ingest.pdf import NO_TEXT_NOTE, UNDECODABLE_NOTE, read_pdf
from juesuan.model.document import BoxCell, Document

_HELV = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf(content: bytes, page: bytes = b"/MediaBox [0 0 300 200]", font: bytes = _HELV) -> bytes:
    """A one-page PDF drawing ``content`` with font F1."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R "
        + page
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    out = b"%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        xref,
    )
    return out


def _read(data: bytes) -> Document:
    return read_pdf(Path("t.pdf"), data)


def _texts(doc: Document) -> list[str]:
    return [ln.text for ln in doc.lines]


def test_fake_bold_glyphs_are_read_once() -> None:
    # the same words drawn three times, a fraction of a point apart (how WPS draws bold)
    content = b"".join(
        b"BT /F1 12 Tf %.2f 150 Td (Total 123.45) Tj ET\n" % dx for dx in (0, 0.25, 0.5)
    )
    content += b"BT /F1 12 Tf 20 120 Td (Moon) Tj ET\n"  # a real double letter stays
    assert _texts(_read(_pdf(content))) == ["Total 123.45", "Moon"]


def test_text_drawn_out_of_order_is_read_in_reading_order() -> None:
    content = (
        b"BT /F1 12 Tf 20 100 Td (second line) Tj ET\n"
        b"BT /F1 12 Tf 80 150 Td (line) Tj ET\n"
        b"BT /F1 12 Tf 20 150 Td (first) Tj ET\n"
    )
    assert _texts(_read(_pdf(content))) == ["first line", "second line"]


@pytest.mark.parametrize("rotate", [b"", b" /Rotate 90"])
def test_turned_text_is_read_in_its_direction(rotate: bytes) -> None:
    # a landscape table on a portrait page: text runs upwards (with /Rotate 90, the viewer
    # shows it upright); lines further right come later
    content = (
        b"BT /F1 12 Tf 0 1 -1 0 100 20 Tm (first line) Tj ET\n"
        b"BT /F1 12 Tf 0 1 -1 0 130 20 Tm (second line) Tj ET\n"
    )
    doc = _read(_pdf(content, b"/MediaBox [0 0 200 300]" + rotate))
    assert _texts(doc) == ["first line", "second line"]


def test_undecodable_text_layer_is_reported_like_a_scan() -> None:
    # glyph names with no Unicode meaning and no ToUnicode map: the codes are not text
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding"
        b" /Differences [65 /g17 /g18 /g19 /g20 /g21 /g22] >> >>"
    )
    content = b"".join(
        b"BT /F1 12 Tf 20 %d Td (ABCDEF FEDCBA ABCDEF FEDCBA) Tj ET\n" % y
        for y in range(20, 180, 20)
    )
    doc = _read(_pdf(content, font=font))
    assert doc.notes == [UNDECODABLE_NOTE]
    assert not any(ln.text.strip() for ln in doc.lines)
    assert UNDECODABLE_NOTE != NO_TEXT_NOTE


def _html_pdf(body: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    css = (
        "@page { size: A4; margin: 20mm } body { font-family: 'Noto Sans CJK SC'; "
        "font-size: 10pt } td, th { padding: 2pt 6pt } td.n { text-align: right }"
    )
    html = f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    out: bytes = weasyprint.HTML(string=html).write_pdf()
    return out


def _rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in r] for t in doc.tables for r in t.rows]


_ROWS = [
    ("一、一般公共服务支出", "1,234.56", "-", "1,234.56"),
    ("二、教育支出", "78.00", "12.30", "90.30"),
    ("三、社会保障和就业支出", "5.10", "", "5.10"),
    ("合计", "1,317.66", "12.30", "1,329.96"),
]


def _table(border: str, title: str = "一般公共预算支出表", rows: list | None = None) -> str:
    head = "<tr><th>项目</th><th>2024年</th><th>2025年</th><th>合计</th></tr>"
    head += "<tr><td>栏次</td><td>1</td><td>2</td><td>3</td></tr>"
    body = "".join(
        "<tr>" + f"<td>{r[0]}</td>" + "".join(f'<td class="n">{v}</td>' for v in r[1:]) + "</tr>"
        for r in (rows or _ROWS)
    )
    style = f"border-collapse: collapse; {border}"
    cell = "td, th { border: 0.5pt solid black }" if border else ""
    return (
        f"<style>{cell}</style><p style='text-align:center'>{title}</p>"
        f"<p>单位：万元</p><table style='{style}'>{head}{body}</table>"
    )


def test_ruled_table_keeps_column_number_row_and_amounts_as_printed() -> None:
    doc = _read(_html_pdf(_table("border: 0.5pt solid black")))
    assert len(doc.tables) == 1
    rows = _rows(doc)
    assert rows[1] == ["栏次", "1", "2", "3"]  # column numbers stay separate text cells
    assert ["一、一般公共服务支出", "1,234.56", "-", "1,234.56"] in rows
    assert doc.tables[0].title == "一般公共预算支出表"
    assert all(isinstance(c, BoxCell) for r in doc.tables[0].rows for c in r)


def test_table_without_rulings_is_read_into_columns() -> None:
    doc = _read(_html_pdf(_table("")))
    assert len(doc.tables) == 1
    grid = [[c for c in r if isinstance(c, BoxCell)] for r in doc.tables[0].rows]
    texts = [[c.text for c in r] for r in grid]
    assert ["二、教育支出", "78.00", "12.30", "90.30"] in texts
    assert ["栏次", "1", "2", "3"] in texts
    # a blank amount leaves its cell out, but the amounts keep their columns
    blank = next(r for r in grid if r[0].text == "三、社会保障和就业支出")
    full = next(r for r in grid if r[0].text == "二、教育支出")
    assert [c.text for c in blank] == ["三、社会保障和就业支出", "5.10", "5.10"]
    assert (blank[2].x0, blank[2].x1) == (full[3].x0, full[3].x1)
    # the header's year cell sits over its amounts
    head = next(r for r in grid if r[0].text == "项目")
    year = next(c for c in head if c.text == "2025年")
    assert year.x0 <= (full[2].x0 + full[2].x1) / 2 <= year.x1
    assert doc.tables[0].title == "一般公共预算支出表"


@pytest.mark.parametrize(
    "css",
    [
        "tr { border-bottom: 0.5pt solid black }",  # rules between rows only
        "table { border: 0.5pt solid black }",  # an outer frame only
        "tr:nth-child(odd) { background: #ddd }",  # shaded rows, no rules
    ],
)
def test_partly_ruled_table_is_read_into_columns(css: str) -> None:
    doc = _read(_html_pdf(f"<style>{css}</style>" + _table("")))
    rows = _rows(doc)
    assert ["二、教育支出", "78.00", "12.30", "90.30"] in rows
    assert ["合计", "1,317.66", "12.30", "1,329.96"] in rows


def test_table_across_two_pages_comes_out_as_two_grids_in_order() -> None:
    rows = [(f"项目{i}", f"{i}.00", f"{i}.50", f"{2 * i}.50") for i in range(1, 80)]
    doc = _read(_html_pdf(_table("border: 0.5pt solid black", rows=rows)))
    pages = [t.page for t in doc.tables]
    assert pages[:2] == [1, 2]
    names = [r[0].text for t in doc.tables for r in t.rows if r[0].text.startswith("项目")]
    assert names[1:] == [f"项目{i}" for i in range(1, 80)]  # each row once, in order
    # the grid on the next page starts at the top: nothing but table rows above it
    first = min(c.line or 0 for r in doc.tables[1].rows for c in r)
    assert not any(
        ln.page == 2 and ln.no < first and not ln.text.startswith("\t") for ln in doc.lines
    )


def test_wrapped_table_title_is_whole() -> None:
    title = "上海市某某区某某局2024年度一般公共预算财政拨款基本支出决算表（按经济分类科目）"
    body = _table("border: 0.5pt solid black", title=title).replace(
        "text-align:center'", "text-align:center; width: 60mm; margin: auto'"
    )
    doc = _read(_html_pdf(body))
    assert sum(1 for ln in doc.lines if ln.text.strip() and ln.text in title) >= 2  # wrapped
    assert doc.tables[0].title == title


def test_amounts_grouped_only_in_their_last_three_digits_are_amounts() -> None:
    # some Excel formats put one separator before the last three digits (125360,898 元):
    # still amounts, so an unruled table of them is found and split into its columns
    rows = [
        ("社会保障和就业支出", "125360,898", "7880,000", "133240,898"),
        ("人力资源和社会保障管理事务", "121748,642", "7880,000", "129628,642"),
        ("事业运行", "19439,054", "-", "19439,054"),
    ]
    doc = _read(_html_pdf(_table("", rows=rows)))
    assert ["人力资源和社会保障管理事务", "121748,642", "7880,000", "129628,642"] in _rows(doc)
    assert ["事业运行", "19439,054", "-", "19439,054"] in _rows(doc)


def test_contents_page_without_page_numbers_is_not_read_as_headings() -> None:
    # the entries are worded otherwise in the body, so they never recur: the contents end
    # with the page its 目录 title opens
    toc = "".join(
        f"<p>{t}</p>" for t in ("目 录", "一、单位主要职能", "二、机构设置", "三、预算说明")
    )
    body = "<p style='page-break-before: always'>某某院主要职能</p><p>一、负责考试工作。</p>"
    doc = _read(_html_pdf(toc + body))
    first = [ln.text for ln in doc.lines if ln.page == 1 and ln.text.strip()]
    second = [ln.text for ln in doc.lines if ln.page == 2 and ln.text.strip()]
    assert first == ["\t目 录", "\t一、单位主要职能", "\t二、机构设置", "\t三、预算说明"]
    assert second == ["某某院主要职能", "一、负责考试工作。"]


def test_contents_page_that_runs_into_narrative_is_left_alone() -> None:
    # a 目录 title followed by sentences on its own page is not a contents page
    text = "<p>目 录</p><p>一、概况</p><p>本单位负责考试工作。</p><p>二、说明</p><p>详见下文：</p>"
    doc = _read(_html_pdf(text))
    assert not any(ln.text.startswith("\t") for ln in doc.lines)


def test_label_clipped_at_its_cell_rule_keeps_its_hidden_end() -> None:
    # a spreadsheet clips a label too long for its cell; its text layer keeps the hidden end,
    # which lies over the next cell: it is the label's, and the amount stays alone
    css = (
        "<style>table { table-layout: fixed; border-collapse: collapse; width: 120mm }"
        " td { border: 0.5pt solid black; white-space: nowrap; overflow: hidden;"
        " padding: 1pt 2pt } td.n { text-align: right }</style>"
    )
    rows = [
        ("人员经费和公用经费支出合计", "2,022.39"),
        ("工资福利支出", "1,834.69"),
        ("商品和服务支出", "182.88"),
    ]
    body = "".join(f"<tr><td>{a}</td><td class='n'>{b}</td><td>说明</td></tr>" for a, b in rows)
    cols = "<col style='width: 30mm'><col style='width: 40mm'><col style='width: 50mm'>"
    doc = _read(_html_pdf(f"{css}<table>{cols}{body}</table>"))
    assert ["人员经费和公用经费支出合计", "2,022.39", "说明"] in _rows(doc)
    assert ["工资福利支出", "1,834.69", "说明"] in _rows(doc)
