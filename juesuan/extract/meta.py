"""Document-level facts: title, report year, department, profile."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from juesuan.model.document import Document

_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年度?")
_TITLE_HINT = re.compile(r"决算")
# A title names the kind with its publisher: 部门决算 / 单位预算 (a heading such as
# "二、2021年“三公”经费决算情况" inside a budget document does not).
_TITLE_KIND = re.compile(r"(?:部门|单位)(?:决算|预算)")
_TITLE_TAIL = re.compile(r"(部门|单位)?[决预]算(公开)?(说明|情况说明|报告|编制说明)?.*$")


@dataclass(frozen=True)
class Meta:
    title: str
    year: int | None
    department: str
    title_line: int | None


def detect_meta(doc: Document) -> Meta:
    head = [ln for ln in doc.lines[:80] if ln.text.strip()]
    title_line = next((ln for ln in head[:12] if _TITLE_KIND.search(ln.text)), None)
    if title_line is None:
        title_line = next((ln for ln in head[:12] if _TITLE_HINT.search(ln.text)), None)
    if title_line is None and head:
        title_line = head[0]
    title = title_line.text.strip() if title_line else ""
    # A cover split over lines ("上海市普陀区财政局" / "2024年度部门决算") reads as one title.
    if title_line and doc.kind == "pdf" and len(title) < 12:
        i = doc.lines.index(title_line)
        prev = [ln.text.strip() for ln in doc.lines[max(0, i - 2) : i] if ln.text.strip()]
        title = "".join([*prev, title])
    year = _year_of(title)
    if year is None:
        counts = Counter(int(m.group(1)) for ln in head for m in _YEAR.finditer(ln.text))
        year = counts.most_common(1)[0][0] if counts else None
    dept = _YEAR.sub("", title)
    dept = _TITLE_TAIL.sub("", dept).strip(" ：:　")
    return Meta(title, year, dept, title_line.no if title_line else None)


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None
