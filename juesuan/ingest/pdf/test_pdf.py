"""The PDF reader on the Shanghai sample and on a PDF without a text layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.ingest import read
from juesuan.ingest.pdf import NO_TEXT_NOTE, toc_entries
from juesuan.testing import sample_pdf

SAMPLE = sample_pdf()
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="Shanghai sample not available")


@needs_sample
def test_soft_breaks_join_words_and_keep_excerpts_verbatim() -> None:
    doc = read(SAMPLE)
    para = next(p for p in doc.paragraphs() if "本年收入合计2946.25万元" in p.text)
    # "其他\n收入6.2万元" is one paragraph; the excerpt keeps the line break
    i = para.text.index("其他收入6.2")
    loc = para.location(i, i + len("其他收入6.2"))
    assert loc.page == 21 and loc.excerpt == "其他\n收入6.2"
    # a heading is not glued to the paragraph before it
    assert not any(
        p.text.endswith("二、收入决算情况说明") and len(p.text) > 20 for p in doc.paragraphs()
    )


@needs_sample
def test_toc_recognized_and_kept_out_of_the_outline() -> None:
    doc = read(SAMPLE)
    toc = toc_entries(doc)
    assert toc[0].text.strip() == "第一部分上海市普陀区财政局概况"
    assert any("九、国有资本经营预算财政拨款收入支出决算表" in ln.text for ln in toc)
    assert all(ln.page in (2, 3) for ln in toc)


@needs_sample
def test_table_rows_are_tab_led_lines_with_cells() -> None:
    doc = read(SAMPLE)
    line = doc.line_at(8, 9)
    assert line is not None and line.text.split("\t")[1:] == [
        "201",
        "06",
        "01",
        "行政运行",
        "1,511.90",
        "1,511.89",
        "0.01",
    ]


def test_no_text_layer_is_a_note_not_errors(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    p = tmp_path / "scan.pdf"
    pdf.save(str(p))
    doc = read(p)
    assert doc.notes == [NO_TEXT_NOTE]
    from juesuan.check.run import check_document

    rep = check_document(doc)
    assert [f for f in rep.findings if f.severity in ("error", "warning")] == []
