"""The OCR engine: RapidOCR (PaddleOCR's PP-OCRv4 detection and recognition models run by
onnxruntime). Its wheel ships the three model files, and it never fetches anything, so it
runs offline. Chosen over Tesseract for its accuracy on Chinese table pages (docs/ocr.md).

Each call returns glyphs: one character with its box in image pixels (y down) and the
recogniser's probability for it, which becomes the character's confidence.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import cache
from typing import Any, NamedTuple

ENGINE = "rapidocr-onnxruntime"
VERSION = "PP-OCRv4/5"  # part of the cache key: a new engine or driver reads pages again


class Glyph(NamedTuple):
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float


def available() -> bool:
    """Whether the engine is installed (the ``ocr`` extra)."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


# RapidOCR's settings (its keyword names), measured with bench/ocr_speed.py (docs/ocr.md):
# - one thread per process: pages run in parallel processes instead (two threads cost more
#   CPU for the same work);
# - the recogniser one box at a time: a batch is padded to its widest box, which cost 50%
#   more CPU on table pages, for the same text;
# - no shrinking of the page (RapidOCR's default shrinks it to 2000 pixels, the crops the
#   recogniser reads included): only the detector reads it smaller (``det_dpi``).
SETTINGS: dict[str, Any] = {
    "intra_op_num_threads": 1,
    "inter_op_num_threads": 1,
    "rec_batch_num": 1,
    "max_side_len": 100_000,
}
# The resolution the detector finds text boxes at (its cost grows with the pixels); the
# recogniser reads the boxes from the full bitmap. 170 is what RapidOCR's 2000-pixel
# limit gave an A4 page at 200 dpi; at 120 dpi the detector lost two landscape tables of
# the bench's eight pages, at 150 one cell, and a digit was read twice. None: the detector
# reads the bitmap as it is.
OPTIONS: dict[str, Any] = {"det_dpi": 170}


@cache
def _engine() -> Any:
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    from rapidocr_onnxruntime import RapidOCR

    eng = RapidOCR(print_verbose=False, **SETTINGS)
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    from juesuan.ingest.ocr import backend

    if backend.name() == "openvino":
        backend.swap(eng)
    return eng


def recognize(rgb: Any, dpi: int = 200) -> list[Glyph]:
    """The characters the engine reads in an RGB image (H × W × 3, uint8) of ``dpi``."""
    eng = _engine()
    det = eng.text_det
    scale = min(1.0, OPTIONS["det_dpi"] / dpi) if OPTIONS["det_dpi"] else 1.0
    eng.text_det = _Scaled(det, scale)
    try:
        res, _ = eng(rgb, use_cls=False, return_word_box=True)
    finally:
        eng.text_det = det
    out: list[Glyph] = []
    for item in res or []:
        out += _glyphs(item)
    return out


class _Scaled:
    """The detector run on the image shrunk by ``scale``, its boxes given back in the
    image's pixels (RapidOCR then crops them from the full image for the recogniser).
    Cutting the blank margins away as well saved some of the detector's time but lost a
    table row the full page kept (the detector rounds its input to 32 pixels, so the cut
    changes its scale): not done."""

    def __init__(self, det: Any, scale: float) -> None:
        self.det, self.scale = det, scale

    def __getattr__(self, name: str) -> Any:
        return getattr(self.det, name)

    def __call__(self, img: Any) -> tuple[Any, float]:
        import cv2

        h, w = img.shape[:2]
        size = (max(1, round(w * self.scale)), max(1, round(h * self.scale)))
        if size == (w, h):
            return self.det(img)
        small = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
        boxes, elapse = self.det(small)
        if boxes is None or not len(boxes):
            return boxes, elapse
        boxes = boxes.astype("float32")
        boxes[..., 0] *= w / size[0]
        boxes[..., 1] *= h / size[1]
        return boxes, elapse


def _glyphs(item: list[Any]) -> list[Glyph]:
    """One recognised text box into characters: the engine gives a box per word (per hanzi,
    or a run of digits and Latin letters), split evenly among its characters, and a
    probability per character of the text."""
    box, text, score = item[0], str(item[1]), float(item[2])
    boxes = item[3] if len(item) > 3 else []
    words = item[4] if len(item) > 4 else []
    probs = [float(p) for p in item[5]] if len(item) > 5 else []
    if len(probs) != len(text):
        probs = [score] * len(text)
    if not boxes or len(boxes) != len(words):
        boxes, words = [box], [text.replace(" ", "")]
    text = _zeros(text)
    out: list[Glyph] = []
    k = 0  # position in text
    for wbox, word in zip(boxes, words, strict=True):
        xs = [p[0] for p in wbox]
        ys = [p[1] for p in wbox]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        chars = [c for c in _zeros(str(word)) if not c.isspace()]
        step = (x1 - x0) / max(len(chars), 1)
        for j, c in enumerate(chars):
            while k < len(text) and text[k] != c:
                k += 1
            conf = probs[k] if k < len(text) else score
            k += 1
            out.append(Glyph(c, x0 + j * step, y0, x0 + (j + 1) * step, y1, conf))
    return out


_NUMERALS = "一二三四五六七八九十〇零"


def _zeros(text: str) -> str:
    """The recogniser reads a printed 0 as 〇 now and then (“收入〇万元”): one that stands in
    an amount (next to a digit, or before 万/元/%) is the digit; 〇 among Chinese numerals
    (二〇二六年) stays."""
    if "〇" not in text:
        return text
    out = list(text)
    for i, c in enumerate(text):
        if c != "〇":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before in _NUMERALS or after in _NUMERALS:
            continue
        if after in "万元%.,0123456789" or before in ".,0123456789":
            out[i] = "0"
    return "".join(out)
