"""An unfilled template: the standard tables are there, and not one amount anywhere.

Official templates (a region's blank 预算/决算 workbook, a Word shell with XX万元 in the
text) read as disclosures by their titles, and every rule would then report the blanks. A
real disclosure always states amounts: in its tables or, when those fail to read, in its
text. So a document counts as an unfilled template only when at least two standard tables
are recognized, none holds an amount in any column, none carries a note explaining it is
empty, and the text states fewer amounts in 元/万元/亿元 than it leaves as placeholders
(XXX万元; a fixed threshold such as 单价100万元以上 may stand in a template's text).
"""

from __future__ import annotations

from juesuan.model.document import Document
from juesuan.model.lazyre import lazy
from juesuan.tables.model import ParsedTable

UNFILLED_NOTE = "这是未填写的模板：各表没有任何金额，未检查"

_AMOUNT = lazy(r"\d\s*(亿元|万元|千元|元)")
_PLACEHOLDER = lazy(r"[XxＸｘ×]{2,}\s*(亿元|万元|千元|元)")


def unfilled(doc: Document, tables: list[ParsedTable]) -> bool:
    """Whether ``doc`` is a template nobody filled in (see the module docstring)."""
    if len(tables) < 2 or any(t.note for t in tables):
        return False
    if any(r.values for t in tables for r in t.rows):
        return False
    stated = sum(len(_AMOUNT.findall(ln.text)) for ln in doc.lines)
    blank = sum(len(_PLACEHOLDER.findall(ln.text)) for ln in doc.lines)
    return stated == 0 or blank > stated
