"""DOCX output through python-docx: 仿宋/黑体 with East Asian font names set, ruled tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from juesuan.compose.layout import Heading, Para, TableBlock, landscape

BODY_FONT = "仿宋_GB2312"
HEAD_FONT = "黑体"


def _east_asia(run_or_style: Any, name: str) -> None:
    """Word picks CJK glyphs from w:eastAsia; python-docx only sets the Latin name."""
    from docx.oxml.ns import qn

    run_or_style.font.name = name
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def write_docx(blocks: list[Any], path: Path) -> None:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt


    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = (
        Cm(2.8),
        Cm(2.6),
        Cm(3.7),
        Cm(3.5),
    )
    normal = d.styles["Normal"]
    _east_asia(normal, BODY_FONT)
    normal.font.size = Pt(14)
    sizes = {1: 20, 2: 16, 3: 15, 4: 14}
    for bl in blocks:
        if isinstance(bl, Heading):
            p = d.add_paragraph()
            r = p.add_run(bl.text)
            _east_asia(r, HEAD_FONT if bl.level <= 3 else BODY_FONT)
            r.font.size = Pt(sizes.get(bl.level, 14))
            r.bold = bl.level >= 4
            if bl.level <= 2:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
        elif isinstance(bl, Para):
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(28)
            p.paragraph_format.line_spacing = Pt(28)
            _east_asia(p.add_run(bl.text), BODY_FONT)
        elif isinstance(bl, TableBlock):
            wide = landscape(bl)
            if wide:
                _section(d, landscape=True)
            _table(d, bl, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, Pt)
            if wide:
                _section(d, landscape=False)
    d.save(str(path))


def _section(d: Any, landscape: bool) -> None:
    """Start a new page section, turned for a very wide table and back afterwards."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    sec = d.add_section(WD_SECTION.NEW_PAGE)
    short, long_ = sorted((sec.page_width, sec.page_height))
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = long_, short
    else:
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = short, long_


def _table(d: Any, t: TableBlock, tbl_align: Any, para_align: Any, pt: Any) -> None:
    p = d.add_paragraph()
    p.alignment = para_align.CENTER
    r = p.add_run(t.title)
    _east_asia(r, HEAD_FONT)
    r.font.size = pt(15)
    p.paragraph_format.keep_with_next = True
    u = d.add_paragraph()
    u.alignment = para_align.RIGHT
    ur = u.add_run(f"单位：{t.unit}")
    ur.font.size = pt(10.5)
    table = d.add_table(rows=1 + len(t.rows), cols=len(t.header))
    table.style = "Table Grid"
    table.alignment = tbl_align.CENTER
    for i, row in enumerate([t.header, *t.rows]):
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cp = cell.paragraphs[0]
            run = cp.add_run(text)
            _east_asia(run, HEAD_FONT if i == 0 else BODY_FONT)
            run.font.size = pt(10.5)
            run.bold = i - 1 in t.bold_rows
            if i == 0:
                cp.alignment = para_align.CENTER
            elif j >= t.numeric_from:
                cp.alignment = para_align.RIGHT
    if t.note:
        n = d.add_paragraph()
        _east_asia(n.add_run(t.note), BODY_FONT)
