"""Benchmark ``juesuan batch``: throughput at 1 and 2 workers, overhead over in-process
checking, peak memory per worker, and the Dask engine next to the local one.

    python3 bench/batch.py [DIR] [--limit N] [--no-dask]

Targets (issue 10): 2 workers at least 1.8x faster than 1; a 1-worker batch within 15% of
the same work done in-process; under 300 MB peak per worker. The machine's load average is
printed with the figures: on a shared machine they are only as fair as that load allows.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path


def cpu() -> float:
    """CPU seconds of this process and of its finished children: unlike wall time, a fair
    measure of overhead on a machine other jobs keep busy."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def in_process(files: list[Path]) -> tuple[float, float]:
    """The worker's job (read, check, extract, metadata) file after file in this process."""
    from juesuan.batch.inputs import file_sha256
    from juesuan.batch.worker import process

    process(str(files[0]), file_sha256(files[0]))  # import and warm, as a worker does once
    t0, c0 = time.perf_counter(), cpu()
    for f in files:
        process(str(f), file_sha256(f))
    return time.perf_counter() - t0, cpu() - c0


def batch(
    files: list[Path], workers: int, engine: str = "local"
) -> tuple[float, float, float, int]:
    from juesuan.batch.run import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "files.list"
        listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
        t0, c0 = time.perf_counter(), cpu()
        s = run_batch([str(listing)], Path(tmp) / "out", workers, engine, progress=False)
        seconds, cpu_s = time.perf_counter() - t0, cpu() - c0
    return seconds, cpu_s, s.peak_rss_mb, s.status["internal_error"]


def main() -> None:
    from juesuan.testing import shared_dir

    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", type=Path, default=shared_dir() / "corpus" / "files")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--no-dask", action="store_true")
    a = ap.parse_args()
    files = sorted(a.folder.glob("*.pdf"))[: a.limit]
    if not files:
        raise SystemExit(f"no PDFs in {a.folder}")
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} files, {mb:.1f} MB; load average {os.getloadavg()}")

    base, base_cpu = in_process(files)
    n = len(files)
    print(
        f"in-process          {base:7.1f} s  {n / base * 60:6.1f} files/min  cpu {base_cpu:.1f} s"
    )
    t1, c1, rss1, ie1 = batch(files, 1)
    print(
        f"batch --workers 1   {t1:7.1f} s  {n / t1 * 60:6.1f} files/min  cpu {c1:.1f} s"
        f"  overhead wall {100 * (t1 / base - 1):+.1f}% cpu {100 * (c1 / base_cpu - 1):+.1f}%"
        f"  peak/worker {rss1:.0f} MB"
    )
    t2, c2, rss2, ie2 = batch(files, 2)
    print(
        f"batch --workers 2   {t2:7.1f} s  {n / t2 * 60:6.1f} files/min  cpu {c2:.1f} s"
        f"  speed-up {t1 / t2:.2f}x  peak/worker {rss2:.0f} MB"
    )
    if not a.no_dask:
        td, cd, rssd, ied = batch(files, 2, "dask")
        print(
            f"dask, 2 workers     {td:7.1f} s  {n / td * 60:6.1f} files/min  cpu {cd:.1f} s"
            f"  vs local {t2 / td:.2f}x  peak/worker {rssd:.0f} MB"
        )
        print(f"internal errors under dask: {ied}")
    print(f"internal errors: {ie1} (1 worker), {ie2} (2 workers); load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
