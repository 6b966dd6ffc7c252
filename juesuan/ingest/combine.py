"""Several files of one disclosure read as one document (``check --together``).

Some regions publish the narrative and the tables as two PDFs. Read together, the tables
of one file meet the narrative of the other, so cross-checks can run. Pages are renumbered
continuously in the order the files are given (a file without pages counts as one page),
and a note on the document says which pages came from which file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from juesuan.model.document import Document, Line


def read_together(paths: list[Path], ocr: str = "auto") -> Document:
    """One Document from the files, pages renumbered; raises ``InputError`` as ``read``.
    A single file is read as it is."""
    from juesuan.ingest import read

    docs = [read(p, ocr) for p in paths]
    return docs[0] if len(docs) == 1 else combine(docs)


def combine(docs: list[Document]) -> Document:
    lines: list[Line] = []
    tables = []
    spans: list[str] = []
    notes: list[str] = []
    offset = 0
    for d in docs:
        n = d.pages or 1
        for ln in d.lines:
            page = (ln.page or 1) + offset
            lines.append(Line(ln.text, ln.no, page, ln.joins_next, conf=ln.conf))
        for t in d.tables:
            rows = [[replace(c, page=(c.page or 1) + offset) for c in r] for r in t.rows]
            tables.append(replace(t, rows=rows, page=(t.page or 1) + offset))
        span = f"第{offset + 1}页" if n == 1 else f"第{offset + 1}–{offset + n}页"
        spans.append(f"{span} {d.path.name}")
        notes += [f"{d.path.name}：{x}" for x in d.notes]
        offset += n
    first = docs[0]
    kind = first.kind if all(d.kind == first.kind for d in docs) else "pdf"
    return Document(
        path=first.path,
        kind=kind,
        lines=lines,
        tables=tables,
        pages=offset,
        notes=["合并为一份文件检查：" + "；".join(spans), *notes],
    )
