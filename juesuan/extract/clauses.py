"""Clauses and subjects: where a number's clause starts, and the subject words of a cue.

A clause ends at ，；。： or a parenthesis (in the reading form, where ASCII punctuation is
already full-width and a thousands separator is not a comma). Cue words are looked for only
inside the clause of their number.
"""

from __future__ import annotations

import re

from juesuan.extract.outline import marker_of
from juesuan.model.lazyre import Pattern, lazy

_DELIMS = "，；。：（）、"
_QUOTED = lazy(r"[“\"「]([^”\"」]{2,40})[”\"」]\s*[（(](类|款|项)[^）)]*[）)]")
_LEVELED = lazy(r"([^（(，,；;。：:“”\"]{2,30})[（(](类|款|项)[^）)]*[）)]")
_YEARS = lazy(r"\d{2,4}\s*年度?")
GENERIC = {"", "合计", "共计", "总计", "总额", "金额", "决算", "支出", "为", "其中", "实际"}
_STRIP_TAIL = lazy(r"(?:决算数|决算|支出决算|的|为|是|达|共|约|合计为|总额为|共计|累计)+$")
_STRIP_HEAD = lazy(r"^(?:其中|主要用于以下方面[^：:]*|本年度|本部门|本单位|全年|年度)[：:，,]?")
_NOTE = lazy(r"[（(][^（）()]*(?:为准|含|按|下同)[^（）()]*[）)]")


def clause_before(text: str, pos: int) -> str:
    """The text of the clause that ends at ``pos`` (back to the nearest delimiter)."""
    i = pos - 1
    while i >= 0 and text[i] not in _DELIMS:
        i -= 1
    return text[i + 1 : pos].strip()


def last(pat: Pattern, text: str) -> re.Match[str] | None:
    found = None
    for found in pat.finditer(text):  # noqa: B007 - we want the last match
        pass
    return found


def clean_subject(cue: str) -> tuple[str, str]:
    """The subject words of a cue, and the classification level if it names one."""
    m = last(_QUOTED, cue)
    if m is not None:
        return m.group(1).strip(), m.group(2)
    lm = last(_LEVELED, cue)
    if lm is not None:
        return lm.group(1).strip(), lm.group(2)
    s = re.split(r"[，,；;：:。]", cue)[-1]
    mk = marker_of(s)
    if mk:
        s = s[s.index(mk[3]) + len(mk[3]) :]
    s = _NOTE.sub("", s)
    s = _YEARS.sub("", s)
    s = _STRIP_HEAD.sub("", s.strip())
    s = _STRIP_TAIL.sub("", s.strip())
    return s.strip(" 　、"), ""


def para_title(text: str) -> tuple[str, str]:
    """The heading words of an itemised paragraph (``1.工资福利支出：…`` → 工资福利支出)."""
    mk = marker_of(text)
    rest = text[len(mk[3]) :] if mk else text
    rest = rest.lstrip()
    head = re.split(r"[：:。]", rest, maxsplit=1)[0]
    head = re.sub(r"(?:支出)?(?:决算)?(?:情况说明|情况)$", "", head) or head
    if len(head) > 40:
        return "", ""
    return clean_subject(head)
