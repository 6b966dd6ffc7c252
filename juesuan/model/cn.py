"""Chinese numerals for headings (一、二十一)."""

from __future__ import annotations

_D = "零一二三四五六七八九"


def to_cn(n: int) -> str:
    """1 -> 一, 13 -> 十三, 21 -> 二十一 (1..99)."""
    if n < 10:
        return _D[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _D[tens]) + "十" + (_D[ones] if ones else "")
