"""A PDF page as a picture, and where an excerpt sits on it (for reviewers' eyes).

The checker reports an excerpt's page and text, not its coordinates; to highlight it we
search the page's own characters. Whitespace is ignored on both sides because the reader
joins and splits lines differently from the PDF's text stream.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the page


def render_page(path: Path | str, page: int, dpi: int = 100) -> bytes:
    """Page ``page`` (1-based) of the PDF at ``path`` as PNG bytes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise IndexError(f"page {page} outside 1..{len(pdf)}")
        # grey is enough to read a page and is about eight times faster to encode than
        # colour with PNG's optimizer; the highlight is drawn over it in colour
        bitmap = pdf[page - 1].render(scale=dpi / 72, grayscale=True)
        buf = io.BytesIO()
        bitmap.to_pil().save(buf, format="PNG", compress_level=6)
        return buf.getvalue()
    finally:
        pdf.close()


def page_count(path: Path | str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def excerpt_boxes(path: Path | str, page: int, excerpt: str, context: str = "") -> list[Box]:
    """Boxes (one per text line) around ``excerpt`` on the page.

    A short excerpt ("0.3万元") may occur several times on a page; ``context`` (the line
    the finding is on) picks the occurrence inside that line when it can be found, else
    the first one is taken. Empty when the excerpt cannot be found: the caller then shows
    the page without a highlight rather than a wrong one.
    """
    return locate(path, [(page, excerpt, context)])[0]


def locate(path: Path | str, items: list[tuple[int, str, str]]) -> list[list[Box]]:
    """``excerpt_boxes`` for many (page, excerpt, context) at once, opening the file once."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages: dict[int, _Page | None] = {}
    try:
        out = []
        for page, excerpt, context in items:
            if page not in pages:
                pages[page] = _Page(pdf, page) if 1 <= page <= len(pdf) else None
            pg = pages[page]
            out.append(pg.find(excerpt, context) if pg else [])
        return out
    finally:
        pdf.close()


class _Page:
    """A page's visible characters (whitespace dropped) with their boxes."""

    def __init__(self, pdf: Any, page: int) -> None:
        pg = pdf[page - 1]
        self.width, self.height = pg.get_size()
        tp = pg.get_textpage()
        n = tp.count_chars()
        text = tp.get_text_range(0, n) if n else ""
        # get_text_range may differ in length from the char count (generated chars);
        # then index chars one by one to keep the mapping exact
        keep: list[tuple[str, int]] = []
        for i in range(n):
            ch = text[i] if len(text) == n else tp.get_text_range(i, 1)
            if ch and not ch.isspace():
                keep.append((ch, i))
        self.flat = "".join(c for c, _ in keep)
        self.index = [i for _, i in keep]
        self.tp = tp

    def find(self, excerpt: str, context: str) -> list[Box]:
        needle = "".join(excerpt.split())
        if not needle:
            return []
        ctx = "".join(context.split())
        start = self.flat.find(ctx) if ctx and needle in ctx else -1
        at = self.flat.find(needle, start) if start >= 0 else self.flat.find(needle)
        if at < 0:
            return []
        rects = [self.tp.get_charbox(self.index[k]) for k in range(at, at + len(needle))]
        return _lines_of(rects, self.width, self.height)


def _lines_of(rects: list[tuple[float, float, float, float]], w: float, h: float) -> list[Box]:
    """Merge character boxes (PDF points, origin bottom-left) into one box per text line."""
    out: list[list[float]] = []
    for left, bottom, right, top in rects:
        if right <= left or top <= bottom:
            continue
        if out and not (bottom > out[-1][3] or top < out[-1][1]):
            cur = out[-1]
            cur[0], cur[1], cur[2], cur[3] = (
                min(cur[0], left),
                min(cur[1], bottom),
                max(cur[2], right),
                max(cur[3], top),
            )
        else:
            out.append([left, bottom, right, top])
    return [(lf / w, 1 - tp / h, rt / w, 1 - bt / h) for lf, bt, rt, tp in out]
