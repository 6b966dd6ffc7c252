"""Statements of the narrative: subjects with their amounts, changes, shares and parts.

``narrative_of(ctx)`` reads the document once (``extract.binding``) and gives the items
and the facts they state; ``facts_of(ctx)`` is the facts alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.extract.items import Item
from juesuan.extract.tokens import Token
from juesuan.model.context import Context
from juesuan.model.facts import BASIS_BUDGET, Fact, FactSet, Scope

__all__ = ["Item", "Narrative", "facts_of", "narrative_of"]


@dataclass
class Narrative:
    items: list[Item]
    facts: FactSet
    averages: list[tuple[Item, Token]]  # (count item, the average stated after it)


def _facts(items: list[Item]) -> FactSet:
    facts = FactSet()
    for it in items:
        if it.twin_of is not None or it.other_year is not None:
            continue  # a twin's facts are its twin's; another year's are no fact of this one
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
        if it.budget is not None:
            facts.add(
                Fact(
                    it.concept,
                    it.budget.q,
                    it.loc(it.budget),
                    Scope(it.scope.fund, BASIS_BUDGET),
                    it.kind,
                    level=it.level,
                    para=it.para_index,
                )
            )
        for tok in (it.share, it.rate, it.completion):
            if tok is not None:
                facts.add(
                    Fact(it.concept, tok.q, it.loc(tok), it.scope, "percent", para=it.para_index)
                )
    return facts


def narrative_of(ctx: Context) -> Narrative:
    """The narrative's statements and facts, computed once per document."""

    def build() -> Narrative:
        from juesuan.extract.binding import Reader

        reader = Reader(ctx)
        items = reader.read()
        return Narrative(items, _facts(items), reader.averages)

    result: Narrative = ctx.memo("narrative", build)
    return result


def facts_of(ctx: Context) -> FactSet:
    """All facts stated in the narrative (the API other modules use)."""
    fs: FactSet = ctx.memo("facts", lambda: narrative_of(ctx).facts)
    return fs
