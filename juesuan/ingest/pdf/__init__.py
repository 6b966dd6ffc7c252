"""PDF on its text layer (pypdfium2), with page and line locations.

One module per job: ``page`` (characters and rulings of a page, in reading orientation,
duplicates dropped, undecodable text measured), ``lines`` (characters into text lines),
``grid`` (ruled tables: characters into the cells their rulings enclose), ``align`` (tables
without rulings: columns from text alignment), ``layout`` (numbering, running headers,
soft breaks, table of contents).

A table becomes one tab-led ``Line`` per row (as the docx reader does) plus a ``Table`` of
``BoxCell``s carrying their boxes, which ``juesuan.tables`` reads by geometry. A PDF (or a
page) without usable text is reported in ``notes``, not read as text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from juesuan.errors import InputError
from juesuan.ingest.pdf.layout import Item, drop_running, mark_toc, number, toc_entries
from juesuan.model.document import BoxCell, Document, Table

__all__ = ["NO_TEXT_NOTE", "BoxCell", "read_pdf", "toc_entries"]

NO_TEXT_NOTE = "PDF 没有文字层（可能是扫描件），无法检查文字内容"
UNDECODABLE_NOTE = "PDF 的文字层无法解码（字体缺少字符映射，按扫描件处理），无法检查文字内容"


def read_pdf(path: Path, data: bytes, ocr: str = "auto", scanner: Any = None) -> Document:
    """``ocr``: ``auto`` reads image-only and undecodable pages by OCR when the engine is
    installed, ``always`` every page, ``never`` none. ``scanner`` is ``juesuan.ingest.ocr``,
    passed in by ``juesuan.ingest.read`` (the two packages stay apart); without it no page
    is OCR'd."""
    import pypdfium2 as pdfium

    from juesuan.ingest.pdf.pages import read_pages

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise InputError(path, "不是有效的 PDF 文件（文件损坏或已加密）") from e
    if ocr == "always" and scanner is not None and not scanner.available():
        pdf.close()
        raise InputError(path, "未安装文字识别（OCR）组件，无法按 --ocr always 识别" + scanner.MISSING_HINT)
    try:
        n = len(pdf)
        read = read_pages(pdf, data)
        undecodable = [page.no for page, kind, _, _ in read if kind == "undecodable"]
        scans = [page.no for page, kind, _, _ in read if kind == "scan"]
        loaded = [page for page, _, _, _ in read]
        ocred = _ocr(pdf, loaded, ocr, undecodable, scans, scanner)
    finally:
        pdf.close()
    tables: list[Table] = []
    pages: list[list[Item]] = []
    for page, (_, _, items, own) in zip(loaded, read, strict=True):
        if page.no in ocred:  # read again from its OCR characters
            pages.append(items_of(page, tables))
            continue
        for it in items:
            if it.table >= 0:
                it.table += len(tables)
        tables += own
        pages.append(items)
    drop_running(pages)
    for items in pages:
        _titles(items, tables)
    lines = number(pages)
    mark_toc(lines)
    doc = Document(path=path, kind="pdf", lines=lines, tables=tables, pages=n)
    if ocred:
        scanner.attach(pages, lines, {p.no: p.chars for p in loaded if p.no in ocred})
        doc.notes.append(f"第 {_pages(ocred)} 页按扫描件用 OCR 识别；识别的数字可能有误，请对照原件")
    hint = ""
    if (undecodable or scans) and ocr != "never" and scanner is not None:
        hint = "" if scanner.available() else scanner.MISSING_HINT
    if not any(line.text.strip() for line in lines):
        doc.notes.append((UNDECODABLE_NOTE if undecodable else NO_TEXT_NOTE) + hint)
    else:
        if undecodable:
            doc.notes.append(f"第 {_pages(undecodable)} 页的文字层无法解码，按扫描件处理，未检查{hint}")
        if scans:
            doc.notes.append(f"第 {_pages(scans)} 页只有图像（可能是扫描件），未检查{hint}")
    return doc


def _ocr(
    pdf: Any, loaded: list[Any], mode: str, undecodable: list[int], scans: list[int], scanner: Any
) -> list[int]:
    """Read the pages that need it by OCR, in place; the page numbers read, which leave
    ``undecodable`` and ``scans``."""
    want = [p.no for p in loaded] if mode == "always" else undecodable + scans
    if mode == "never" or not want or scanner is None or not scanner.available():
        return []
    for no, page in scanner.read_pages(pdf, sorted(want)).items():
        loaded[no - 1] = page
    undecodable[:] = [p for p in undecodable if p not in want]
    scans[:] = [p for p in scans if p not in want]
    return sorted(want)


_UNIT_LINE = re.compile(r"单位[:：]|^(公开|预算|部门)?\d{1,2}(-\d{1,2})?表$|^表\s*\d|编制(单位|部门)[:：]")


def _titles(items: list[Item], tables: list[Table]) -> None:
    """Give each table the title printed above it, joined when it wraps onto two or three
    lines (unit and table-number lines between are skipped), so a long title is whole."""
    for k, it in enumerate(items):
        if it.cells is None or (k and items[k - 1].table == it.table):
            continue
        parts: list[str] = []
        below = it.top
        for prev in reversed(items[max(0, k - 5) : k]):
            tl = prev.line
            if tl is None:
                break
            text = tl.text.strip()
            h = max(tl.top - min(c.y0 for c in tl.chars), 1.0) if tl.chars else 10.0
            if parts and below - tl.top > 2.0 * h:
                break  # a gap: the title ended above its own wrapped lines
            below = tl.top
            if _UNIT_LINE.search(text.replace(" ", "")):
                if parts:
                    break
                continue
            if len(text) > 40 or text[-1:] in "。：；，:;,":
                break  # narrative, not a title
            parts.insert(0, text)
            if len(parts) == 3:
                break
        if parts:
            tables[it.table].title = "".join(parts)


def _pages(nos: list[int]) -> str:
    """Page numbers as ranges: 3–5、9."""
    runs: list[list[int]] = []
    for p in nos:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def items_of(page: Any, tables: list[Table]) -> list[Item]:
    """The page's items top down: its text lines, and a tab-led item per table row (the
    tables go into ``tables``; ``Item.table`` is the index there)."""
    from juesuan.ingest.pdf.align import aligned_tables
    from juesuan.ingest.pdf.grid import ruled_cells
    from juesuan.ingest.pdf.lines import text_lines

    items: list[Item] = []
    free = page.chars
    found: list[list[list[BoxCell]]] = []
    if page.hs and page.vs:
        free, found = ruled_cells(page.chars, page.hs, page.vs, page.no)
    rest, aligned = aligned_tables(text_lines(free), page.no)
    grids = sorted(found + aligned, key=lambda g: -max(c.y1 for c in g[0]))
    for rows in grids:
        t = Table(title="", rows=[list(r) for r in rows], page=page.no)
        tables.append(t)
        for r in rows:
            items.append(
                Item(
                    max(c.y1 for c in r),
                    "\t" + "\t".join(c.text for c in r),
                    cells=list(r),
                    table=len(tables) - 1,
                )
            )
    for tl in rest:
        items.append(Item(tl.top, tl.text, line=tl))
    items.sort(key=lambda it: -it.top)
    return items
