"""Binding numbers to statements, paragraph by paragraph.

Each paragraph is read in its reading form (``extract.normalize``), number by number. What a
number is comes from the cue words of *its own clause*: a new subject's value, a budget
(``年初预算为``, ``完成全年预算…``), a last-year amount, the change against last year or
the budget (``比上年增加``), and for a percentage: a completion (``完成…的``), a share
(``占…的``) or a rate (``增长``). ``其中`` and ``主要用于以下方面`` open a list of parts; a
sentence that ends in ``其中：`` takes the following paragraphs as parts.

This module walks the paragraphs and their numbers; what a number is comes from
``binding_cues``, the list a statement joins from ``binding_lists``, and parallel statements
(收、支总计各是A、B) from ``binding_parallel``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from juesuan.extract.binding_lists import ListBinder
from juesuan.extract.binding_parallel import ParallelBinder
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
from juesuan.model.facts import Scope
from juesuan.model.lazyre import lazy

_PARTS_OPEN = lazy(
    r"其中[：]?|主要用于以下方面[^：]*[：]|(?P<whole>[^，；。：（）]{2,20}(?<!其))中[，：]"
)
_THRESHOLD_AFTER = lazy(r"^\s*(?:（含）)?\s*以[上下]")
_AVERAGE = lazy(r"(?:车均|人均|平均|每辆|每人|每批次?|每次|每台)")
_GARBLED = lazy(r"[\u4e00-\u9fff][0-9]+[\u4e00-\u9fff]")
_YEAR = lazy(r"(?<!\d)(\d{4})\s*年(?!初)")
_SHARE_WHOLE = lazy(r"占[^，；。]{2,20}$")
_OPENS_WITH_COMPARISON = lazy(r"^\s*(?:比|较|与|同比)")
_COMPARED_WITH = lazy(
    r"(?:比|较)(?:\d{4}\s*年|上年|上一年|去年|同期|年初|预算|调整|全年)[^，；。比较]{0,14}$"
)


class Reader(ListBinder, ParallelBinder):
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

    def chain(self, para: Paragraph) -> list[Heading]:
        line = para.first_line
        i = bisect_right(self.heading_keys, (line.page or 0, line.no))
        last_h: Heading | None = self.headings[i - 1] if i else None
        out: list[Heading] = []
        while last_h is not None:
            out.append(last_h)
            last_h = last_h.parent
        return out

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

    def _clause_scope(
        self, local: str, subject: str, chain: list[Heading], made: list[Item]
    ) -> Scope:
        """The fund of a new subject: named in its own clause, else its paragraph's.

        A fund named in an earlier clause (a reason: 主要是…一般公共预算安排的项目…；本年支出X)
        is not this subject's; a bare subject after ； continues the scope of the paragraph's
        last subject (政府性基金…本年收入X，…；本年支出Y is the fund's spending).
        """
        own = local.rsplit("；", 1)[-1]
        if own != local and fund_of(own + subject) is None and made:
            return made[-1].scope
        return self.scope_for(own + subject, chain)

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
                scope=self._clause_scope(local, subject, chain, made),
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
