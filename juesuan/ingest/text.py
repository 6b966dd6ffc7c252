"""Plain text and Markdown: detect the encoding (government files are often GBK).

Markdown pipe tables (``| a | b |`` over a ``| --- | --- |`` rule) become ``Document.tables``
grids, each cell placed by column index and row index the way the docx and spreadsheet
readers place theirs, so the table reader and table checks see composed ``.md`` tables too.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections import Counter
from pathlib import Path

from juesuan.errors import InputError
from juesuan.model.document import Cell, Document, Line, Table
from juesuan.model.lazyre import lazy

# A line that ends inside a number ("36," / "1,234.") and a next line that continues it.
_BROKEN_TAIL = lazy(r"\d[,，.]$")
_BROKEN_HEAD = lazy(r"^\d")
# The delimiter row under a pipe table's header: | --- | :---: | ---: |
_PIPE_RULE = lazy(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    return decode_as(data, path)[0]


def decode_as(data: bytes, path: Path) -> tuple[str, str]:
    """The text and the codec that reads it back byte for byte (``fix`` writes with it)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(path, "文件声明为 UTF-8 编码，但内容无法解码") from e
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(path, "文件声明为 UTF-16 编码，但内容无法解码") from e
    if b"\x00" in data[:8192]:
        raise InputError(path, "不是文本文件（含二进制内容），无法读取")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_like_text(text):
        return text, "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and _looks_like_text(text):
            return text, best.encoding
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


def _width(s: str) -> int:
    """Display width: a hanzi or full-width sign is two columns, as a fixed-width wrap counts."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in s)


def mark_hard_wraps(lines: list[Line]) -> None:
    """Mark the breaks of a text wrapped at a fixed width (copied from a PDF or an e-mail) as
    soft, so a paragraph is one paragraph. Only when many lines end at the same width, in
    display columns or in characters: in a file of one paragraph per line, lengths vary and
    nothing is joined. A line runs on into the next when it reaches that width and the next
    starts no paragraph (no indent, no numbering marker, not blank)."""
    from juesuan.ingest.pdf.layout import MARKER

    best: list[bool] = []
    for measure, slack, least in ((_width, 3, 40), (len, 1, 20)):
        sizes = [measure(ln.text.rstrip()) for ln in lines]
        full = [n for n in sizes if n >= least]
        if len(full) < 4:
            continue
        # the width most full lines end at (a longer line, such as a table row, is no wrap);
        # counted per width, so a huge file costs one pass
        count = Counter(full)
        wrap = max(count, key=lambda w: (sum(count[w - k] for k in range(slack + 1)), w))
        at = [wrap - slack <= n <= wrap for n in sizes]
        texts = {ln.text for ln, hit in zip(lines, at, strict=True) if hit}
        if len(texts) >= max(4, 0.3 * len(full)) and sum(at) > sum(best):
            best = at  # (repeated lines of one length are a list, not a wrap)
    for i, (a, b) in enumerate(itertools.pairwise(lines)):
        nxt = b.text
        if not best or not best[i] or not nxt.strip() or nxt[:1] in " \t\u3000":
            continue
        if a.text.rstrip()[-1:] in "。！？；!?;":
            continue  # a sentence ends there: the paragraph may too
        if MARKER.match(nxt) or _is_pipe_row(nxt) or _is_pipe_row(a.text):
            continue
        a.joins_next = True


def lines_from_text(text: str) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [Line(t, i + 1) for i, t in enumerate(raw)]
    mark_hard_wraps(lines)
    mark_broken_numbers(lines)
    return lines


def _pipe_cells(text: str) -> list[str]:
    s = text.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    parts = re.split(r"(?<!\\)\|", s)
    return [p.replace("\\|", "|").strip() for p in parts]


def _is_pipe_row(text: str) -> bool:
    return "|" in text and text.strip().startswith("|")


def pipe_tables(lines: list[Line]) -> list[Table]:
    """Every pipe table in ``lines`` as a grid: the header row, then the body rows."""
    from juesuan.ingest.pdf import BoxCell

    tables: list[Table] = []
    i = 0
    while i + 1 < len(lines):
        head, rule = lines[i], lines[i + 1]
        if not (_is_pipe_row(head.text) and _PIPE_RULE.match(rule.text)):
            i += 1
            continue
        block = [head]
        j = i + 2
        while j < len(lines) and _is_pipe_row(lines[j].text):
            block.append(lines[j])
            j += 1
        rows: list[list[Cell]] = []
        for r, line in enumerate(block):
            row: list[Cell] = []
            for c, text in enumerate(_pipe_cells(line.text)):
                if text:
                    row.append(BoxCell(text, line.page, line.no, c, c + 1, -(r + 1), -r))
            rows.append(row)
        tables.append(Table(title="", rows=rows, page=head.page, line=head.no))
        i = j
    return tables


def read_text(path: Path, data: bytes, kind: str) -> Document:
    text = decode(data, path)
    if not text.strip():
        raise InputError(path, "文件没有文字内容")
    lines = lines_from_text(text)
    tables = pipe_tables(lines) if kind == "md" else []
    return Document(path=path, kind=kind, lines=lines, tables=tables)
