"""Ruled tables: each character goes into the cell its ruling lines enclose; cells into
grids (vertically adjacent blocks) and grids into rows."""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise
from operator import attrgetter
from typing import Any

from juesuan.ingest.pdf.align import AMOUNT, pieces
from juesuan.ingest.pdf.lines import text_lines
from juesuan.ingest.pdf.page import Char, Seg
from juesuan.model.document import BoxCell

_OPEN = 10**6  # the missing edge of a cell whose rule is on the other page
_UNSEEN: Any = object()  # a position not yet looked up


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
    # characters between the same pair of ruling positions share their enclosing cell: the
    # pair maps straight to that cell's characters (None: outside every cell)
    memo: dict[tuple[int, int], list[Char] | None] = {}
    known, keep_free = memo.get, free.append
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2
        at = (bisect_left(vx, cx), bisect_left(hy, cy))
        held = known(at, _UNSEEN)
        if held is _UNSEEN:
            kx, ky = at
            left = _ruling(vs_sorted, kx - 1, -1, cy, tol)
            right = _ruling(vs_sorted, kx, 1, cy, tol)
            top = _ruling(hs_sorted, ky, 1, cx, tol)
            bottom = _ruling(hs_sorted, ky - 1, -1, cx, tol)
            if left is None or right is None or (top is None and bottom is None):
                held = None
            else:
                # a row cut by a page break may lack its top (or bottom) rule: the cell
                # then runs to its text, found below
                top = _OPEN if top is None else top
                bottom = -_OPEN if bottom is None else bottom
                key = (round(left), round(bottom), round(right), round(top))
                held = boxes.get(key)
                if held is None:
                    boxes[key] = held = []
            memo[at] = held
        if held is None:
            keep_free(c)
        else:
            held.append(c)
    cells: list[BoxCell] = []
    stacked: list[tuple[int, int]] = []  # y-ranges of cells holding several table rows
    for key in [k for k in boxes if abs(k[1]) == _OPEN or abs(k[3]) == _OPEN]:
        cs = boxes.pop(key)
        x0, y0, x1, y1 = key
        y0 = round(min(c.y0 for c in cs)) - 1 if y0 == -_OPEN else y0
        y1 = round(max(c.y1 for c in cs)) + 1 if y1 == _OPEN else y1
        boxes.setdefault((x0, y0, x1, y1), []).extend(cs)
    _overflow(boxes)
    lines_of = {key: text_lines(cs) for key, cs in boxes.items() if cs}
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


def _overflow(boxes: dict[tuple[int, int, int, int], list[Char]]) -> None:
    """Give back to a cell the words that run on past its right rule into the next cell.

    Spreadsheets clip a label too long for its one-line cell, but the text layer keeps the
    whole label: its hidden end lands in the next cell (``出 2,022.39``). Text a cell holds
    keeps clear of its rules, so words that meet the rule and carry on across it without a
    gap are one label. Only words move: an amount too wide for its cell spills leftwards
    (right-aligned), and a wrapped cell is not clipped."""
    by_left = {(k[0], k[1], k[3]): k for k in boxes}
    for key, cs in boxes.items():
        x1 = key[2]
        right = by_left.get((x1, key[1], key[3]))
        if right is None or not cs or not boxes[right]:
            continue
        last = max(cs, key=_right)
        h = max(last.y1 - last.y0, 1.0)
        if last.x1 < x1 - 0.1 * h and min(boxes[right], key=_left).x0 >= x1:
            continue  # the words stop short of the rule, and nothing in the next cell crosses it
        mid = last.y0 + last.y1
        if last.ch in _NUMERIC or any(abs(c.y0 + c.y1 - mid) > 0.6 * h for c in cs):
            continue  # a number, or a cell of several lines
        if not _one_piece(cs, h):
            continue  # two texts: over each other or apart (a header spilling both ways)
        line = sorted(boxes[right], key=_left)
        if any(abs(c.y0 + c.y1 - mid) > 0.6 * h for c in line):
            continue
        run: list[Char] = []
        prev = last
        for c in line:
            if c.x0 - prev.x1 > 0.25 * h or c.ch == " " or c.ch in _NUMERIC:
                break
            run.append(c)
            prev = c
        # the words meet the rule: the last glyph here reaches it, or the next one crosses it
        if not run or (last.x1 < x1 - 0.1 * h and run[0].x0 >= x1):
            continue
        rest = line[len(run) :]
        boxes[right] = rest if any(c.ch != " " for c in rest) else []
        cs.extend(run)


_NUMERIC = frozenset("0123456789.,-%")
_left, _right = attrgetter("x0"), attrgetter("x1")


def _one_piece(cs: list[Char], h: float) -> bool:
    """The glyphs run on as one piece of text: none drawn over another (a glyph drawn twice
    aside), no wide gap between them."""
    xs = sorted((c for c in cs if c.ch != " "), key=lambda c: c.x0)
    return all(
        (b.x0 >= a.x1 - 0.25 * h or b.ch == a.ch) and b.x0 - a.x1 <= 0.6 * h
        for a, b in pairwise(xs)
    )


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
