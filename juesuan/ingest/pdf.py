"""PDF on its text layer (pypdfium2 character boxes), with page and line locations.

Per page, characters are taken with their loose boxes. Where the page draws ruling lines
(table borders), each character is placed in the cell its rulings enclose, so wrapped cell
text and merged header cells come out whole; the rest is grouped into text lines by box
centre. A table becomes one tab-led ``Line`` per row (as the docx reader does) plus a
``Table`` of ``BoxCell``s carrying their boxes, which ``juesuan.tables`` reads by geometry.

Narrative lines that run to the right margin are marked ``joins_next`` (soft breaks inside
words and numbers such as ``36,\\n079,450.01``); page numbers and running headers/footers
are dropped; the table of contents is recognized and tab-led so that it is not mistaken
for the outline. A PDF without text is reported in ``notes``, not as errors.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from juesuan.errors import InputError
from juesuan.model.document import Cell, Document, Line, Table

NO_TEXT_NOTE = "PDF 没有文字层（可能是扫描件），无法检查文字内容"

_PAGE_NO = re.compile(
    r"^[\s\-—–－]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／共]\s*\d{1,4}\s*页?)?[\s\-—–－]*$"
)
_TOC_TITLE = re.compile(r"^目\s*录$")
_TOC_LEADER = re.compile(r"[.．…·\s]{2,}\d{1,4}\s*$")


@dataclass(slots=True)
class BoxCell(Cell):
    """A table cell with its box in PDF points (y grows upwards)."""

    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    y1: float = 0.0


@dataclass(slots=True)
class _Char:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class _TextLine:
    chars: list[_Char]
    x0: float
    x1: float
    top: float
    text: str


@dataclass(slots=True)
class _Item:
    """A page item in reading order: a narrative line or one table row."""

    top: float
    text: str
    line: _TextLine | None = None
    cells: list[BoxCell] | None = None
    table: int = -1


def read_pdf(path: Path, data: bytes) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise InputError(path, "不是有效的 PDF 文件（文件损坏或已加密）") from e
    pages: list[list[_Item]] = []
    tables: list[Table] = []
    try:
        n = len(pdf)
        for i in range(n):
            pages.append(_read_page(pdf[i], i + 1, tables))
    finally:
        pdf.close()
    _drop_running(pages)
    lines = _number(pages)
    _mark_toc(lines)
    doc = Document(path=path, kind="pdf", lines=lines, tables=tables, pages=n)
    if not any(line.text.strip() for line in lines):
        doc.notes.append(NO_TEXT_NOTE)
    return doc


def _read_page(page: Any, pno: int, tables: list[Table]) -> list[_Item]:
    import ctypes

    import pypdfium2.raw as raw

    tp = page.get_textpage()
    tpr = tp.raw
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    get_u, is_gen = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
    get_box, get_origin = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin
    get_size = raw.FPDFText_GetFontSize
    chars: list[_Char] = []
    for i in range(raw.FPDFText_CountChars(tpr)):
        u = get_u(tpr, i)
        if u in (10, 13, 0xFFFE, 0xFFFF, 0) or (u == 32 and is_gen(tpr, i)):
            continue  # line ends; generated spaces (gaps are seen from the boxes)
        ch = chr(u)
        if 0x2E80 <= u <= 0x2FDF:  # Kangxi/CJK radicals some fonts map to: the plain hanzi
            ch = unicodedata.normalize("NFKC", ch)
        get_box(tpr, i, rect)
        get_origin(tpr, i, ox, oy)
        fs = get_size(tpr, i) or (rect.top - rect.bottom) or 10.0
        # y from the baseline, so that commas and thin strokes (一) sit on their line
        base = oy.value
        chars.append(_Char(ch, rect.left, base - 0.2 * fs, rect.right, base + 0.8 * fs))
    hs, vs = _rulings(page)
    items: list[_Item] = []
    free = chars
    if hs and vs:
        free, grids = _cells(chars, hs, vs, pno)
        for rows in grids:
            t = Table(title="", rows=[list(r) for r in rows], page=pno)
            tables.append(t)
            for r in rows:
                items.append(
                    _Item(
                        max(c.y1 for c in r),
                        "\t" + "\t".join(c.text for c in r),
                        cells=list(r),
                        table=len(tables) - 1,
                    )
                )
    for tl in _text_lines(free):
        items.append(_Item(tl.top, tl.text, line=tl))
    items.sort(key=lambda it: -it.top)
    return items


def _rulings(
    page: Any,
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling segments of the page, with
    touching collinear pieces merged (tables draw each cell edge separately)."""
    import ctypes

    import pypdfium2.raw as raw

    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    le, bo, ri, to = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(le), ctypes.byref(bo), ctypes.byref(ri), ctypes.byref(to))
    path_type = raw.FPDF_PAGEOBJ_PATH
    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, i)
        if raw.FPDFPageObj_GetType(obj) != path_type:
            continue
        raw.FPDFPageObj_GetBounds(obj, *refs)
        left, bottom, right, top = le.value, bo.value, ri.value, to.value
        w, h = right - left, top - bottom
        if h < 2.5 and w > 2.5:
            hs.append(((top + bottom) / 2, left, right))
        elif w < 2.5 and h > 2.5:
            vs.append(((left + right) / 2, bottom, top))
        elif w > 2.5 and h > 2.5:  # a stroked rectangle: its four edges
            hs += [(top, left, right), (bottom, left, right)]
            vs += [(left, bottom, top), (right, bottom, top)]
    return _merge(hs), _merge(vs)


def _merge(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    out: list[tuple[float, float, float]] = []
    for pos, a, b in sorted((round(p, 0), a, b) for p, a, b in segs):
        if out and out[-1][0] == pos and a <= out[-1][2] + 1.5:
            out[-1] = (pos, out[-1][1], max(out[-1][2], b))
        else:
            out.append((pos, a, b))
    return out


def _cells(
    chars: list[_Char],
    hs: list[tuple[float, float, float]],
    vs: list[tuple[float, float, float]],
    pno: int,
) -> tuple[list[_Char], list[list[list[BoxCell]]]]:
    """Place each character in the cell its rulings enclose; return the rest and the grids."""
    tol = 1.0
    vs_sorted = sorted(vs)
    vx = [v[0] for v in vs_sorted]
    hs_sorted = sorted(hs)
    hy = [h[0] for h in hs_sorted]
    boxes: dict[tuple[int, int, int, int], list[_Char]] = {}
    free: list[_Char] = []
    for c in chars:
        cx, cy = c.cx, c.cy
        left = _ruling(vs_sorted, bisect_left(vx, cx) - 1, -1, cy, tol)
        right = _ruling(vs_sorted, bisect_left(vx, cx), 1, cy, tol)
        top = _ruling(hs_sorted, bisect_left(hy, cy), 1, cx, tol)
        bottom = _ruling(hs_sorted, bisect_left(hy, cy) - 1, -1, cx, tol)
        if left is None or right is None or top is None or bottom is None:
            free.append(c)
            continue
        key = (round(left), round(bottom), round(right), round(top))
        boxes.setdefault(key, []).append(c)
    cells: list[BoxCell] = []
    for (x0, y0, x1, y1), cs in boxes.items():
        text = "\n".join(tl.text for tl in _text_lines(cs))
        cells.append(BoxCell(text.replace("\n", ""), pno, None, x0, x1, y0, y1))
    return free, _grids(cells)


def _grids(cells: list[BoxCell]) -> list[list[list[BoxCell]]]:
    """Group cells into tables (vertically adjacent blocks) and each table into rows."""
    cells.sort(key=lambda c: (-c.y1, c.x0))
    grids: list[list[list[BoxCell]]] = []
    rows: list[list[BoxCell]] = []
    bottom: float | None = None
    for c in cells:
        if rows and abs(rows[-1][0].y1 - c.y1) <= 1.5:
            rows[-1].append(c)
        else:
            if bottom is not None and c.y1 < bottom - 30:  # a gap: a new table
                grids.append(rows)
                rows = []
            rows.append([c])
        bottom = c.y0 if bottom is None else min(bottom, c.y0)
    if rows:
        grids.append(rows)
    for g in grids:
        for r in g:
            r.sort(key=lambda c: c.x0)
    return grids


def _text_lines(chars: list[_Char]) -> list[_TextLine]:
    """Group characters into lines by box centre; insert a space where a gap shows one."""
    if not chars:
        return []
    heights = sorted(c.y1 - c.y0 for c in chars)
    h = max(heights[len(heights) // 2], 1.0)
    groups: list[list[_Char]] = []
    centres: list[float] = []
    for c in sorted(chars, key=lambda c: -c.cy):
        if groups and abs(centres[-1] - c.cy) <= 0.45 * h:
            groups[-1].append(c)
        else:
            groups.append([c])
            centres.append(c.cy)
    out: list[_TextLine] = []
    for g in groups:
        g.sort(key=lambda c: c.x0)
        parts: list[str] = []
        prev: _Char | None = None
        for c in g:
            if prev is not None and c.ch != " " and prev.ch != " ":
                gap = c.x0 - prev.x1
                if gap > 0.6 * max(prev.y1 - prev.y0, 1.0):
                    parts.append(" ")
            parts.append(c.ch)
            prev = c
        text = "".join(parts)
        out.append(_TextLine(g, g[0].x0, g[-1].x1, max(c.y1 for c in g), text))
    return out


def _drop_running(pages: list[list[_Item]]) -> None:
    """Drop page numbers and headers/footers repeated at the top or bottom of pages."""
    edge: Counter[str] = Counter()
    for items in pages:
        texts = {it.text.strip() for it in items[:1] + items[-1:] if it.line is not None}
        edge.update(_PAGE_NO.sub("#", t) for t in texts)
    running = {t for t, k in edge.items() if k >= 3 and k >= len(pages) * 0.3}
    for items in pages:
        for pos in (-1, 0):
            if not items:
                break
            it = items[pos]
            t = it.text.strip()
            if it.line is not None and (_PAGE_NO.match(t) or t in running):
                items.pop(pos)


_MARKER = re.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]\D|注[:：])"
)
_RUN = re.compile(r"^[0-9A-Za-z.,%％\-]+")


def _number(pages: list[list[_Item]]) -> list[Line]:
    """Number the lines of each page and mark soft breaks in narrative text.

    A narrative line runs on into the next unless the next starts a paragraph (a numbering
    marker, an indent) or the line stops short of the right margin by more than the next
    line's leading unbreakable run (a number such as ``161.62`` wraps whole).
    """
    lines: list[Line] = []
    flat: list[tuple[Line, _TextLine | None, float, float]] = []
    for pno, items in enumerate(pages, start=1):
        ends = [it.line.x1 for it in items if it.line]
        left = min((it.line.x0 for it in items if it.line), default=0.0)
        far = sorted(x for x in ends if x > left + 0.8 * (max(ends, default=0.0) - left))
        margin = far[len(far) // 2] if far else 0.0
        for no, it in enumerate(items, start=1):
            line = Line(it.text, no, pno)
            if it.cells is not None:
                for c in it.cells:
                    c.line = no
            lines.append(line)
            flat.append((line, it.line, margin, left))
    for (a, ta, margin, left), (_b, tb, _m2, left2) in itertools.pairwise(flat):
        if ta is None or tb is None or not ta.chars or not tb.chars:
            continue
        w = max(c.x1 - c.x0 for c in ta.chars)
        if margin - left < 15 * w or _MARKER.match(tb.text):
            continue
        if tb.x0 > left2 + 1.5 * w:  # an indented first line
            continue
        run = _RUN.match(tb.text)
        lead = tb.chars[len(run.group()) - 1].x1 - tb.x0 if run else 0.0
        slack = 1.2 * w if ta.text.rstrip()[-1:] in "。！？；：!?;:" else 4.5 * w
        a.joins_next = margin - ta.x1 <= lead + slack
    return lines


def _mark_toc(lines: list[Line]) -> None:
    """Tab-lead the table of contents: from a 目录 title to where its first entry recurs."""
    start = next((i for i, ln in enumerate(lines[:400]) if _TOC_TITLE.match(ln.text.strip())), None)
    if start is None:
        return
    entries = [i for i in range(start + 1, len(lines)) if lines[i].text.strip()]
    if not entries:
        return
    first = _toc_key(lines[entries[0]].text)
    end = next((i for i in entries[1:] if _toc_key(lines[i].text) == first), None)
    if end is None:
        return
    for i in range(start, end):
        ln = lines[i]
        ln.joins_next = False
        if not ln.text.startswith("\t"):
            ln.text = "\t" + ln.text


def _toc_key(text: str) -> str:
    return re.sub(r"\s+", "", _TOC_LEADER.sub("", text))


def toc_entries(doc: Document) -> list[Line]:
    """The lines of a recognized table of contents (tab-led by the reader)."""
    out: list[Line] = []
    inside = False
    for ln in doc.lines:
        t = ln.text.strip()
        if _TOC_TITLE.match(t):
            inside = True
            continue
        if inside:
            if not ln.text.startswith("\t"):
                break
            if t:
                out.append(ln)
    return out


def _ruling(
    lines: list[tuple[float, float, float]], k: int, step: int, along: float, tol: float
) -> float | None:
    """The first ruling line from index ``k`` in direction ``step`` that spans ``along``."""
    while 0 <= k < len(lines):
        pos, a, b = lines[k]
        if a - tol <= along <= b + tol:
            return pos
        k += step
    return None
