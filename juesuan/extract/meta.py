"""Document-level facts: title, report year, department, and what kind of document it is.

The kind (部门决算, 单位决算, 部门预算, 单位预算, or not a disclosure at all) is read from the
document's own words: its title and first page, then the standard tables it announces.
The wording is data (``doc_kinds.yaml``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from juesuan.model.context import Context
from juesuan.model.document import Document
from juesuan.model.lazyre import lazy

_YEAR = lazy(r"(?<!\d)(20\d{2})\s*年度?")
_TITLE_HINT = lazy(r"[决预]算")
# A title names the kind with its publisher: 部门决算 / 单位预算 (a heading such as
# "二、2021年“三公”经费决算情况" inside a budget document does not).
_TITLE_KIND = lazy(r"(?:部门|单位)(?:综合)?(?:决算|预算)")
_TITLE_TAIL = lazy(
    r"(部门|单位)?(综合)?[决预]算(公开|信息公开)?(说明|情况说明|报告|报表|编制说明)?.*$"
)

NOT_DISCLOSURE = "非公开文件"
NOT_DISCLOSURE_NOTE = "不是部门预决算公开文件"


@dataclass(frozen=True)
class Meta:
    title: str
    year: int | None
    department: str
    title_line: int | None
    doc_kind: str = ""  # 部门决算 | 单位决算 | 部门预算 | 单位预算 | 非公开文件 | "" (unknown)
    consolidated: bool = False  # 汇总: a department with its subordinate units

    @property
    def family(self) -> str:
        """决算 or 预算 (empty when unknown or not a disclosure)."""
        return self.doc_kind[-2:] if self.doc_kind in _KINDS else ""

    @property
    def disclosure(self) -> bool:
        return self.doc_kind != NOT_DISCLOSURE


_KINDS = ("部门决算", "单位决算", "部门预算", "单位预算")


@cache
def _words() -> dict[str, Any]:
    from juesuan.data import read_yaml

    data: dict[str, Any] = read_yaml("juesuan.extract", "doc_kinds.yaml")
    return data


def meta_of(ctx: Context) -> Meta:
    """The document's title, year, department and kind, read once per analysis."""
    meta: Meta = ctx.memo("meta", lambda: detect_meta(ctx.doc))
    return meta


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
    dept = _TITLE_TAIL.sub("", dept).strip(" ：:　\t")
    kind, consolidated = doc_kind(doc, title)
    return Meta(title, year, dept, title_line.no if title_line else None, kind, consolidated)


def _squash(s: str) -> str:
    """Spaces out, and read as simplified (決算 → 决算), so Traditional text is recognized."""
    from juesuan.extract.normalize import reading

    return re.sub(r"\s+", "", reading(s))


_FUND_NAMES = lazy(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算")


def _hits(patterns: list[str], text: str) -> int:
    return sum(len(re.findall(p, text)) for p in patterns)


def doc_kind(doc: Document, title: str) -> tuple[str, bool]:
    """(kind, consolidated). The title decides when it names a family; else the first pages;
    else the standard tables the document announces. A document with text that names
    neither family nor any standard table is not a disclosure; one without text is unknown."""
    words = _words()
    t = _squash(title)
    first = [ln for ln in doc.lines[:150] if ln.text.strip()]
    head = _squash("".join(ln.text for ln in first[:60]))
    fam = _family(words, t) or _family(words, head)
    if not fam:
        fam = _family_by_tables(doc)
    if not fam:
        # Text whose words are scrambled (overprinted, interleaved or reversed glyphs) still
        # holds 预…算 / 决…算 close together, densely; a document of another genre rarely
        # does (the crawled notices and reports: at most 1.5 per 1000 characters).
        text = _squash("".join(ln.text for ln in doc.lines))
        # A fund's name (一般公共预算…) is in both families' text: it says nothing here.
        text = _FUND_NAMES.sub("", text)
        loose = {f: len(re.findall(f"{f}.{{0,4}}算|算.{{0,4}}{f}", text)) for f in "决预"}
        n = loose["决"] + loose["预"]
        if n >= 8 and 1000 * n >= 3 * len(text):
            fam = "决算" if loose["决"] > loose["预"] else "预算"
        else:
            return (NOT_DISCLOSURE if len(text) >= 200 else ""), False
    if _hits(words["not_disclosure"], t) and not _family(words, t):
        return NOT_DISCLOSURE, False
    level = "部门"
    for name in ("单位", "部门"):
        pats = [p.replace("(预|决)", fam[0]) for p in words["level"][name]]
        if _hits(pats, t):
            level = name
            break
    else:
        counts = {
            n: _hits([p.replace("(预|决)", fam[0]) for p in words["level"][n]], head)
            for n in ("单位", "部门")
        }
        if counts["单位"] > counts["部门"]:
            level = "单位"
    consolidated = any(w in t or w in head[:300] for w in words["consolidated"])
    return level + fam, consolidated


def _family(words: dict[str, Any], text: str) -> str:
    counts = {f: _hits(words["family"][f], text) for f in ("决算", "预算")}
    if not any(counts.values()):
        return ""
    return max(counts, key=lambda f: counts[f])


def _family_by_tables(doc: Document) -> str:
    from juesuan.tables.announce import announced

    kinds = announced(doc)
    counts = Counter(k.doc for k in kinds)
    return counts.most_common(1)[0][0] if counts else ""


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None
