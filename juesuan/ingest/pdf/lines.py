"""Characters into text lines: grouped by baseline, ordered by x, spaces where gaps show.

Lines are found from the characters' positions, not from the order they were drawn in, so
text drawn out of reading order comes out in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from juesuan.ingest.pdf.page import Char


@dataclass(slots=True)
class TextLine:
    chars: list[Char]
    x0: float
    x1: float
    top: float
    text: str


_left = attrgetter("x0")


def _by_centre(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines, top down: a line takes the characters whose box
    centre is within a tolerance of its first (highest) one."""
    heights = sorted([c.y1 - c.y0 for c in chars])
    h = max(heights[len(heights) // 2], 1.0)
    tol = 0.45 * h
    mids = [c.y0 + c.y1 for c in chars]
    groups: list[list[Char]] = []
    centre = 0.0
    # top down (a stable sort on the negated sums, as the characters came on a tie)
    down = [-m for m in mids]
    for i in sorted(range(len(chars)), key=down.__getitem__):
        cy = mids[i] / 2
        if groups and abs(centre - cy) <= tol:
            groups[-1].append(chars[i])
        else:
            groups.append([chars[i]])
            centre = cy
    return groups


def text_lines(chars: list[Char]) -> list[TextLine]:
    """Group characters into lines by box centre; insert a space where a gap shows one.
    A glyph drawn again at (nearly) the same place is kept once: fake bold draws each
    glyph 2–4 times a fraction of a point apart, in a row or a whole line again.

    Called once per table cell (tens of thousands on a long spreadsheet export), so the
    common shapes are taken first: one character, and one baseline without the sorts."""
    if len(chars) < 2:
        return [TextLine([c], c.x0, c.x1, c.y1, c.ch) for c in chars]
    mid = chars[0].y0 + chars[0].y1
    for c in chars:
        if c.y0 + c.y1 != mid:
            groups = _by_centre(chars)
            for g in groups:
                g.sort(key=_left)
            break
    else:
        groups = [sorted(chars, key=_left)]  # one baseline (most table cells): one line
    out: list[TextLine] = []
    for g in groups:
        prev = g[0]
        parts = [prev.ch]
        kept = [prev]
        top = prev.y1
        for k in range(1, len(g)):
            c = g[k]
            ch, pch = c.ch, prev.ch
            if ch == pch:
                pw = prev.x1 - prev.x0
                if c.x0 - prev.x0 < 0.35 * (pw if pw > 1.0 else 1.0):
                    continue  # the same glyph again
            if ch != " " and pch != " ":
                ph = prev.y1 - prev.y0
                if c.x0 - prev.x1 > 0.6 * (ph if ph > 1.0 else 1.0):
                    parts.append(" ")
            parts.append(ch)
            kept.append(c)
            if c.y1 > top:
                top = c.y1
            prev = c
        out.append(TextLine(kept, kept[0].x0, kept[-1].x1, top, "".join(parts)))
    return out
