"""Each OCR character's confidence carried onto what the reader builds from it: a
``Line`` gets one confidence per character of its text, a table ``BoxCell`` the lowest
confidence among its characters. Text-layer pages keep ``None``."""

from __future__ import annotations

from typing import Any

from juesuan.model.document import BoxCell, Line


def attach(pages: list[list[Any]], lines: list[Line], chars: dict[int, list[Any]]) -> None:
    """``pages`` are the reader's items per page, in the order ``lines`` were numbered
    from them; ``chars`` the OCR characters of each OCR'd page (1-based)."""
    flat = [(pno, it) for pno, items in enumerate(pages, start=1) for it in items]
    for (pno, it), line in zip(flat, lines, strict=True):
        if pno not in chars:
            continue
        if it.cells is not None:
            for c in it.cells:
                c.conf = _cell_conf(c, chars[pno])
            confs = [1.0]
            for c in it.cells:
                confs += [c.conf if c.conf is not None else 1.0] * len(c.text)
                confs.append(1.0)  # the tab after it
            line.conf = _fit(confs[: len(line.text)], line.text)
        elif it.line is not None:
            line.conf = _fit(_line_confs(it.line), line.text)


def _line_confs(tl: Any) -> list[float]:
    """One confidence per character of a text line's text (inserted spaces count as sure)."""
    out: list[float] = []
    k = 0
    for ch in tl.text:
        if k < len(tl.chars) and tl.chars[k].ch == ch:
            out.append(float(getattr(tl.chars[k], "conf", 1.0)))
            k += 1
        else:
            out.append(1.0)
    return out


def _fit(confs: list[float], text: str) -> tuple[float, ...]:
    """Aligned to the text's end: the reader may prefix a tab (a contents line)."""
    if len(confs) < len(text):
        confs = [1.0] * (len(text) - len(confs)) + confs
    return tuple(confs[-len(text) :]) if text else ()


def _cell_conf(cell: BoxCell, chars: list[Any]) -> float | None:
    inside = [
        float(getattr(c, "conf", 1.0))
        for c in chars
        if cell.x0 - 1 <= c.cx <= cell.x1 + 1 and cell.y0 - 1 <= c.cy <= cell.y1 + 1
    ]
    return min(inside) if inside else None
