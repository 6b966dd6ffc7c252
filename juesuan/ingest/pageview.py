"""A PDF page as a picture, and where an excerpt sits on it (for reviewers' eyes).

The checker reports an excerpt's page and text, not its coordinates; to highlight it we
search the page's own characters. Whitespace is ignored on both sides because the reader
joins and splits lines differently from the PDF's text stream.
"""

from __future__ import annotations

import io
from pathlib import Path

Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the page


def render_page(path: Path | str, page: int, dpi: int = 100) -> bytes:
    """Page ``page`` (1-based) of the PDF at ``path`` as PNG bytes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise IndexError(f"page {page} outside 1..{len(pdf)}")
        bitmap = pdf[page - 1].render(scale=dpi / 72)
        buf = io.BytesIO()
        bitmap.to_pil().save(buf, format="PNG", optimize=True)
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
    import pypdfium2 as pdfium

    needle = "".join(excerpt.split())
    if not needle:
        return []
    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            return []
        pg = pdf[page - 1]
        width, height = pg.get_size()
        tp = pg.get_textpage()
        n = tp.count_chars()
        text = tp.get_text_range(0, n) if n else ""
        # get_text_range may differ in length from the char count (generated chars);
        # index chars one by one to keep the mapping exact.
        chars: list[tuple[str, int]] = []
        for i in range(n):
            ch = tp.get_text_range(i, 1) if len(text) != n else text[i]
            if ch and not ch.isspace():
                chars.append((ch, i))
        flat = "".join(c for c, _ in chars)
        ctx = "".join(context.split())
        start = flat.find(ctx) if ctx and needle in ctx else -1
        at = flat.find(needle, start) if start >= 0 else flat.find(needle)
        if at < 0:
            return []
        rects = [tp.get_charbox(chars[k][1]) for k in range(at, at + len(needle))]
    finally:
        pdf.close()
    return _lines_of(rects, width, height)


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
