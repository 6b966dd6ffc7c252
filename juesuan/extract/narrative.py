"""Statements of the narrative: subjects with their amounts, changes, shares and parts.

Each paragraph is read left to right, number by number. The words just before a number
(its *cue*) say what the number is: a new subject's value, the change against last year
or the budget (``比上年增加``), a stated base (``年初预算``), a rate (``增长``), a share
(``占…的``), a completion rate (``完成年初预算的``). ``其中`` and ``主要用于以下方面`` open a
list of parts; a sentence that ends in ``其中：`` takes the following paragraphs as parts
(the 类 → 款 lists and the economic breakdowns of the template).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal

from juesuan.check.base import Context
from juesuan.extract.outline import Heading, marker_of, outline_of
from juesuan.extract.tokens import Token, tokens
from juesuan.extract.vocab import (
    canonical,
    direction_alternation,
    fund_of,
)
from juesuan.model.document import Location, Paragraph
from juesuan.model.facts import (
    BASIS_BUDGET,
    FUND_ALL,
    PERIOD_PREVIOUS,
    Fact,
    FactSet,
    Scope,
)
from juesuan.model.numbers import Quantity


@dataclass(eq=False)
class Item:
    """One subject of a statement and everything said about it in the text."""

    subject: str
    concept: str
    scope: Scope
    kind: str  # amount | count
    para: Paragraph
    para_index: int
    start: int  # where the subject's text starts in the paragraph
    level: str = ""  # 类 / 款 / 项
    value: Token | None = None
    base_kind: str = ""  # 上年 | 年初预算
    base: Token | None = None
    delta: Token | None = None
    delta_word: str = ""
    delta_word_span: tuple[int, int] = (0, 0)
    rate: Token | None = None
    rate_word: str = ""
    share: Token | None = None
    share_whole: str = ""
    completion: Token | None = None
    parts: list[Item] = field(default_factory=list)
    parent: Item | None = None
    end: int = 0

    def loc(self, tok: Token | None = None) -> Location:
        if tok is None:
            return self.para.location(self.start, max(self.end, self.start + 1))
        return self.para.location(tok.start, tok.end)

    def span_loc(self, a: Token | None, b: Token | None) -> Location:
        toks = [t for t in (a, b) if t is not None]
        lo = min(t.start for t in toks)
        hi = max(t.end for t in toks)
        return self.para.location(lo, hi)

    @property
    def unit(self) -> str:
        return self.value.q.unit if self.value else ""


@dataclass
class Narrative:
    items: list[Item]
    facts: FactSet
    averages: list[tuple[Item, Token]]  # (count item, the average stated after it)


# ---- cues -----------------------------------------------------------------------------

_DIR = direction_alternation()
_PREV_YEAR = r"(?:上年|上年度|上一年度?|(?P<y>\d{4})\s*年度?)"
_BUDGET = r"(?:(?:\d{4}\s*年度?)?年初预算数?|预算数?)"
_DELTA = re.compile(
    rf"(?:比|较|与)(?:(?P<bud>{_BUDGET})|(?P<prev>{_PREV_YEAR}))(?:相比)?[，,]?(?P<mid>[^，,；;。]*?)(?P<dir>{_DIR})$"
)
_FLAT = re.compile(
    rf"^[，,]?\s*(?:比|与|较)(?:(?P<bud>{_BUDGET})|(?P<prev>{_PREV_YEAR}))(?:相比)?[，,]?[^，,；;。]{{0,12}}?(?P<dir>(?:基本)?持平)"
)
_BASE_AFTER_BI = re.compile(rf"(?:比|较)(?P<bud>{_BUDGET})$")
_BASE_BUDGET = re.compile(r"(?P<bud>(?:\d{4}\s*年度?)?年初预算数?)为?$")
_DIR_ONLY = re.compile(rf"^[，,]?\s*(?P<dir>{_DIR})$")
_FINAL_AFTER = re.compile(r"(?:支出)?决算数?为?$")
_PARTS_OPEN = re.compile(
    r"其中[：:]?|主要用于以下方面[^：:]*[：:]|(?P<whole>[^，,；;。：:]{2,20})中[，,：:]"
)
_SHARE = re.compile(r"占比(?:为)?$|占(?P<whole>[^，,；;。%]*?)的?(?:比重|比例)?(?:为)?$")
_RATE = re.compile(rf"(?P<dir>{_DIR})(?:幅度)?(?:为)?$")
_COMPLETION = re.compile(r"完成(?:年初)?预算(?:数)?的$")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?\s*以[上下]")
_AVERAGE = re.compile(r"(?:车均|人均|平均)")
_YEARS = re.compile(r"\d{2,4}\s*年度?")
_QUOTED = re.compile(r"[“\"「]([^”\"」]{2,40})[”\"」]\s*[（(](类|款|项)[^）)]*[）)]")
_LEVELED = re.compile(r"([^（(，,；;。：:“”\"]{2,30})[（(](类|款|项)[^）)]*[）)]")
_GENERIC = {"", "合计", "共计", "总计", "总额", "金额", "决算", "支出", "为", "其中", "实际"}
_STRIP_TAIL = re.compile(r"(?:决算数|决算|支出决算|的|为|是|达|共|约|合计为|总额为|共计|累计)+$")
_STRIP_HEAD = re.compile(
    r"^(?:其中|主要用于以下方面[^：:]*|本年度|本部门|本单位|全年|年度)[：:，,]?"
)
_NOTE = re.compile(r"[（(][^（）()]*(?:为准|含|按|下同)[^（）()]*[）)]")


def _last(pat: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pat.finditer(text):  # noqa: B007 - we want the last match
        pass
    return found


def _clean_subject(cue: str) -> tuple[str, str]:
    """The subject words of a cue, and the classification level if it names one."""
    level = ""
    m = _last(_QUOTED, cue)
    if m is not None:
        return m.group(1).strip(), m.group(2)
    lm = _last(_LEVELED, cue)
    if lm is not None:
        return lm.group(1).strip(), lm.group(2)
    s = re.split(r"[，,；;：:。]", cue)[-1]
    mk = marker_of(s)
    if mk:
        s = s[s.index(mk[3]) + len(mk[3]) :]
    s = _NOTE.sub("", s)
    s = _YEARS.sub("", s)
    s = _STRIP_HEAD.sub("", s.strip())
    s = _STRIP_TAIL.sub("", s.strip())
    return s.strip(" 　、"), level


def _para_title(text: str) -> tuple[str, str]:
    """The heading words of an itemised paragraph (``1.工资福利支出：…`` → 工资福利支出)."""
    mk = marker_of(text)
    rest = text[len(mk[3]) :] if mk else text
    rest = rest.lstrip()
    head = re.split(r"[：:。]", rest, maxsplit=1)[0]
    head = re.sub(r"(?:支出)?(?:决算)?(?:情况说明|情况)$", "", head) or head
    if len(head) > 40:
        return "", ""
    name, level = _clean_subject(head)
    return name, level


class _Reader:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.year = ctx.year
        self.items: list[Item] = []
        self.averages: list[tuple[Item, Token]] = []
        self.headings = outline_of(ctx).headings
        self.heading_keys = [(h.page or 0, h.line) for h in self.headings]
        self.dept = ctx.meta.department

    def chain(self, para: Paragraph) -> list[Heading]:
        line = para.first_line
        i = bisect_right(self.heading_keys, (line.page or 0, line.no))
        last: Heading | None = self.headings[i - 1] if i else None
        out: list[Heading] = []
        while last is not None:
            out.append(last)
            last = last.parent
        return out

    def scope_for(self, subject_text: str, chain: list[Heading]) -> Scope:
        fund = fund_of(subject_text)
        if fund is None:
            for h in chain:
                if h.style in ("section", "subsection", "part"):
                    fund = fund_of(h.title)
                    if fund:
                        break
        return Scope(fund=fund or FUND_ALL)

    def read(self) -> list[Item]:
        # Items whose sentence ended in 其中：, each with the heading it was opened under.
        pending: list[tuple[Item, Heading | None]] = []
        for pi, para in enumerate(self.ctx.doc.paragraphs()):
            if para.text.startswith("\t"):
                continue  # a table row or a contents entry, not a sentence
            toks = tokens(para.text)
            chain = self.chain(para)
            here = chain[0] if chain else None
            # A list opened under heading H continues only under H or its descendants.
            pending = [(it, h) for it, h in pending if h is None or any(h is c for c in chain)]
            if not toks:
                continue
            made = self.read_paragraph(para, pi, toks)
            top = made[0] if made else None
            if pending and top is not None and top.parent is None and top.value is not None:
                parent = pending[-1][0]
                if _may_be_part(top, parent):
                    top.parent = parent
                    parent.parts.append(top)
            if made and re.search(r"其中[：:]?\s*$", para.text.strip()):
                pending.append((made[-1], here))
        return self.items

    def read_paragraph(self, para: Paragraph, pi: int, toks: list[Token]) -> list[Item]:
        text = para.text
        chain = self.chain(para)
        heading_subject = ""
        for h in chain:
            if h.line == para.first_line.no and h.page == para.first_line.page:
                continue
            name, _ = _para_title(h.title)
            if name:
                heading_subject = name
                break
        title_subject, title_level = _para_title(text) if marker_of(text) else ("", "")
        made: list[Item] = []
        current: Item | None = None
        parts_of: Item | None = None
        prev_end = 0
        last_count: Item | None = None
        for tok in toks:
            cue = text[prev_end : tok.start]
            self._flat(current, cue, prev_end)
            sentence_break = "。" in cue
            if sentence_break:
                parts_of = None
            local = cue.rsplit("。", 1)[-1].rstrip(" 　\t")
            prev_end = tok.end
            if tok.kind == "percent":
                self._percent(current, tok, local)
                continue
            if tok.kind == "amount" and (
                _THRESHOLD_AFTER.match(text[tok.end : tok.end + 6])
                or local.rstrip().endswith("单价")
            ):
                continue
            if (
                current is not None
                and current.kind == tok.kind
                and self._attach(current, tok, local)
            ):
                current.end = tok.end
                continue
            if (
                tok.kind == "amount"
                and _AVERAGE.search(local.split("，")[-1])
                and last_count is not None
            ):
                self.averages.append((last_count, tok))
                continue
            # A new subject.
            m_parts = _last(_PARTS_OPEN, local)
            opens_parts = m_parts is not None
            subj_cue = local[m_parts.end() :] if m_parts is not None else local
            subject, level = _clean_subject(subj_cue)
            if tok.kind == "count" and (not subject or subject in _GENERIC):
                after = re.match(r"[^，,；;。：:、]{1,12}", text[tok.end :])
                if after:
                    subject = after.group(0)
            if (
                not subject
                or subject in _GENERIC
                or subject.startswith("包括")
                or len(subject) > 30
            ):
                if not made and title_subject:
                    subject, level = title_subject, level or title_level
                elif subject in _GENERIC and current is not None:
                    subject = current.subject
                elif not made and heading_subject:
                    subject = heading_subject
                elif last_count is not None and tok.kind == "amount":
                    subject = last_count.subject
            item = Item(
                subject=subject,
                concept=canonical(subject, self.dept),
                scope=self.scope_for(local + subject, chain),
                kind=tok.kind,
                para=para,
                para_index=pi,
                start=max(0, tok.start - len(subj_cue.lstrip("，,；;：: "))),
                level=level,
            )
            base_first = _BASE_BUDGET.search(local)
            if base_first and tok.kind == "amount" and not _BASE_AFTER_BI.search(local):
                item.base_kind, item.base = BASIS_BUDGET, tok
                sub = local[: base_first.start()]
                s2, lv2 = _clean_subject(sub)
                if s2 and s2 not in _GENERIC:
                    item.subject, item.concept, item.level = (
                        s2,
                        canonical(s2, self.dept),
                        lv2 or item.level,
                    )
                elif title_subject and not made:
                    item.subject, item.concept = title_subject, canonical(title_subject, self.dept)
                    item.level = item.level or title_level
            elif _DELTA.search(local) or _DIR_ONLY.search(local):
                # A change stated on its own ("…比上年减少0.01万元"): no value to add up.
                dm = _DELTA.search(local)
                item.delta = tok
                item.delta_word = (dm or _DIR_ONLY.search(local)).group("dir")  # type: ignore[union-attr]
                item.base_kind = (
                    PERIOD_PREVIOUS if dm is not None and dm.group("prev") else BASIS_BUDGET
                )
                head = local[: dm.start()] if dm is not None else ""
                s3, lv3 = _clean_subject(head)
                if s3 and s3 not in _GENERIC:
                    item.subject, item.concept, item.level = s3, canonical(s3, self.dept), lv3
            else:
                item.value = tok
            item.end = tok.end
            # Where does it belong?
            if opens_parts and m_parts is not None and m_parts.group("whole"):
                whole = canonical(_clean_subject(m_parts.group("whole"))[0], self.dept)
                parent = self._find(whole, made) or self._find(whole, self.items)
                if parent is not None and parent.parts:
                    # The same total broken down again ("三公经费决算中，…"): a new list.
                    parent = replace(parent, parts=[], share=None, rate=None, completion=None)
                parts_of = parent
            elif opens_parts:
                if current is not None and current.parent is not None and "其中" in local:
                    # "…；其他人员0人，其中：…": that subject was no part; it opens its own list.
                    current.parent.parts.remove(current)
                    current.parent = None
                parts_of = current
            if parts_of is not None and parts_of is not item and parts_of.kind == item.kind:
                item.parent = parts_of
                parts_of.parts.append(item)
            made.append(item)
            self.items.append(item)
            current = item
            if tok.kind == "count":
                last_count = item
        self._flat(current, text[prev_end:], prev_end)
        return made

    def _flat(self, cur: Item | None, cue: str, offset: int) -> None:
        """``比年初预算持平`` / ``与上年持平``: a change of zero, stated without a number."""
        if cur is None or cur.value is None or cur.delta is not None:
            return
        m = _FLAT.search(cue.split("。", 1)[0])
        if m is None:
            return
        v = cur.value.q
        zero = Quantity(Decimal(0), v.unit, v.exponent, v.exact)
        a, b = offset + m.start("dir"), offset + m.end("dir")
        cur.delta = Token(cur.value.kind, zero, a, b, m.group("dir"))
        cur.delta_word = "持平"
        cur.delta_word_span = (a, b)
        cur.base_kind = PERIOD_PREVIOUS if m.group("prev") else BASIS_BUDGET

    def _attach(self, cur: Item, tok: Token, cue: str) -> bool:
        """Attach an amount to the current subject when its cue says what it is."""
        m = _DELTA.search(cue)
        if m and cur.delta is None and (cur.value is not None or cur.base is not None):
            mid = m.group("mid")
            if mid and len(mid) > 16:
                return False
            if m.group("prev"):
                y = m.group("y")
                if y and self.year and int(y) != self.year - 1:
                    return False
                cur.base_kind = PERIOD_PREVIOUS
            else:
                cur.base_kind = BASIS_BUDGET
            cur.delta, cur.delta_word = tok, m.group("dir")
            cur.delta_word_span = (
                tok.start - len(cue) + m.start("dir"),
                tok.start - len(cue) + m.end("dir"),
            )
            return True
        m = _BASE_AFTER_BI.search(cue)
        if m and cur.base is None and cur.value is not None:
            cur.base_kind, cur.base = BASIS_BUDGET, tok
            return True
        m = _BASE_BUDGET.search(cue)
        if m and cur.base is None and cur.value is not None and len(cue) < 12:
            cur.base_kind, cur.base = BASIS_BUDGET, tok
            return True
        m = _DIR_ONLY.search(cue.strip())
        if m and cur.base is not None and cur.delta is None and cur.value is not None:
            cur.delta, cur.delta_word = tok, m.group("dir")
            off = tok.start - len(cue)
            i = cue.rfind(m.group("dir"))
            cur.delta_word_span = (off + i, off + i + len(m.group("dir")))
            return True
        if (
            _FINAL_AFTER.search(cue)
            and cur.base is not None
            and cur.value is None
            and len(cue) < 14
        ):
            cur.value = tok
            return True
        return False

    def _percent(self, cur: Item | None, tok: Token, cue: str) -> None:
        if cur is None:
            return
        if _COMPLETION.search(cue):
            cur.completion = tok
            cur.end = tok.end
            return
        m = _SHARE.search(cue)
        if m and cur.share is None:
            cur.share, cur.share_whole = tok, (m.group("whole") or "").strip()
            cur.end = tok.end
            return
        m = _RATE.search(cue)
        if m and cur.delta is not None and cur.rate is None and len(cue) <= 8:
            cur.rate, cur.rate_word = tok, m.group("dir")
            cur.end = tok.end

    def _find(self, concept: str, pool: list[Item]) -> Item | None:
        for it in reversed(pool):
            if it.concept == concept and it.value is not None:
                return it
        return None


def _may_be_part(top: Item, parent: Item) -> bool:
    """Whether a paragraph's first subject continues the list its parent opened."""
    if top.kind != parent.kind:
        return False
    if parent.level:
        return bool(top.level) and _level_rank(top.level) > _level_rank(parent.level)
    return True


def _level_rank(level: str) -> int:
    return {"类": 0, "款": 1, "项": 2}.get(level, 3)


def narrative_of(ctx: Context) -> Narrative:
    """The narrative's statements and facts, computed once per document."""

    def build() -> Narrative:
        reader = _Reader(ctx)
        items = reader.read()
        facts = FactSet()
        for it in items:
            if it.value is not None:
                facts.add(
                    Fact(
                        it.concept,
                        it.value.q,
                        it.loc(it.value),
                        it.scope,
                        "amount" if it.kind == "amount" else "count",
                        level=it.level,
                        parent=it.parent.concept if it.parent else "",
                        para=it.para_index,
                    )
                )
            if it.base is not None and it.base_kind == BASIS_BUDGET:
                facts.add(
                    Fact(
                        it.concept,
                        it.base.q,
                        it.loc(it.base),
                        Scope(it.scope.fund, BASIS_BUDGET),
                        it.kind,
                        level=it.level,
                        para=it.para_index,
                    )
                )
            for tok in (it.share, it.rate, it.completion):
                if tok is not None:
                    facts.add(
                        Fact(
                            it.concept, tok.q, it.loc(tok), it.scope, "percent", para=it.para_index
                        )
                    )
        return Narrative(items, facts, reader.averages)

    result: Narrative = ctx.memo("narrative", build)
    return result


def facts_of(ctx: Context) -> FactSet:
    """All facts stated in the narrative (the API other modules use)."""
    fs: FactSet = ctx.memo("facts", lambda: narrative_of(ctx).facts)
    return fs
