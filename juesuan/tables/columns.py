"""The columns of a table, read from its header cells by geometry.

The leaf header cells define the columns, each named by the path of header cells above it,
matched to the kind's canonical columns (``kinds.yaml``); the table reader (``tables.rows``)
reads each body cell into the column under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.model.document import BoxCell
from juesuan.model.lazyre import lazy
from juesuan.tables.kinds import Kind
from juesuan.tables.model import ParsedTable
from juesuan.tables.names import misread, norm

CODE = lazy(r"^\d{2,7}$")
HEADER_ONLY = {"类", "款", "项", "类款项", "科目编码", "科目名称", "项目"}
COLUMN_NO = {"栏次", "行次", "栏号"}


@dataclass
class Col:
    name: str
    x0: float
    x1: float
    side: str
    year: int = 0  # a year named in the column's header path (2026年预算数)
    score: int = 0  # how well the header matched the name
    pivot: str = ""  # read only in the row of this name (a turned table, ``Kind.pivot``)


def columns_of(k: Kind, header: list[BoxCell], t: ParsedTable) -> tuple[list[Col], list[float]]:
    splits: list[float] = []
    if k.split:
        hits = sorted(
            c.x0
            for c in header
            if norm(c.text).startswith(k.split)
            or misread(norm(c.text)[: len(k.split)], k.split, c.conf)
        )
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
    cols: list[Col] = []
    under: dict[int, float] = {}  # columns under a top-level 其中: its left edge
    for leaf in leaves:
        cx = (leaf.x0 + leaf.x1) / 2
        path = [c for c in header if c.x0 <= cx <= c.x1]
        path.sort(key=lambda c: -c.y1)
        words = "/".join(norm(c.text) for c in path)
        own = norm(leaf.text)
        side = side_of(k, splits, leaf.x0)
        if own in COLUMN_NO or own == "序号":
            cols.append(Col("", leaf.x0, leaf.x1, side))  # row numbers: never read
            continue
        if any(w in words for w in k.skip):
            continue
        turned = [p for p in k.pivot if p not in words]
        if turned and len(turned) == len(k.pivot):
            for p in turned:
                hit = _best_column(k, f"{words}/{p}", own)
                if hit[0] is not None:
                    cols.append(Col(hit[0], leaf.x0, leaf.x1, side, 0, hit[1], pivot=p))
            if any(c.x0 == leaf.x0 and c.pivot for c in cols):
                continue
        best, score = _best_column(k, words, own)
        if best is not None:
            cols.append(Col(best, leaf.x0, leaf.x1, side, _latest_year(words), score))
            if path[0] is not leaf and norm(path[0].text).rstrip(":：") == "其中":
                under[id(cols[-1])] = path[0].x0
        elif norm(leaf.text) not in HEADER_ONLY and not CODE.match(norm(leaf.text)):
            t.unmatched.append(words)
    return _this_year(_of_which(k, cols, under)), splits


def _of_which(k: Kind, cols: list[Col], under: dict[int, float]) -> list[Col]:
    """Drop the columns under a top-level 其中 ("of which") that the row identities would
    add to the column just before it: they break that column (or the whole) down again
    (合计 | 基本支出 | 项目支出 | 其中: 事业单位经营支出 …), so adding them counts twice. Under a
    其中 that follows a total (合计 | 其中: 一般公共预算 …) they are its parts and stay."""
    if not under:
        return cols
    from juesuan.tables.identities import relations

    parts = [set(r["parts"]) for r in relations().get("rows", []) if r["kind"] == k.kind]
    keep: list[Col] = []
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


def side_of(k: Kind, splits: list[float], x0: float) -> str:
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


def _this_year(cols: list[Col]) -> list[Col]:
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
