"""How row and title text is compared: spaces removed, list markers (一、 （一） 1.) dropped."""

from __future__ import annotations

from functools import lru_cache

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
