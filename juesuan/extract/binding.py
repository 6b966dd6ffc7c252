"""Binding numbers to statements, paragraph by paragraph.

Each paragraph is read in its reading form (``extract.normalize``), number by number. What a
number is comes from the cue words of *its own clause*: a new subject's value, a budget
(``年初预算为``, ``完成全年预算…``), a last-year amount, the change against last year or
the budget (``比上年增加``), and for a percentage: a completion (``完成…的``), a share
(``占…的``) or a rate (``增长``). ``其中`` and ``主要用于以下方面`` open a list of parts; a
sentence that ends in ``其中：`` takes the following paragraphs as parts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from decimal import Decimal

from juesuan.extract.clauses import GENERIC, clause_before, clean_subject, last, para_title
from juesuan.extract.cues import cues
from juesuan.extract.items import Item
from juesuan.extract.lists import coded_parent, item_code, may_be_part
from juesuan.extract.meta import meta_of
from juesuan.extract.normalize import reading
from juesuan.extract.outline import Heading, marker_of, outline_of
from juesuan.extract.tokens import Token, tokens
from juesuan.extract.vocab import canonical, fund_of
from juesuan.model.context import Context
from juesuan.model.document import Paragraph
from juesuan.model.facts import BASIS_BUDGET, FUND_ALL, PERIOD_PREVIOUS, Scope
from juesuan.model.numbers import Quantity

_PARTS_OPEN = re.compile(
    r"其中[：]?|主要用于以下方面[^：]*[：]|(?P<whole>[^，；。：（）]{2,20}(?<!其))中[，：]"
)
_THRESHOLD_AFTER = re.compile(r"^\s*(?:（含）)?\s*以[上下]")
_AVERAGE = re.compile(r"(?:车均|人均|平均|每辆|每人|每批次?|每次|每台)")
_GARBLED = re.compile(r"[\u4e00-\u9fff][0-9]+[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年(?!初)")
_SHARE_WHOLE = re.compile(r"占[^，；。]{2,20}$")
_OPENS_WITH_COMPARISON = re.compile(r"^\s*(?:比|较|与|同比)")
_COMPARED_WITH = re.compile(
    r"(?:比|较)(?:\d{4}\s*年|上年|上一年|去年|同期|年初|预算|调整|全年)[^，；。比较]{0,14}$"
)


class Reader:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.year = ctx.year
        self.items: list[Item] = []
        self.averages: list[tuple[Item, Token]] = []
        self.headings = outline_of(ctx).headings
        self.heading_keys = [(h.page or 0, h.line) for h in self.headings]
        self.dept = meta_of(ctx).department
        title = meta_of(ctx).title
        # In a budget (预算) document the budget figures are the statements' own values.
        self.budget_doc = "预算" in title and "决算" not in title
        self.c = cues()

    def basis(self, m: re.Match[str]) -> str | None:
        """The basis a comparison names, or None when it names another year's figure.

        A budget of a named earlier year (``比2025年年初预算`` in a 2026 document) is last
        year's figure; in a budget document every budget compared with is last year's.
        """
        y = m.groupdict().get("y")
        if m.groupdict().get("bud"):
            by = m.group("by")
            if by and self.year and int(by) == self.year - 1:
                return PERIOD_PREVIOUS
            return PERIOD_PREVIOUS if self.budget_doc else BASIS_BUDGET
        if y and self.year and int(y) != self.year - 1:
            return None
        return PERIOD_PREVIOUS

    def chain(self, para: Paragraph) -> list[Heading]:
        line = para.first_line
        i = bisect_right(self.heading_keys, (line.page or 0, line.no))
        last_h: Heading | None = self.headings[i - 1] if i else None
        out: list[Heading] = []
        while last_h is not None:
            out.append(last_h)
            last_h = last_h.parent
        return out

    def scope_for(self, subject_text: str, chain: list[Heading]) -> Scope:
        fund = fund_of(subject_text)
        if fund is None:
            for h in chain:
                if h.style in ("section", "subsection", "part"):
                    fund = fund_of(reading(h.title))
                    if fund:
                        break
        return Scope(fund=fund or FUND_ALL)

    def read(self) -> list[Item]:
        # Items whose sentence ended in 其中：, each with the heading it was opened under.
        pending: list[tuple[Item, Heading | None]] = []
        styles: dict[int, str] = {}  # the marker style of each pending list's parts
        # each pending list's opening sentence: its statements with their codes
        opened: dict[int, list[tuple[Item, str]]] = {}
        for pi, para in enumerate(self.ctx.doc.paragraphs()):
            if para.text.startswith("\t"):
                continue  # a table row or a contents entry, not a sentence
            toks = tokens(para.text)
            chain = self.chain(para)
            here = chain[0] if chain else None
            # A list opened under heading H continues only under H or its descendants.
            pending = [(it, h) for it, h in pending if h is None or any(h is c for c in chain)]
            if not toks:
                if re.search(r"[：:]\s*$", para.text):
                    pending = []  # “从人员经费、公用经费来看，其中：”: a new breakdown begins
                continue
            text = reading(para.text)
            made = self.read_paragraph(para, text, pi, toks, chain)
            top = made[0] if made else None
            if pending and top is not None and top.parent is None and top.value is not None:
                parent = pending[-1][0]
                code = item_code(top, para.text)
                if code:
                    parent = coded_parent(code, opened.get(id(parent), [])) or parent
                # Siblings share their marker style: “（一）人员经费” then “1、工资福利支出”
                # is a level below, not the next part of the list.
                mk = marker_of(text)
                style = mk[0] if mk else ""
                if may_be_part(top, parent) and styles.setdefault(id(parent), style) == style:
                    top.parent = parent
                    parent.parts.append(top)
            if made and re.search(r"其中[：]?\s*$", text.strip()):
                pending.append((made[-1], here))
                opened[id(made[-1])] = [(it, item_code(it, para.text)) for it in made]
        return self.items

    def _subjects(self, para: Paragraph, text: str, chain: list[Heading]) -> tuple[str, str, str]:
        heading_subject = ""
        for h in chain:
            if h.line == para.first_line.no and h.page == para.first_line.page:
                continue
            name, _ = para_title(reading(h.title))
            if name:
                heading_subject = name
                break
        title, level = para_title(text) if marker_of(text) else ("", "")
        return heading_subject, title, level

    def read_paragraph(
        self, para: Paragraph, text: str, pi: int, toks: list[Token], chain: list[Heading]
    ) -> list[Item]:
        heading_subject, title_subject, title_level = self._subjects(para, text, chain)
        toks, parallel = self._parallel(para, text, pi, toks, chain)
        made: list[Item] = []
        current: Item | None = None
        parts_of: Item | None = None
        prev_end = 0
        last_count: Item | None = None
        held: list[tuple[Item | None, Item | None]] = []  # (current, parts_of) at each （
        waiting: list[Token] = []  # averages stated before their count
        inline_list = False  # the open list was opened by 其中 without a colon
        for tok in toks:
            cue = text[prev_end : tok.start]
            self._flat(current, cue, prev_end)
            for ch in cue:
                # A parenthesis (其中：…) interrupts its subject; after it the subject resumes.
                if ch == "（":
                    held.append((current, parts_of))
                elif ch == "）" and held:
                    current, parts_of = held.pop()
            if "；" in cue and inline_list:
                parts_of = None  # “X，其中Y；Z”: an aside of one clause, closed by ；
                inline_list = False
            if "。" in cue:
                parts_of = None
                held.clear()
                # A sentence that opens with a comparison (。比上年减少…) continues the
                # previous sentence's topic, not its last listed part.
                if _OPENS_WITH_COMPARISON.match(cue.rsplit("。", 1)[-1]):
                    while current is not None and current.parent is not None:
                        current = current.parent
            local = cue.rsplit("。", 1)[-1].rstrip(" \t")
            clause = clause_before(text, tok.start)
            prev_end = tok.end
            if tok.kind == "percent":
                self._percent(current, tok, clause, local)
                continue
            if tok.kind == "amount" and (
                _THRESHOLD_AFTER.match(text[tok.end : tok.end + 6])
                or local.rstrip().endswith("单价")
            ):
                continue
            if (
                current is not None
                and current.kind == tok.kind
                and current.share_base is None
                and _SHARE_WHOLE.search(clause)
            ):
                current.share_base = tok  # 占本年支出合计X万元的Y%: the whole, not a subject
                continue
            twin = self._second_comparison(current, tok, local)
            if twin is not None:
                self.items.append(twin)
                current = twin
                continue
            if (
                current is not None
                and current.kind == tok.kind
                and self._attach(current, tok, local, clause)
            ):
                current.end = tok.end
                continue
            if (
                tok.kind == "amount"
                and _COMPARED_WITH.search(clause)
                and not self.c["direction_end"].search(clause)
            ):
                continue  # 比2025年预算收入执行数X万元增加…: a base no cue named, no subject
            if tok.kind == "amount" and _AVERAGE.search(clause):
                if last_count is not None:
                    self.averages.append((last_count, tok))
                else:
                    waiting.append(tok)  # its count comes later (平均每辆X元（保有车辆4辆）)
                continue  # an average is no subject's value
            # A new subject.
            m_parts = last(_PARTS_OPEN, local)
            subj_cue = local[m_parts.end() :] if m_parts is not None else local
            subject, level = clean_subject(subj_cue)
            if tok.kind == "count" and (not subject or subject in GENERIC):
                after = re.match(r"[^，；。：、]{1,12}", text[tok.end :])
                if after:
                    subject = after.group(0)
            if not subject or subject in GENERIC or subject.startswith("包括") or len(subject) > 30:
                if not made and title_subject:
                    subject, level = title_subject, level or title_level
                elif subject in GENERIC and current is not None:
                    subject = current.subject
                elif subject.startswith("包括") and 2 <= len(subject) - 2 <= 20:
                    # 按支出用途分类，包括人员支出X: with no item title to describe, what
                    # follows 包括 names this amount, not the section heading above it.
                    subject = subject[2:]
                elif not made and heading_subject:
                    subject = heading_subject
                elif last_count is not None and tok.kind == "amount":
                    subject = last_count.subject
            if _GARBLED.search(subject):
                # Digits inside the words (“0入8万”, “因93房”): text extracted out of order.
                current = None
                continue
            item = Item(
                subject=subject,
                concept=canonical(subject, self.dept),
                scope=self.scope_for(local + subject, chain),
                kind=tok.kind,
                para=para,
                para_index=pi,
                start=max(0, tok.start - len(subj_cue.lstrip("，；：: "))),
                level=level,
            )
            years = _YEAR.findall(local.rsplit("，", 1)[-1] if made else local)
            if years and self.year and int(years[-1]) != self.year:
                item.other_year = int(years[-1])  # 2021年度“三公”经费合计支出…: not this year's
            self._first_number(item, tok, local, clause, title_subject, title_level, made)
            item.end = tok.end
            seg = text[text.rfind("。", 0, tok.start) + 1 : tok.start]
            r = seg.rfind("原因")
            if m_parts is None and r >= 0 and "；" not in seg[r:]:
                pass  # 主要原因是新增了…1000万元: the amounts of a reason are no parts
            else:
                parts_of = self._place(item, m_parts, local, current, made, parts_of)
            if m_parts is not None:
                inline_list = m_parts.group(0) == "其中" and local[m_parts.end() :][:1] not in "：，"
            made.append(item)
            self.items.append(item)
            current = item
            if tok.kind == "count":
                last_count = item
                self.averages += [(item, w) for w in waiting if "。" not in text[w.end : tok.start]]
                waiting = []
        self._flat(current, text[prev_end:], prev_end)
        if parallel:
            self._merge_parallel(parallel, made)
        return made

    def _parallel(
        self, para: Paragraph, text: str, pi: int, toks: list[Token], chain: list[Heading]
    ) -> tuple[list[Token], list[Item]]:
        """Read 收、支总计各是A、B万元… (``extract.parallel``); return the other tokens and
        the items read."""
        if "、" not in text:
            return toks, []
        from juesuan.extract.parallel import read_parallel

        found = read_parallel(text)
        if not found:
            return toks, []
        made: list[Item] = []
        spans = [s for p in found for s in p.spans]
        for p in found:
            first = p.value or p.delta
            if first is None:
                continue
            it = Item(
                subject=p.subject,
                concept=canonical(p.subject, self.dept),
                scope=self.scope_for(p.subject, chain),
                kind=first.kind,
                para=para,
                para_index=pi,
                start=p.start,
                value=p.value,
                delta=p.delta,
                delta_word=p.delta_word,
                delta_word_span=p.delta_word_span,
                rate=p.rate,
                rate_word=p.rate_word,
                end=max(b for _, b in p.spans),
            )
            if p.delta is not None:
                b = last(self.c["rate_basis"], p.compare)
                it.base_kind = (self.basis(b) if b is not None else None) or PERIOD_PREVIOUS
            self.items.append(it)
            made.append(it)
        return [t for t in toks if not any(a <= t.start < b for a, b in spans)], made

    def _merge_parallel(self, parallel: list[Item], made: list[Item]) -> None:
        """收入总计X，支出总计Y，…收入、支出总计各增加C、D: the changes of the values the
        sentence stated one by one are theirs."""
        for p in parallel:
            if p.value is not None or p.delta is None:
                continue
            own = next(
                (
                    x
                    for x in made
                    if x.concept == p.concept
                    and x.value is not None
                    and x.delta is None
                    and x.end <= p.start
                ),
                None,
            )
            if own is None:
                continue
            own.delta, own.delta_word, own.delta_word_span = p.delta, p.delta_word, p.delta_word_span
            own.rate, own.rate_word, own.base_kind = p.rate, p.rate_word, p.base_kind
            own.end = max(own.end, p.end)
            self.items.remove(p)

    def _rename(self, item: Item, head: str) -> None:
        s, lv = clean_subject(head)
        if s and s not in GENERIC:
            item.subject, item.concept = s, canonical(s, self.dept)
            item.level = lv or item.level

    def _first_number(
        self,
        item: Item,
        tok: Token,
        local: str,
        clause: str,
        title_subject: str,
        title_level: str,
        made: list[Item],
    ) -> None:
        """What the first number of a new subject is: its value, budget or change."""
        c = self.c
        bm = c["budget"].search(clause)
        if bm and tok.kind == "amount" and not c["base_after_bi"].search(clause):
            if self.budget_doc:
                item.value = tok  # and the budget word is part of the subject (收支总预算)
                self._rename(item, local)
                return
            else:
                item.budget, item.budget_word, item.base_kind = tok, bm.group("bud"), BASIS_BUDGET
            before = local[: len(local) - len(clause)] + clause[: bm.start()]
            self._rename(item, before)
            if item.subject in GENERIC and title_subject and not made:
                item.subject, item.concept = title_subject, canonical(title_subject, self.dept)
                item.level = item.level or title_level
            return
        dm = c["delta"].search(local)
        dm_only = c["direction_only"].search(local)
        if dm is not None or dm_only is not None:
            # A change stated on its own ("…比上年减少0.01万元"): no value to add up.
            item.delta = tok
            item.delta_word = (dm or dm_only).group("dir")  # type: ignore[union-attr]
            basis = self.basis(dm) if dm is not None else BASIS_BUDGET
            item.base_kind = basis or PERIOD_PREVIOUS
            if dm is not None:
                self._rename(item, local[: dm.start()])
            return
        de = c["direction_end"].search(clause)
        if de is not None:
            # A change whose basis is not stated: never a value to add up or compare.
            item.delta, item.delta_word, item.base_kind = tok, de.group("dir"), ""
            self._rename(item, clause[: de.start()])
            return
        item.value = tok

    def _place(
        self,
        item: Item,
        m_parts: re.Match[str] | None,
        local: str,
        current: Item | None,
        made: list[Item],
        parts_of: Item | None,
    ) -> Item | None:
        """Attach a new item to the list it belongs to; return the list now open."""
        if m_parts is not None and m_parts.group("whole"):
            whole = canonical(clean_subject(m_parts.group("whole"))[0], self.dept)
            parent = self._find(whole, made) or self._find(whole, self.items)
            if parent is not None and parent.parts:
                # The same total broken down again ("三公经费决算中，…"): a new list.
                parent = replace(parent, parts=[], share=None, rate=None, completion=None)
            parts_of = parent
        elif m_parts is not None and local[: m_parts.start()].rstrip().endswith("；"):
            # "…服务预算X；其中一般公共预算拨款…": of the whole list or of its last item?
            # Ambiguous: no list.
            parts_of = None
        elif m_parts is not None:
            if (
                current is not None
                and current.parent is not None
                and "其中" in local
                and "（其中" not in local
            ):
                # "…；其他人员0人，其中：…": that subject was no part; it opens its own list.
                current.parent.parts.remove(current)
                current.parent = None
            parts_of = current
        if parts_of is not None and parts_of.value is None and parts_of.budget is not None:
            # 全年预算数X，其中：基本支出…: the statement is about budget figures throughout.
            parts_of.value, parts_of.budget, parts_of.base_kind = parts_of.budget, None, ""
        if parts_of is not None and parts_of is not item and parts_of.kind == item.kind:
            item.parent = parts_of
            parts_of.parts.append(item)
        return parts_of

    def _flat(self, cur: Item | None, cue: str, offset: int) -> None:
        """``比年初预算持平`` / ``与上年无增减``: a change of zero, stated without a number."""
        if cur is None or cur.value is None or cur.delta is not None:
            return
        m = self.c["flat"].search(cue.split("。", 1)[0])
        if m is None:
            return
        v = cur.value.q
        zero = Quantity(Decimal(0), v.unit, v.exponent, v.exact)
        a, b = offset + m.start("dir"), offset + m.end("dir")
        cur.delta = Token(cur.value.kind, zero, a, b, m.group("dir"))
        cur.delta_word = "持平"
        cur.delta_word_span = (a, b)
        cur.base_kind = self.basis(m) or PERIOD_PREVIOUS

    def _second_comparison(self, cur: Item | None, tok: Token, cue: str) -> Item | None:
        """``…较年初预算减少X，较上年减少Y``: a second change of the same value against
        another basis is a statement of its own (a twin sharing the subject and value)."""
        if cur is None or cur.delta is None or cur.value is None or cur.kind != tok.kind:
            return None
        m = self.c["delta"].search(cue)
        if m is None or (m.group("mid") and len(m.group("mid")) > 16):
            return None
        basis = self.basis(m)
        if basis is None or basis == cur.base_kind:
            return None
        off = tok.start - len(cue)
        return replace(
            cur,
            base_kind=basis,
            delta=tok,
            delta_word=m.group("dir"),
            delta_word_span=(off + m.start("dir"), off + m.end("dir")),
            rate=None,
            rate_word="",
            share=None,
            share_whole="",
            completion=None,
            parts=[],
            parent=None,
            twin_of=cur,
            end=tok.end,
        )

    def _attach(self, cur: Item, tok: Token, cue: str, clause: str) -> bool:
        """Attach an amount to the current subject when its clause says what it is."""
        c = self.c
        m = c["delta"].search(cue)
        if m and cur.delta is None and (cur.value is not None or cur.budget is not None):
            mid = m.group("mid")
            if mid and len(mid) > 16:
                return False
            basis = self.basis(m)
            if basis is None or self._names_other(cur, cue[: m.start()]):
                return False
            cur.base_kind = basis
            if cur.parent is not None and cur.parent.delta is None and cur is cur.parent.parts[-1]:
                # "总额X，其中：A…，B y，比上年减少z": B's change, or the total's.
                cur.alt = replace(
                    cur.parent,
                    parts=[],
                    parent=None,
                    twin_of=cur.parent,
                    base_kind=basis,
                    rate=None,
                    share=None,
                    completion=None,
                )
            cur.delta, cur.delta_word = tok, m.group("dir")
            cur.delta_word_span = (
                tok.start - len(cue) + m.start("dir"),
                tok.start - len(cue) + m.end("dir"),
            )
            if cur.alt is not None:
                cur.alt.delta, cur.alt.delta_word = cur.delta, cur.delta_word
                cur.alt.delta_word_span = cur.delta_word_span
            return True
        if cur.value is None and cur.budget is None:
            return False
        m = c["base_after_bi"].search(clause)
        if m and cur.value is not None:
            if self.basis(m) == PERIOD_PREVIOUS and cur.previous is None:
                cur.previous = tok  # 比2025年年初预算数X (a 2026 budget): last year's figure
                cur.base_kind = cur.base_kind or PERIOD_PREVIOUS
                return True
            if cur.budget is None:
                cur.budget, cur.budget_word = tok, m.group("bud")
                cur.base_kind = cur.base_kind or BASIS_BUDGET
                return True
        m = c["budget"].search(clause)
        if (
            m
            and cur.budget is None
            and cur.value is not None
            and len(clause) < 14
            and self.basis(m) == BASIS_BUDGET
            and not self._names_other(cur, clause[: m.start()])
        ):
            cur.budget, cur.budget_word = tok, m.group("bud")
            if cur.delta is None:
                cur.base_kind = BASIS_BUDGET
            return True
        by = m.group("by") if m else None
        if (
            by
            and self.year
            and int(by) == self.year - 1
            and cur.previous is None
            and cur.value is not None
            and len(clause) < 14
        ):
            cur.previous = tok  # 2024年预算为7.50万元, in a 2025 budget: last year's figure
            return True
        m = c["previous"].search(clause)
        if m and cur.previous is None and cur.value is not None and len(clause) < 14:
            y = m.group("y")
            if not (y and self.year and int(y) != self.year - 1):
                cur.previous = tok
                if cur.delta is None:
                    cur.base_kind = PERIOD_PREVIOUS
                return True
        m = c["direction_only"].search(cue.strip())
        if m and cur.base is not None and cur.delta is None and cur.value is not None:
            cur.delta, cur.delta_word = tok, m.group("dir")
            off = tok.start - len(cue)
            i = cue.rfind(m.group("dir"))
            cur.delta_word_span = (off + i, off + i + len(m.group("dir")))
            return True
        if (
            c["final_after"].search(clause)
            and cur.budget is not None
            and cur.value is None
            and len(clause) < 14
        ):
            cur.value = tok
            return True
        return False

    def _names_other(self, cur: Item, head: str) -> bool:
        """Whether the words before a comparison name a subject other than ``cur``."""
        s, _ = clean_subject(head.rsplit("。", 1)[-1])
        if not s or s in GENERIC or len(s) < 2:
            return False
        concept = canonical(s, self.dept)
        # 项目支出预算 … 。2026年预算比…: two characters (预算) name no subject of their own.
        return concept != cur.concept and not (len(s) > 2 and cur.subject.endswith(s))

    def _percent(self, cur: Item | None, tok: Token, clause: str, cue: str) -> None:
        if cur is None:
            return
        c = self.c
        cm = c["completion"].search(clause)
        if cm:
            # 部门预算执行率为100%: the completion of another subject than the current one.
            other = "。" in cue and self._names_other(cur, clause[: cm.start()])
            if cur.completion is None and not other:
                cur.completion = tok
                cur.end = tok.end
            return
        m = c["share"].search(clause)
        if m:
            if cur.share is None:
                cur.share, cur.share_whole = tok, (m.group("whole") or "").strip()
                cur.end = tok.end
            return
        # 增长（下降）100.0%: the template's alternatives hold a parenthesis.
        m = c["rate"].search(clause) or c["rate"].search(cue.strip())
        if m is None or cur.rate is not None or len(cue) > 12:
            return
        if cur.delta is None and (cur.base is None or cur.value is None):
            return  # a rate with nothing to compute it from
        b = last(c["rate_basis"], clause)
        if b is not None and self.basis(b) != cur.base_kind:
            return  # a rate against another basis than the change's
        cur.rate, cur.rate_word = tok, m.group("dir")
        cur.end = tok.end
        if cur.alt is not None and cur.alt.rate is None:
            cur.alt.rate, cur.alt.rate_word = tok, cur.rate_word

    def _find(self, concept: str, pool: list[Item]) -> Item | None:
        for it in reversed(pool):
            if it.concept == concept and it.value is not None:
                return it
        return None
