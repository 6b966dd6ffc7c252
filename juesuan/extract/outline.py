"""The outline: parts (第X部分), sections (一、), subsections (（一）), items (1. / 1、 / （1）).

Headings are recognized by their numbering marker and arranged into a tree with a stack:
a marker continues the nearest open list of its style whose next number it is; a ``1`` in
a style already open starts a nested list (the style is then reused at two levels); any
other number is a numbering problem (duplicate, gap, wrong order) recorded for ``struct``.
Lines inside tables exported as text (tab-led lines) are not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.check.base import Context
from juesuan.model.document import Document, Line

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_number(s: str) -> int | None:
    """一 -> 1, 十三 -> 13, 二十一 -> 21 (up to 99)."""
    if not s or any(ch not in CN_DIGITS and ch != "十" for ch in s):
        return None
    if "十" not in s:
        return CN_DIGITS[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = CN_DIGITS.get(tens, 0) if tens else 1
    o = CN_DIGITS.get(ones, 0) if ones else 0
    if (tens and tens not in CN_DIGITS) or (ones and ones not in CN_DIGITS):
        return None
    return t * 10 + o


_CN = "[一二三四五六七八九十]{1,3}"
# (style, level rank, pattern). Rank orders styles by depth in the usual template.
STYLES: list[tuple[str, int, re.Pattern[str]]] = [
    ("part", 0, re.compile(rf"^\s*第({_CN})部分")),
    ("section", 1, re.compile(rf"^\s*({_CN})、")),
    ("subsection", 2, re.compile(rf"^\s*[（(]\s*({_CN})\s*[）)]")),
    ("item", 3, re.compile(r"^\s*(\d{1,2})(?:[、．]|\.(?!\d)|\.(?=\d{4}年))")),
    ("subitem", 4, re.compile(r"^\s*[（(](\d{1,2})[）)]")),
    ("circled", 5, re.compile(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩])")),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
STYLE_LABEL = {
    "part": "第X部分",
    "section": "一、",
    "subsection": "（一）",
    "item": "1.",
    "subitem": "（1）",
    "circled": "①",
}


@dataclass
class Heading:
    style: str
    number: int
    marker: str
    title: str
    line: int
    page: int | None
    depth: int = 0
    parent: Heading | None = None
    children: list[Heading] = field(default_factory=list)
    has_body: bool = False  # text follows before the next heading
    reused: bool = False  # opens a nested list in a style already open above it

    @property
    def path_title(self) -> str:
        """The section label used to group findings: the nearest part/section heading."""
        node: Heading | None = self
        while node is not None and node.style not in ("section", "part"):
            node = node.parent
        return (node or self).title


@dataclass(frozen=True)
class NumberingIssue:
    kind: str  # duplicate | gap | order | start | reuse
    heading: Heading
    previous: Heading | None
    expected: str


@dataclass
class Outline:
    headings: list[Heading]
    issues: list[NumberingIssue]


def marker_of(text: str) -> tuple[str, int, int, str] | None:
    """(style, rank, number, marker text) of a heading line, or None."""
    for style, rank, pat in STYLES:
        m = pat.match(text)
        if not m:
            continue
        raw = m.group(1)
        if style in ("part", "section", "subsection"):
            n = cn_number(raw)
        elif style == "circled":
            n = _CIRCLED.index(raw) + 1
        else:
            n = int(raw)
        if n is None:
            continue
        return style, rank, n, m.group(0).strip()
    return None


def fmt_marker(style: str, n: int) -> str:
    from juesuan.model.cn import to_cn

    return {
        "part": f"第{to_cn(n)}部分",
        "section": f"{to_cn(n)}、",
        "subsection": f"（{to_cn(n)}）",
        "item": f"{n}.",
        "subitem": f"（{n}）",
        "circled": _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n),
    }[style]


def build_outline(doc: Document) -> Outline:
    headings: list[Heading] = []
    issues: list[NumberingIssue] = []
    stack: list[Heading] = []
    in_table = False
    for line in doc.lines:
        text = line.text
        if not text.strip():
            continue
        if text.startswith("\t"):
            in_table = True
            continue
        mk = marker_of(text)
        if mk is None:
            if stack and not in_table:
                stack[-1].has_body = True
            continue
        style, rank, n, marker = mk
        if in_table and style == "item":
            continue
        in_table = False
        h = Heading(style, n, marker, text.strip(), line.no, line.page)
        if len(h.title) > len(marker) + 40 or _has_inline_body(h.title, marker):
            h.has_body = True
        _place(h, rank, stack, issues)
        headings.append(h)
    return Outline(headings, issues)


def _has_inline_body(title: str, marker: str) -> bool:
    rest = title[len(marker) :]
    return bool(re.search(r"[：:].+", rest)) or len(rest) > 30


def _place(h: Heading, rank: int, stack: list[Heading], issues: list[NumberingIssue]) -> None:
    same = [i for i, s in enumerate(stack) if s.style == h.style]
    cont = next((i for i in reversed(same) if stack[i].number + 1 == h.number), None)
    if cont is not None:
        _attach_sibling(h, cont, stack)
    elif h.number == 1 and same:
        # "1" while a list of the same style is still open: a nested list, same marker.
        # Reported once: lists nested inside an already reused level follow from it.
        if not any(s.reused for s in stack):
            issues.append(NumberingIssue("reuse", h, stack[same[-1]], ""))
        h.reused = True
        _push(h, stack)
    elif h.number == 1:
        _close_from_rank(stack, rank)
        _push(h, stack)
    elif same:
        prev = stack[same[-1]]
        kind = (
            "duplicate"
            if h.number == prev.number
            else ("order" if h.number < prev.number else "gap")
        )
        issues.append(NumberingIssue(kind, h, prev, fmt_marker(h.style, prev.number + 1)))
        _attach_sibling(h, same[-1], stack)
    else:
        issues.append(NumberingIssue("start", h, None, fmt_marker(h.style, 1)))
        _close_from_rank(stack, rank)
        _push(h, stack)


def _close_from_rank(stack: list[Heading], rank: int) -> None:
    """Close open lists of this style's depth or deeper before opening a new one."""
    for i, s in enumerate(stack):
        if _rank(s.style) >= rank:
            del stack[i:]
            return


def _rank(style: str) -> int:
    return next(r for s, r, _ in STYLES if s == style)


def _attach_sibling(h: Heading, i: int, stack: list[Heading]) -> None:
    sib = stack[i]
    h.reused = sib.reused
    del stack[i:]
    h.parent = sib.parent
    h.depth = sib.depth
    if h.parent:
        h.parent.children.append(h)
    stack.append(h)


def _push(h: Heading, stack: list[Heading]) -> None:
    h.parent = stack[-1] if stack else None
    h.depth = len(stack)
    if h.parent:
        h.parent.children.append(h)
    stack.append(h)


def outline_of(ctx: Context) -> Outline:
    out: Outline = ctx.memo("outline", lambda: build_outline(ctx.doc))
    return out


__all__ = [
    "Heading",
    "Line",
    "NumberingIssue",
    "Outline",
    "build_outline",
    "cn_number",
    "marker_of",
    "outline_of",
]
