"""Reading scanned pages with OCR, into the same page model as the text layer.

``engine`` wraps the recogniser (RapidOCR, the ``ocr`` extra), ``bitmap`` renders a page,
straightens it and finds its ruling lines with numpy, ``scan`` turns recognised boxes into
characters with positions and confidences, ``cache`` keeps results by bitmap hash, and
``read_pages`` below runs pages in parallel processes. ``confidence`` carries each
character's confidence onto the lines and table cells the PDF reader builds.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from juesuan.ingest.pdf.page import Page

if TYPE_CHECKING:  # concurrent.futures (and logging) only when pages are recognised
    from concurrent.futures import Future

MODES = ("never", "auto", "always")
MISSING_HINT = "（安装 OCR 扩展后可识别扫描页：pip install 'juesuan[ocr]'）"


def available() -> bool:
    from juesuan.ingest.ocr.engine import available as engine_available

    return engine_available()


def attach(pages: list[list[Any]], lines: list[Any], chars: dict[int, list[Any]]) -> None:
    """Carry the OCR characters' confidences onto the lines and cells (``confidence``)."""
    from juesuan.ingest.ocr.confidence import attach as carry

    carry(pages, lines, chars)


def jobs() -> int:
    env = os.environ.get("JUESUAN_OCR_JOBS", "")
    return max(1, int(env)) if env.isdigit() else max(1, os.cpu_count() or 1)


def read_pages(pdf: Any, nos: list[int], dpi: int | None = None) -> dict[int, Page]:
    """The pages ``nos`` (1-based) of an open pypdfium2 document, read by OCR. Pages seen
    before come from the cache; the others are recognised in parallel processes."""
    from juesuan.ingest.ocr import cache, memory
    from juesuan.ingest.ocr.bitmap import render
    from juesuan.ingest.ocr.scan import DPI, read_bitmap, to_page

    dpi = dpi or DPI
    out: dict[int, Page] = {}
    todo: list[tuple[int, str, Any]] = []
    for no in nos:
        gray = render(pdf[no - 1], dpi)
        k = cache.key(gray, dpi)
        hit = cache.load(k)
        if hit is not None:
            out[no] = to_page(hit, no)
        else:
            todo.append((no, k, gray))
    n = min(jobs(), len(todo))
    pool = _pool(n) if n > 1 else None
    if pool is None:
        with memory.held():
            for no, k, gray in todo:
                data = read_bitmap(gray, dpi)
                cache.store(k, data)
                out[no] = to_page(data, no)
        return out
    from concurrent.futures.process import BrokenProcessPool

    with pool:
        futs: list[tuple[int, str, Any, Future[dict[str, Any]]]] = [
            (no, k, gray, pool.submit(read_bitmap, gray, dpi)) for no, k, gray in todo
        ]
        for no, k, gray, fut in futs:
            try:
                data = fut.result()
            except BrokenProcessPool:  # a worker could not start or died: read it here
                with memory.held():
                    data = read_bitmap(gray, dpi)
            cache.store(k, data)
            out[no] = to_page(data, no)
    return out


def _pool(n: int) -> Any:
    """A process pool, or None where processes cannot be started (then pages are read one
    after another). Forked where the system can: a spawned worker would run the caller's
    script again, and the engine runs one thread per process, so there is no thread
    state to lose in the fork. A forked worker finds the engine loaded (once here, not
    once in each worker); each holds its freed memory for its next page (``memory``)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from juesuan.ingest.ocr import engine, memory

    if multiprocessing.current_process().daemon:
        return None  # a daemonic worker (a batch pool's) may not start processes
    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        engine._engine()
    try:
        return ProcessPoolExecutor(n, mp_context=ctx, initializer=memory.hold)
    except (OSError, ValueError, AssertionError):
        return None
