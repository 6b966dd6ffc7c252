"""Characters into text lines: grouped by baseline, ordered by x, spaces where gaps show.

Lines are found from the characters' positions, not from the order they were drawn in, so
text drawn out of reading order comes out in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.ingest.pdf.page import Char


@dataclass(slots=True)
class TextLine:
    chars: list[Char]
    x0: float
    x1: float
    top: float
    text: str


def text_lines(chars: list[Char]) -> list[TextLine]:
    """Group characters into lines by box centre; insert a space where a gap shows one."""
    if not chars:
        return []
    heights = sorted(c.y1 - c.y0 for c in chars)
    h = max(heights[len(heights) // 2], 1.0)
    groups: list[list[Char]] = []
    centres: list[float] = []
    for c in sorted(chars, key=lambda c: -c.cy):
        if groups and abs(centres[-1] - c.cy) <= 0.45 * h:
            groups[-1].append(c)
        else:
            groups.append([c])
            centres.append(c.cy)
    out: list[TextLine] = []
    for g in groups:
        g.sort(key=lambda c: c.x0)
        parts: list[str] = []
        prev: Char | None = None
        for c in g:
            if prev is not None and c.ch != " " and prev.ch != " ":
                gap = c.x0 - prev.x1
                if gap > 0.6 * max(prev.y1 - prev.y0, 1.0):
                    parts.append(" ")
            parts.append(c.ch)
            prev = c
        text = "".join(parts)
        out.append(TextLine(g, g[0].x0, g[-1].x1, max(c.y1 for c in g), text))
    return out
