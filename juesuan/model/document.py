"""A disclosure as read: lines with their page/line locations, tables as cell grids.

Readers produce a ``Document``; extraction works on its ``paragraphs()``, where soft
line breaks (inside a number such as ``36,\\n079,450.01``, or inside a PDF paragraph) are
joined, while every span still maps back to the verbatim text of the lines it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.model.lazyre import lazy

if TYPE_CHECKING:
    from juesuan.model.contract import LocationJSON


@dataclass(frozen=True, slots=True)
class Location:
    page: int | None
    line: int
    excerpt: str
    col: int | None = field(default=None, compare=False)  # where the excerpt starts (for fix)
    sheet: str | None = None  # the workbook sheet (xls/xlsx); ``line`` is then its row

    def as_dict(self) -> LocationJSON:
        out: LocationJSON = {"page": self.page, "line": self.line, "excerpt": self.excerpt}
        if self.sheet is not None:  # a key added to the contract, only for workbooks
            out["sheet"] = self.sheet
        return out


# a character OCR read with a lower confidence than this may be another character: a finding
# resting on such a digit is not an error (``check/misread.py``), and a header word may be a
# known one misread in it (``tables/names.py``)
UNSURE = 0.9


@dataclass(slots=True)
class Line:
    """One line as read. ``no`` is 1-based within the file (or within the page for PDF)."""

    text: str
    no: int
    page: int | None = None
    joins_next: bool = False  # the break after this line is soft (set by the reader)
    sheet: str | None = None  # the workbook sheet it is a row of (xls/xlsx)
    # read by OCR: the recogniser's confidence (0–1) for each character of ``text``
    conf: tuple[float, ...] | None = None


@dataclass(slots=True)
class Cell:
    text: str
    page: int | None = None
    line: int | None = None


@dataclass(slots=True)
class BoxCell(Cell):
    """A table cell with its box in PDF points (y grows upwards); spreadsheet and docx
    readers use column as x and row as -y, so tables are read by one geometry."""

    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    y1: float = 0.0
    conf: float | None = None  # read by OCR: the lowest confidence among its characters


@dataclass(slots=True)
class Table:
    """A table as a grid of cells (rows of cells), with where it was found."""

    title: str
    rows: list[list[Cell]]
    page: int | None = None
    line: int | None = None
    unit: str = ""
    kind: str = ""  # one of the nine public tables, when recognized


@dataclass(slots=True)
class Paragraph:
    """Text of one or more lines joined at soft breaks, mapping offsets back to lines."""

    text: str
    line_idx: list[int]  # per character: index into Document.lines
    cols: list[int]  # per character: column within that line
    doc: Document

    def location(self, start: int, end: int) -> Location:
        """The location of text[start:end], with the verbatim excerpt from the lines."""
        end = max(end, start + 1)
        end = min(end, len(self.text))
        li0, c0 = self.line_idx[start], self.cols[start]
        li1, c1 = self.line_idx[end - 1], self.cols[end - 1] + 1
        lines = self.doc.lines
        if li0 == li1:
            excerpt = lines[li0].text[c0:c1]
        else:
            parts = [lines[li0].text[c0:]]
            parts += [lines[i].text for i in range(li0 + 1, li1)]
            parts.append(lines[li1].text[:c1])
            excerpt = "\n".join(parts)
        first = lines[li0]
        return Location(first.page, first.no, excerpt, c0, first.sheet)

    @property
    def first_line(self) -> Line:
        return self.doc.lines[self.line_idx[0]]


@dataclass
class Document:
    path: Path
    kind: str  # txt, md, docx, pdf, xlsx
    lines: list[Line]
    tables: list[Table] = field(default_factory=list)
    pages: int | None = None
    notes: list[str] = field(default_factory=list)  # what the reader noticed (e.g. 无文字层)
    sheets: list[str] = field(default_factory=list)  # workbook sheet names; page i is sheets[i-1]

    @cached_property
    def paragraph_list(self) -> list[Paragraph]:
        paras: list[Paragraph] = []
        text: list[str] = []
        idx: list[int] = []
        cols: list[int] = []

        def flush() -> None:
            if text and "".join(text).strip():
                paras.append(Paragraph("".join(text), idx.copy(), cols.copy(), self))
            text.clear()
            idx.clear()
            cols.clear()

        for i, line in enumerate(self.lines):
            s = line.text
            lo, hi = 0, len(s)
            joined_before = i > 0 and self.lines[i - 1].joins_next and bool(text)
            if joined_before:
                while lo < hi and s[lo] in " \t\u3000":
                    lo += 1
            if line.joins_next:
                while hi > lo and s[hi - 1] in " \t\u3000":
                    hi -= 1
            text.append(s[lo:hi])
            idx.extend([i] * (hi - lo))
            cols.extend(range(lo, hi))
            if not line.joins_next:
                flush()
        flush()
        return paras

    def paragraphs(self) -> list[Paragraph]:
        return self.paragraph_list

    def line_at(self, page: int | None, no: int) -> Line | None:
        for line in self.lines:
            if line.page == page and line.no == no:
                return line
        return None


TOC_TITLE = lazy(r"^目\s*录$")  # the contents' title, as readers mark it


def toc_entries(doc: Document) -> list[Line]:
    """The lines of the table of contents, as the reader marked them (tab-led lines after a
    ``目录`` title); empty when the document has none."""
    out: list[Line] = []
    inside = False
    for ln in doc.lines:
        t = ln.text.strip()
        if TOC_TITLE.match(t):
            inside = True
            continue
        if inside:
            if not ln.text.startswith("\t"):
                break
            if t:
                out.append(ln)
    return out
