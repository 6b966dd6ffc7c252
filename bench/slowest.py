"""Per-file whole-check cost of the slowest disclosures: CPU and wall time, peak memory.

    PYTHONPATH=. python3 bench/slowest.py [PDF ...] [--top N] [--runs N]

Without PDFs it times the Shanghai sample and the corpus files that were slowest when
this bench was written (``SLOW`` below, plus any file of more than ``--pages`` pages
in the corpus manifest). Each file is read and checked as ``api.check`` does, in a fresh
child process (no warm cache from the previous file), after the imports, which a
long-running service pays once; once in one process (``JUESUAN_PDF_JOBS=1``, as a batch
worker reads) and once as the CLI reads (a long document's pages split over forked
workers, ``juesuan.ingest.pdf.pages``). The machine is shared, so wall time is noisy: CPU
time (user + system of the child and its own workers) is the steadier figure. Peak memory
is the largest resident set of the child and of its workers (each, not their sum).

The issue's targets: no corpus file over 3 s whole, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# the files over 3 s on a quiet machine when the speed target was last measured
SLOW = (
    "budget-2026-shenzhen-020.pdf",
    "shenzhen-hrss-2026-dept-budget-262p.pdf",
    "budget-na-beijing-031.pdf",
    "budget-na-beijing-038.pdf",
    "budget-na-beijing-048.pdf",
    "budget-na-beijing-049.pdf",
    "budget-na-beijing-053.pdf",
    "xian-health-commission-2022-dept-final-consolidated.pdf",
)

_CHILD = r"""
import json, resource, sys, time
from juesuan import api
from juesuan.check.run import check_document
from juesuan.ingest import read
import juesuan.check.registry, juesuan.tables, juesuan.ingest.pdf.page  # imports paid once
def cpu():
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime
c0, w0 = cpu(), time.perf_counter()
doc = read(sys.argv[1], "never")
c1, w1 = cpu(), time.perf_counter()
rep = check_document(doc)
c2, w2 = cpu(), time.perf_counter()
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
print(json.dumps({"pages": doc.pages, "findings": len(rep.findings),
    "read_cpu": c1 - c0, "read_wall": w1 - w0, "cpu": c2 - c0, "wall": w2 - w0, "rss": rss}))
"""


def one(path: Path, jobs: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    env.pop("JUESUAN_PDF_JOBS", None)
    if jobs:
        env["JUESUAN_PDF_JOBS"] = jobs
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"{path.name}: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _defaults(pages: int) -> list[Path]:
    from juesuan.testing import sample_pdf, shared_dir

    corpus = shared_dir() / "corpus"
    names = list(SLOW)
    man = corpus / "manifest.csv"
    if man.exists():
        with man.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if (
                    row["pages"].isdigit()
                    and int(row["pages"]) > pages
                    and row["file"] not in names
                ):
                    names.append(row["file"])
    files = [sample_pdf()] + [corpus / "files" / n for n in names]
    return [f for f in files if f.is_file()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=1, help="runs per file (the median is shown)")
    ap.add_argument("--pages", type=int, default=120, help="also every corpus file past this")
    a = ap.parse_args(argv)
    files = a.pdfs or _defaults(a.pages)
    if not files:
        print("slowest: no files (pass PDFs or set JUESUAN_SHARED)", file=sys.stderr)
        return 2
    print(f"{'':58} {'':5} {'one process':^26} | {'as the CLI reads':^19}")
    print(
        f"{'file':58} {'pages':>5} {'read cpu':>8} {'cpu':>5} {'wall':>5} {'MB':>4} | "
        f"{'cpu':>5} {'wall':>5} {'MB':>4} {'findings':>8}"
    )
    worst = {"one": 0.0, "cli": 0.0}
    peak = 0.0
    for f in files:
        row = {}
        for name, jobs in (("one", "1"), ("cli", "")):
            runs = [one(f, jobs) for _ in range(max(1, a.runs))]
            row[name] = {k: statistics.median(x[k] for x in runs) for k in runs[0]}
            worst[name] = max(worst[name], row[name]["wall"])
            peak = max(peak, row[name]["rss"])
        o, c = row["one"], row["cli"]
        print(
            f"{f.name[:58]:58} {o['pages']:5.0f} {o['read_cpu']:8.2f} {o['cpu']:5.2f} "
            f"{o['wall']:5.2f} {o['rss']:4.0f} | {c['cpu']:5.2f} {c['wall']:5.2f} {c['rss']:4.0f} "
            f"{c['findings']:8.0f}"
        )
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"\nlongest wall: one process {worst['one']:.2f} s, as the CLI reads {worst['cli']:.2f} s; "
        f"largest peak RSS {peak:.0f} MB (bench itself {own.ru_maxrss / 1024:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
