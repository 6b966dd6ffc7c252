"""The standard tables' kinds, read from ``kinds.yaml`` (决算) and ``kinds_budget.yaml``
(预算), and the kind a title line names: titles vary by region and year, so each kind lists
the meaningful words of its titles, matched in order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from juesuan.model.lazyre import lazy
from juesuan.tables.names import norm


@dataclass(frozen=True)
class Kind:
    kind: str
    titles: tuple[tuple[str, ...], ...]  # each: words that occur in this order
    columns: dict[str, list[list[str]]]
    split: str = ""
    sides: tuple[str, ...] = ()
    econ: bool = False
    doc: str = "决算"  # 决算 | 预算: the document family the table belongs to
    exclude: tuple[str, ...] = ()  # a title holding any of these words is another table
    skip: tuple[str, ...] = ()  # a column whose header path holds one of these is not read
    # row names that complete a column's name when the header lacks them: the table printed
    # turned (rows 预算数 | 决算数 under item columns) instead of item/预算数 columns
    pivot: tuple[str, ...] = ()

    def matches(self, title: str) -> bool:
        if any(w in title for w in self.exclude):
            return False
        return any(_in_order(words, title) for words in self.titles)


def _in_order(words: tuple[str, ...], text: str) -> bool:
    at = 0
    for w in words:
        i = text.find(w, at)
        if i < 0:
            return False
        at = i + len(w)
    return True


_KIND_FILES = {"决算": "kinds.yaml", "预算": "kinds_budget.yaml"}


@cache
def kinds(doc: str = "决算") -> tuple[Kind, ...]:
    """The standard tables of 决算 or 预算 disclosures (``kinds.yaml``, ``kinds_budget.yaml``)."""
    from juesuan.data import read_yaml

    out = []
    for d in read_yaml("juesuan.tables", _KIND_FILES[doc]):
        sides = d.get("sides") or {}
        out.append(
            Kind(
                d["kind"],
                tuple(tuple(t.split()) for t in d["titles"]),
                d["columns"],
                sides.get("split", ""),
                tuple(sides.get("names", ())),
                bool(d.get("econ")),
                doc,
                tuple(d.get("exclude", ())),
                tuple(d.get("skip", ())),
                tuple(d.get("pivot", ())),
            )
        )
    return tuple(out)


def all_kinds() -> tuple[Kind, ...]:
    return kinds("决算") + kinds("预算")


def kind_named(name: str) -> Kind | None:
    return next((k for k in all_kinds() if k.kind == name), None)


ENDS_TABLE = lazy(r"表([（(][^）)]{0,12}[）)])?$")  # a title, not a row that names a fund
_YEAR_WORD = lazy(r"(19|20)\d{2}年度?")


def kind_of_title(text: str, doc: str = "") -> Kind | None:
    """The standard table a title line names. A title with 决算 is a final-accounts table;
    one without is read as the document's family (``doc``: 决算 | 预算), budget by default
    when unknown and the words fit only a budget table."""
    t = norm(text)
    if len(t) > 60 or "说明" in t or t.endswith("。") or "，" in t:
        return None
    t = _YEAR_WORD.sub("", t)
    if "决算" in t:
        order: tuple[str, ...] = ("决算",)
    elif doc == "决算":
        order = ("决算", "预算")
    else:
        order = ("预算", "决算")
    for family in order:
        for k in kinds(family):
            if k.matches(t):
                return k
    return None
