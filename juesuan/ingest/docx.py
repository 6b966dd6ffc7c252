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

    def add(text: str) -> Line:  # a line per paragraph, and per table row
        line = Line(text, len(lines) + 1)
        lines.append(line)
        return line

    for block in d.element.body.iterchildren():
        if block.tag == f"{_W}p":
            add(_text_of(block))
        elif block.tag == f"{_W}tbl":
            table = _table(block, add)
            if table.rows:
                tables.append(table)
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


def _table(tbl: Any, add: Any) -> Table:
    """A Word table as BoxCells on a grid (column index as x, row index as −y), so the
    table reader sees the same geometry as for PDF and spreadsheets. Horizontal merges
    (gridSpan) widen a cell; a vertical merge (vMerge) extends the cell that starts it."""
    from juesuan.model.document import BoxCell

    rows: list[list[Cell]] = []
    starts: dict[int, BoxCell] = {}  # column -> the cell a vertical merge continues
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
        row: list[Cell] = []
        texts: list[str] = []
        col = 0
        line = add("")
        for tc in tr.iterchildren(f"{_W}tc"):
            pr = tc.find(f"{_W}tcPr")
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(f"{_W}gridSpan")
                if gs is not None:
                    span = int(gs.get(f"{_W}val", "1"))
                vm = pr.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{_W}val", "continue")
            text = "\n".join(_text_of(p) for p in tc.iter(f"{_W}p")).strip()
            texts.append(text.replace("\n", " "))
            if vmerge == "continue" and col in starts:
                starts[col].y0 = -(r + 1)
            else:
                cell = BoxCell(text, None, line.no, col, col + span, -(r + 1), -r)
                row.append(cell)
                if vmerge == "restart":
                    starts[col] = cell
                else:
                    starts.pop(col, None)
            col += span
        line.text = "\t".join(texts)
        rows.append(row)
    first = rows[0][0].line if rows and rows[0] else None
    return Table(title="", rows=rows, line=first)
