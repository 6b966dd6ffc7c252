"""The standard tables a document announces: its table titles and its table of contents.

This is what a reader should expect to find in the document, whatever region or year: a
split publication (narrative PDF + tables PDF) announces only the tables it holds, and a
narrative-only file may announce none. A line announces a table when, leaders and page
numbers removed, it is short, ends in 表 (or 表 plus a bracketed remark) and names a
standard table (``kind_of_title``).
"""

from __future__ import annotations

import re

from juesuan.model.document import Document
from juesuan.tables.parse import Kind, kind_of_title, norm

_LEADER = re.compile(r"[.．…·\-—_]{2,}.*$|\d{1,3}$")
_REMARK = re.compile(r"[（(][^）)]{0,12}[）)]$")


def title_kind(text: str, family: str = "") -> Kind | None:
    """The standard table a title or contents line names, or None for any other line."""
    if text.count("\t") > 2:  # a table row with several cells, not a title
        return None
    t = norm(text)
    t = _LEADER.sub("", t)
    t = _REMARK.sub("", t)
    if not t.endswith("表") or len(t) > 50:
        return None
    return kind_of_title(t, family)


def announced(doc: Document, family: str = "") -> list[Kind]:
    """The kinds the document's own lines announce, in first-seen order."""
    seen: dict[str, Kind] = {}
    for ln in doc.lines:
        if len(ln.text) > 80:
            continue
        k = title_kind(ln.text, family)
        if k is not None and k.kind not in seen:
            seen[k.kind] = k
    return list(seen.values())
