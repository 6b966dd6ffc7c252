"""PDF on its text layer (pypdfium2): one Line per text line, with page and line numbers."""

from __future__ import annotations

from pathlib import Path

from juesuan.errors import InputError
from juesuan.model.document import Document, Line


def read_pdf(path: Path, data: bytes) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise InputError(path, "不是有效的 PDF 文件（文件损坏或已加密）") from e
    lines: list[Line] = []
    try:
        n = len(pdf)
        for i in range(n):
            page = pdf[i]
            text = page.get_textpage().get_text_range()
            for j, t in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
                lines.append(Line(t, j + 1, page=i + 1))
    finally:
        pdf.close()
    doc = Document(path=path, kind="pdf", lines=lines, pages=n)
    if not any(line.text.strip() for line in lines):
        doc.notes.append("PDF 没有文字层（可能是扫描件），无法检查文字内容")
    return doc
