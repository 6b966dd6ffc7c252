"""Run the work on local worker processes, surviving workers that die.

At most two tasks per worker are in flight. When a worker dies (a crash in native code,
the kernel's OOM killer) the pool breaks and every in-flight task is suspect: each is then
run alone in a fresh one-worker pool, so the file that kills its worker is identified and
recorded as ``internal_error``, and the others get their real result. Workers are started
with ``spawn``: the parent runs a progress thread, and forking a threaded process is unsafe.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from juesuan.batch.inputs import Task
from juesuan.batch.worker import failed, process

OnResult = Callable[[dict[str, Any]], None]
CRASHED = "工作进程意外退出（可能是读取器崩溃或内存不足），此文件未能处理"


def run(tasks: list[Task], workers: int, on_result: OnResult) -> None:
    ctx = multiprocessing.get_context("spawn")
    pending: deque[Task] = deque(tasks)
    suspects: deque[Task] = deque()
    while pending:
        suspects.extend(_pool(pending, workers, ctx, on_result))
        while suspects:
            t = suspects.popleft()
            if not _pool(deque([t]), 1, ctx, on_result):
                continue
            crash = failed(t.path, t.sha256, "internal_error", CRASHED)
            crash["transient"] = True  # not cached: a re-run tries the file again
            on_result(crash)


def _pool(pending: deque[Task], workers: int, ctx: Any, on_result: OnResult) -> list[Task]:
    """Work through ``pending`` on one pool; the tasks that were in flight if it broke."""
    inflight: dict[Future[dict[str, Any]], Task] = {}
    lost: list[Task] = []
    ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
    try:
        while pending or inflight:
            while pending and len(inflight) < 2 * workers:
                t = pending.popleft()
                inflight[ex.submit(process, t.path, t.sha256)] = t
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for f in done:
                t = inflight.pop(f)
                try:
                    result = f.result()
                except BrokenProcessPool:
                    lost.append(t)
                    continue
                on_result(result)
            if lost:
                lost.extend(inflight.values())
                return lost
    finally:
        ex.shutdown(wait=not lost, cancel_futures=True)
    return lost
