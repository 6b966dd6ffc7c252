"""Tables without rulings (or with partial rulings): columns from text alignment.

A line that splits at wide gaps into several pieces, one of them an amount, is a table row;
consecutive such rows (with single-piece rows between them: a name whose amounts are blank)
form a block. The block's columns are the clusters of the x-extents of its rows' pieces,
so a right-aligned amount and a centred header over it fall in one column. Each piece
becomes a cell as wide as the columns it covers: a header spanning two columns stays one
merged cell, as in a ruled table.
"""

from __future__ import annotations

import re

from juesuan.ingest.pdf.lines import TextLine
from juesuan.model.document import BoxCell

# an amount, with or without thousands groups (the leading group may be longer: some Excel
# formats group only the last three digits, 125360,898), a percentage, or a dash for zero
AMOUNT = re.compile(r"^[-－−]?\d+(,\d{3})*(\.\d+)?%?$|^[-－—–]+$")
_GAP = 0.8  # a gap wider than this many character heights separates two cells
MIN_ROWS = 3


def pieces(tl: TextLine) -> list[tuple[float, float, str]]:
    """The line split at wide gaps: (x0, x1, text) per piece."""
    out: list[tuple[float, float, str]] = []
    cur: list = []
    for c in tl.chars:
        if c.ch == " ":
            continue
        if cur:
            h = max(cur[-1].y1 - cur[-1].y0, 1.0)
            if c.x0 - cur[-1].x1 > _GAP * h:
                out.append(_piece(cur))
                cur = []
        cur.append(c)
    if cur:
        out.append(_piece(cur))
    return out


def _piece(cs: list) -> tuple[float, float, str]:
    parts: list[str] = []
    prev = None
    for c in cs:
        if prev is not None and c.x0 - prev.x1 > 0.6 * max(prev.y1 - prev.y0, 1.0):
            parts.append(" ")
        parts.append(c.ch)
        prev = c
    return cs[0].x0, cs[-1].x1, "".join(parts)


def _is_row(ps: list[tuple[float, float, str]]) -> bool:
    return len(ps) >= 2 and any(AMOUNT.match(t.replace(" ", "")) for _, _, t in ps[1:])


def aligned_tables(
    lines: list[TextLine], pno: int
) -> tuple[list[TextLine], list[list[list[BoxCell]]]]:
    """Find blocks of aligned rows among the lines (top to bottom); return the lines left
    as text and the blocks as grids of cells."""
    split = [pieces(tl) for tl in lines]
    rows = [_is_row(ps) for ps in split]
    used = [False] * len(lines)
    grids: list[list[list[BoxCell]]] = []
    i = 0
    while i < len(lines):
        if not rows[i]:
            i += 1
            continue
        block = [i]
        j = i + 1
        while j < len(lines):
            h = max(lines[j - 1].top - min(c.y0 for c in lines[j - 1].chars), 1.0)
            if lines[j - 1].top - lines[j].top > 3.5 * h:
                break  # a wide vertical gap ends the table
            if rows[j]:
                block.append(j)
            elif len(split[j]) >= 2 or (
                len(split[j]) == 1 and j + 1 < len(lines) and rows[j + 1]
            ):
                block.append(j)  # a header line, or a row whose amounts are blank
            else:
                break
            j += 1
        data = [k for k in block if rows[k]]
        if len(data) < MIN_ROWS:
            i = j
            continue
        # header lines right above: several pieces, no amounts
        k = i - 1
        while k >= 0 and not used[k] and len(split[k]) >= 2 and not rows[k]:
            h = max(lines[k].top - min(c.y0 for c in lines[k].chars), 1.0)
            if lines[k].top - lines[k + 1].top > 3.5 * h:
                break
            block.insert(0, k)
            k -= 1
        cols = _columns([split[k] for k in data])
        grid: list[list[BoxCell]] = []
        for k in block:
            used[k] = True
            tl = lines[k]
            y0 = min(c.y0 for c in tl.chars)
            row: list[BoxCell] = []
            for x0, x1, text in _split_amounts(tl, split[k], cols):
                over = [c for c in cols if min(c[1], x1) - max(c[0], x0) > 0]
                a = min([x0] + [c[0] for c in over])
                b = max([x1] + [c[1] for c in over])
                row.append(BoxCell(text, pno, None, a, b, y0, tl.top))
            grid.append(row)
        grids.append(grid)
        i = j
    return [tl for k, tl in enumerate(lines) if not used[k]], grids


def _columns(rows: list[list[tuple[float, float, str]]]) -> list[tuple[float, float]]:
    """Clusters of overlapping x-extents of the data rows' pieces (a piece holding several
    amounts, set too close to split, does not join their columns)."""
    spans = sorted(
        (x0, x1)
        for ps in rows
        for x0, x1, t in ps
        if not (" " in t.strip() and all(AMOUNT.match(w) for w in t.split()))
    )
    cols: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.0:
            cols[-1] = (cols[-1][0], max(cols[-1][1], x1))
        else:
            cols.append((x0, x1))
    return cols


def _split_amounts(
    tl: TextLine, ps: list[tuple[float, float, str]], cols: list[tuple[float, float]]
) -> list[tuple[float, float, str]]:
    """Split a piece of space-separated amounts that lies over several columns."""
    out: list[tuple[float, float, str]] = []
    for x0, x1, t in ps:
        words = t.split()
        over = [c for c in cols if min(c[1], x1) - max(c[0], x0) > 0]
        if len(words) < 2 or len(over) < 2 or not all(AMOUNT.match(w) for w in words):
            out.append((x0, x1, t))
            continue
        cs = [c for c in tl.chars if x0 <= c.x0 and c.x1 <= x1 and c.ch != " "]
        cur = [cs[0]]
        for c in cs[1:]:
            if c.x0 - cur[-1].x1 > 0.2 * max(c.y1 - c.y0, 1.0):
                out.append(_piece(cur))
                cur = []
            cur.append(c)
        out.append(_piece(cur))
    return out
