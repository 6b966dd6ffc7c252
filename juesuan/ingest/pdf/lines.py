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


def _down(c: Char) -> float:
    return -(c.y0 + c.y1)


_left = attrgetter("x0")


def _by_centre(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines, top down: a line takes the characters whose box
    centre is within a tolerance of its first (highest) one."""
    heights = sorted([c.y1 - c.y0 for c in chars])
    h = max(heights[len(heights) // 2], 1.0)
    tol = 0.45 * h
    groups: list[list[Char]] = []
    centre = 0.0
    for c in sorted(chars, key=_down):
        cy = (c.y0 + c.y1) / 2
        if groups and abs(centre - cy) <= tol:
            groups[-1].append(c)
        else:
            groups.append([c])
            centre = cy
    return groups


def text_lines(chars: list[Char]) -> list[TextLine]:
    """Group characters into lines by box centre; insert a space where a gap shows one.
    A glyph drawn again at (nearly) the same place is kept once: fake bold draws each
    glyph 2–4 times a fraction of a point apart, in a row or a whole line again."""
    if not chars:
        return []
    mid = chars[0].y0 + chars[0].y1
    # one baseline (most table cells): one line, as grouping would find, without its sorts
    one = all(c.y0 + c.y1 == mid for c in chars)
    groups = [list(chars)] if one else _by_centre(chars)
    out: list[TextLine] = []
    for g in groups:
        g.sort(key=_left)
        parts: list[str] = []
        kept: list[Char] = []
        prev = g[0]
        parts.append(prev.ch)
        kept.append(prev)
        for c in g[1:]:
            ch, pch = c.ch, prev.ch
            pw = prev.x1 - prev.x0
            if ch == pch and c.x0 - prev.x0 < 0.35 * (pw if pw > 1.0 else 1.0):
                continue  # the same glyph again
            if ch != " " and pch != " ":
                ph = prev.y1 - prev.y0
                if c.x0 - prev.x1 > 0.6 * (ph if ph > 1.0 else 1.0):
                    parts.append(" ")
            parts.append(ch)
            kept.append(c)
            prev = c
        text = "".join(parts)
        out.append(TextLine(kept, kept[0].x0, kept[-1].x1, max([c.y1 for c in kept]), text))
    return out
