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

from juesuan.model.context import Context
from juesuan.model.document import Document, Line
from juesuan.model.lazyre import LazyPattern, lazy

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
STYLES: list[tuple[str, int, LazyPattern]] = [
    ("part", 0, lazy(rf"^\s*第({_CN})部分")),
    ("section", 1, lazy(rf"^\s*({_CN})、")),
    ("subsection", 2, lazy(rf"^\s*[（(]\s*({_CN})\s*[）)]")),
    ("item", 3, lazy(r"^\s*(\d{1,2})(?:[、．]|\.(?!\d)|\.(?=\d{4}年))")),
    ("subitem", 4, lazy(r"^\s*[（(](\d{1,2})[）)]")),
    ("circled", 5, lazy(r"^\s*([①②③④⑤⑥⑦⑧⑨⑩])")),
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


@dataclass(eq=False)
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
    # The reuse, reported once the outer list resumes below the nested one (①…④, then ①
    # after an unnumbered heading, is a new list; ①…①…⑤ is one style at two levels).
    reuse_issue: NumberingIssue | None = None

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


_TOC = lazy(r"^\s*目\s*[录錄]\s*$")
_UNIT_LINE = lazy(r"^\s*(?:金额)?单位\s*[：:]\s*(?:万元|元|亿元|千元)\s*$")
_TOC_TAIL = lazy(r"[\s.·…．-]*\d*\s*$")
_PROSE = lazy(r"[。；]|[：:]\s*$")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", _TOC_TAIL.sub("", text))


def _toc_lines(doc: Document) -> set[int]:
    """Indexes of table-of-contents lines: from 目录 to where its first entry recurs.

    Without a 目录 line (web pages often drop it, and entries need no page numbers), a run
    of at least ``_TOC_RUN`` marker lines with nothing between them whose first entry recurs
    later is a contents list too, not a row of empty headings.
    """
    lines = doc.lines
    for i, line in enumerate(lines[:200]):
        if not _TOC.match(line.text):
            continue
        first = next((j for j in range(i + 1, len(lines)) if lines[j].text.strip()), None)
        if first is None:
            return set()
        key = _norm(lines[first].text)
        end = next((j for j in range(first + 1, len(lines)) if _norm(lines[j].text) == key), None)
        return set(range(i, end)) if end is not None else set()
    return _bare_toc(lines)


_TOC_RUN = 4


def _bare_toc(lines: list[Line]) -> set[int]:
    run: list[int] = []
    for i, line in enumerate(lines[:200]):
        text = line.text.strip()
        if not text:
            continue
        if run and _norm(text) == _norm(lines[run[0]].text):
            break  # the first entry again: the body starts here
        if marker_of(text) is not None and len(text) <= 60 and not _PROSE.search(text):
            run.append(i)
            continue
        if len(run) >= _TOC_RUN:
            break
        run = []
    if len(run) < _TOC_RUN:
        return set()
    keys = [_norm(lines[j].text) for j in run]
    later = [_norm(ln.text) for ln in lines[run[-1] + 1 :]]
    if keys[0] in later and sum(k in later for k in keys) * 2 >= len(keys):
        return set(run)
    return set()


def _next_text(doc: Document, i: int) -> str:
    for line in doc.lines[i + 1 : i + 4]:
        if line.text.strip():
            return line.text
    return ""


def build_outline(doc: Document) -> Outline:
    headings: list[Heading] = []
    issues: list[NumberingIssue] = []
    stack: list[Heading] = []
    in_table = False  # tab-led rows of a table exported as text
    in_grid = False  # a table laid out as text (PDF): from its 单位：万元 line on
    toc = _toc_lines(doc)
    for i, line in enumerate(doc.lines):
        text = line.text
        if not text.strip() or i in toc:
            continue
        if text.startswith("\t"):
            in_table = True
            if stack:
                stack[-1].has_body = True  # a table is the heading's content
            continue
        if _UNIT_LINE.match(text):
            in_grid = True
            continue
        mk = marker_of(text)
        # In a table laid out as text, a row — unless a heading followed by prose ends it.
        if (
            in_grid
            and (mk is None or mk[0] != "part")
            and (mk is None or not (_PROSE.search(text) or _PROSE.search(_next_text(doc, i))))
        ):
            continue
        in_grid = False
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
        _place(h, rank, stack, issues, _inline_markers(doc, headings, i), headings)
        headings.append(h)
    return Outline(headings, issues)


def _inline_markers(doc: Document, headings: list[Heading], i: int) -> str:
    """Text since the previous heading: a marker run into it (“……规则。（八）负责”) is no gap."""
    prev = headings[-1] if headings else None
    lo = 0
    if prev is not None:
        lo = next(
            (
                k
                for k in range(i - 1, -1, -1)
                if doc.lines[k].no == prev.line and doc.lines[k].page == prev.page
            ),
            0,
        )
    return "".join(ln.text for ln in doc.lines[lo:i])


def _has_inline_body(title: str, marker: str) -> bool:
    rest = title[len(marker) :]
    # "（十二）完成区委、区政府交办的其他任务。" is an item whose title is its content.
    return bool(re.search(r"[：:].+|[。；]$", rest)) or len(rest) > 30


def _place(
    h: Heading,
    rank: int,
    stack: list[Heading],
    issues: list[NumberingIssue],
    before: str = "",
    earlier: list[Heading] | None = None,
) -> None:
    same = [i for i, s in enumerate(stack) if s.style == h.style]
    cont = next((i for i in reversed(same) if stack[i].number + 1 == h.number), None)
    if cont is None and same and h.number > 1:
        # The missing number(s) run into the text above: the list continues, no gap.
        prev_n = stack[same[-1]].number
        missing = [fmt_marker(h.style, k) for k in range(prev_n + 1, h.number)]
        if missing and all(_loose(m) in _loose(before) for m in missing):
            cont = same[-1]
    if cont is not None:
        for nested in stack[cont + 1 :]:
            if nested.reuse_issue is not None:
                issues.append(nested.reuse_issue)
                nested.reuse_issue = None
        h.reuse_issue = stack[cont].reuse_issue  # the nested list goes on: still pending
        _attach_sibling(h, cont, stack)
    elif h.number == 1 and same:
        # "1" while a list of the same style is still open: a nested list, same marker.
        # Reported once, and only when the outer list resumes (see Heading.reuse_issue):
        # lists nested inside an already reused level follow from it.
        if not any(s.reused for s in stack):
            h.reuse_issue = NumberingIssue("reuse", h, stack[same[-1]], "")
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
        _close_from_rank(stack, rank)
        if not _runs_on(h, stack, earlier or []):
            issues.append(NumberingIssue("start", h, None, fmt_marker(h.style, 1)))
        _push(h, stack)


def _runs_on(h: Heading, stack: list[Heading], earlier: list[Heading]) -> bool:
    """Whether ``h`` goes on numbering the list of the section before its own: 1.–3. under
    （一）, then 4. under （二） is one count kept across sibling sections, a common way of
    writing, not a list that fails to start at one."""
    prev = next((e for e in reversed(earlier) if e.style == h.style), None)
    if prev is None or prev.number + 1 != h.number or prev.parent is None or not stack:
        return False
    here = stack[-1]
    return (
        here is not prev.parent
        and here.style == prev.parent.style
        and here.parent is prev.parent.parent
    )


def _loose(s: str) -> str:
    return s.replace("(", "（").replace(")", "）").replace("．", ".").replace("、", ".")


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
