"""A table's body read into rows: codes, names and the amounts under each column.

Works on the cell grids the readers produce (``BoxCell``: PDF cells with their boxes;
spreadsheet cells with their column as x and row as −y). The columns come from the header
(``tables.columns``); a continuation page reuses the layout its table's first page read.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from juesuan.model.document import BoxCell, Cell, Document, Location
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import Quantity
from juesuan.tables.codes import LEVELS
from juesuan.tables.columns import CODE, COLUMN_NO, HEADER_ONLY, Col, columns_of, side_of
from juesuan.tables.kinds import Kind
from juesuan.tables.model import ParsedTable, Row
from juesuan.tables.names import MARK as _MARK
from juesuan.tables.names import norm

# thousands groups of three; the leading group may be longer (Excel formats that group only
# the last three digits: 125360,898)
_NUM = lazy(r"^[-－−]?\d+(,\d{3})*(\.\d+)?$")

LAYOUT: dict[int, tuple[list[Col], list[float]]] = {}  # per table being read


def _box(c: Cell) -> tuple[float, float, float, float]:
    if isinstance(c, BoxCell):
        return c.x0, c.x1, c.y0, c.y1
    return 0.0, 0.0, 0.0, 0.0


def _is_data_row(row: list[Cell]) -> bool:
    for c in row:
        t = norm(c.text)
        if _NUM.match(t) and not (CODE.match(t) and len(t) in (2, 3) and "." not in t):
            return True
        if CODE.match(t) and len(t) == 3:
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


def read_rows(
    k: Kind, t: ParsedTable, rows: list[list[Cell]], doc: Document, continuation: bool
) -> None:
    start = _body_start(rows)
    if not k.columns:
        start = min(start, 1)  # a table of text (绩效目标表): no amount marks where its body starts
    if continuation and 0 < start <= 3 and not any(c.name for c in LAYOUT.get(id(t), ([], []))[0]):
        # the page broke inside the header (a title and 收入|支出 above, the rest here): the
        # columns are named by the header rows on this page
        continuation = False
        t.unmatched.clear()
    if not continuation:
        header = [c for r in rows[:start] for c in r if isinstance(c, BoxCell) and c.text.strip()]
        cols, splits = columns_of(k, header, t)
        LAYOUT[id(t)] = (cols, splits)
        t.columns = list(dict.fromkeys(c.name for c in cols if c.name)) or t.columns
        body = rows[start:]
    else:
        cols, splits = LAYOUT.get(id(t), ([], []))
        body = rows[start:] if start < len(rows) and start <= 3 else rows
    sheet = doc.kind in ("xls", "xlsx", "xlsm")
    t.numbers += sum(
        sum(1 for c in r if _NUM.match(norm(c.text))) for r in body if not _numbering_row(r)
    )
    for r in body:
        sides: dict[str, list[Cell]] = {}
        for c in r:
            x0 = _box(c)[0]
            sides.setdefault(side_of(k, splits, x0), []).append(c)
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


def _row_of(cells: list[Cell], cols: list[Col], side: str, unit: str, sheet: bool) -> Row | None:
    codes: list[str] = []
    names: list[Cell] = []
    row = Row(name="", side=side)
    second = False  # past a second classification (部门经济科目 | 政府经济科目): not this row's
    label = ""  # the names so far, joined
    pivoted = any(c.pivot for c in cols)
    for c in cells:
        text = norm(c.text)
        if not text:
            continue
        x0, x1, _, _ = _box(c)
        cx = (x0 + x1) / 2
        here = [c for c in cols if not c.pivot or c.pivot in label] if pivoted else cols
        col = _column_at(here, cx)
        if col is not None and not col.name:
            continue  # a 序号/栏次 column
        if _PCT.match(text):
            continue  # a rate column (增长率): not an amount, not a name
        if col is None and (second or (names and codes and CODE.match(text))):
            # a code after this row's code and name opens a second classification's code
            # and name columns (the government economic class beside the department's)
            second = True
            row.alt += text
            continue
        split = col is None and codes and not names and len("".join(codes)) in (3, 5)
        if split and len(text) == 1 and text.isdigit():
            codes.append("0" + text)  # 款 02 printed as 2 in a split code column
            continue
        if _NUM.match(text) and not (CODE.match(text) and not names and col is None):
            q = _quantity(text, unit, sheet) if col is not None else None
            if q is not None and col is not None:
                row.values[col.name] = q
                row.cells[col.name] = Location(c.page, c.line or 0, c.text)
            elif col is None:
                row.unread += 1  # an amount in a column no canonical name matched
            continue
        if CODE.match(text) and not names:
            codes.append(text)
            continue
        if text in HEADER_ONLY:
            continue
        names.append(c)
        label += text
    if _column_numbers(row, names):
        return None
    row.code = "".join(codes)
    row.level = LEVELS.get(len(row.code), "") if row.code else ""
    row.name = label
    row.suspect = bool(_SPILL.search(row.name))
    if not row.name and not row.code and not row.values:
        return None
    first = names[0] if names else next((c for c in cells if c.text.strip()), None)
    if first is not None:
        row.loc = Location(first.page, first.line or 0, first.text)
    return row


def _numbering_row(cells: list[Cell]) -> bool:
    """A 栏次 row as printed: its label is 栏次 (or nothing) and its numbers count 1, 2, 3…"""
    texts = [norm(c.text) for c in cells if c.text.strip()]
    labels = [x for x in texts if not _NUM.match(x)]
    if any(x in COLUMN_NO for x in labels):
        return True
    nums = [x for x in texts if _NUM.match(x)]
    if labels and any(re.search(r"[\u4e00-\u9fffA-Za-z]", x) for x in labels):
        return False
    try:
        ints = [int(x) for x in nums]
    except ValueError:
        return False
    return len(ints) >= 3 and ints[0] <= 2 and all(a < b for a, b in pairwise(ints))


_PCT = lazy(r"^[-－−]?\d+(\.\d+)?[%％]$")
_SPILL = lazy(r"\d[\d,]*\.\d{2}|\d%")


def _column_numbers(row: Row, names: list[Cell]) -> bool:
    """A 栏次 row (``1 2 3 …`` under the header, or letters with numbers): column numbers,
    never amounts."""
    label = "".join(norm(c.text) for c in names)
    if label in COLUMN_NO or any(label.startswith(w) for w in COLUMN_NO):
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


def _column_at(cols: list[Col], cx: float) -> Col | None:
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
