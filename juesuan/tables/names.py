"""How row and title text is compared: spaces removed, list markers (一、 （一） 1.) dropped."""

from __future__ import annotations

from functools import lru_cache

from juesuan.model.document import UNSURE
from juesuan.model.lazyre import lazy

_SPACE = lazy(r"\s+")
MARK = lazy(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")


@lru_cache(maxsize=8192)
def norm(s: str) -> str:
    """Cached: a table's row names and headers are compared again and again."""
    return _SPACE.sub("", s).replace('"', "“")


def strip_marker(s: str) -> str:
    """``一、一般公共服务支出`` → ``一般公共服务支出``."""
    return MARK.sub("", norm(s))


def misread(text: str, word: str, conf: float | None) -> bool:
    """Whether ``text``, read by OCR with a character it was unsure of (``conf``, the
    lowest of the cell's, below UNSURE), is ``word`` with one character misread: a speck
    over ``目`` makes it ``自``, and ``项自名称`` no longer names the column it heads."""
    if conf is None or conf >= UNSURE or len(text) != len(word):
        return False
    return sum(a != b for a, b in zip(text, word, strict=True)) == 1
