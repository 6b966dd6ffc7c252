"""The page as a grey bitmap: rendered, straightened, and its ruling lines found.

Rulings are read from the pixels (numpy only): a run of ink (grey included) at least half an
inch long and no thicker than a millimetre is a rule, across or down (a table's rules
run on through its rows and columns). The strokes of characters are shorter than that up to
cover-title sizes, and filled shapes (a pie chart, a dark band) are thicker. They become the same
segments the text-layer reader takes from vector paths, in PDF points.
"""

from __future__ import annotations

from typing import Any

Seg = tuple[float, float, float]

DARK = 160  # a grey level below this is ink (for straightening)
RULE_INK = 215  # rules are often printed grey: anything visibly darker than paper
MAX_SKEW = 3.0  # degrees: a scan turned further than this is not straightened


def render(page: Any, dpi: int) -> Any:
    """The page (its /Rotate applied) as a grey uint8 array, H × W."""
    import numpy as np

    bm = page.render(scale=dpi / 72, grayscale=True)
    arr = np.array(bm.to_numpy(), dtype=np.uint8, copy=True)
    return arr.reshape(arr.shape[0], arr.shape[1], -1)[:, :, 0]


def skew(gray: Any) -> float:
    """The angle (degrees, counter-clockwise) the text lines are turned by: the angle whose
    shear makes the row profile of ink sharpest (lines of text and rules line up)."""
    import numpy as np

    step = max(1, gray.shape[1] // 1000)
    small = gray[::step, ::step] < DARK
    ys, xs = np.nonzero(small)
    if len(ys) < 200:
        return 0.0
    if len(ys) > 200_000:
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    h = small.shape[0]
    best, best_score = 0.0, -1.0
    xs_c = xs - small.shape[1] / 2

    def score(a: float) -> float:
        rows = np.round(ys + xs_c * np.tan(np.radians(a))).astype(np.int64)
        rows = rows[(rows >= 0) & (rows < h)]
        prof = np.bincount(rows, minlength=h).astype(np.float64)
        return float((prof**2).sum())

    for a in np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.25):
        s = score(float(a))
        if s > best_score:
            best, best_score = float(a), s
    for a in np.arange(best - 0.25, best + 0.26, 0.05):
        s = score(float(a))
        if s > best_score:
            best, best_score = float(a), s
    return round(best, 2)


def straighten(gray: Any) -> tuple[Any, float]:
    """The bitmap turned level when it is skewed by a tenth of a degree or more."""
    import numpy as np
    from PIL import Image

    a = skew(gray)
    if abs(a) < 0.1:
        return gray, 0.0
    img = Image.fromarray(gray).rotate(-a, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return np.asarray(img), a


def _runs(mask: Any, length: int, axis: int = 1) -> Any:
    """The pixels of ``mask`` that lie in a run of at least ``length`` along ``axis``: a
    morphological opening by a line ``length`` long (erode: the windows all ink; dilate:
    every pixel such a window covers), windows reaching past the edge not counted."""
    import cv2
    import numpy as np

    if mask.shape[axis] < length:
        return np.zeros(mask.shape, dtype=bool)
    m = np.ascontiguousarray(mask, dtype=bool).view(np.uint8)
    kernel = np.ones((1, length) if axis == 1 else (length, 1), dtype=np.uint8)
    end = (length - 1, 0) if axis == 1 else (0, length - 1)  # cv2 anchors are (x, y)
    edge = cv2.BORDER_CONSTANT  # past the edge is paper
    starts = cv2.erode(m, kernel, anchor=(0, 0), borderType=edge, borderValue=0)
    return cv2.dilate(starts, kernel, anchor=end, borderType=edge, borderValue=0).view(bool)


def _segments(mask: Any, scale: float, length: int, gap: int) -> list[tuple[float, float, float]]:
    """Bands of consecutive rows holding rule pixels, each run along them at least
    ``length`` long as (centre, start, end) in pixels/scale."""
    import numpy as np

    rows = np.flatnonzero(mask.any(axis=1))
    out: list[tuple[float, float, float]] = []
    if not len(rows):
        return out
    cuts = np.flatnonzero(np.diff(rows) > 1)
    starts = np.concatenate(([rows[0]], rows[cuts + 1]))
    ends = np.concatenate((rows[cuts], [rows[-1]]))
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        cover = mask[a : b + 1].any(axis=0)
        xs = np.flatnonzero(cover)
        gaps = np.flatnonzero(np.diff(xs) > gap)  # a crossing rule cuts a few pixels out
        x0s = np.concatenate(([xs[0]], xs[gaps + 1]))
        x1s = np.concatenate((xs[gaps], [xs[-1]]))
        for x0, x1 in zip(x0s.tolist(), x1s.tolist(), strict=True):
            if x1 + 1 - x0 >= length:
                out.append(((a + b) / 2 / scale, x0 / scale, (x1 + 1) / scale))
    return out


def rule_masks(gray: Any, dpi: int) -> tuple[Any, Any]:
    """The pixels of horizontal and of vertical rules (boolean arrays the size of ``gray``)."""
    ink = gray < RULE_INK
    thick = max(4, round(dpi / 25))  # a millimetre: a rule (blurred by a scan) is thinner
    # ink that runs on across a rule further than a rule is thick is a fill, or a stroke
    fill_v = _runs(ink, thick + 1, axis=0)
    fill_h = _runs(ink, thick + 1)
    length = round(dpi / 2)
    h_mask = _runs(ink, length) & ~fill_v
    v_mask = _runs(ink, length, axis=0) & ~fill_h
    return h_mask, v_mask


def rulings(
    gray: Any, dpi: int, masks: tuple[Any, Any] | None = None
) -> tuple[list[Seg], list[Seg]]:
    """Horizontal and vertical rules in PDF points, y growing upwards (as the page model)."""
    h_mask, v_mask = masks if masks is not None else rule_masks(gray, dpi)
    scale = dpi / 72
    height = gray.shape[0] / scale
    thick = max(4, round(dpi / 25))
    length = round(dpi / 2)
    hs = [(height - y, x0, x1) for y, x0, x1 in _segments(h_mask, scale, length, thick + 2)]
    vs_t = _segments(v_mask.T, scale, length, thick + 2)
    vs = [(x, height - y1, height - y0) for x, y0, y1 in vs_t]
    return hs, vs


def erase(gray: Any, masks: tuple[Any, Any], dpi: int) -> Any:
    """The bitmap with its rules painted over in paper white (and the grey fringe a scan
    leaves beside them), for the text detector: a rule that touches a cell's first
    character makes it cut the character off (``一、一般…`` read as ``：一般…``)."""
    h_mask, v_mask = masks
    pad = max(1, round(dpi / 100))
    m = h_mask | v_mask
    for d in range(1, pad + 1):  # a rule across is widened up and down, one down sideways
        m[d:] |= h_mask[:-d]
        m[:-d] |= h_mask[d:]
        m[:, d:] |= v_mask[:, :-d]
        m[:, :-d] |= v_mask[:, d:]
    out = gray.copy()
    out[m] = 255
    return out
