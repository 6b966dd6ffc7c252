"""Which paragraph continues a list opened by a sentence ending in 其中：."""

from __future__ import annotations

from juesuan.extract.items import Item
from juesuan.extract.vocab import exhaustive, usually_complete
from juesuan.model.lazyre import lazy


def _exceeds(part: Item, whole: Item) -> bool:
    """A single part larger than its whole is no part of it (the list was misread)."""
    if part.value is None or whole.value is None or part.value.q.unit != whole.value.q.unit:
        return False
    return part.value.q.interval.lo > whole.value.q.interval.hi


def may_be_part(top: Item, parent: Item) -> bool:
    """Whether a paragraph's first subject continues the list its parent opened."""
    if top.kind != parent.kind:
        return False
    if parent.level and top.level:
        # “X”(类)…其中： then “Y”(款)…: the classification says what is part of what, so a
        # part larger than its whole is an error of the figures, not a misread list.
        return _level_rank(top.level) > _level_rank(parent.level)
    if _exceeds(top, parent):
        return False
    known = exhaustive()
    if parent.concept in known:
        # 三公经费 → its items (and theirs); 会议费 in the next paragraph ends the list.
        names = set(known[parent.concept])
        names |= {n for k in known[parent.concept] for n in known.get(k, [])}
        names |= set(usually_complete().get(parent.concept, []))
        return top.concept in names
    if parent.level:
        return bool(top.level) and _level_rank(top.level) > _level_rank(parent.level)
    return True


def _level_rank(level: str) -> int:
    return {"类": 0, "款": 1, "项": 2}.get(level, 3)


_CODE = lazy(r"[（(](\d{3,7})[）)]")


def item_code(it: Item, text: str) -> str:
    """The classification code written after an item's subject: 民政管理事务（20802）."""
    stop = it.value.start if it.value is not None else len(text)
    m = _CODE.search(text, it.start, max(it.start, stop))
    return m.group(1) if m else ""


def coded_parent(code: str, candidates: list[tuple[Item, str]]) -> Item | None:
    """The statement whose code a part's code extends (2080201 is a line of 20802), however
    many statements the sentence that opened the list named after it."""
    for it, c in reversed(candidates):
        if c and code != c and code.startswith(c):
            return it
    return None
