"""Page items into numbered lines: running headers and page numbers dropped, soft breaks
marked (``joins_next``), the table of contents tab-led so it is not taken for the outline."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from juesuan.ingest.pdf.lines import TextLine
from juesuan.model.document import TOC_TITLE, BoxCell, Document, Line, toc_entries  # noqa: F401  (re-exported)

_PAGE_NO = re.compile(
    r"^[\s\-—–－]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／共]\s*\d{1,4}\s*页?)?[\s\-—–－]*$"
)
_TOC_LEADER = re.compile(r"[.．…·\s]{2,}\d{1,4}\s*$")


@dataclass(slots=True)
class Item:
    """A page item in reading order: a narrative line or one table row."""

    top: float
    text: str
    line: TextLine | None = None
    cells: list[BoxCell] | None = None
    table: int = -1


def drop_running(pages: list[list[Item]]) -> None:
    """Drop page numbers and headers/footers repeated at the top or bottom of pages."""
    edge: Counter[str] = Counter()
    for items in pages:
        texts = {it.text.strip() for it in items[:1] + items[-1:] if it.line is not None}
        edge.update(_PAGE_NO.sub("#", t) for t in texts)
    running = {t for t, k in edge.items() if k >= 3 and k >= len(pages) * 0.3}
    for items in pages:
        for pos in (-1, 0):
            if not items:
                break
            it = items[pos]
            t = it.text.strip()
            if it.line is not None and (_PAGE_NO.match(t) or t in running):
                items.pop(pos)


# A numbering marker that opens a paragraph (the text reader uses it for wrapped text too)
MARKER = re.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]\D|注[:：])"
)
_RUN = re.compile(r"^[0-9A-Za-z.,%％\-]+")


def number(pages: list[list[Item]]) -> list[Line]:
    """Number the lines of each page and mark soft breaks in narrative text.

    A narrative line runs on into the next unless the next starts a paragraph (a numbering
    marker, an indent) or the line stops short of the right margin by more than the next
    line's leading unbreakable run (a number such as ``161.62`` wraps whole).
    """
    lines: list[Line] = []
    flat: list[tuple[Line, TextLine | None, float, float]] = []
    for pno, items in enumerate(pages, start=1):
        ends = [it.line.x1 for it in items if it.line]
        left = min((it.line.x0 for it in items if it.line), default=0.0)
        far = sorted(x for x in ends if x > left + 0.8 * (max(ends, default=0.0) - left))
        margin = far[len(far) // 2] if far else 0.0
        for no, it in enumerate(items, start=1):
            line = Line(it.text, no, pno)
            if it.cells is not None:
                for c in it.cells:
                    c.line = no
            lines.append(line)
            flat.append((line, it.line, margin, left))
    for (a, ta, margin, left), (_b, tb, _m2, left2) in itertools.pairwise(flat):
        if ta is None or tb is None or not ta.chars or not tb.chars:
            continue
        w = max(c.x1 - c.x0 for c in ta.chars)
        if margin - left < 15 * w or MARKER.match(tb.text):
            continue
        if tb.x0 > left2 + 1.5 * w:  # an indented first line
            continue
        run = _RUN.match(tb.text)
        lead = tb.chars[len(run.group()) - 1].x1 - tb.x0 if run else 0.0
        slack = 1.2 * w if ta.text.rstrip()[-1:] in "。！？；：!?;:" else 4.5 * w
        a.joins_next = margin - ta.x1 <= lead + slack
    return lines


def mark_toc(lines: list[Line]) -> None:
    """Tab-lead the table of contents: from a 目录 title to where its first entry recurs, or,
    when the body words its headings otherwise (a contents page without page numbers), to
    the end of a page that the 目录 title opens."""
    start = next((i for i, ln in enumerate(lines[:400]) if TOC_TITLE.match(ln.text.strip())), None)
    if start is None:
        return
    entries = [i for i in range(start + 1, len(lines)) if lines[i].text.strip()]
    if not entries:
        return
    first = _toc_key(lines[entries[0]].text)
    end = next((i for i in entries[1:] if _toc_key(lines[i].text) == first), None)
    if end is None:
        end = _toc_page_end(lines, start)
    if end is None:
        return
    for i in range(start, end):
        ln = lines[i]
        ln.joins_next = False
        if not ln.text.startswith("\t"):
            ln.text = "\t" + ln.text


_SENTENCE_END = "。；;：:"


def _toc_page_end(lines: list[Line], start: int) -> int | None:
    """The end of the 目录 title's page, when the title opens the page and every line after
    it there is a short entry (no sentence ending), so the page is a contents page."""
    title = lines[start]
    if title.no > 3:
        return None
    end = start + 1
    while end < len(lines) and lines[end].page == title.page:
        text = lines[end].text.strip()
        if len(text) > 60 or (text and text[-1] in _SENTENCE_END):
            return None
        end += 1
    return end if end - start > 3 else None


def _toc_key(text: str) -> str:
    return re.sub(r"\s+", "", _TOC_LEADER.sub("", text))
