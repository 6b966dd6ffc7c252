"""Pages read apart (forked workers) come back as the same document as pages read here,
and the reader decides to split only where it may."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from juesuan.ingest.pdf import pages
from juesuan.model.document import BoxCell, Cell
from juesuan.testing import sample_pdf


def _box(c: Cell) -> tuple[object, ...]:
    assert isinstance(c, BoxCell)
    return (c.text, c.page, c.x0, c.x1, c.y0, c.y1, c.conf)


def _view(read: list[pages.ReadPage]) -> list[tuple[object, ...]]:
    """What the document is built from: each page's number, kind, items and tables."""
    out: list[tuple[object, ...]] = []
    for page, kind, items, tables in read:
        texts = [
            (
                it.top,
                it.text,
                it.table,
                it.line and [(c.ch, c.x0, c.y0, c.x1, c.y1) for c in it.line.chars],
            )
            for it in items
        ]
        # a row's item and its table share the cells (a change to one shows in the other)
        shared = {id(c) for t in tables for row in t.rows for c in row}
        assert all(id(c) in shared for it in items for c in it.cells or [])
        grid = [(t.page, [[_box(c) for c in row] for row in t.rows]) for t in tables]
        out.append((page.no, page.bad, page.total, page.images, kind, texts, grid))
    return out


def test_pages_read_apart_equal_pages_read_here() -> None:
    if not sample_pdf().is_file():
        pytest.skip("the Shanghai sample (shared/samples) is absent")
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this system: pages are always read in one process")
    import pypdfium2 as pdfium

    data = sample_pdf().read_bytes()
    pdf = pdfium.PdfDocument(data)
    try:
        here = [pages.read_page(pdf, i) for i in range(len(pdf))]
        apart = pages._apart(pdf, data, len(pdf), 3)
    finally:
        pdf.close()
    assert apart is not None
    assert [p.no for p, _, _, _ in apart] == list(range(1, len(here) + 1))
    assert sum(len(items) for _, _, items, _ in apart) > 100  # the sample has text
    assert _view(apart) == _view(here)


def test_split_only_long_documents_in_a_free_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUESUAN_PDF_JOBS", "2")
    short = pages.MIN_PAGES - 1
    assert pages.jobs(short) == 1
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        assert pages.jobs(pages.MIN_PAGES) == 2
    monkeypatch.setenv("JUESUAN_PDF_JOBS", "1")
    assert pages.jobs(10 * pages.MIN_PAGES) == 1
    monkeypatch.setenv("JUESUAN_PDF_JOBS", "2")
    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True, raising=False)
    assert pages.jobs(10 * pages.MIN_PAGES) == 1  # a batch worker's pool is the parallelism


def test_no_split_beside_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUESUAN_PDF_JOBS", "2")
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert pages.jobs(10 * pages.MIN_PAGES) == 1  # forking would copy held locks
    finally:
        stop.set()
        t.join()
