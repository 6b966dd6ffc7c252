"""Ruled tables: each character goes into the cell its ruling lines enclose; cells into
grids (vertically adjacent blocks) and grids into rows."""

from __future__ import annotations

from bisect import bisect_left

from juesuan.ingest.pdf.align import AMOUNT, pieces
from juesuan.ingest.pdf.lines import text_lines
from juesuan.ingest.pdf.page import Char, Seg
from juesuan.model.document import BoxCell

_OPEN = 10**6  # the missing edge of a cell whose rule is on the other page


def ruled_cells(
    chars: list[Char], hs: list[Seg], vs: list[Seg], pno: int
) -> tuple[list[Char], list[list[list[BoxCell]]]]:
    """Place each character in the cell its rulings enclose; return the rest and the grids."""
    tol = 1.0
    vs_sorted = sorted(vs)
    vx = [v[0] for v in vs_sorted]
    hs_sorted = sorted(hs)
    hy = [h[0] for h in hs_sorted]
    boxes: dict[tuple[int, int, int, int], list[Char]] = {}
    free: list[Char] = []
    # characters between the same pair of ruling positions share their enclosing cell
    memo: dict[tuple[int, int], tuple[int, int, int, int] | None] = {}
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2
        kx, ky = bisect_left(vx, cx), bisect_left(hy, cy)
        if (kx, ky) in memo:
            key = memo[(kx, ky)]
        else:
            left = _ruling(vs_sorted, kx - 1, -1, cy, tol)
            right = _ruling(vs_sorted, kx, 1, cy, tol)
            top = _ruling(hs_sorted, ky, 1, cx, tol)
            bottom = _ruling(hs_sorted, ky - 1, -1, cx, tol)
            if left is None or right is None or (top is None and bottom is None):
                key = None
            else:
                # a row cut by a page break may lack its top (or bottom) rule: the cell
                # then runs to its text, found below
                top = _OPEN if top is None else top
                bottom = -_OPEN if bottom is None else bottom
                key = (round(left), round(bottom), round(right), round(top))
            memo[(kx, ky)] = key
        if key is None:
            free.append(c)
        else:
            boxes.setdefault(key, []).append(c)
    cells: list[BoxCell] = []
    stacked: list[tuple[int, int]] = []  # y-ranges of cells holding several table rows
    for key in [k for k in boxes if abs(k[1]) == _OPEN or abs(k[3]) == _OPEN]:
        cs = boxes.pop(key)
        x0, y0, x1, y1 = key
        y0 = round(min(c.y0 for c in cs)) - 1 if y0 == -_OPEN else y0
        y1 = round(max(c.y1 for c in cs)) + 1 if y1 == _OPEN else y1
        boxes.setdefault((x0, y0, x1, y1), []).extend(cs)
    lines_of = {key: text_lines(cs) for key, cs in boxes.items()}
    for (_x0, y0, _x1, y1), tls in lines_of.items():
        if len(tls) == 1:
            # one line holding two amounts apart: a row band (rules between rows only,
            # or a shaded row), not one cell
            if " " not in tls[0].text:
                continue  # no gap: one piece
            ps = pieces(tls[0])
            if sum(1 for _, _, t in ps if AMOUNT.match(t.replace(" ", ""))) >= 2:
                stacked.append((y0, y1))
            continue
        texts = [tl.text.replace(" ", "") for tl in tls]
        # amounts on lines of their own, unless one amount wrapped in a narrow cell (1378.4/1)
        amounts = sum(1 for t in texts if AMOUNT.match(t))
        if AMOUNT.match("".join(texts)):
            amounts = 0
        framed = len(tls) >= 3 and sum(" " in tl.text and len(pieces(tl)) >= 2 for tl in tls) >= 2
        if amounts >= 2 or framed:
            stacked.append((y0, y1))
    bands = _union(stacked)
    starts = [a for a, _ in bands]
    for key, tls in lines_of.items():
        x0, y0, x1, y1 = key
        k = bisect_left(starts, y1) - 1  # the last band starting below the cell's top
        if k >= 0 and bands[k][1] > y0:
            # rows without their own rules (only column rules, or a frame round the whole
            # table): the columns come from alignment instead
            free.extend(boxes[key])
            continue
        text = "".join(tl.text for tl in tls)
        cells.append(BoxCell(text, pno, None, x0, x1, y0, y1))
    return free, grids(cells)


def grids(cells: list[BoxCell]) -> list[list[list[BoxCell]]]:
    """Group cells into tables (vertically adjacent blocks) and each table into rows."""
    cells.sort(key=lambda c: (-c.y1, c.x0))
    out: list[list[list[BoxCell]]] = []
    rows: list[list[BoxCell]] = []
    bottom: float | None = None
    for c in cells:
        if rows and abs(rows[-1][0].y1 - c.y1) <= 1.5:
            rows[-1].append(c)
        else:
            if bottom is not None and c.y1 < bottom - 30:  # a gap: a new table
                out.append(rows)
                rows = []
            rows.append([c])
        bottom = c.y0 if bottom is None else min(bottom, c.y0)
    if rows:
        out.append(rows)
    for g in out:
        for r in g:
            r.sort(key=lambda c: c.x0)
    return out


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping y-ranges merged, in order (so one lookup tells if a cell meets any)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _ruling(lines: list[Seg], k: int, step: int, along: float, tol: float) -> float | None:
    """The first ruling line from index ``k`` in direction ``step`` that spans ``along``."""
    while 0 <= k < len(lines):
        pos, a, b = lines[k]
        if a - tol <= along <= b + tol:
            return pos
        k += step
    return None
