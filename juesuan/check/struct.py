"""``struct``: the outline's numbering (duplicates, gaps, order, a style on two levels)."""

from __future__ import annotations

from juesuan.check.base import Context, NotApplicable, rule
from juesuan.extract.outline import STYLE_LABEL, outline_of
from juesuan.model.document import Location
from juesuan.model.finding import Finding

_KIND_TEXT = {
    "duplicate": "编号重复",
    "gap": "编号跳号",
    "order": "编号顺序颠倒",
    "start": "编号未从第一个开始",
}


@rule("struct.numbering", "标题编号（重复、跳号、顺序、同一样式用于两级）")
def numbering(ctx: Context) -> list[Finding]:
    outline = outline_of(ctx)
    if not outline.headings:
        raise NotApplicable("未识别到编号标题")
    out: list[Finding] = []
    for issue in outline.issues:
        h = issue.heading
        loc = Location(h.page, h.line, h.marker)
        related: tuple[Location, ...] = ()
        if issue.previous is not None:
            p = issue.previous
            related = (Location(p.page, p.line, p.marker),)
        if issue.kind == "reuse":
            label = STYLE_LABEL[h.style]
            out.append(
                Finding(
                    rule="struct.numbering",
                    severity="warning",
                    message=f"编号样式“{label}”同时用于两个层级：“{h.marker}”位于“{issue.previous.marker if issue.previous else ''}”之下，层级不清",
                    location=loc,
                    related=related,
                    suggestion="下级标题改用下一级编号样式（一、→（一）→1.→（1））",
                )
            )
            continue
        # A disclosure whose tables (第一部分) are published as a separate attachment
        # starts at 第二部分: worth a note, not a warning.
        part_start = issue.kind == "start" and h.style == "part"
        out.append(
            Finding(
                rule="struct.numbering",
                severity="info" if part_start else "warning",
                message=f"{_KIND_TEXT[issue.kind]}：“{h.marker}”"
                + (f"，上一个同级编号为“{issue.previous.marker}”" if issue.previous else "")
                + ("（若第一部分为单独公开的报表，可忽略）" if part_start else ""),
                location=loc,
                related=related,
                expected=issue.expected,
                actual=h.marker,
            )
        )
    return out
