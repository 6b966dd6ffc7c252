"""Recognize the nine tables among a document's grids and read them into rows.

Works on the cell grids the readers produce (``BoxCell``: PDF cells with their boxes;
spreadsheet cells with their column as x and row as −y), so PDF and spreadsheets share one
reader. The header is read by geometry: the leaf header cells define the columns, each named
by the path of header cells above it, matched to the kind's canonical columns
(``kinds.yaml``). A grid with no title at the top of a page continues the previous table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from juesuan.model.document import BoxCell, Cell, Document, Line, Location, Table
from juesuan.model.numbers import Quantity
from juesuan.tables.kinds import ENDS_TABLE, Kind, kind_of_title
from juesuan.tables.model import ParsedTable, Row
from juesuan.tables.names import MARK as _MARK
from juesuan.tables.names import norm

# thousands groups of three; the leading group may be longer (Excel formats that group only
# the last three digits: 125360,898)
_NUM = re.compile(r"^[-－−]?\d+(,\d{3})*(\.\d+)?$")
_CODE = re.compile(r"^\d{2,7}$")
_UNIT = re.compile(r"单位[:：]\s*(万元|元|亿元|千元)")
_NOTE = re.compile(r"^\s*(注|说明)[:：]")
_HEADER_ONLY = {"类", "款", "项", "类款项", "科目编码", "科目名称", "项目"}
LEVELS = {3: "类", 5: "款", 7: "项"}


def parse_tables(doc: Document, default_unit: str = "万元", family: str = "") -> list[ParsedTable]:
    """The standard tables among the document's grids; ``family`` (决算 | 预算) decides
    titles that fit both (政府性基金…, 三公…)."""
    out: list[ParsedTable] = []
    by_page: dict[int | None, list[Line]] = {}
    for ln in doc.lines:
        by_page.setdefault(ln.page, []).append(ln)
    prev: ParsedTable | None = None
    prev_kind: Kind | None = None
    _LAYOUT.clear()  # column layouts are per document: continuation pages reuse them
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
                _read_rows(prev_kind, prev, rows, doc, continuation=True)
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
        _read_rows(k, t, rows, doc, continuation=False)
        t.note = _note_after(grid, by_page)
        if prev is not None and _continues(prev, t):
            # the title repeated on the next page: one table over two pages
            prev.rows += t.rows
            prev.pages += [p for p in t.pages if p not in prev.pages]
            prev.numbers += t.numbers
            prev.note = prev.note or t.note
            _LAYOUT[id(prev)] = _LAYOUT.get(id(t), _LAYOUT.get(id(prev), ([], [])))
            continue
        out.append(t)
        prev, prev_kind = t, k
    return out


_OPENING = re.compile(r"^(合计|总计|一、|[（(]一[）)]|1[.．、])")


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


def _box(c: Cell) -> tuple[float, float, float, float]:
    if isinstance(c, BoxCell):
        return c.x0, c.x1, c.y0, c.y1
    return 0.0, 0.0, 0.0, 0.0


def _is_data_row(row: list[Cell]) -> bool:
    for c in row:
        t = norm(c.text)
        if _NUM.match(t) and not (_CODE.match(t) and len(t) in (2, 3) and "." not in t):
            return True
        if _CODE.match(t) and len(t) == 3:
            return True
        if _MARK.match(t):
            return True
    return False


def _body_start(rows: list[list[Cell]]) -> int:
    """Index of the first data row: one with a number, a 类 code or a listed item; in an
    empty table, the row after the 类/款/项 header row (its 合计 line)."""
    start = next((i for i, r in enumerate(rows) if _is_data_row(r)), None)
    if start is not None:
        return start
    marks = [i for i, r in enumerate(rows) if any(norm(c.text) in ("类", "款", "项") for c in r)]
    return marks[-1] + 1 if marks else len(rows)


_LAYOUT: dict[int, tuple[list[_Col], list[float]]] = {}  # per table being read


@dataclass
class _Col:
    name: str
    x0: float
    x1: float
    side: str
    year: int = 0  # a year named in the column's header path (2026年预算数)
    score: int = 0  # how well the header matched the name
    pivot: str = ""  # read only in the row of this name (a turned table, ``Kind.pivot``)


def _columns(k: Kind, header: list[BoxCell], t: ParsedTable) -> tuple[list[_Col], list[float]]:
    splits: list[float] = []
    if k.split:
        hits = sorted(c.x0 for c in header if norm(c.text).startswith(k.split))
        if len(hits) < 2 and k.econ:
            # lists side by side under one header each (科目代码 | 科目名称 | 决算数, twice or
            # three times): each repeated code header opens a list
            hits = sorted(c.x0 for c in header if norm(c.text) in _CODE_HEADS)
        splits = [x - 1 for x in hits[1:]]
    leaves = []
    for c in header:
        below = [
            d
            for d in header
            if d is not c
            and d.y1 <= c.y0 + 1
            and min(d.x1, c.x1) - max(d.x0, c.x0) > 0.5 * max(d.x1 - d.x0, 1e-6)
        ]
        if not below:
            leaves.append(c)
    cols: list[_Col] = []
    under: dict[int, float] = {}  # columns under a top-level 其中: its left edge
    for leaf in leaves:
        cx = (leaf.x0 + leaf.x1) / 2
        path = [c for c in header if c.x0 <= cx <= c.x1]
        path.sort(key=lambda c: -c.y1)
        words = "/".join(norm(c.text) for c in path)
        own = norm(leaf.text)
        side = _side(k, splits, leaf.x0)
        if own in _COLUMN_NO or own == "序号":
            cols.append(_Col("", leaf.x0, leaf.x1, side))  # row numbers: never read
            continue
        if any(w in words for w in k.skip):
            continue
        turned = [p for p in k.pivot if p not in words]
        if turned and len(turned) == len(k.pivot):
            for p in turned:
                hit = _best_column(k, f"{words}/{p}", own)
                if hit[0] is not None:
                    cols.append(_Col(hit[0], leaf.x0, leaf.x1, side, 0, hit[1], pivot=p))
            if any(c.x0 == leaf.x0 and c.pivot for c in cols):
                continue
        best, score = _best_column(k, words, own)
        if best is not None:
            cols.append(_Col(best, leaf.x0, leaf.x1, side, _latest_year(words), score))
            if path[0] is not leaf and norm(path[0].text).rstrip(":：") == "其中":
                under[id(cols[-1])] = path[0].x0
        elif norm(leaf.text) not in _HEADER_ONLY and not _CODE.match(norm(leaf.text)):
            t.unmatched.append(words)
    return _this_year(_of_which(k, cols, under)), splits


def _of_which(k: Kind, cols: list[_Col], under: dict[int, float]) -> list[_Col]:
    """Drop the columns under a top-level 其中 ("of which") that the row identities would
    add to the column just before it: they break that column (or the whole) down again
    (合计 | 基本支出 | 项目支出 | 其中: 事业单位经营支出 …), so adding them counts twice. Under a
    其中 that follows a total (合计 | 其中: 一般公共预算 …) they are its parts and stay."""
    if not under:
        return cols
    from juesuan.tables.identities import relations

    parts = [set(r["parts"]) for r in relations().get("rows", []) if r["kind"] == k.kind]
    keep: list[_Col] = []
    for c in cols:
        x = under.get(id(c))
        if x is not None:
            before = [d for d in cols if id(d) not in under and d.side == c.side and d.x1 <= x + 2]
            prev = max(before, key=lambda d: d.x1, default=None)
            if prev is not None and any(c.name in p and prev.name in p for p in parts):
                continue
        keep.append(c)
    return keep


def _best_column(k: Kind, words: str, own: str) -> tuple[str | None, int]:
    """The canonical column a header path names, with its score (0: none)."""
    best, score = None, 0
    for name, alts in k.columns.items():
        for alt in alts:
            if all(w in words for w in alt):
                # the cell's own words decide first (人员经费 under 基本支出)
                s = sum(len(w) for w in alt) + 10 * max(
                    (len(w) for w in alt if w in own), default=0
                )
                if s > score:
                    best, score = name, s
    return best, score


_CODE_HEADS = {"科目代码", "科目编码", "经济分类科目编码", "项目"}


def _side(k: Kind, splits: list[float], x0: float) -> str:
    """The list a cell at ``x0`` belongs to. Economic lists share one side: their codes are
    distinct, and a class's items may run on into the next list."""
    if not k.sides:
        return ""
    i = sum(1 for x in splits if x0 >= x)
    if k.econ:
        return str(i)  # read apart, merged below
    return k.sides[min(i, len(k.sides) - 1)]


def _latest_year(words: str) -> int:
    return max((int(y) for y in re.findall(r"(20\d{2})年", words)), default=0)


def _this_year(cols: list[_Col]) -> list[_Col]:
    """Of columns sharing a name whose headers name different years, the latest year's;
    of those, the best-matched (三公 小计 over a 合计 that adds 会议费 and 培训费)."""
    top: dict[tuple[str, str], int] = {}
    for c in cols:
        key = (c.name, c.side)
        top[key] = max(top.get(key, 0), c.year)
    cols = [c for c in cols if c.year == top[(c.name, c.side)] or c.year == 0]
    best: dict[tuple[str, str], int] = {}
    for c in cols:
        best[(c.name, c.side)] = max(best.get((c.name, c.side), 0), c.score)
    return [c for c in cols if c.score == best[(c.name, c.side)]]


def _read_rows(
    k: Kind, t: ParsedTable, rows: list[list[Cell]], doc: Document, continuation: bool
) -> None:
    start = _body_start(rows)
    if not k.columns:
        start = min(start, 1)  # a table of text (绩效目标表): no amount marks where its body starts
    if continuation and 0 < start <= 3 and not any(c.name for c in _LAYOUT.get(id(t), ([], []))[0]):
        # the page broke inside the header (a title and 收入|支出 above, the rest here): the
        # columns are named by the header rows on this page
        continuation = False
        t.unmatched.clear()
    if not continuation:
        header = [c for r in rows[:start] for c in r if isinstance(c, BoxCell) and c.text.strip()]
        cols, splits = _columns(k, header, t)
        _LAYOUT[id(t)] = (cols, splits)
        t.columns = list(dict.fromkeys(c.name for c in cols if c.name)) or t.columns
        body = rows[start:]
    else:
        cols, splits = _LAYOUT.get(id(t), ([], []))
        body = rows[start:] if start < len(rows) and start <= 3 else rows
    sheet = doc.kind in ("xls", "xlsx", "xlsm")
    t.numbers += sum(
        sum(1 for c in r if _NUM.match(norm(c.text))) for r in body if not _numbering_row(r)
    )
    for r in body:
        sides: dict[str, list[Cell]] = {}
        for c in r:
            x0 = _box(c)[0]
            sides.setdefault(_side(k, splits, x0), []).append(c)
        got: list[Row] = []
        for side, cells in sides.items():
            row = _row_of(cells, [c for c in cols if c.side == side], side, t.unit, sheet)
            if row is None:
                continue
            if k.econ:
                row.side = ""
                prev = got[-1] if got else None
                if prev and not prev.values and not row.name and not row.code and prev.name:
                    # a merged label cell (公用经费合计) whose amount sits under the next list
                    prev.values, prev.cells = row.values, row.cells
                    continue
            got.append(row)
        t.rows += got
    if k.pivot:
        _unturn(t, k.pivot)
    _whole_codes(t.rows)


def _whole_codes(rows: list[Row]) -> None:
    """款 lines printed with their two digits only (208 / 05 / 2080505): the 款 is 类 + 05
    when the next 项 line bears it out."""
    cls = ""
    for i, r in enumerate(rows):
        if len(r.code) == 3:
            cls = r.code
        elif len(r.code) == 2 and cls:
            nxt = next((o.code for o in rows[i + 1 :] if o.code), "")
            if len(nxt) == 7 and nxt.startswith(cls + r.code):
                r.code = cls + r.code
                r.level = LEVELS[5]


def _unturn(t: ParsedTable, pivot: tuple[str, ...]) -> None:
    """A turned table's rows (预算数, 决算数) as the one data row the upright table has."""
    turned = [r for r in t.rows if r.label in pivot and r.values]
    if len(turned) < 2:
        return
    one = Row(name="", loc=turned[0].loc)
    for r in turned:
        one.values.update(r.values)
        one.cells.update(r.cells)
        one.unread += r.unread
    at = t.rows.index(turned[0])
    t.rows = [r for r in t.rows if r not in turned]
    t.rows.insert(at, one)


def _row_of(cells: list[Cell], cols: list[_Col], side: str, unit: str, sheet: bool) -> Row | None:
    codes: list[str] = []
    names: list[Cell] = []
    row = Row(name="", side=side)
    second = False  # past a second classification (部门经济科目 | 政府经济科目): not this row's
    for c in cells:
        text = norm(c.text)
        if not text:
            continue
        x0, x1, _, _ = _box(c)
        cx = (x0 + x1) / 2
        label = "".join(norm(n.text) for n in names)
        col = _column_at([c for c in cols if not c.pivot or c.pivot in label], cx)
        if col is not None and not col.name:
            continue  # a 序号/栏次 column
        if _PCT.match(text):
            continue  # a rate column (增长率): not an amount, not a name
        if col is None and (second or (names and codes and _CODE.match(text))):
            # a code after this row's code and name opens a second classification's code
            # and name columns (the government economic class beside the department's)
            second = True
            row.alt += text
            continue
        split = col is None and codes and not names and len("".join(codes)) in (3, 5)
        if split and len(text) == 1 and text.isdigit():
            codes.append("0" + text)  # 款 02 printed as 2 in a split code column
            continue
        if _NUM.match(text) and not (_CODE.match(text) and not names and col is None):
            q = _quantity(text, unit, sheet) if col is not None else None
            if q is not None and col is not None:
                row.values[col.name] = q
                row.cells[col.name] = Location(c.page, c.line or 0, c.text)
            elif col is None:
                row.unread += 1  # an amount in a column no canonical name matched
            continue
        if _CODE.match(text) and not names:
            codes.append(text)
            continue
        if text in _HEADER_ONLY:
            continue
        names.append(c)
    if _column_numbers(row, names):
        return None
    row.code = "".join(codes)
    row.level = LEVELS.get(len(row.code), "") if row.code else ""
    row.name = "".join(norm(c.text) for c in names)
    row.suspect = bool(_SPILL.search(row.name))
    if not row.name and not row.code and not row.values:
        return None
    first = names[0] if names else next((c for c in cells if c.text.strip()), None)
    if first is not None:
        row.loc = Location(first.page, first.line or 0, first.text)
    return row


_COLUMN_NO = {"栏次", "行次", "栏号"}


def _numbering_row(cells: list[Cell]) -> bool:
    """A 栏次 row as printed: its label is 栏次 (or nothing) and its numbers count 1, 2, 3…"""
    texts = [norm(c.text) for c in cells if c.text.strip()]
    labels = [x for x in texts if not _NUM.match(x)]
    if any(x in _COLUMN_NO for x in labels):
        return True
    nums = [x for x in texts if _NUM.match(x)]
    if labels and any(re.search(r"[\u4e00-\u9fffA-Za-z]", x) for x in labels):
        return False
    try:
        ints = [int(x) for x in nums]
    except ValueError:
        return False
    return len(ints) >= 3 and ints[0] <= 2 and all(a < b for a, b in pairwise(ints))


_PCT = re.compile(r"^[-－−]?\d+(\.\d+)?[%％]$")
_SPILL = re.compile(r"\d[\d,]*\.\d{2}|\d%")


def _column_numbers(row: Row, names: list[Cell]) -> bool:
    """A 栏次 row (``1 2 3 …`` under the header, or letters with numbers): column numbers,
    never amounts."""
    label = "".join(norm(c.text) for c in names)
    if label in _COLUMN_NO or any(label.startswith(w) for w in _COLUMN_NO):
        return True
    vals = [q.value for q in row.values.values()]
    if (
        re.search(r"[\u4e00-\u9fffA-Za-z]", label)
        or len(vals) < 3
        or any(v != v.to_integral_value() for v in vals)
    ):
        return False
    ints = [int(v) for v in vals]  # in column order
    increasing = all(a < b for a, b in pairwise(ints))
    return increasing and 0 <= ints[0] <= 2 and ints[-1] <= 60


def _column_at(cols: list[_Col], cx: float) -> _Col | None:
    """The value column under a cell centre (the nearest, if borders are a hair off)."""
    inside = [c for c in cols if c.x0 <= cx <= c.x1]
    near = inside or [c for c in cols if c.x0 - 0.5 <= cx <= c.x1 + 0.5]
    return min(near, key=lambda c: abs((c.x0 + c.x1) / 2 - cx), default=None)


def _quantity(text: str, unit: str, sheet: bool) -> Quantity | None:
    clean = text.replace(",", "").replace("－", "-").replace("−", "-")
    try:
        d = Decimal(clean)
    except InvalidOperation:
        return None
    exp = d.as_tuple().exponent
    assert isinstance(exp, int)
    if sheet:
        # spreadsheet floats: shown to the cent; strip binary noise (0.1+0.2 → 0.30)
        d = d.quantize(Decimal("0.01"))
        exp = -2
    return Quantity(d, unit, exp)
