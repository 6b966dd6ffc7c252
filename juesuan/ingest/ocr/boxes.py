"""Text boxes found on the page as scanned, read on the page with its rules painted out.

The detector needs the rules: a rule between two cells keeps their texts in two boxes (on
a bitmap without rules, ``866,296`` and the ``一、社会保障…`` that follows it across the rule
come out as one box). But it draws a box tight, and where a cell's text starts right at a
rule it cuts the first character off: a leading ``一、`` is read as ``：`` or ``、``, and the
row loses its name. So each box is grown sideways over the ink that continues its line
(never past a rule or into the next box), and the recogniser reads it on the bitmap with
the rules painted out, where a rule stroke cannot pass for ``1`` or ``|``. A box is not
padded with blank paper: a lone character in a wide blank crop is read as three. On a
noisy scan the detector also breaks one text into pieces that overlap: they are joined
first, and specks beside a box do not grow it.
"""

from __future__ import annotations

from typing import Any

# how far a box may grow on each side, as a share of its height (a hanzi is about as wide
# as the box is high, and the detector cuts off at most one and its comma)
WIDEN = 1.5
# ink of less than (box height)² / SPECK pixels beside a box is a speck, not a stroke the
# detector cut off (a box 35 pixels high at 200 dpi: 15 pixels; a speck or a decimal
# point is 1-9, the thin stroke of a ``一`` 20 or more)
SPECK = 80


def detect(gray: Any, dpi: int) -> Any:
    """The engine's text boxes on a grey bitmap of ``dpi`` (N × 4 × 2, its pixels), found
    at the detector's resolution (``engine.OPTIONS["det_dpi"]``).

    The steps are RapidOCR's own (shrink, round to 32 pixels, normalise, run, boxes from the
    map, sorted), but on the one grey channel: RapidOCR takes three copies of it and
    normalises them in float64, which cost about half a CPU-second a page; here each grey
    level is normalised once (a 256-entry table of the same arithmetic), so the detector's
    input, and its boxes, are the same."""
    import cv2
    import numpy as np

    from juesuan.ingest.ocr import engine

    eng = engine._engine()
    det = eng.text_det
    raw_h, raw_w = gray.shape
    img, ratio_h, ratio_w = eng.preprocess(gray)
    record: dict[str, Any] = {"preprocess": {"ratio_h": ratio_h, "ratio_w": ratio_w}}
    img, record = eng.maybe_add_letterbox(img, record)
    h, w = img.shape[:2]
    scale = min(1.0, engine.OPTIONS["det_dpi"] / dpi) if engine.OPTIONS["det_dpi"] else 1.0
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = img if size == (w, h) else cv2.resize(img, size, interpolation=cv2.INTER_AREA)
    pre = det.get_preprocess(max(small.shape[:2]))
    resized = pre.resize(small)
    if resized is None:
        return np.zeros((0, 4, 2), dtype=np.float32)
    x = _levels(pre)[resized]
    x = np.ascontiguousarray(np.broadcast_to(x, (1, 3, *x.shape)))
    pred = det.infer(x)[0]
    found, _ = det.postprocess_op(pred, small.shape[:2])
    found = det.filter_tag_det_res(found, small.shape[:2])
    if found is None or not len(found):
        return np.zeros((0, 4, 2), dtype=np.float32)
    found = found.astype("float32")
    found[..., 0] *= w / size[0]
    found[..., 1] *= h / size[1]
    return eng._get_origin_points(eng.sorted_boxes(found), record, raw_h, raw_w)


def _levels(pre: Any) -> Any:
    """RapidOCR's normalisation of each grey level 0–255 (its arithmetic, its dtypes)."""
    import numpy as np

    return pre.normalize(np.arange(256, dtype=np.uint8)[:, None].repeat(3, axis=1))[:, 0].astype(
        np.float32
    )


def recognize(found: Any, clean: Any, v_mask: Any) -> list[Any]:
    """The engine's readings, as ``engine.recognize`` gives them: the boxes ``found`` on the
    page as scanned, widened (not across the rules in ``v_mask``), read on ``clean``."""
    return kept(*read(found, clean, v_mask))


def read(found: Any, clean: Any, v_mask: Any) -> tuple[Any, list[Any]]:
    """The boxes ``found`` split at the rules in ``v_mask`` and widened, and the engine's
    reading of each on ``clean`` (text, probability, word boxes), all of them."""
    import numpy as np

    from juesuan.ingest.ocr import engine
    from juesuan.ingest.ocr.bitmap import RULE_INK

    if not len(found):
        return found, []
    eng = engine._engine()
    boxes = widen(split(join(found), v_mask), v_mask, clean < RULE_INK)
    if not len(boxes):
        return boxes, []
    crops = eng.get_crop_img_list(np.repeat(clean[:, :, None], 3, axis=2), list(boxes))
    got, _ = eng.text_rec(crops, True)
    return boxes, eng.cal_rec_boxes(crops, list(boxes), got)


def kept(boxes: Any, got: list[Any]) -> list[Any]:
    """The readings the engine is sure enough of, each with its box."""
    from juesuan.ingest.ocr import engine

    least = engine._engine().text_score
    return [[b.tolist(), *r] for b, r in zip(boxes, got, strict=True) if float(r[1]) >= least]


# a page is taken as turned when this many more of its line boxes stand than lie
TURNED = 3
SAMPLE = 4  # lines read upside down too, to tell an upside-down page


def standing(found: Any) -> bool:
    """Whether the page's lines of text run down it (a landscape table scanned onto a
    portrait page): most of its boxes are much taller than wide."""
    if not len(found):
        return False
    w = found[:, :, 0].max(axis=1) - found[:, :, 0].min(axis=1)
    h = found[:, :, 1].max(axis=1) - found[:, :, 1].min(axis=1)
    return int((h > 2 * w).sum()) >= TURNED * max(int((w > 2 * h).sum()), 1)


def upside_down(boxes: Any, got: list[Any], clean: Any) -> bool:
    """Whether the recogniser reads the page better turned by 180°: a few short lines
    (cheap to read; the boxes, not their reading, choose them: upside down, a line reads
    as two or three signs) read turned, against their reading as they are (``got``, the
    page's reading of ``boxes``). Upright they read with probabilities near 1 and their
    whole length, upside down as a few signs of noise. Only the turned crops are read
    here: the page's own reading is the upright one."""
    import numpy as np

    from juesuan.ingest.ocr import engine

    if not len(boxes):
        return False
    w = boxes[:, :, 0].max(axis=1) - boxes[:, :, 0].min(axis=1)
    h = boxes[:, :, 1].max(axis=1) - boxes[:, :, 1].min(axis=1)
    pick = np.flatnonzero((w >= 3 * h) & (w <= 12 * h))[:SAMPLE]
    if not len(pick):
        return False
    eng = engine._engine()
    crops = eng.get_crop_img_list(np.repeat(clean[:, :, None], 3, axis=2), list(boxes[pick]))
    down, _ = eng.text_rec([np.ascontiguousarray(c[::-1, ::-1]) for c in crops], False)
    score_up = sum(float(got[i][1]) * len(str(got[i][0])) for i in pick.tolist())
    score_down = sum(float(r[1]) * len(str(r[0])) for r in down)
    return score_down > 1.2 * score_up


# boxes of one line closer than this share of the line's height (3 pixels of a 30-pixel line)
# are one piece of text: the detector broke it
JOIN = 0.1


def join(boxes: Any) -> Any:
    """Axis-aligned boxes (N × 4 × 2, image pixels) with the boxes of one line that overlap
    or all but touch made one. On a noisy scan the detector breaks a cell's text where a
    speck or a faint stroke sits (``二、外交支出`` in two boxes, the ``、`` cut through, read
    ``三`` and ``外交支出``; ``825,956`` as ``825,`` and ``956``, a pixel apart). Texts of two
    cells are a rule or a space apart; a rule between them is cut again by ``split``."""
    import numpy as np

    rects = [
        [float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 0].max()), float(b[:, 1].max())]
        for b in boxes
    ]
    rects.sort(key=lambda r: r[0])
    out: list[list[float]] = []
    for r in rects:
        for o in out:
            h = min(r[3] - r[1], o[3] - o[1])
            share = min(r[3], o[3]) - max(r[1], o[1])
            if share >= 0.6 * h and r[0] - o[2] <= JOIN * max(r[3] - r[1], o[3] - o[1]):
                o[:] = [min(o[0], r[0]), min(o[1], r[1]), max(o[2], r[2]), max(o[3], r[3])]
                break
        else:
            out.append(r)
    return np.array([_box(*r) for r in out], dtype=np.float32).reshape(-1, 4, 2)


def split(boxes: Any, v_mask: Any) -> Any:
    """Axis-aligned boxes (N × 4 × 2, image pixels), each cut into pieces at the vertical
    rules it crosses (the detector ran the texts of two cells into one box). A sliver that
    another box already covers is left out: it is that box's last character again."""
    import numpy as np

    h_img = v_mask.shape[0]
    pieces: list[tuple[float, float, float, float]] = []
    for b in boxes:
        x0, x1 = float(b[:, 0].min()), float(b[:, 0].max())
        y0, y1 = float(b[:, 1].min()), float(b[:, 1].max())
        rows = slice(max(int(y0), 0), min(int(y1) + 1, h_img))
        a = max(int(x0), 0)
        walls = a + np.flatnonzero(v_mask[rows, a : int(x1) + 1].mean(axis=0) >= 0.5)
        start = x0
        for w in [*walls.tolist(), None]:
            end = x1 if w is None else float(w) - 1
            if end - start >= 0.3 * (y1 - y0):
                pieces.append((start, y0, end, y1))
            if w is not None:
                start = max(start, float(w) + 1)
    keep = []
    for i, (x0, y0, x1, y1) in enumerate(pieces):
        covered = 0.0
        for j, (u0, v0, u1, v1) in enumerate(pieces):
            if j != i and min(y1, v1) - max(y0, v0) > 0.5 * (y1 - y0) and u1 - u0 > x1 - x0:
                covered = max(covered, min(x1, u1) - max(x0, u0))
        if covered < 0.5 * (x1 - x0):
            keep.append(_box(x0, y0, x1, y1))
    return np.array(keep, dtype=np.float32).reshape(-1, 4, 2)


def _box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def widen(boxes: Any, v_mask: Any, ink: Any) -> Any:
    """Axis-aligned boxes (N × 4 × 2, image pixels) grown leftwards over the ink that
    starts their text (gaps narrower than a character's spacing, at most ``WIDEN`` of
    their height away), never past a vertical rule or into the box before on their line.
    Only the start: a cut-off first character is what the detector leaves, and growing
    the end over a noisy margin makes the recogniser add a ``.`` or ``-``."""
    import numpy as np

    x0 = boxes[:, :, 0].min(axis=1)
    x1 = boxes[:, :, 0].max(axis=1)
    y0 = boxes[:, :, 1].min(axis=1)
    y1 = boxes[:, :, 1].max(axis=1)
    cx = (x0 + x1) / 2
    h_img = v_mask.shape[0]
    out = np.empty_like(boxes)
    for i in range(len(boxes)):
        h = float(y1[i] - y0[i])
        lo = max(0, int(x0[i] - WIDEN * h))
        # boxes before it on its line (sharing most of its height) bound it
        share = np.minimum(y1, y1[i]) - np.maximum(y0, y0[i])
        before = (share > 0.5 * h) & (cx < cx[i]) & (np.arange(len(boxes)) != i)
        if before.any():  # an overlapping one stops it at once
            lo = max(lo, int(x1[before].max()) + 1)
        start = float(x0[i])
        if int(x0[i]) > lo:
            rows = slice(max(int(y0[i]), 0), min(int(y1[i]) + 1, h_img))
            strip = (rows, slice(lo, int(x0[i])))
            start = min(start, lo + _grow(v_mask[strip], ink[strip], h))
        out[i] = _box(start, y0[i], x1[i], y1[i])
    return out


def _grow(rule: Any, ink: Any, h: float) -> float:
    """Where in the strip left of a box (columns from the strip's left end) the box's
    start moves to: back over clusters of ink separated by gaps under a third of its
    height, stopping at a rule, then a little margin of paper. A cluster (a run of columns
    holding ink) counts only when it holds more ink than a speck: a scan's specks and
    noise are as large as a decimal point, while a stroke cut off the text (the thin
    ``一`` of a 150 dpi scan is one pixel high) runs over many columns."""
    import numpy as np

    per_col = ink.sum(axis=0)
    walls = rule.any(axis=0)
    n = per_col.shape[0]
    speck = h * h / SPECK
    cols = np.zeros(n, dtype=bool)
    j = 0
    while j < n:  # the clusters of columns with ink, each kept if it is more than a speck
        if not per_col[j]:
            j += 1
            continue
        k = j
        while k < n and per_col[k]:
            k += 1
        if per_col[j:k].sum() > speck:
            cols[j:k] = True
        j = k
    edge, gap = n, 0
    for j in range(n - 1, -1, -1):
        if walls[j]:
            break
        if cols[j]:
            edge, gap = j, 0
        else:
            gap += 1
            if gap > h / 3:
                break
    if edge == n:
        return float(n)
    stop = np.flatnonzero(walls[:edge])
    return float(max(edge - h / 8, stop[-1] + 1 if len(stop) else 0))
