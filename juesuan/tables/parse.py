"""Recognize the nine tables among a document's grids and read them into rows.

Works on the cell grids the readers produce (``BoxCell``: PDF cells with their boxes;
spreadsheet cells with their column as x and row as −y), so PDF and spreadsheets share one
reader. The header is read by geometry: the leaf header cells define the columns, each named
by the path of header cells above it, matched to the kind's canonical columns
(``kinds.yaml``). A grid with no title at the top of a page continues the previous table.

This module finds the tables (titles, units, notes, continuation pages); the header is read
in ``tables.columns`` and the body in ``tables.rows``.
"""

from __future__ import annotations

from juesuan.model.document import Cell, Document, Line, Location, Table
from juesuan.model.lazyre import lazy
from juesuan.tables.kinds import ENDS_TABLE, Kind, kind_of_title
from juesuan.tables.model import ParsedTable
from juesuan.tables.names import norm
from juesuan.tables.rows import LAYOUT, read_rows

_UNIT = lazy(r"单位[:：]\s*(万元|元|亿元|千元)")
_NOTE = lazy(r"^\s*(注|说明)[:：]")


def parse_tables(doc: Document, default_unit: str = "万元", family: str = "") -> list[ParsedTable]:
    """The standard tables among the document's grids; ``family`` (决算 | 预算) decides
    titles that fit both (政府性基金…, 三公…)."""
    out: list[ParsedTable] = []
    by_page: dict[int | None, list[Line]] = {}
    for ln in doc.lines:
        by_page.setdefault(ln.page, []).append(ln)
    prev: ParsedTable | None = None
    prev_kind: Kind | None = None
    LAYOUT.clear()  # column layouts are per document: continuation pages reuse them
    for grid in doc.tables:
        rows = [r for r in grid.rows if any(c.text.strip() for c in r)]
        if not rows:
            continue
        title_line, unit, rows = _title_of(grid, rows, by_page.get(grid.page, []), family)
        title_line = _whole_title(title_line, grid.title, family)
        if title_line is None and not grid.title:
            title_line = _orphan_title(grid, by_page, doc, family)
        k = kind_of_title(title_line.text, family) if title_line else None
        if k is None and grid.title:
            k = kind_of_title(grid.title, family)
        if k is None:
            if prev is not None and prev_kind is not None and _at_top(grid, by_page):
                read_rows(prev_kind, prev, rows, doc, continuation=True)
                if grid.page is not None and grid.page not in prev.pages:
                    prev.pages.append(grid.page)
                prev.note = prev.note or _note_after(grid, by_page)
            else:
                prev = prev_kind = None  # another table, untitled or of no known kind
            continue
        t = ParsedTable(
            kind=k.kind,
            title=norm(title_line.text) if title_line else grid.title,
            unit=unit or default_unit,
            page=grid.page,
            line=title_line.no if title_line else grid.line,
            columns=list(k.columns),
            title_loc=Location(title_line.page, title_line.no, title_line.text)
            if title_line
            else None,
            pages=[grid.page] if grid.page is not None else [],
        )
        read_rows(k, t, rows, doc, continuation=False)
        t.note = _note_after(grid, by_page)
        if prev is not None and _continues(prev, t):
            # the title repeated on the next page: one table over two pages
            prev.rows += t.rows
            prev.pages += [p for p in t.pages if p not in prev.pages]
            prev.numbers += t.numbers
            prev.note = prev.note or t.note
            LAYOUT[id(prev)] = LAYOUT.get(id(t), LAYOUT.get(id(prev), ([], [])))
            continue
        out.append(t)
        prev, prev_kind = t, k
    return out


_OPENING = lazy(r"^(合计|总计|一、|[（(]一[）)]|1[.．、])")


def _continues(prev: ParsedTable, t: ParsedTable) -> bool:
    """``t`` carries on ``prev``: same kind on the next page, and it opens with neither a
    first item nor a total line (a new table of a consolidated disclosure would) — unless
    that total line repeats ``prev``'s own, amount for amount (it is then dropped). A
    repeated title is the same title."""
    if prev.kind != t.kind or not prev.pages or t.page != prev.pages[-1] + 1 or not t.rows:
        return False
    if prev.title and t.title and prev.title != t.title:
        return False  # another table of the kind (按功能 / 按经济分类)
    first = t.rows[0]
    if first.label in ("合计", "总计"):
        # header rows repeated with the total line (Word's repeated table header)
        same = prev.find(first.label, first.side)
        if same is not None and same.values == first.values and first.values:
            del t.rows[0]
            return True
        return False
    return not _OPENING.match(first.name)


def _title_of(
    grid: Table, rows: list[list[Cell]], page_lines: list[Line], family: str
) -> tuple[Line | None, str, list[list[Cell]]]:
    """The title line and unit above a grid (PDF), or in its first rows (spreadsheets)."""
    unit = ""
    first = min((c.line for r in rows for c in r if c.line is not None), default=None)
    if first is not None:
        before = [ln for ln in page_lines if ln.no < first and ln.text.strip()]
        title = None
        rows_above = False  # another grid's rows: a title above them is that grid's
        for n, ln in enumerate(reversed(before)):
            if n >= 8 or (n >= 4 and (title is not None or rows_above)):
                break
            rows_above = rows_above or ln.text.startswith("\t")
            m = _UNIT.search(norm(ln.text))
            if m and not unit:
                unit = m.group(1)
            if title is None and not ln.text.startswith("\t") and kind_of_title(ln.text, family):
                title = ln
        if title is not None:
            return title, unit, rows
    # title and unit rows inside the grid, each with one or two filled cells; a table
    # number (公开02表, 预算01表) or the unit's name may stand above the title
    title = None
    cut = 0  # rows before this index are the title block
    for i, row in enumerate(rows[:6]):
        filled = [c for c in row if c.text.strip()]
        if len(filled) > 2:
            break
        text = " ".join(c.text for c in filled)
        m = _UNIT.search(norm(text))
        if m:
            unit = m.group(1)
            if title is not None or cut == i:
                cut = i + 1
        elif title is None and ENDS_TABLE.search(norm(text)) and kind_of_title(text, family):
            title = Line(text, filled[0].line or 0, grid.page)
            cut = i + 1
        elif title is not None or i >= 3:
            break
    return title, unit, rows[cut:]


def _whole_title(line: Line | None, joined: str, family: str) -> Line | None:
    """The title line with the lines the reader joined to it (a title wrapped over two lines,
    a bracketed subtitle such as （按经济分类科目）): the whole title decides the kind."""
    if line is None or not joined:
        return line
    own, whole = norm(line.text), norm(joined)
    if own == whole or own not in whole or kind_of_title(whole, family) is None:
        return line
    return Line(joined, line.no, line.page)


def _orphan_title(
    grid: Table, by_page: dict[int | None, list[Line]], doc: Document, family: str
) -> Line | None:
    """A title left alone at the foot of the previous page, its table on this one: the last
    line there, below every grid row of that page."""
    if grid.page is None:
        return None
    lines = [ln for ln in by_page.get(grid.page - 1, []) if ln.text.strip()]
    if not lines or lines[-1].text.startswith("\t"):
        return None
    last = lines[-1]
    below = max(
        (c.line or 0 for g in doc.tables if g.page == grid.page - 1 for r in g.rows for c in r),
        default=0,
    )
    if last.no <= below or not ENDS_TABLE.search(norm(last.text)):
        return None
    return last if kind_of_title(last.text, family) else None


def _at_top(grid: Table, by_page: dict[int | None, list[Line]]) -> bool:
    first = min((c.line for r in grid.rows for c in r if c.line is not None), default=None)
    if first is None:
        return False
    return not any(
        ln.text.strip() and not ln.text.startswith("\t")
        for ln in by_page.get(grid.page, [])
        if ln.no < first
    )


def _note_after(grid: Table, by_page: dict[int | None, list[Line]]) -> str:
    last = max((c.line for r in grid.rows for c in r if c.line is not None), default=None)
    if last is None:
        return ""
    for ln in by_page.get(grid.page, []):
        if last < ln.no <= last + 3 and (_NOTE.match(ln.text) or "无数据" in ln.text):
            return ln.text.strip()
    return ""
