"""Reading every page of a PDF into page items, in this process or, for a long document,
split over a few forked processes.

A page is read on its own (characters and rulings, then lines and tables), so pages can
be read apart and put back in order. Most of the time of a long document's check goes
here, so a document of ``MIN_PAGES`` pages or more is read by up to ``jobs()`` processes
(``JUESUAN_PDF_JOBS``, else the CPUs this process may use): this one takes every j-th
page while forked workers take the others. Not from a daemonic process (a batch
worker: the batch already uses the CPUs, and may not start processes), nor from a
process running other threads (a fork copies their locks, not them), nor where fork is
unavailable (a spawned worker would pay the imports, longer than it saves).
"""

from __future__ import annotations

import os
from typing import Any

from juesuan.ingest.pdf.layout import Item
from juesuan.model.document import Table

# fewer pages are read here: a fork, the pickling of results and a second pdfium document
# cost ~0.1 s, which a short document would not win back
MIN_PAGES = 48
MAX_JOBS = 4

ReadPage = tuple[Any, str, list[Item], list[Table]]  # page, kind, items, the items' tables


def read_page(pdf: Any, i: int) -> ReadPage:
    """Page ``i`` (0-based) of an open pypdfium2 document: the page model, its kind
    (``undecodable``, ``scan`` or ``""``), its items and their tables (``Item.table``
    indexes the page's own tables)."""
    from juesuan.ingest.pdf import items_of
    from juesuan.ingest.pdf.page import UNDECODABLE_SHARE, load_page

    pdf_page = pdf[i]
    try:
        page = load_page(pdf_page, i + 1)
    finally:
        pdf_page.close()  # now, not when collected: a 300-page file stays small
    kind = ""
    if page.bad >= 10 and page.bad >= UNDECODABLE_SHARE * page.total:
        kind = "undecodable"
        page.chars = []
    elif not page.chars and page.images:
        kind = "scan"
    tables: list[Table] = []
    items = items_of(page, tables)
    # the items hold what is read of the page: its characters and rulings go now, not with
    # the document, so a long table's glyphs do not pile up (each pass of the cycle
    # collector walks every live one)
    page.chars, page.hs, page.vs = [], [], []
    return page, kind, items, tables


def read_pages(pdf: Any, data: bytes) -> list[ReadPage]:
    """Every page of ``pdf`` (opened from ``data``), in order."""
    n = len(pdf)
    j = jobs(n)
    if j > 1:
        out = _apart(pdf, data, n, j)
        if out is not None:
            return out
    return [read_page(pdf, i) for i in range(n)]


def jobs(pages: int) -> int:
    """How many processes read a document of ``pages`` pages (1: this one alone)."""
    env = os.environ.get("JUESUAN_PDF_JOBS", "")
    if env.isdigit():
        want = int(env)
    else:
        try:
            want = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            want = os.cpu_count() or 1
    want = min(want, MAX_JOBS, pages // (MIN_PAGES // 2))
    if want < 2 or pages < MIN_PAGES:
        return 1
    import multiprocessing  # here: a short document never needs it
    import threading

    if multiprocessing.current_process().daemon or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return want


def _share(data: bytes, first: int, step: int) -> list[Any]:
    """Pool task: pages ``first``, ``first + step``, … of the document in ``data``, packed
    (``_pack``). The page models go back without their characters and rulings (``read_page``
    drops them): the items hold what is read of them."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = [read_page(pdf, i) for i in range(first, len(pdf), step)]
    finally:
        pdf.close()
    return _pack(out)


def _pack(read: list[ReadPage]) -> list[Any]:
    """Pages as tuples for the trip back. Pickle calls Python once per slotted dataclass
    (its ``__getstate__``), but packs tuples of numbers and strings in C: this takes a
    third of the time on a page of table cells. A table row's cells go once, with the
    table; its item points at the row, so both share the cells again when unpacked."""
    from juesuan.ingest.pdf.layout import Item
    from juesuan.ingest.pdf.lines import TextLine
    from juesuan.ingest.pdf.page import Char
    from juesuan.model.document import BoxCell

    cell, char, item, line = (_state(c) for c in (BoxCell, Char, Item, TextLine))
    i_line, i_cells, l_chars = _at(Item, "line"), _at(Item, "cells"), _at(TextLine, "chars")
    out: list[Any] = []
    for page, kind, items, tables in read:
        row_of: dict[int, tuple[int, int]] = {}
        packed_tables = []
        for ti, t in enumerate(tables):
            rows = []
            for ri, r in enumerate(t.rows):
                if r:
                    row_of[id(r[0])] = (ti, ri)
                rows.append([cell(c) if type(c) is BoxCell else c for c in r])
            packed_tables.append((t, rows))
            t.rows = []
        packed_items = []
        for it in items:
            st = list(item(it))
            if it.line is not None and all(type(c) is Char for c in it.line.chars):
                ls = list(line(it.line))
                ls[l_chars] = [char(c) for c in it.line.chars]
                st[i_line] = ls
            if it.cells and type(it.cells[0]) is BoxCell and id(it.cells[0]) in row_of:
                st[i_cells] = row_of[id(it.cells[0])]
            packed_items.append(st)
        out.append((page, kind, packed_items, packed_tables))
    return out


def _unpack(packed: list[Any]) -> list[ReadPage]:
    from juesuan.ingest.pdf.layout import Item
    from juesuan.ingest.pdf.lines import TextLine
    from juesuan.ingest.pdf.page import Char
    from juesuan.model.document import BoxCell

    i_line, i_cells, l_chars = _at(Item, "line"), _at(Item, "cells"), _at(TextLine, "chars")
    out: list[ReadPage] = []
    for page, kind, packed_items, packed_tables in packed:
        tables = []
        for t, rows in packed_tables:
            t.rows = [[BoxCell(*c) if type(c) is tuple else c for c in r] for r in rows]
            tables.append(t)
        items = []
        for st in packed_items:
            ls = st[i_line]
            if type(ls) is list:
                ls[l_chars] = [Char(*c) for c in ls[l_chars]]
                st[i_line] = TextLine(*ls)
            ref = st[i_cells]
            if type(ref) is tuple:
                st[i_cells] = list(tables[ref[0]].rows[ref[1]])
            items.append(Item(*st))
        out.append((page, kind, items, tables))
    return out


def _at(cls: Any, name: str) -> int:
    """Where field ``name`` is in ``_state(cls)``'s tuples."""
    from dataclasses import fields

    return [f.name for f in fields(cls)].index(name)


def _state(cls: Any) -> Any:
    """A getter of a dataclass's fields, in the order its constructor takes them."""
    from dataclasses import fields
    from operator import attrgetter

    names = [f.name for f in fields(cls) if f.init]
    assert len(names) == len(fields(cls)), f"{cls.__name__}: a field the constructor omits"
    return attrgetter(*names)


def _apart(pdf: Any, data: bytes, n: int, j: int) -> list[ReadPage] | None:
    """The pages read by this process and ``j - 1`` forked workers, in order; None when
    no worker can be started."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        pool = ProcessPoolExecutor(j - 1, mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError):
        return None
    shares: list[list[ReadPage]] = []
    with pool:
        try:
            futures = [pool.submit(_share, data, k, j) for k in range(1, j)]
        except (OSError, RuntimeError, BrokenProcessPool):
            return None  # no process could be started: the caller reads every page here
        shares.append([read_page(pdf, i) for i in range(0, n, j)])
        for k, fut in enumerate(futures, start=1):
            try:
                shares.append(_unpack(fut.result()))
            except BrokenProcessPool:  # the worker died (out of memory): read its pages here
                shares.append([read_page(pdf, i) for i in range(k, n, j)])
    return [shares[i % j][i // j] for i in range(n)]
