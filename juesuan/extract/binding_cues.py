"""What each number of a clause is, from the cue words around it.

A new subject's first number is its value, budget or change (``_first_number``); a later
number of the same subject is attached when its clause names it (``_attach``): a change
against last year or the budget, a budget, last year's amount, or a second comparison
(``_second_comparison``); a percentage is a completion, a share or a rate (``_percent``).
The statement reader (``binding.Reader``) drives these clause by clause.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from juesuan.extract.clauses import GENERIC, clean_subject, last
from juesuan.extract.items import Item
from juesuan.extract.normalize import reading
from juesuan.extract.outline import Heading
from juesuan.extract.tokens import Token
from juesuan.extract.vocab import canonical, fund_of
from juesuan.model.context import Context
from juesuan.model.facts import BASIS_BUDGET, FUND_ALL, PERIOD_PREVIOUS, Scope
from juesuan.model.numbers import Quantity


class CueBinder:
    """The cue-word half of the statement reader: its state is set by ``Reader.__init__``."""

    ctx: Context
    year: int | None
    items: list[Item]
    dept: str
    budget_doc: bool
    c: dict[str, re.Pattern[str]]

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

    def scope_for(self, subject_text: str, chain: list[Heading]) -> Scope:
        fund = fund_of(subject_text)
        if fund is None:
            for h in chain:
                if h.style in ("section", "subsection", "part"):
                    fund = fund_of(reading(h.title))
                    if fund:
                        break
        return Scope(fund=fund or FUND_ALL)

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

    def _versus_budget(self, cue: str) -> re.Match[str] | None:
        """``，决算数大于预算数`` right before the amount (only in final accounts: a budget
        document's 预算数 is last year's)."""
        if self.budget_doc:
            return None
        return self.c["versus_budget"].search(cue)

    def _second_comparison(self, cur: Item | None, tok: Token, cue: str) -> Item | None:
        """``…较年初预算减少X，较上年减少Y``: a second change of the same value against
        another basis is a statement of its own (a twin sharing the subject and value)."""
        if cur is None or cur.delta is None or cur.value is None or cur.kind != tok.kind:
            return None
        m = self.c["delta"].search(cue) or self._versus_budget(cue)
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
        m = c["delta"].search(cue) or self._versus_budget(cue)
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
