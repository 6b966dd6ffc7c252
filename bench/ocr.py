"""OCR benchmark: corpus PDFs that have a text layer, scanned, read back by OCR.

    PYTHONPATH=. python3 bench/ocr.py [--docs 30] [--pages 2] [--limit N] [--out DIR]

For each chosen document (round-robin over the producer families of ``bench/corpus.py``, so
that at least eight families are present when the corpus has them) the first ``--pages``
pages that hold one of the nine tables with amounts (six amount cells or more, parsed from
the text reading) are cut out as a text PDF, and the same pages are
rendered and saved as an image-only PDF: at 200 dpi or 150 dpi (alternately), and on every
third document with noise and a slight rotation (0.4–1.0°, which the reader straightens).
Both PDFs go to ``--out`` (default ``/tmp/juesuan-ocr-bench``), never into the repository.

Compared, text reading against OCR reading of the scan:

- **cells**: every amount cell of the nine tables parsed from the text version (table kind,
  row code/name, column); identical when the scan has that cell with the same value and the
  same number of decimals;
- **read whole**: the scan gives the same table kinds and every cell identical;
- **new errors**: ``error`` findings of ``check`` on the scan that the text version does not
  have (same rule and message);
- **time**: wall seconds per scanned page of the first read (empty cache), and of a second
  read of the same file (cached), reading only; and the CPU seconds per page of the first
  read and check, on this machine as it is loaded; and the CPU seconds per
  page of the first read (this process and its OCR worker processes), which do not depend
  on how busy the machine is.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


@dataclass
class Case:
    name: str
    family: str
    dpi: int
    distorted: bool
    pages: int = 0
    cells: int = 0
    same: int = 0
    kinds_text: list[str] = field(default_factory=list)
    kinds_scan: list[str] = field(default_factory=list)
    new_errors: list[str] = field(default_factory=list)
    misread: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds, this process and its OCR workers
    cached: float = 0.0
    conf_same: list[float] = field(default_factory=list)  # lowest digit confidence per cell
    conf_wrong: list[float] = field(default_factory=list)  # read, but as another number

    @property
    def whole(self) -> bool:
        return self.same == self.cells and set(self.kinds_text) <= set(self.kinds_scan)


def _cells(path: Path, ocr: str) -> tuple[dict[tuple[str, ...], str], list[str], set[str]]:
    """The amount cells of the parsed tables, the table kinds, and the errors check gives.
    The lowest confidence among each cell's digits is left in ``_cells.confs``."""
    from juesuan.check.run import check_document, make_context
    from juesuan.ingest import read
    from juesuan.tables import tables_of

    t0 = time.perf_counter()
    doc = read(path, ocr)
    _cells.read_seconds = time.perf_counter() - t0  # type: ignore[attr-defined]
    ctx = make_context(doc)
    cells: dict[tuple[str, ...], str] = {}
    confs: dict[tuple[str, ...], float] = {}
    lines = {(ln.page, ln.no): ln for ln in doc.lines if ln.conf}
    seen: dict[tuple[str, ...], int] = defaultdict(int)
    kinds = []
    for t in tables_of(ctx):
        kinds.append(t.kind)
        for r in t.rows:
            key = (t.kind, r.side, r.code, r.label.replace(" ", ""))
            seen[key] += 1
            for col, q in r.values.items():
                cells[(*key, str(seen[key]), col)] = f"{q.value}/{q.decimals}"
                loc = r.cells.get(col)
                c = _digit_conf(loc, lines.get((loc.page, loc.line))) if loc else None
                if c is not None:
                    confs[(*key, str(seen[key]), col)] = c
    _cells.confs = confs  # type: ignore[attr-defined]
    rep = check_document(doc)
    errors = {f"{f.rule} {f.message}" for f in rep.findings if f.severity == "error"}
    return cells, kinds, errors


def _digit_conf(loc: Any, line: Any) -> float | None:
    """The lowest confidence among the digits of the cell at ``loc`` (None on a text layer)."""
    from juesuan.check.misread import digit_confs

    got = digit_confs(loc, line)
    return min(got) if got else None


def _cpu() -> float:
    import resource

    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _table_pages(path: Path, n: int, tmp: Path) -> list[int]:
    """The first ``n`` pages, among the first 16, that hold a parsed table with at least
    ``MIN_CELLS`` amount cells on that page alone: a contents page or a table of words
    would make the cell measure mean nothing."""
    import pypdfium2 as pdfium

    from juesuan.check.run import make_context
    from juesuan.ingest import read
    from juesuan.tables import tables_of

    pdf = pdfium.PdfDocument(str(path))
    head = list(range(1, min(len(pdf), 16) + 1))
    pdf.close()
    _cut(path, head, tmp)
    doc = read(tmp, "never")
    if not any(ln.text.strip() for ln in doc.lines):
        return []
    cells: dict[int, int] = defaultdict(int)
    for t in tables_of(make_context(doc)):
        if t.page and len(set(t.pages or [t.page])) == 1:
            cells[t.page] += sum(len(r.values) for r in t.rows)
    return sorted(p for p, c in cells.items() if c >= MIN_CELLS)[:n]


MIN_CELLS = 6


def _cut(src: Path, pages: list[int], dst: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    out = pdfium.PdfDocument.new()
    out.import_pages(pdf, [p - 1 for p in pages])
    out.save(str(dst))
    out.close()
    pdf.close()


def _scan(src: Path, dst: Path, dpi: int, distorted: bool, seed: int) -> None:
    """The pages as images only (grey JPEG in a PDF), noisy and slightly turned if asked."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(src))
    images = []
    for page in pdf:
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if distorted:
            angle = float(rng.uniform(0.4, 1.0) * rng.choice([-1, 1]))
            img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
            arr = np.asarray(img).astype(np.int16)
            arr = arr + rng.normal(0, 12, arr.shape).astype(np.int16)
            speck = rng.random(arr.shape)
            arr[speck < 0.001] = 0
            arr[speck > 0.999] = 255
            img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        images.append(img)
    pdf.close()
    images[0].save(dst, save_all=True, append_images=images[1:], resolution=dpi, quality=85)


def _candidates(folder: Path) -> dict[str, list[tuple[Path, str]]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import _manifest, family, is_negative  # type: ignore[import-not-found]

    by_family: dict[str, list[tuple[Path, str]]] = defaultdict(list)
    for name, row in sorted(_manifest(folder).items()):
        p = folder / "files" / name
        if not name.lower().endswith(".pdf") or not p.exists() or is_negative(row.get("kind", "")):
            continue
        if "IMAGEONLY" in name:
            continue
        fam = family(row.get("producer", ""), row.get("creator", ""))
        if fam in ("scanner", "OFD", "none"):
            continue
        by_family[fam].append((p, name))
    return by_family


def main(argv: list[str] | None = None) -> int:
    from juesuan.ingest import read
    from juesuan.testing import shared_dir

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=30)
    ap.add_argument("--pages", type=int, default=2, help="table pages per document")
    ap.add_argument("--limit", type=int, default=0, help="stop after this many documents")
    ap.add_argument("--out", type=Path, default=Path("/tmp/juesuan-ocr-bench"))
    ap.add_argument("--csv", type=Path, default=None, help="write the per-document rows here")
    ap.add_argument("--shard", default="0/1", help="K/N: only every N-th document from the K-th")
    ap.add_argument("--summary", type=Path, nargs="+", help="only sum up these --csv files")
    args = ap.parse_args(argv)
    if args.summary:
        return summary(args.summary)
    k, n = (int(x) for x in args.shard.split("/"))
    corpus = shared_dir() / "corpus"
    if not (corpus / "manifest.csv").exists():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    out = args.out if n == 1 else args.out / f"shard{k}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    os.environ["JUESUAN_OCR_CACHE"] = str(out / "cache")
    want = min(args.docs, args.limit) if args.limit else args.docs
    queues = _candidates(corpus)
    chosen: list[tuple[Path, str, str, list[int]]] = []
    while len(chosen) < want and any(queues.values()):
        for fam in sorted(queues):
            if len(chosen) >= want or not queues[fam]:
                continue
            p, name = queues[fam].pop(0)
            try:
                pages = _table_pages(p, args.pages, out / "head.pdf")
            except Exception:
                continue
            if pages:
                chosen.append((p, name, fam, pages))
    cases: list[Case] = []
    for i, (p, name, fam, pages) in enumerate(chosen):
        if i % n != k:
            continue
        case = Case(name, fam, 150 if i % 2 else 200, i % 3 == 2, len(pages))
        text_pdf, scan_pdf = out / f"{i:02d}.text.pdf", out / f"{i:02d}.scan.pdf"
        _cut(p, pages, text_pdf)
        _scan(text_pdf, scan_pdf, case.dpi, case.distorted, seed=i)
        tcells, case.kinds_text, terr = _cells(text_pdf, "never")
        c0 = _cpu()
        scells, case.kinds_scan, serr = _cells(scan_pdf, "auto")
        case.cpu = _cpu() - c0
        case.seconds = _cells.read_seconds  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        read(scan_pdf, "auto")  # the reading again, now from the cache
        case.cached = time.perf_counter() - t0
        case.cells = len(tcells)
        case.same = sum(1 for k, v in tcells.items() if scells.get(k) == v)
        case.misread = [
            f"{'/'.join(k)}: {v} → {scells.get(k)}" for k, v in tcells.items() if scells.get(k) != v
        ]
        case.new_errors = sorted(serr - terr)
        sconf = _cells.confs  # type: ignore[attr-defined]
        for key, v in tcells.items():
            if key in scells and key in sconf:
                (case.conf_same if scells[key] == v else case.conf_wrong).append(sconf[key])
        cases.append(case)
        print(
            f"{i:2d} {fam:18s} {case.dpi} {'noisy' if case.distorted else 'clean'} "
            f"pages {case.pages} cells {case.same}/{case.cells} whole {case.whole} "
            f"new errors {len(case.new_errors)} {case.seconds:.1f}s cached {case.cached:.2f}s "
            f"{name}",
            flush=True,
        )
    report(cases)
    if args.csv:
        with args.csv.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([*FIELDS, "whole", "errors_text", "conf_same", "conf_wrong", "misread"])
            for c in cases:
                w.writerow(
                    [getattr(c, f) for f in FIELDS]
                    + [c.whole, "|".join(c.new_errors)]
                    + [" ".join(f"{x:.4f}" for x in xs) for xs in (c.conf_same, c.conf_wrong)]
                    + ["|".join(c.misread)]
                )
    return 0


FIELDS = [
    "name",
    "family",
    "dpi",
    "distorted",
    "pages",
    "cells",
    "same",
    "seconds",
    "cached",
    "cpu",
]


def summary(paths: list[Path]) -> int:
    """The report over the rows of several runs (``--shard`` runs side by side)."""
    cases = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                c = Case(row["name"], row["family"], int(row["dpi"]), row["distorted"] == "True")
                c.pages, c.cells, c.same = int(row["pages"]), int(row["cells"]), int(row["same"])
                c.seconds, c.cached, c.cpu = (float(row[f]) for f in ("seconds", "cached", "cpu"))
                c.new_errors = [e for e in row["errors_text"].split("|") if e]
                c.conf_same = [float(x) for x in row.get("conf_same", "").split()]
                c.conf_wrong = [float(x) for x in row.get("conf_wrong", "").split()]
                c.misread = [m for m in row.get("misread", "").split("|") if m]
                if row["whole"] != "True" and c.same == c.cells:
                    c.kinds_text = ["(a table kind the scan lost: see the run's log)"]
                cases.append(c)
    report(cases)
    return 0


def report(cases: list[Case]) -> None:
    if not cases:
        print("no documents")
        return
    cells = sum(c.cells for c in cases)
    same = sum(c.same for c in cases)
    pages = sum(c.pages for c in cases)
    first = sum(c.seconds for c in cases)
    cached = sum(c.cached for c in cases)
    fams = sorted({c.family for c in cases})
    print()
    print(f"documents {len(cases)} from {len(fams)} families ({', '.join(fams)}), pages {pages}")
    print(f"table cells identical: {same}/{cells} = {100 * same / max(cells, 1):.2f}%")
    whole = sum(c.whole for c in cases)
    print(f"documents read whole: {whole}/{len(cases)} = {100 * whole / len(cases):.1f}%")
    new = sum(len(c.new_errors) for c in cases)
    print(f"errors on the scan only: {new} in {sum(bool(c.new_errors) for c in cases)} documents")
    cpu = sum(c.cpu for c in cases)
    print(
        f"CPU: {cpu / max(pages, 1):.2f} CPU-s/page first read (so {cpu / max(pages, 1) / 2:.2f} "
        "s/page on 2 idle cores)"
    )
    print(
        f"time: {first / max(pages, 1):.2f} s/page first read, cached re-read "
        f"{cached / max(pages, 1):.2f} s/page ({100 * cached / max(first, 1e-9):.1f}% of first)"
    )
    for sub, label in ((True, "noisy+turned"), (False, "clean")):
        cs = [c for c in cases if c.distorted is sub]
        n, s = sum(c.cells for c in cs), sum(c.same for c in cs)
        print(f"  {label}: {s}/{n} cells, {sum(c.whole for c in cs)}/{len(cs)} whole")
    for dpi in (150, 200):
        cs = [c for c in cases if c.dpi == dpi]
        n, s = sum(c.cells for c in cs), sum(c.same for c in cs)
        print(f"  {dpi} dpi: {s}/{n} cells, {sum(c.whole for c in cs)}/{len(cs)} whole")
    calibration(cases)
    for c in cases:
        if not c.whole or c.new_errors:
            print(
                f"- {c.name} ({c.family}, {c.dpi} dpi{', noisy' if c.distorted else ''}): "
                f"{c.same}/{c.cells} cells; kinds {c.kinds_text} → {c.kinds_scan}"
            )
            for m in c.misread[:8]:
                print(f"    {m}")
            for e in c.new_errors[:3]:
                print(f"    new error: {e[:160]}")


def calibration(cases: list[Case]) -> None:
    """How the lowest digit confidence of a cell separates cells read right from cells read
    as another number: what ``check/misread.py``'s threshold is chosen from."""
    ok = sorted(x for c in cases for x in c.conf_same)
    bad = sorted(x for c in cases for x in c.conf_wrong)
    if not ok and not bad:
        return
    print(f"digit confidence, lowest per cell: {len(ok)} cells read right, {len(bad)} misread")
    if ok:
        q = [ok[int(f * (len(ok) - 1))] for f in (0.0, 0.01, 0.05, 0.5)]
        print("  read right: min {:.3f}, 1% {:.3f}, 5% {:.3f}, median {:.3f}".format(*q))
    print(f"  misread: {' '.join(f'{x:.3f}' for x in bad)}")
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        print(
            f"  below {t}: {sum(x < t for x in bad)}/{len(bad)} misread flagged, "
            f"{sum(x < t for x in ok)}/{len(ok)} right ones flagged"
        )


if __name__ == "__main__":
    sys.exit(main())
