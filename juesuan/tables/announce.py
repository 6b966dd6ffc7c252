"""The standard tables a document announces: its table titles and its table of contents.

This is what a reader should expect to find in the document, whatever the region or year.
A line announces a table when, leaders and page numbers removed, it is short, ends in 表
(or 表 plus a bracketed remark) and names a standard table (``kind_of_title``).

A table's own title is followed by its unit line or its header; a contents entry is not
(it is followed by more entries). A split publication (narrative PDF + tables PDF) lists
all its tables in the narrative's contents, but holds none of them: contents entries
count only in a document that holds at least one titled table of its own.
"""

from __future__ import annotations

from collections import Counter

from juesuan.model.document import Document, Line
from juesuan.model.lazyre import lazy
from juesuan.tables.kinds import Kind, kind_of_title
from juesuan.tables.names import norm

_LEADER = lazy(r"[.．…·\-—_]{2,}.*$|\d{1,3}$")
_REMARK = lazy(r"[（(][^）)]{0,12}[）)]$")
_REFERENCE = lazy(r"详见|参见|见附表|请见")
_NONE_HELD = lazy(r"^(本(单位|部门))?(没有|无)[^，,。；]*表[。.]?$")
_UNIT = lazy(r"单位[:：]|[（(](万元|元)[）)]|万元$")


def title_kind(text: str, family: str = "") -> Kind | None:
    """The standard table a title or contents line names, or None for any other line."""
    if text.count("\t") > 2 or _REFERENCE.search(text):  # a table row; a cross-reference
        return None
    t = norm(text)
    t = _LEADER.sub("", t)
    t = _REMARK.sub("", t)
    if not t.endswith("表") or len(t) > 50:
        return None
    return kind_of_title(t, family)


def announced(doc: Document, family: str = "") -> list[Kind]:
    """The kinds the document announces, in first-seen order (see the module docstring)."""
    hits: list[tuple[int, Kind]] = []
    for i, ln in enumerate(doc.lines):
        if len(ln.text) <= 80:
            k = title_kind(ln.text, family)
            if k is not None and not _declared_absent(doc.lines, i):
                hits.append((i, k))
    per_page = Counter(doc.lines[i].page for i, _ in hits)
    own = [k for i, k in hits if per_page[doc.lines[i].page] < 4 and _heads_table(doc.lines, i)]
    if not own:
        return []
    seen: dict[str, Kind] = {}
    for _, k in hits:
        seen.setdefault(k.kind, k)
    return list(seen.values())


def _declared_absent(lines: list[Line], i: int) -> bool:
    """A heading followed by the statement that the body holds no such table (1.项目支出绩效
    目标表 / 本单位无项目支出绩效目标表。): nothing is announced. A table printed empty with
    its note (本单位无…，故本表无数据) is still announced: it is printed."""
    page = lines[i].page
    return any(ln.page == page and _NONE_HELD.match(norm(ln.text)) for ln in lines[i + 1 : i + 3])


def _heads_table(lines: list[Line], i: int) -> bool:
    """A unit line or a row of several cells follows within three lines on the page, before
    any other title."""
    page = lines[i].page
    for ln in lines[i + 1 : i + 4]:
        if ln.page != page or title_kind(ln.text) is not None:
            return False  # the next entry of a contents list
        if _UNIT.search(norm(ln.text)) or ln.text.count("\t") >= 2:
            return True
    return False
