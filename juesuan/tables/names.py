"""How row and title text is compared: spaces removed, list markers (一、 （一） 1.) dropped."""

from __future__ import annotations

import re

MARK = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s).replace('"', "“")


def strip_marker(s: str) -> str:
    """``一、一般公共服务支出`` → ``一般公共服务支出``."""
    return MARK.sub("", norm(s))
