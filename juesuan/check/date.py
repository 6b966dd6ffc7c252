"""``date``: malformed years and years that disagree with the report year."""

from __future__ import annotations

import re

from juesuan.check.base import Context, rule
from juesuan.model.finding import Finding

# "202年度", "20233年": a year-like number with the wrong digit count before 年/年度.
_BAD_YEAR = re.compile(r"(?<![\d.,])(20\d|20\d{3,})(?=年度|年)")


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
                )
            )
    return out
