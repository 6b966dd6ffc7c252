"""OCR speed bench: CPU seconds per page and cell accuracy on a fixed set of scanned pages.

    PYTHONPATH=. python3 bench/ocr_speed.py [--docs 8] [--out DIR] [--set KEY=VALUE ...]
    PYTHONPATH=. python3 bench/ocr_speed.py --jobs 2      # the real process pool, wall time

The first run picks ``--docs`` corpus documents (round-robin over the producer families, as
``bench/ocr.py`` does), one table page each that holds amount cells, scans them (200 or
150 dpi alternately, every third one noisy and turned) and keeps them with their text-layer
cells in ``--out`` (default ``/tmp/juesuan-ocr-speed``); later runs reuse that set, so
settings are compared on the same pages. Each page is read with the cache off, in this
process (``JUESUAN_OCR_JOBS=1``) after the engine is loaded, so the CPU time is the page's
own (every thread of the process counts). ``--set`` overrides an engine setting for this
run only: RapidOCR's (``engine.SETTINGS``, e.g. ``--set rec_batch_num=6``) or juesuan's
(``engine.OPTIONS``, e.g. ``--set det_dpi=none``). The settings before this round:

    bench/ocr_speed.py --set rec_batch_num=6 --set max_side_len=2000 --set det_dpi=none
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def prepare(out: Path, docs: int) -> list[dict[str, object]]:
    """Choose and scan the pages; their text cells are the reference."""
    from ocr import _candidates, _cells, _cut, _scan, _table_pages  # type: ignore[import-not-found]

    from juesuan.testing import shared_dir

    corpus = shared_dir() / "corpus"
    out.mkdir(parents=True, exist_ok=True)
    queues = _candidates(corpus)
    chosen: list[dict[str, object]] = []
    while len(chosen) < docs and any(queues.values()):
        for fam in sorted(queues):
            if len(chosen) >= docs or not queues[fam]:
                continue
            p, name = queues[fam].pop(0)
            try:
                pages = _table_pages(p, 3, out / "head.pdf")
            except Exception:
                continue
            i = len(chosen)
            text_pdf = out / f"{i:02d}.text.pdf"
            for page in pages:  # the first table page with amount cells
                _cut(p, [page], text_pdf)
                cells, _, _ = _cells(text_pdf, "never")
                if cells:
                    break
            else:
                continue
            dpi, noisy = (150 if i % 2 else 200), i % 3 == 2
            scan_pdf = out / f"{i:02d}.scan.pdf"
            _scan(text_pdf, scan_pdf, dpi, noisy, seed=i)
            chosen.append(
                {
                    "name": name,
                    "family": fam,
                    "page": page,
                    "dpi": dpi,
                    "noisy": noisy,
                    "scan": str(scan_pdf),
                    "cells": {"\t".join(k): v for k, v in cells.items()},
                }
            )
            print(f"chose {i:2d} {fam:18s} p{page} {dpi} {'noisy' if noisy else 'clean'} {name}")
    (out / "set.json").write_text(json.dumps(chosen, ensure_ascii=False, indent=1), "utf-8")
    return chosen


def _value(text: str) -> object:
    for conv in (int, float):
        try:
            return conv(text)
        except ValueError:
            pass
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--out", type=Path, default=Path("/tmp/juesuan-ocr-speed"))
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--jobs", type=int, default=1, help="2: through the process pool")
    ap.add_argument("--only", type=int, nargs="*", help="only these page numbers of the set")
    ap.add_argument("--dump", type=Path, help="write each page's OCR text here (JSON)")
    args = ap.parse_args(argv)
    os.environ["JUESUAN_OCR_CACHE"] = "off"
    os.environ["JUESUAN_OCR_JOBS"] = str(args.jobs)
    from ocr import _cells

    from juesuan.ingest import read
    from juesuan.ingest.ocr import engine

    set_file = args.out / "set.json"
    chosen = (
        json.loads(set_file.read_text("utf-8"))
        if set_file.exists()
        else prepare(args.out, args.docs)
    )
    for kv in args.set:
        k, _, v = kv.partition("=")
        table = engine.OPTIONS if k in engine.OPTIONS else engine.SETTINGS
        table[k] = None if v == "none" else _value(v)
    print(
        "settings:", " ".join(f"{k}={v}" for k, v in {**engine.SETTINGS, **engine.OPTIONS}.items())
    )
    c0 = time.process_time()
    engine._engine()
    print(f"engine load: {time.process_time() - c0:.2f} CPU-s")
    tot_cpu = tot_wall = 0.0
    tot_cells = tot_same = 0
    dump = {}
    for i, case in enumerate(chosen):
        if args.only and i not in args.only:
            continue
        scan = Path(str(case["scan"]))
        c0, s0, t0 = _cpu(), _cpu(system=True), time.perf_counter()
        cells, _, _ = _cells(scan, "auto")
        cpu, wall = _cpu() - c0, time.perf_counter() - t0
        sys_cpu = _cpu(system=True) - s0
        want: dict[str, str] = case["cells"]  # type: ignore[assignment]
        got = {"\t".join(k): v for k, v in cells.items()}
        same = sum(1 for k, v in want.items() if got.get(k) == v)
        tot_cpu, tot_wall = tot_cpu + cpu, tot_wall + wall
        tot_cells, tot_same = tot_cells + len(want), tot_same + same
        miss = [
            f"{k.replace(chr(9), '/')}: {v} → {got.get(k)}"
            for k, v in want.items()
            if got.get(k) != v
        ]
        print(
            f"{i:2d} {case['family']:18s} {case['dpi']} {'noisy' if case['noisy'] else 'clean'} "
            f"cells {same}/{len(want)} cpu {cpu:.2f}s (system {sys_cpu:.2f}) wall {wall:.2f}s",
            flush=True,
        )
        for m in miss[:4]:
            print(f"     {m}")
        if args.dump:
            doc = read(scan, "auto")
            dump[str(i)] = [ln.text for ln in doc.lines]
    n = len(args.only) if args.only else len(chosen)
    print(
        f"pages {n}: cells {tot_same}/{tot_cells} = {100 * tot_same / max(tot_cells, 1):.2f}%, "
        f"{tot_cpu / max(n, 1):.2f} CPU-s/page, {tot_wall / max(n, 1):.2f} wall-s/page "
        f"(read and check)"
    )
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=0), "utf-8")
    return 0


def _cpu(system: bool = False) -> float:
    """CPU seconds of this process (all its threads) and of its finished children; with
    ``system``, the kernel's part only (page faults: see juesuan/ingest/ocr/memory.py)."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    if system:
        return me.ru_stime + kids.ru_stime
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


if __name__ == "__main__":
    sys.exit(main())
