"""Fixed start-up cost of the command line, each run in a fresh process.

    PYTHONPATH=. python3 bench/startup.py [--runs N] [--compare OTHER_TREE] [--no-bytecode]

Times ``python3 -m juesuan --help``, ``juesuan check`` on a small text PDF and on the seed
narrative (wall and CPU, median and min over ``--runs`` fresh processes, after one untimed
warm-up each), then lists what ``-X importtime`` says the PDF check spends importing.

The VM's speed varies by tens of percent from minute to minute, so a before/after figure is
only meaningful from the same minute: ``--compare`` times another checkout (a ``git archive``
of the old commit, say) in the same rounds, alternating run by run. CPU time (user + system
of the child) is steadier than wall time on a shared machine; ``--instructions`` also counts
the instructions each command executes under valgrind (if installed), which no other load on
the machine changes.

Python writes no ``.pyc`` when ``PYTHONDONTWRITEBYTECODE`` is set, and then compiles every
source of the package on each start; an installed package has its ``.pyc``. The children run
with it unset unless ``--no-bytecode`` is given (then it is set, to show that cost; Python
still reads ``.pyc`` files already there, so that cost shows only in a fresh checkout).

The issue's target: no corpus file over 3 s as the command; this bench watches the fixed part.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TINY_PDF = "corpus/files/beijing-commerce-2026-dept-budget-printtopdf.pdf"
SEED = "seed/000_93c8e18bb4d64248.txt"


def shared() -> Path:
    return Path(os.environ.get("JUESUAN_SHARED") or ROOT.parent / "shared")


def cases() -> dict[str, list[str]]:
    out = {"--help": ["--help"]}
    for name, rel in (("check pdf", TINY_PDF), ("check seed", SEED)):
        path = shared() / rel
        if path.is_file():
            out[name] = ["check", str(path)]
        else:
            print(f"startup: {path} is missing, '{name}' is not timed", file=sys.stderr)
    return out


def child_env(tree: Path, bytecode: bool) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_once(tree: Path, args: list[str], bytecode: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python3 -m juesuan ARGS`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "juesuan", *args],
        env=child_env(tree, bytecode),
        cwd=tree,  # ``-m`` puts the working directory first on sys.path
        capture_output=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 1):
        raise SystemExit(f"startup: {args} failed in {tree}: {out.stderr.decode()[-1500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def instructions(tree: Path, args: list[str], bytecode: bool) -> float | None:
    """Millions of instructions one ``python3 -m juesuan ARGS`` executes (callgrind)."""
    if shutil.which("valgrind") is None:
        return None
    grind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    out = subprocess.run(
        [*grind, sys.executable, "-m", "juesuan", *args],
        env=child_env(tree, bytecode),
        cwd=tree,
        capture_output=True,
        text=True,
    )
    m = re.search(r"Collected : (\d+)", out.stderr)
    return int(m[1]) / 1e6 if m else None


def import_times(
    tree: Path, args: list[str], bytecode: bool, runs: int = 3
) -> list[tuple[str, int, int, int]]:
    """(module, depth, self us, cumulative us) of each import, the least of ``runs`` runs."""
    best: dict[str, tuple[str, int, int, int]] = {}
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "juesuan", *args],
            env=child_env(tree, bytecode),
            cwd=tree,
            capture_output=True,
            text=True,
        )
        for line in out.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if m:
                row = (m[4], len(m[3]) // 2, int(m[1]), int(m[2]))
                old = best.get(row[0])
                best[row[0]] = row if old is None else min(old, row, key=lambda r: r[3])
    return list(best.values())


def report_imports(rows: list[tuple[str, int, int, int]], top: int) -> None:
    by_package: dict[str, int] = defaultdict(int)
    for name, _, own, _ in rows:
        head = name.split(".")[0]
        if head == "juesuan":
            head = ".".join(name.split(".")[:2])
        by_package[head] += own
    total = sum(by_package.values())
    print(f"  imports in all: {total / 1000:.0f} ms (self times summed; least of 3 runs each)")
    print("  by package (self time):")
    for head, us in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {us / 1000:7.1f} ms  {head}")
    print("  top-level imports (cumulative):")
    firsts = [r for r in rows if r[1] == 0]
    for name, _, _, cum in sorted(firsts, key=lambda r: -r[3])[:top]:
        print(f"    {cum / 1000:7.1f} ms  {name}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs per command and tree")
    ap.add_argument("--compare", type=Path, help="another checkout, timed in the same rounds")
    ap.add_argument("--no-bytecode", action="store_true", help="run with PYTHONDONTWRITEBYTECODE=1")
    ap.add_argument("--top", type=int, default=12, help="rows of the import listing")
    ap.add_argument(
        "--instructions", action="store_true", help="also count instructions (valgrind)"
    )
    a = ap.parse_args(argv)
    bytecode = not a.no_bytecode
    trees = {"this": ROOT}
    if a.compare:
        trees = {"before": a.compare.resolve(), "after": ROOT}
    todo = cases()
    print(
        f"python {sys.version.split()[0]}, {a.runs} runs each, "
        f"PYTHONDONTWRITEBYTECODE {'unset' if bytecode else 'set'}"
    )
    print(f"{'command':12} {'tree':7} {'wall median':>11} {'min':>6} {'cpu median':>10} {'min':>6}")
    for case, args in todo.items():
        for tree in trees.values():
            run_once(tree, args, bytecode)  # warm-up: page cache, and .pyc when allowed
        walls: dict[str, list[float]] = defaultdict(list)
        cpus: dict[str, list[float]] = defaultdict(list)
        for _ in range(a.runs):
            for label, tree in trees.items():
                wall, cpu = run_once(tree, args, bytecode)
                walls[label].append(wall)
                cpus[label].append(cpu)
        for label in trees:
            w, c = walls[label], cpus[label]
            print(
                f"{case:12} {label:7} {statistics.median(w):10.3f}s {min(w):5.3f}s "
                f"{statistics.median(c):9.3f}s {min(c):5.3f}s"
            )
    if a.instructions:
        print("\ninstructions executed (millions, callgrind; one run each):")
        for case, args in todo.items():
            for label, tree in trees.items():
                count = instructions(tree, args, bytecode)
                shown = f"{count:8.0f}" if count is not None else "  (no valgrind)"
                print(f"{case:12} {label:7} {shown}")
    if "check pdf" in todo:
        for label, tree in trees.items():
            print(f"\nimport time of 'check pdf' ({label}):")
            report_imports(import_times(tree, todo["check pdf"], bytecode), a.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
