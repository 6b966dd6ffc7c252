"""Run the work on local worker processes, surviving workers that die or hang.

Each worker holds one file at a time, over its own pipe, so the parent always knows which
file each worker is on: a worker that dies (a crash in native code, the kernel's OOM
killer) names its file at once, and a file that runs past the timeout is ended by killing
its worker, which another process replaces. Either file becomes one ``internal_error``
row that is not cached (a re-run tries it again); the other files are not disturbed.
Workers are started with ``spawn``: the parent runs a progress thread, and forking a
threaded process is unsafe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

from juesuan.batch.inputs import Task
from juesuan.batch.worker import failed, process

OnResult = Callable[[dict[str, Any]], None]
Work = Callable[[str, str], dict[str, Any]]
CRASHED = "工作进程意外退出（可能是读取器崩溃或内存不足），此文件未能处理"
DEFAULT_TIMEOUT = 300.0  # seconds; the slowest corpus PDF took 57 s under load average 20


def timed_out(seconds: float) -> str:
    return f"处理超过 {seconds:g} 秒仍未完成，已中止（可用 --timeout 调整时限）"


def run(
    tasks: list[Task],
    workers: int,
    on_result: OnResult,
    timeout: float | None = DEFAULT_TIMEOUT,
    work: Work = process,
) -> None:
    """Process ``tasks`` on ``workers`` processes, handing each result to ``on_result`` as it
    comes. ``work`` is the function a worker runs per file (tests pass a misbehaving one)."""
    ctx = multiprocessing.get_context("spawn")
    pending: deque[Task] = deque(tasks)
    slots = [_Worker(ctx, work) for _ in range(min(workers, len(tasks)))]
    try:
        while True:
            for s in slots:
                if s.task is None and pending:
                    s.give(pending.popleft())
            busy = [s for s in slots if s.task is not None]
            if not busy:
                return
            wait_for = None
            if timeout is not None:
                wait_for = max(0.0, min(s.started for s in busy) + timeout - time.monotonic())
            ready = wait([s.conn for s in busy], timeout=wait_for)
            for s in busy:
                if s.conn in ready:
                    on_result(s.collect())
                elif timeout is not None and time.monotonic() - s.started >= timeout:
                    on_result(s.abandon(timed_out(timeout)))
    finally:
        for s in slots:
            s.stop()


class _Worker:
    """One worker process and the file it is on."""

    def __init__(self, ctx: Any, work: Work) -> None:
        self.ctx, self.work = ctx, work
        self.task: Task | None = None
        self.started = 0.0
        self._start()

    def _start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_serve, args=(child, self.work), daemon=True)
        self.proc.start()
        child.close()  # only the worker holds its end: its death reads as EOF here

    def give(self, task: Task) -> None:
        try:
            self.conn.send((task.path, task.sha256))
        except OSError:  # the idle worker died (OOM killer): start another
            self._restart()
            self.conn.send((task.path, task.sha256))
        self.task, self.started = task, time.monotonic()

    def collect(self) -> dict[str, Any]:
        try:
            result: dict[str, Any] = self.conn.recv()
        except (EOFError, OSError):
            return self.abandon(CRASHED)
        self.task = None
        return result

    def abandon(self, reason: str) -> dict[str, Any]:
        """End the worker (dead or hung), start a fresh one; the file's row says why."""
        assert self.task is not None
        t, self.task = self.task, None
        self._restart()
        row = failed(t.path, t.sha256, "internal_error", reason)
        row["transient"] = True  # not cached: a re-run tries the file again
        return row

    def _restart(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()
        self._start()

    def stop(self) -> None:
        if self.task is None:  # idle: let it leave cleanly; busy (interrupted): end it
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _serve(conn: Connection, work: Work) -> None:
    """A worker's loop: a file in, its result out, until told to stop or orphaned."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if job is None:
            return
        conn.send(work(*job))
