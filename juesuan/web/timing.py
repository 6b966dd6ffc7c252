"""Where a request's time goes, for load runs: a ``Server-Timing`` header on every response
and the event loop's lag, both only when ``JUESUAN_SERVER_TIMING=1`` is set (the load
bench sets it; a normal server adds nothing and measures nothing).

The header's parts: ``app`` (request in to response start, inside the server), ``wait``
(in until the handler's thread picked it up: event loop and thread pool queueing),
``db`` (time inside database calls) and ``tpl`` (template rendering)."""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

ENABLED = os.environ.get("JUESUAN_SERVER_TIMING") == "1"
# one dict per request, set by the middleware; threads see it (anyio copies the context)
CURRENT: ContextVar[dict[str, float] | None] = ContextVar("juesuan_timing", default=None)


def begin() -> dict[str, float]:
    t: dict[str, float] = {"start": time.perf_counter(), "db": 0.0, "tpl": 0.0}
    CURRENT.set(t)
    return t


def handler_started() -> None:
    """Called first thing in a handler's thread: the end of the queueing."""
    t = CURRENT.get()
    if t is not None and "wait" not in t:
        t["wait"] = time.perf_counter() - t["start"]


@contextmanager
def part(name: str) -> Iterator[None]:
    t = CURRENT.get()
    if t is None:
        yield
        return
    t0 = time.perf_counter()
    try:
        yield
    finally:
        t[name] = t.get(name, 0.0) + time.perf_counter() - t0


def header(t: dict[str, float]) -> str:
    parts = {"app": time.perf_counter() - t["start"]}
    parts.update((k, t[k]) for k in ("wait", "db", "tpl") if k in t)
    return ", ".join(f"{k};dur={v * 1000:.2f}" for k, v in parts.items())


def watch_engine(engine: Any) -> None:
    """Add each statement's time to the current request's ``db`` part."""
    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn: Any, *_a: Any) -> None:
        conn.info.setdefault("juesuan_t0", []).append(time.perf_counter())

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn: Any, *_a: Any) -> None:
        t0 = conn.info["juesuan_t0"].pop()
        t = CURRENT.get()
        if t is not None:
            t["db"] += time.perf_counter() - t0


class LoopLag:
    """How late the event loop wakes a task asleep for ``every`` seconds: the time any
    request arriving then waits before the server even reads it."""

    def __init__(self, every: float = 0.02) -> None:
        self.every = every
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            t0 = time.perf_counter()
            await asyncio.sleep(self.every)
            self.lags.append(time.perf_counter() - t0 - self.every)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        if len(self.lags) >= 20:
            q = statistics.quantiles(self.lags, n=100)
            ms = [statistics.median(self.lags), q[94], q[98], max(self.lags)]
            # read by bench/web_load.py from the server's log
            print(
                f"event loop lag: {len(self.lags)} samples, "
                + ", ".join(
                    f"{k} {v * 1000:.1f} ms"
                    for k, v in zip(("p50", "p95", "p99", "max"), ms, strict=True)
                ),
                file=sys.stderr,
                flush=True,
            )
