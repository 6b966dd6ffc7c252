"""Benchmark: in-process check of the seed and the whole CLI run.

    python3 bench/bench_check.py [FILE]

Targets (issue 2): in-process check under 50 ms, CLI under 0.6 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "examples" / "mentougou-hrss-2023.txt"


def in_process(path: Path, runs: int = 30) -> tuple[float, float, int]:
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    check_document(read(path))  # warm caches (data files, regexes), as a long run would
    read_times, check_times = [], []
    findings = 0
    from juesuan.extract.tokens import _tokens

    for _ in range(runs):
        _tokens.cache_clear()  # measure a new document, not a re-read of the same text
        t0 = time.perf_counter()
        doc = read(path)
        t1 = time.perf_counter()
        rep = check_document(doc)
        t2 = time.perf_counter()
        read_times.append(t1 - t0)
        check_times.append(t2 - t1)
        findings = len(rep.findings)
    return statistics.median(read_times), statistics.median(check_times), findings


def cli(path: Path, runs: int = 5) -> float:
    times = []
    from juesuan.extract.tokens import _tokens

    for _ in range(runs):
        _tokens.cache_clear()  # measure a new document, not a re-read of the same text
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "juesuan", "check", str(path), "--format", "json"],
            capture_output=True,
            check=False,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    r, c, n = in_process(path)
    print(f"file: {path.name}")
    print(f"read (median):           {r * 1000:7.1f} ms")
    print(f"check in-process (median): {c * 1000:7.1f} ms   (target < 50 ms), {n} findings")
    print(f"CLI whole run (median):  {cli(path) * 1000:7.1f} ms   (target < 600 ms)")


if __name__ == "__main__":
    main()
