"""A whole batch: collect the inputs, process what is not done, build the dataset."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.batch.inputs import Problem, Task, collect
from juesuan.batch.worker import failed


@dataclass
class Summary:
    out: Path
    documents: int = 0
    cached: int = 0  # results reused from an earlier run
    processed: int = 0
    status: Counter[str] = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0  # the largest worker's peak resident memory
    workers_seen: int = 0
    # Wall seconds of each stage: inputs (listing and hashing), work (the workers, from the
    # first start to the last result), tables (Parquet, DuckDB and report.html).
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every file was processed (whatever was found in it)."""
        return self.status["unusable"] == 0 and self.status["internal_error"] == 0


def run_batch(
    args: list[str],
    out: Path,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    ship: bool | None = None,
    timeout: float | None = None,
) -> Summary:
    """``timeout``: seconds one file may take before it is abandoned (default
    ``local.DEFAULT_TIMEOUT``; 0 for none)."""
    from juesuan.batch.store import Store, build_tables, clean_builds

    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    clean_builds(out)
    store = Store(out)
    tasks, problems = collect(args)
    todo = [t for t in tasks if not store.has(t.sha256)]
    t1 = time.perf_counter()
    summary = Summary(out, documents=len(tasks) + len(problems), cached=len(tasks) - len(todo))
    transient: dict[str, dict[str, Any]] = {}
    pids: set[int] = set()

    with _Progress(len(tasks), summary.cached, progress) as bar:

        def on_result(r: dict[str, Any]) -> None:
            if r.get("transient"):
                transient[r["document"]["sha256"]] = r
            else:
                store.put(r)
            summary.processed += 1
            summary.peak_rss_mb = max(summary.peak_rss_mb, float(r.get("rss_mb") or 0))
            if "pid" in r:
                pids.add(int(r["pid"]))
            bar.advance(r["document"]["status"] != "ok")

        if todo:
            _prewarm()
            if engine == "dask" or scheduler:  # an address only makes sense for Dask
                from juesuan.batch import dask_engine

                dask_engine.run(todo, workers, on_result, scheduler=scheduler, ship=ship)
            else:
                from juesuan.batch import local

                local.run(todo, workers, on_result, _timeout(timeout))

    t2 = time.perf_counter()
    results = [_result(t, store, transient) for t in tasks] + [_problem(p) for p in problems]
    results.sort(key=lambda r: (r["document"]["path"], r["document"]["sha256"] or ""))
    summary.status = Counter(r["document"]["status"] for r in results)
    from juesuan.batch.report import write_report

    summary.rows = build_tables(out, results, finish=write_report)
    summary.workers_seen = len(pids)
    summary.seconds = time.perf_counter() - t0
    summary.stages = {"inputs": t1 - t0, "work": t2 - t1, "tables": t0 + summary.seconds - t2}
    return summary


PREWARM = (
    "pyarrow.parquet",
    "duckdb",
    "jinja2",
    "matplotlib.figure",
    "matplotlib.backends.backend_svg",
)


def _prewarm() -> None:
    """Import what the tables and the report need while the workers work: the parent is
    mostly idle then, and otherwise pays the second it takes after the last file."""
    import threading

    def load() -> None:
        import contextlib
        import importlib

        for name in PREWARM:
            with contextlib.suppress(Exception):  # only a head start: failures show later
                importlib.import_module(name)

    threading.Thread(target=load, name="juesuan-prewarm", daemon=True).start()


def _timeout(seconds: float | None) -> float | None:
    from juesuan.batch.local import DEFAULT_TIMEOUT

    if seconds is None:
        return DEFAULT_TIMEOUT
    return seconds or None


def _result(t: Task, store: Any, transient: dict[str, dict[str, Any]]) -> dict[str, Any]:
    r: dict[str, Any] = transient.get(t.sha256) or store.get(t.sha256)
    r["document"]["path"] = t.path  # where the content is now, not where it was first seen
    return r


def _problem(p: Problem) -> dict[str, Any]:
    r = failed(p.path, "", "unusable", p.reason)
    r["document"]["sha256"] = None
    return r


class _Progress:
    """A rich progress bar on stderr (files done, failed, rate); silent off a terminal."""

    def __init__(self, total: int, done: int, enabled: bool | None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total, self.done, self.failed = total, done, 0
        self.bar: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.bar = Progress(
                TextColumn("决算批处理"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("失败 {task.fields[failed]}"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self.bar.start()
            self.task = self.bar.add_task(
                "", total=self.total, completed=self.done, failed=0, rate=""
            )
            self.t0 = time.perf_counter()
            self.new = 0
        return self

    def advance(self, bad: bool) -> None:
        if self.bar is None:
            return
        self.failed += bad
        self.new += 1
        rate = self.new / max(time.perf_counter() - self.t0, 1e-9) * 60
        self.bar.update(self.task, advance=1, failed=self.failed, rate=f"{rate:.1f} 份/分钟")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
            print("正在生成数据表与报告……", file=sys.stderr)
