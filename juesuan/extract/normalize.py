"""A reading form of a text: one character for one, so offsets carry over unchanged.

Traditional characters of the genre's vocabulary become simplified ones (決算 → 决算),
full-width digits and signs become ASCII, and ASCII punctuation used as Chinese
punctuation (``,`` ``:`` ``;`` ``(`` ``)``) becomes full-width, except a comma between
digits, which is a thousands separator. Letter-spaced words (同 比 增 加) are closed up, their
spaces moved to the end of the run. Excerpts are always cut from the original text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from juesuan.model.lazyre import lazy

_ASCII_PUNCT = str.maketrans({":": "：", ";": "；", "(": "（", ")": "）"})
# A comma is a separator only inside a number: digit , three digits, not a fourth.
_COMMA = lazy(r",(?!(?<=\d,)\d{3}(?!\d))")


@cache
def _table() -> dict[int, str]:
    from juesuan.extract.vocab import data

    pairs = data("script.yaml")["traditional"].split()
    table = {ord(p[0]): p[1] for p in pairs if len(p) == 2}
    for c in range(0xFF01, 0xFF5F):  # full-width ASCII block
        ch = chr(c - 0xFEE0)
        if ch.isalnum() or ch in "%.-+":
            table[c] = ch
    table[0x3000] = " "  # ideographic space
    return table


# Han characters separated by single spaces: 同 比 增 加, 事业运行经 费 总预 算 (text of a
# page set in distributed alignment, copied out of a PDF or a web page).
_SPACED = lazy(r"[\u4e00-\u9fff]+(?: [\u4e00-\u9fff]+)+")


def _unspace(m: re.Match[str]) -> str:
    """Letter-spaced words closed up, the spaces moved to the end of the run (the length,
    and so every offset outside the run, unchanged). Only where at least two single
    characters stand apart: 基本支出 项目支出 is two words, not one spaced out."""
    groups = m.group(0).split(" ")
    if sum(len(g) == 1 for g in groups) < 2:
        return m.group(0)
    return "".join(groups) + " " * (len(groups) - 1)


@lru_cache(maxsize=8192)
def reading(text: str) -> str:
    """The text as the reader sees it, with exactly the same length."""
    t = text.translate(_table())
    if "," in t:
        t = _COMMA.sub("，", t)
    if " " in t:
        t = _SPACED.sub(_unspace, t)
    out = t.translate(_ASCII_PUNCT)
    assert len(out) == len(text)
    return out
