"""Benchmark: the whole check of a PDF disclosure, in-process and as a CLI, against plain
text extraction of the same file with pypdfium2, plus peak memory.

    PYTHONPATH=. python3 bench/bench_pdf.py [PDF] [--runs N]

Targets (25-page Shanghai sample): in-process < 0.3 s, CLI < 1 s, peak memory < 300 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "samples" / "shanghai-putuo-czj-2024.pdf"


def plain(path: Path) -> float:
    import pypdfium2 as pdfium

    t = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        pdf[i].get_textpage().get_text_range()
    pdf.close()
    return time.perf_counter() - t


def in_process(path: Path) -> tuple[float, int]:
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    t = time.perf_counter()
    rep = check_document(read(path))
    return time.perf_counter() - t, len(rep.findings)


def cli(path: Path) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "juesuan", "check", str(path), "--format", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak_mb


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    in_process(a.pdf)  # warm imports and caches
    p = statistics.median(plain(a.pdf) for _ in range(a.runs))
    runs = [in_process(a.pdf) for _ in range(a.runs)]
    ip = statistics.median(r[0] for r in runs)
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clis = [cli(a.pdf) for _ in range(a.runs)]
    c = statistics.median(x[0] for x in clis)
    child_peak = max(x[1] for x in clis)
    print(f"file: {a.pdf.name}  findings: {runs[0][1]}")
    print(f"plain pypdfium2 text extraction: {p * 1000:.0f} ms")
    print(f"check in-process: {ip * 1000:.0f} ms  ({ip / p:.1f}x plain)  target < 300 ms")
    print(f"check as CLI:     {c * 1000:.0f} ms  ({c / p:.1f}x plain)  target < 1000 ms")
    print(f"peak memory: in-process {self_peak:.0f} MB, CLI {child_peak:.0f} MB  target < 300 MB")


if __name__ == "__main__":
    main()
