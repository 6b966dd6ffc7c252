"""Word documents: paragraphs and table cells in document order, one line each."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from juesuan.errors import InputError
from juesuan.model.document import Cell, Document, Line, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, data: bytes) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as e:  # pragma: no cover - dependency is declared
        raise InputError(path, "读取 .docx 需要 python-docx") from e
    try:
        d = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as e:
        raise InputError(path, "不是有效的 .docx 文件（文件损坏或格式不符）") from e
    except Exception as e:  # zipfile.BadZipFile, lxml errors
        raise InputError(path, f"不是有效的 .docx 文件（{type(e).__name__}）") from e

    lines: list[Line] = []
    tables: list[Table] = []

    def add(text: str) -> Line:
        line = Line(text, len(lines) + 1)
        lines.append(line)
        return line

    for block in d.element.body.iterchildren():
        if block.tag == f"{_W}p":
            add(_text_of(block))
        elif block.tag == f"{_W}tbl":
            rows: list[list[Cell]] = []
            for tr in block.iter(f"{_W}tr"):
                row: list[Cell] = []
                for tc in tr.iter(f"{_W}tc"):
                    texts = [_text_of(p) for p in tc.iter(f"{_W}p")]
                    row.append(Cell("\n".join(texts).strip()))
                first = add("\t".join(c.text.replace("\n", " ") for c in row))
                for c in row:
                    c.line = first.no
                rows.append(row)
            if rows:
                tables.append(Table(title="", rows=rows, line=rows[0][0].line))
    if not any(line.text.strip() for line in lines):
        raise InputError(path, "文档没有文字内容")
    from juesuan.ingest.text import mark_broken_numbers

    mark_broken_numbers(lines)
    return Document(path=path, kind="docx", lines=lines, tables=tables)


def _text_of(p_el: Any) -> str:
    out: list[str] = []
    for el in p_el.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        if el.tag == f"{_W}t":
            out.append(el.text or "")
        elif el.tag == f"{_W}tab":
            out.append("\t")
        else:
            out.append(" ")
    return "".join(out)
