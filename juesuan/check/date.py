"""``date``: malformed years and years that disagree with the report year."""

from __future__ import annotations

import re

from juesuan.check.base import Context, NotApplicable, rule
from juesuan.model.document import Paragraph
from juesuan.model.finding import Finding
from juesuan.model.lazyre import lazy

# "202年度", "20233年": a year-like number with the wrong digit count before 年/年度.
_BAD_YEAR = lazy(r"(?<![\d.,])(20\d|20\d{3,})(?=年度|年)")


@rule("date.malformed_year", "年份格式（位数不对的年份）")
def malformed_year(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    year = ctx.year
    for para in ctx.doc.paragraphs():
        for m in _BAD_YEAR.finditer(para.text):
            tail = para.text[m.end() : m.end() + 2]
            expected = str(year) if year else None
            out.append(
                Finding(
                    rule="date.malformed_year",
                    severity="error",
                    message=f"年份“{m.group(1)}”位数不对" + (f"，应为 {year}" if year else ""),
                    location=para.location(m.start(), m.end() + (2 if tail == "年度" else 1)),
                    expected=expected,
                    actual=m.group(1),
                    suggestion=f"{year}{'年度' if tail == '年度' else '年'}" if year else None,
                    replacement=f"{year}{'年度' if tail == '年度' else '年'}" if year else None,
                )
            )
    return out


# ---- years the template fixes to the report year --------------------------------------

_SELF_EVAL = lazy(
    r"对[^。，；]{0,40}?(?<!\d)(20\d{2})\s*年度?[^。；]{0,60}?项目支出实施了?绩效自评"
)
_CUTOFF = lazy(r"(?:截至|截止到?|载止)\s*(20\d{2})\s*年\s*12\s*月\s*31\s*日")
_OTHER_YEAR_HINT = lazy(r"上年|上一年|去年|同期|相比|较上|对比|以前年度")
_TITLE_YEAR = lazy(r"(?<!\d)(20\d{2})\s*年度?\s*(?:部门|单位)?决算")
_TITLE_LINE = lazy(r"(?:部门|单位)?决算(?:公开)?(?:说明|情况说明|表|报告|$)")


@rule("date.report_year", "模板规定为本年度的年份与报告年度不符")
def report_year(ctx: Context) -> list[Finding]:
    year = ctx.year
    if year is None:
        raise NotApplicable("未能确定报告年度")
    out: list[Finding] = []
    # A budget is written before its year: its assets stand at the end of the year before,
    # and the self-evaluation it reports is of an earlier year (which one, it may choose).
    budget = ctx.family == "预算"
    cutoff, when = (
        (year - 1, "预算公开的资产时点应为上年年末") if budget else (year, "决算时点应为本年度年末")
    )
    for para in ctx.doc.paragraphs():
        text = para.text
        for m in () if budget else _SELF_EVAL.finditer(text):
            if int(m.group(1)) != year:
                out.append(_wrong_year(para, m, year, "绩效自评的对象应为本年度项目支出"))
        for m in _CUTOFF.finditer(text):
            end = text.find("。", m.end())
            sent = text[text.rfind("。", 0, m.start()) + 1 : end if end >= 0 else len(text)]
            if int(m.group(1)) != cutoff and not _OTHER_YEAR_HINT.search(sent):
                out.append(_wrong_year(para, m, year, when, "warning", cutoff))
        if len(text) <= 60 and _TITLE_LINE.search(text) and "。" not in text:
            for m in _TITLE_YEAR.finditer(text):
                if int(m.group(1)) != year:
                    out.append(_wrong_year(para, m, year, "标题中的决算年度应为报告年度"))
    return out


def _wrong_year(
    para: Paragraph,
    m: re.Match[str],
    year: int,
    why: str,
    severity: str = "error",
    want: int | None = None,
) -> Finding:
    """``want``: the year the place calls for, when not the report year itself."""
    loc = para.location(m.start(), m.end())
    right = str(want or year)
    return Finding(
        rule="date.report_year",
        severity=severity,  # type: ignore[arg-type]
        message=f"年份“{m.group(1)}”与报告年度{year}不符：{why}"
        + (f"（{right}年）" if want and want != year else ""),
        location=loc,
        expected=right,
        actual=m.group(1),
        suggestion=loc.excerpt.replace(m.group(1), right, 1),
        replacement=loc.excerpt.replace(m.group(1), right, 1),
    )
