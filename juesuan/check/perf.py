"""``perf``: the 绩效 self-evaluation — grades vs scores, results vs targets, counts.

Bands and indicator categories are data (``juesuan/data/perf.yaml``); the small
patterns of the self-evaluation text (``绩效自评总分：92分``, ``项目目标为不少于1300人，
完成情况为1391人``) are parsed here with ``juesuan.model.numbers``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from juesuan.check.base import Context, NotApplicable, rule
from juesuan.check.phrases import data
from juesuan.check.spans import NUM, sentences
from juesuan.model.document import Location
from juesuan.model.finding import Finding
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import Interval, parse_number


def grade_of(score: str | Decimal) -> str | None:
    """The grade whose band holds ``score`` (top band includes its upper bound)."""
    try:
        s = Decimal(str(score))
    except InvalidOperation:
        return None
    bands = data("perf")["grade_bands"]
    top = max(Decimal(str(b["hi"])) for b in bands)
    for b in bands:
        lo, hi = Decimal(str(b["lo"])), Decimal(str(b["hi"]))
        if lo <= s < hi or (s == hi == top):
            return str(b["grade"])
    return None


def canonical_grade(word: str) -> str | None:
    for b in data("perf")["grade_bands"]:
        if word == b["grade"] or word in b.get("aliases", []):
            return str(b["grade"])
    return None


# ---- perf.grade ------------------------------------------------------------------------

# A total score: looked for on the grade's own line and on the lines before it.
_SCORE = lazy(r"(?:总分|总得分|综合得分|自评得分)\s*[：:为]?\s*(\d{1,3}(?:\.\d+)?)\s*分")
# On the grade's own line a plain 得分 is its score too (项目自评得分92分，等级为“优”).
_LINE_SCORE = lazy(r"得分\s*[：:为]?\s*(\d{1,3}(?:\.\d+)?)\s*分")
_GRADE = lazy(
    r"(?:自评)?(?:等级|评级|评价结果)\s*[：:为]\s*[“\"]?(优秀|良好|一般|较差|不合格|合格|优|良|中|差)"
)


_GRADE_WORDS = lazy(r"优秀|良好|一般|较差")


@rule("perf.grade", "绩效自评等级与得分不符")
def grade(ctx: Context) -> list[Finding]:
    lines = ctx.doc.lines
    out: list[Finding] = []
    seen_score = False
    for i, line in enumerate(lines):
        g = _GRADE.search(line.text)
        if _SCORE.search(line.text):
            seen_score = True
        if not g or len(set(_GRADE_WORDS.findall(line.text))) > 1:
            continue  # no grade, or a legend listing all the grades
        score = None
        own = _LINE_SCORE.search(line.text[: g.start()])
        if own:
            score = (i, own)
        for j in range(i - 1, max(-1, i - 6), -1) if score is None else ():
            if _GRADE.search(lines[j].text):
                break  # an earlier grade has its own score
            s = _SCORE.search(lines[j].text)
            if s:
                score = (j, s)
                break
        if score is None:
            continue
        j, s = score
        said, right = canonical_grade(g.group(1)), grade_of(s.group(1))
        if said is None or right is None or said == right:
            continue
        out.append(
            Finding(
                rule="perf.grade",
                severity="error",
                message=f"自评得分{s.group(1)}分对应等级“{right}”，文中写作“{g.group(1)}”",
                location=Location(line.page, line.no, g.group(0)),
                related=(Location(lines[j].page, lines[j].no, s.group(0)),),
                expected=right,
                actual=g.group(1),
                suggestion=g.group(0).replace(g.group(1), right, 1),
                replacement=g.group(0).replace(g.group(1), right, 1),
            )
        )
    if not seen_score:
        raise NotApplicable("未找到绩效自评得分")
    return out


# ---- perf.target -----------------------------------------------------------------------

_OPS = {
    "不少于": ">=",
    "不低于": ">=",
    "≥": ">=",
    ">=": ">=",
    "大于等于": ">=",
    "至少": ">=",
    "达到": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "≤": "<=",
    "<=": "<=",
    "小于等于": "<=",
    "大于": ">",
    "高于": ">",
    "超过": ">",
    "小于": "<",
    "低于": "<",
    "少于": "<",
}
_OP = "|".join(sorted((re.escape(k) for k in _OPS), key=len, reverse=True))
_UNIT = r"%|％|人次|人|户|家|个|项|次|元|万元|天|日|小时|分"
_TARGET = lazy(rf"目标(?:值)?为[^，。；\d]{{0,30}}?({_OP})\s*({NUM})\s*({_UNIT})")
_RESULT = lazy(rf"完成(?:情况|值)为[^，。；\d]{{0,30}}?({NUM})\s*({_UNIT})")
_CLAIM = lazy(
    r"(?<![未没])(?<!未能)(?<!没有)(?<!尚未)(?:完成|达到)(?:了)?(?:项目|年度)?(?:绩效)?目标"
)


@rule("perf.target", "绩效指标完成值与目标值不符却称完成目标")
def target(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for para in ctx.doc.paragraphs():
        for sent in sentences(para):
            t = _TARGET.search(sent.text)
            r = _RESULT.search(sent.text, t.end()) if t else None
            if not t or not r or not _CLAIM.search(sent.text, r.end()):
                continue
            if _unit(t.group(3)) != _unit(r.group(2)):
                continue
            op = _OPS[t.group(1)]
            goal = parse_number(t.group(2), exact=True).value
            got = parse_number(r.group(1)).interval
            if _meets(got, op, goal):
                continue
            out.append(
                Finding(
                    rule="perf.target",
                    severity="error",
                    message=f"目标为{t.group(1)}{t.group(2)}{t.group(3)}，完成值{r.group(1)}{r.group(2)}未达到目标，却称完成目标",
                    location=para.location(sent.start + r.start(), sent.start + r.end()),
                    related=(para.location(sent.start + t.start(), sent.start + t.end()),),
                    expected=f"{t.group(1)}{t.group(2)}{t.group(3)}",
                    actual=f"{r.group(1)}{r.group(2)}",
                    suggestion="核实完成值；未达到目标的应写明“未完成项目目标”并说明偏差原因",
                )
            )
    return out


def _unit(u: str) -> str:
    return "%" if u in "%％" else u


def _meets(got: Interval, op: str, goal: Decimal) -> bool:
    """Can a value in ``got`` (a rounded stated number) satisfy ``op goal``?"""
    return {
        ">=": got.hi >= goal,
        ">": got.hi > goal,
        "<=": got.lo <= goal,
        "<": got.lo < goal,
    }[op]


# ---- perf.band_counts ------------------------------------------------------------------

_TOTAL = lazy(r"(?:评价项目|自评(?:的)?[^，。；（）]{0,12}?项目)\s*(\d+)\s*个")
_BAND = lazy(r"(?:得分|评级|等级)[^，。；]{0,20}?的(?:项目)?\s*(\d+)\s*个")


@rule("perf.band_counts", "各得分档项目数之和与评价项目总数不符")
def band_counts(ctx: Context) -> list[Finding]:
    nbands = len(data("perf")["grade_bands"])
    out: list[Finding] = []
    for para in ctx.doc.paragraphs():
        bands = list(_BAND.finditer(para.text))
        if len(bands) != nbands:
            continue  # all bands must be read, or a partial sum would mislead
        totals = [m for m in _TOTAL.finditer(para.text) if m.end() <= bands[0].start()]
        if not totals:
            continue
        tot = totals[-1]
        counts = [int(b.group(1)) for b in bands]
        if sum(counts) == int(tot.group(1)):
            continue
        out.append(
            Finding(
                rule="perf.band_counts",
                severity="error",
                message=f"评价项目共{tot.group(1)}个，各得分档合计{'+'.join(map(str, counts))}={sum(counts)}个，不一致",
                location=para.location(bands[0].start(), bands[-1].end()),
                related=(para.location(tot.start(), tot.end()),),
                expected=tot.group(1),
                actual=str(sum(counts)),
            )
        )
    return out


# ---- perf.category ---------------------------------------------------------------------

_DEF = lazy(
    r"[①②③④⑤⑥⑦⑧⑨⑩]\s*([^①-⑩，。；：:—]{2,12}?指标)\s*(?:——|—|－－|--)\s*([^：:。；]{2,60})[：:]"
)
_RES = lazy(r"^\s*[（(]\d{1,2}[）)]\s*([^。．.：:，]{2,12}?)[。．.]\s*([^：:。；]{2,60})[：:]")


def _cat(s: str) -> str:
    return re.sub(r"指标$", "", s.strip())


def _name(s: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", s)


@rule("perf.category", "绩效指标的类别与设定时不一致")
def category(ctx: Context) -> list[Finding]:
    defined: dict[str, tuple[str, Location]] = {}
    paras = ctx.doc.paragraphs()
    for para in paras:
        for m in _DEF.finditer(para.text):
            defined.setdefault(_name(m.group(2)), (m.group(1), para.location(m.start(), m.end())))
    if not defined:
        raise NotApplicable("未找到绩效指标设定（①数量指标——……）")
    out: list[Finding] = []
    for para in paras:
        r = _RES.match(para.text)
        if not r or _name(r.group(2)) not in defined:
            continue
        m = r
        cat, where = defined[_name(m.group(2))]
        if _cat(cat) == _cat(m.group(1)):
            continue
        out.append(
            Finding(
                rule="perf.category",
                severity="warning",
                message=f"指标“{m.group(2)}”设定为“{cat}”，完成情况中却列在“{m.group(1)}”下",
                location=para.location(m.start(1), m.end(1)),
                related=(where,),
                expected=_cat(cat) + ("指标" if m.group(1).endswith("指标") else ""),
                actual=m.group(1),
                suggestion=f"改为“{_cat(cat)}{'指标' if m.group(1).endswith('指标') else ''}”，并与其他指标的编号顺序一致",
            )
        )
    return out
