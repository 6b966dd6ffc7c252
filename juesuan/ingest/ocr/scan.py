"""One page read from its pixels: rendered, straightened, rulings found, characters
recognised, all in the page model the text-layer reader builds (PDF points, y up), so the
line, table and narrative readers work on it unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from juesuan.ingest.pdf.page import Char, Page

# what this module makes of a bitmap: part of the cache key, so a change reads pages again
READER = "split-grow-turn-specks/6"
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

    from juesuan.ingest.ocr import bitmap, boxes, engine, marks

    scanned, turns = gray, 0
    gray, angle = bitmap.straighten(scanned)
    found = boxes.detect(gray, dpi)
    if boxes.standing(found):  # a quarter turn; which way is told below
        turns = 1
        gray, angle = bitmap.straighten(np.ascontiguousarray(np.rot90(scanned, turns)))
        found = boxes.detect(gray, dpi)
    masks = bitmap.rule_masks(gray, dpi)
    clean = bitmap.erase(gray, masks, dpi)
    placed, got = boxes.read(found, clean, masks[1])
    if boxes.upside_down(placed, got, clean):
        turns += 2
        gray, angle = bitmap.straighten(np.ascontiguousarray(np.rot90(scanned, turns)))
        found = boxes.detect(gray, dpi)
        masks = bitmap.rule_masks(gray, dpi)
        clean = bitmap.erase(gray, masks, dpi)
        placed, got = boxes.read(found, clean, masks[1])
    items = boxes.kept(placed, got)
    hs, vs = bitmap.rulings(gray, dpi, masks)
    scale = dpi / 72
    h_px, w_px = gray.shape
    height = h_px / scale
    chars = []
    glyphs = [marks.clean(engine._glyphs(item)) for item in items]
    for g in (g for box in glyphs for g in box):
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
        "turned": 90 * (turns % 4),
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
