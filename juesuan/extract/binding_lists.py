"""Which list a new statement is a part of, within one paragraph (``其中``, ``X中，``)."""

from __future__ import annotations

import re
from dataclasses import replace

from juesuan.extract.binding_cues import CueBinder
from juesuan.extract.clauses import clean_subject
from juesuan.extract.items import Item
from juesuan.extract.vocab import canonical


class ListBinder(CueBinder):
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

    def _find(self, concept: str, pool: list[Item]) -> Item | None:
        for it in reversed(pool):
            if it.concept == concept and it.value is not None:
                return it
        return None
