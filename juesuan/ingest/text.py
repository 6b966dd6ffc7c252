"""Plain text and Markdown: detect the encoding (government files are often GBK)."""

from __future__ import annotations

import codecs
import itertools
import re
from pathlib import Path

from juesuan.errors import InputError
from juesuan.model.document import Document, Line

# A line that ends inside a number ("36," / "1,234.") and a next line that continues it.
_BROKEN_TAIL = re.compile(r"\d[,，.]$")
_BROKEN_HEAD = re.compile(r"^\d")


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(path, "文件声明为 UTF-16 编码，但内容无法解码") from e
    if b"\x00" in data[:8192]:
        raise InputError(path, "不是文本文件（含二进制内容），无法读取")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_like_text(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and _looks_like_text(text):
            return text
    raise InputError(
        path, "无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030），请转存为 UTF-8 后重试"
    )


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return True
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    return bad / len(sample) < 0.01


def mark_broken_numbers(lines: list[Line]) -> None:
    """Mark a break after ``36,`` before ``079,450.01`` as soft: one number, two lines."""
    for a, b in itertools.pairwise(lines):
        if _BROKEN_TAIL.search(a.text.rstrip()) and _BROKEN_HEAD.match(b.text.lstrip()):
            a.joins_next = True


def lines_from_text(text: str) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [Line(t, i + 1) for i, t in enumerate(raw)]
    mark_broken_numbers(lines)
    return lines


def read_text(path: Path, data: bytes, kind: str) -> Document:
    text = decode(data, path)
    if not text.strip():
        raise InputError(path, "文件没有文字内容")
    return Document(path=path, kind=kind, lines=lines_from_text(text))
