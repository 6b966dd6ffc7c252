"""One page read from its pixels: rendered, straightened, rulings found, characters
recognised, all in the page model the text-layer reader builds (PDF points, y up), so the
line, table and narrative readers work on it unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from juesuan.ingest.pdf.page import Char, Page

DPI = 200  # enough for 9-point table figures; more costs time and gains nothing measured
# an OCR box is padded around its text: the character's height is this share of it
_HEIGHT = 0.7


@dataclass(slots=True)
class OcrChar(Char):
    """A character read by OCR, with the recogniser's probability for it."""

    conf: float = 1.0


def read_bitmap(gray: Any, dpi: int = DPI) -> dict[str, Any]:
    """What OCR reads on a grey page bitmap, as plain data (cached as JSON)."""
    import numpy as np

    from juesuan.ingest.ocr import bitmap, engine

    gray, angle = bitmap.straighten(gray)
    hs, vs = bitmap.rulings(gray, dpi)
    scale = dpi / 72
    h_px, w_px = gray.shape
    height = h_px / scale
    chars = []
    for g in engine.recognize(np.repeat(gray[:, :, None], 3, axis=2), dpi):
        cy, half = (g.y0 + g.y1) / 2, (g.y1 - g.y0) * _HEIGHT / 2
        chars.append(
            [
                g.ch,
                g.x0 / scale,
                height - (cy + half) / scale,
                g.x1 / scale,
                height - (cy - half) / scale,
                round(g.conf, 4),
            ]
        )
    return {
        "width": w_px / scale,
        "height": height,
        "skew": angle,
        "chars": chars,
        "hs": hs,
        "vs": vs,
    }


def to_page(data: dict[str, Any], pno: int) -> Page:
    """The page model from what OCR read."""
    from juesuan.ingest.pdf.page import merge

    page = Page(pno, float(data["width"]), float(data["height"]))
    page.chars = [
        OcrChar(str(ch), float(x0), float(y0), float(x1), float(y1), conf=float(conf))
        for ch, x0, y0, x1, y1, conf in data["chars"]
    ]
    page.hs = merge([(float(a), float(b), float(c)) for a, b, c in data["hs"]])
    page.vs = merge([(float(a), float(b), float(c)) for a, b, c in data["vs"]])
    page.total = len(page.chars)
    return page
