"""``text.empty_field``: labels and headings left without content.

A heading is empty when no text follows it before its next sibling or a higher heading
(``（2）产出质量`` then ``（3）产出进度``). A label line (``绩效自评等级：``) is empty when
the next line is a heading or another ``label：value`` line. Inside a sentence, a reason or
use announced and closed at once (``主要原因是：。``) was never filled in. For a grade left empty, the
grade is computed from a score stated nearby with the bands of ``juesuan/data/perf.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from juesuan.check.base import Context, rule
from juesuan.extract.outline import Heading, marker_of, outline_of
from juesuan.model.document import Location
from juesuan.model.finding import Finding
from juesuan.model.lazyre import Pattern, lazy

_LABEL = lazy(r"^\s*([^：:，。；,;\t]{2,16})[：:]\s*$")
_LABEL_VALUE = lazy(r"^\s*[^：:，。；,;\t]{2,16}[：:]\s*\S")
_INTRO = lazy(r"(?:如下|其中|包括|具体|主要|情况|以下)$")
_SCORE = lazy(r"(?:总分|得分|评分)\s*[：:为]?\s*(\d{1,3}(?:\.\d+)?)\s*分")


@rule("text.empty_field", "空白项（标签或标题后没有内容）")
def empty_field(ctx: Context) -> list[Finding]:
    out = _empty_headings(outline_of(ctx).headings)
    out += _empty_labels(ctx)
    out += _empty_inline(ctx)
    out += _blank_numbers(ctx)
    return out


# 主要原因是：。 / 增减原因：； / 主要用于。 — the sentence ends where its content should be.
_INLINE = lazy(
    r"(?:(?:主要)?(?:增减|变动|增加|减少|变化|差异)?原因(?:是|为|主要是|主要为)?|"
    r"(?:主要)?用于|(?:主要)?用途(?:是|为)?)\s*[：]?\s*(?=[。；])"
)


def _prose_matches(ctx: Context, pattern: Pattern) -> Iterator[tuple[Any, str, Any]]:
    """Each match of ``pattern`` in the narrative's reading (offsets kept), with its paragraph
    and that reading."""
    from juesuan.check.spans import prose
    from juesuan.extract.normalize import reading

    for para in prose(ctx):
        text = reading(para.text)
        for m in pattern.finditer(text):
            yield para, text, m


def _empty_inline(ctx: Context) -> list[Finding]:
    out = []
    for para, _text, m in _prose_matches(ctx, _INLINE):
        if not (m.group(0).rstrip().endswith("：") or m.group(0).endswith(("是", "为", "于"))):
            continue  # 的原因。 closes a clause about a reason, not an empty field
        where = para.location(m.start(), m.end() + 1)
        out.append(
            Finding(
                rule="text.empty_field",
                severity="warning",
                message=f"“{para.text[m.start() : m.end()].strip()}”后没有填写内容",
                location=where,
                suggestion="补充原因或用途的具体内容",
            )
        )
    return out


# 占 %，比上年减少 万元: a template's blank left where the number goes (a word that takes a
# number, then the unit with no digit). Not 单位为万元, which names the unit.
_BLANK_NUMBER = lazy(
    r"(?<!单位)(?<!单位：)(占|增加|减少|增长|下降|上升|降低|节约|超支)\s*"
    r"(?=[%％]|(?:万元|亿元|元)(?:[^\u4e00-\u9fff]|$))"
)


def _blank_numbers(ctx: Context) -> list[Finding]:
    out = []
    for para, text, m in _prose_matches(ctx, _BLANK_NUMBER):
        unit_end = m.end() + (1 if text[m.end()] in "%％元" else 2)
        out.append(
            Finding(
                rule="text.empty_field",
                severity="warning",
                message=f"“{para.text[m.start() : unit_end]}”中没有填写数字",
                location=para.location(m.start(), unit_end),
                suggestion="填写具体数字；确无此项的写明0或删除该句",
            )
        )
    return out


def _empty_headings(heads: list[Heading]) -> list[Finding]:
    out = []
    for i, h in enumerate(heads):
        if h.has_body or h.children:
            continue
        nxt = heads[i + 1] if i + 1 < len(heads) else None
        if nxt is not None and nxt.depth > h.depth:
            continue
        out.append(
            Finding(
                rule="text.empty_field",
                severity="warning",
                message=f"标题“{h.title}”下没有内容",
                location=Location(h.page, h.line, h.title),
                related=(Location(nxt.page, nxt.line, nxt.title),) if nxt else (),
                suggestion="补充该项内容；确无内容的写明“无”或删除该标题",
            )
        )
    return out


def _empty_labels(ctx: Context) -> list[Finding]:
    from juesuan.check.perf import grade_of

    lines = ctx.doc.lines
    out = []
    for i, line in enumerate(lines):
        m = _LABEL.match(line.text)
        if not m or marker_of(line.text) is not None or _INTRO.search(m.group(1)):
            continue
        prev = next((ln.text.strip() for ln in reversed(lines[:i]) if ln.text.strip()), "")
        if prev and not (
            prev[-1] in "。；：:！？"
            or marker_of(prev)
            or (_LABEL_VALUE.match(prev) and len(prev) <= 30)
        ):
            continue  # the line continues a sentence broken by the layout, not a field
        nxt = next((ln for ln in lines[i + 1 :] if ln.text.strip()), None)
        if nxt is not None and (
            nxt.text.startswith("\t")
            or not (marker_of(nxt.text) is not None or _LABEL_VALUE.match(nxt.text))
        ):
            continue
        label = m.group(1).strip()
        start = line.text.index(m.group(1).strip())
        expected = suggestion = None
        if "等级" in label:
            near = " ".join(ln.text for ln in lines[max(0, i - 5) : i + 3])
            s = _SCORE.search(near)
            if s:
                expected = grade_of(s.group(1))
                suggestion = f"{label}：{expected}" if expected else None
        out.append(
            Finding(
                rule="text.empty_field",
                severity="warning",
                message=f"“{label}”后没有填写内容"
                + (f"（按得分{s.group(1)}分应为“{expected}”）" if expected and s else ""),
                location=Location(line.page, line.no, line.text[start:].rstrip()),
                expected=expected,
                suggestion=suggestion or "补充该项内容",
                replacement=suggestion,
            )
        )
    return out
