"""Parallel statements (收、支总计各是A、B万元…) bound to items (``extract.parallel`` reads them)."""

from __future__ import annotations

from juesuan.extract.binding_cues import CueBinder
from juesuan.extract.clauses import last
from juesuan.extract.items import Item
from juesuan.extract.outline import Heading
from juesuan.extract.tokens import Token
from juesuan.extract.vocab import canonical
from juesuan.model.document import Paragraph
from juesuan.model.facts import PERIOD_PREVIOUS


class ParallelBinder(CueBinder):
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
            own.delta, own.delta_word, own.delta_word_span = (
                p.delta,
                p.delta_word,
                p.delta_word_span,
            )
            own.rate, own.rate_word, own.base_kind = p.rate, p.rate_word, p.base_kind
            own.end = max(own.end, p.end)
            self.items.remove(p)
