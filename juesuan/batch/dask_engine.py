"""Run the work on Dask ``distributed``: a LocalCluster, or a scheduler at an address.

Workers need juesuan installed (same version) and nothing else from this machine: with
``ship`` (the default for a remote scheduler) each task carries the file's bytes, so the
workers need not see the caller's disks. A task whose worker dies is retried by the
scheduler on another worker; one that kills workers repeatedly (``KilledWorker``) becomes
an ``internal_error`` row, like a crash under the local engine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from juesuan.batch.inputs import Task
from juesuan.batch.local import CRASHED
from juesuan.batch.worker import failed, process

OnResult = Callable[[dict[str, Any]], None]


def run(
    tasks: list[Task],
    workers: int,
    on_result: OnResult,
    scheduler: str | None = None,
    ship: bool | None = None,
) -> None:
    import logging

    from distributed import Client, LocalCluster, as_completed

    logging.getLogger("distributed").setLevel(logging.WARNING)  # keep the terminal for progress

    from juesuan.batch.store import cache_key

    key = cache_key()
    ship = scheduler is not None if ship is None else ship
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
    client = Client(scheduler or cluster)
    try:
        queue = list(reversed(tasks))
        by_key: dict[Any, Task] = {}

        def submit() -> Any:
            t = queue.pop()
            data = Path(t.path).read_bytes() if ship else None
            fut = client.submit(
                process, t.path, t.sha256, data, key=f"juesuan-{key}-{t.sha256}", pure=False
            )
            by_key[fut.key] = t
            return fut

        window = max(2, 2 * workers)
        ac = as_completed([submit() for _ in range(min(window, len(queue)))])
        for fut in ac:
            t = by_key.pop(fut.key)
            try:
                result = fut.result()
            except Exception as e:  # KilledWorker, or a worker that could not run the task
                result = failed(
                    t.path, t.sha256, "internal_error", f"{CRASHED}（{type(e).__name__}）"
                )
                result["transient"] = True
            fut.release()
            on_result(result)
            if queue:
                ac.add(submit())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
