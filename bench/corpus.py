"""Corpus benchmark: how many real disclosures juesuan reads whole, per PDF producer family.

    PYTHONPATH=. python3 bench/corpus.py [DIR] [--jobs N] [--only GLOB]

DIR defaults to the ``corpus`` folder of ``juesuan.testing.shared_dir()``; its
``manifest.csv`` (when present) gives each file's producer, creator and kind.

Definitions (per file):

- **producer family**: from the PDF's producer + creator metadata (manifest, else the file's
  own): WPS 文字, WPS 表格, WPS (other), Word, Excel, iText, Aspose(WPS-made),
  Aspose(Word-made), Acrobat/Adobe, Print-to-PDF, Foxit, OFD, finance system (原点财通,
  "生产者/创建者" exports, PDFium, PDFlib, Haru), scanner (a copier or scan app), other, none.
- **negative**: the manifest kind says it is not a disclosure (``NON-budget…``,
  ``scanned-no-text``, ``other-…``, the HTML page saved as ``.pdf``) or the file cannot be
  read. A negative passes when check reports it plainly: no findings, and a note (not a
  disclosure, no text layer) or one input-error line.
- **expected tables**: the standard tables the document itself announces — its table titles
  and its table of contents (``juesuan.tables.announce``), by kind. Not a fixed list: a
  split publication announces only the tables it holds.
- **recognized**: an expected kind that ``parse_tables`` read with at least one amount in
  a named column, or found with its header and no number in its body (published empty);
  a kind without amount columns (绩效目标表) with at least one row.
- **identities checked / held**: recognized tables with data rows; held = no ``table.*``
  error names that table.
- **read whole**: every expected table recognized and every identity held. A document that
  announces no table counts as whole only if its text was read (it has lines and a known
  document kind). An identity that fails because the published document is itself wrong,
  checked by eye and listed in ``bench/publication_errors.yaml`` (file, tables, rows, why),
  does not stop a document from being whole; such documents are printed apart, and the
  ``ident`` column still counts their tables as not holding.
- **time**: read + ``check_document`` per file (med s, max s), and the largest
  ``check_document`` alone (chk max), in seconds of wall time on a shared machine. With
  ``--jobs`` above 1 each file is read in one process (``JUESUAN_PDF_JOBS=1``: the pool
  already uses the CPUs, as a batch does); ``bench/slowest.py`` times the split reading.

Prints per family: documents, read whole, tables recognized/expected, identities
held/checked, median and max time; then every disclosure not read whole with its reason;
then the negatives with how they were reported. Files are processed in a pool (``--jobs``).
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import statistics
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_FAMILIES: list[tuple[str, tuple[str, ...]]] = [
    ("OFD", ("ofd",)),
    ("finance system", ("原点财通", "生产者", "pdfium", "pdflib", "haru")),
    ("scanner", ("scan", "konica", "bizhub", "apeosport", "docucentre", "intsig", "generic")),
    ("Print-to-PDF", ("print to pdf",)),
    ("Foxit", ("福昕", "foxit")),
    ("iText", ("itext",)),
    ("Acrobat/Adobe", ("acrobat", "adobe", "distiller", "pdfmaker", "pscript")),
]


def family(producer: str, creator: str) -> str:
    """The producer family of a PDF from its producer and creator metadata."""
    p, c = producer.lower(), creator.lower()
    both = p + " " + c
    if "aspose" in p:
        return "Aspose(WPS-made)" if "wps" in c else "Aspose(Word-made)"
    for name, keys in _FAMILIES:
        if any(k in both for k in keys):
            return name
    if "wps" in both:
        if "文字" in both:
            return "WPS 文字"
        if "表格" in both:
            return "WPS 表格"
        return "WPS (other)"
    if "word" in both:
        return "Word"
    if "excel" in both:
        return "Excel"
    return "none" if not both.strip() else "other"


def is_negative(kind: str) -> bool:
    k = kind.strip()
    return k.startswith(("NON", "scanned", "other", "无效")) or "HTML" in k or "模板" in k


@dataclass
class Result:
    file: str
    family: str
    negative: bool
    manifest_kind: str = ""
    doc_kind: str = ""
    expected: list[str] = field(default_factory=list)
    recognized: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    lines: int = 0
    findings: int = 0
    errors: int = 0
    notes: list[str] = field(default_factory=list)
    input_error: str = ""
    internal_error: str = ""
    bad: list[str] = field(default_factory=list)  # table.* error messages
    published: list[str] = field(default_factory=list)  # of those, verified publication errors
    excused: list[str] = field(default_factory=list)  # tables failing only by those
    t_check: float = 0.0
    t_total: float = 0.0

    @property
    def whole(self) -> bool:
        if self.internal_error or self.input_error:
            return False
        if not self.expected:
            return self.lines > 0 and self.doc_kind not in ("", "非公开文件")
        held = sorted(self.held + self.excused)
        return set(self.expected) <= set(self.recognized) and held == sorted(self.checked)

    @property
    def plain(self) -> bool:
        """A negative reported plainly: an input error, or no findings and a note."""
        if self.internal_error:
            return False
        return bool(self.input_error) or (self.findings == 0 and bool(self.notes))

    def reason(self) -> str:
        if self.internal_error:
            return "内部错误 " + self.internal_error
        if self.input_error:
            return "读取失败 " + self.input_error
        if not self.expected:
            return f"未宣布任何表，文字{'已' if self.lines else '未'}读出，类型“{self.doc_kind}”"
        parts = []
        miss = [k for k in self.expected if k not in self.recognized]
        if miss:
            parts.append("未识别：" + "、".join(miss))
        if self.bad:
            parts.append("恒等式不成立：" + "；".join(self.bad[:3]))
        return "；".join(parts)


def run_one(path: str, fam: str, negative: bool, mkind: str, ocr: str = "never") -> Result:
    from juesuan.check.run import check_document, make_context
    from juesuan.errors import InputError
    from juesuan.extract.meta import meta_of
    from juesuan.ingest import read
    from juesuan.tables import tables_of
    from juesuan.tables.announce import announced

    r = Result(Path(path).name, fam, negative, mkind)
    t0 = time.perf_counter()
    try:
        doc = read(path, ocr)
    except InputError as e:
        r.input_error = str(e)
        return r
    except Exception as e:
        r.internal_error = f"read: {type(e).__name__}: {e} @ {_where(e)}"
        return r
    try:
        r.lines = sum(1 for ln in doc.lines if ln.text.strip())
        t1 = time.perf_counter()
        rep = check_document(doc)
        r.t_check = time.perf_counter() - t1
        r.t_total = time.perf_counter() - t0
        r.findings, r.errors, r.notes = len(rep.findings), rep.errors, list(rep.notes)
        ctx = make_context(doc)
        meta = meta_of(ctx)
        r.doc_kind = meta.doc_kind
        if not meta.disclosure:
            return r
        r.expected = [k.kind for k in announced(doc, meta.family)]
        tables = tables_of(ctx)
        r.recognized = list(
            dict.fromkeys(
                t.kind
                for t in tables
                if any(row.values for row in t.rows)
                or (t.numbers == 0 and t.columns)
                or (not _amounts(t.kind) and t.rows)
            )
        )
        bad = [f for f in rep.findings if f.rule.startswith("table.") and f.severity == "error"]
        known = _published(r.file)
        r.published = [f.message for f in bad if any(k in f.message for k in known)]
        r.bad = [f.message for f in bad if f.message not in r.published]
        for t in tables:
            if t.kind not in r.expected or not any(row.values for row in t.rows):
                continue
            r.checked.append(t.kind)
            if not any(f"《{t.kind}》" in f.message for f in bad):
                r.held.append(t.kind)
            elif not any(f"《{t.kind}》" in m for m in r.bad):
                r.excused.append(t.kind)
    except Exception as e:
        r.internal_error = f"{type(e).__name__}: {e} @ {_where(e)}"
    return r


_ERRATA = Path(__file__).with_name("publication_errors.yaml")


def _published(file: str) -> list[str]:
    """How the verified publication errors of ``file`` open their messages: 《table》“row”."""
    import yaml

    out = []
    for e in yaml.safe_load(_ERRATA.read_text(encoding="utf-8")) or []:
        if e["file"] == file:
            out += [f"《{t}》“{row}”" for t in e["tables"] for row in e["rows"]]
    return out


def _why(file: str) -> str:
    import yaml

    entries = yaml.safe_load(_ERRATA.read_text(encoding="utf-8")) or []
    return "；".join(e["why"] for e in entries if e["file"] == file)


def _amounts(kind: str) -> bool:
    """Whether the kind has amount columns (a performance-target table has only text)."""
    from juesuan.tables.kinds import kind_named

    k = kind_named(kind)
    return bool(k and k.columns)


def _where(e: BaseException) -> str:
    tb = traceback.extract_tb(e.__traceback__)
    own = [f for f in tb if "juesuan" in f.filename] or tb
    f = own[-1]
    return f"{Path(f.filename).name}:{f.lineno}"


def _one_process() -> None:
    """Pool initializer: read each PDF's pages in this worker alone."""
    import os

    os.environ["JUESUAN_PDF_JOBS"] = "1"


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    m = folder / "manifest.csv"
    if not m.exists():
        return {}
    with m.open(encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def _own_meta(path: Path) -> tuple[str, str]:
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        meta = pdf.get_metadata_dict()
        pdf.close()
        return meta.get("Producer", ""), meta.get("Creator", "")
    except Exception:
        return "", ""


def main(argv: list[str] | None = None) -> int:
    from juesuan.testing import shared_dir

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", type=Path, default=shared_dir() / "corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", default="*", help="glob over file names")
    ap.add_argument("--verbose", action="store_true", help="list every document")
    ap.add_argument(
        "--ocr",
        choices=("never", "auto"),
        default="never",
        help="OCR image-only pages (default never: this bench times the text-layer reader; "
        "scans are measured by bench/ocr.py)",
    )
    a = ap.parse_args(argv)
    folder: Path = a.dir
    files_dir = folder / "files" if (folder / "files").is_dir() else folder
    if not files_dir.is_dir():
        print(f"没有语料目录：{files_dir}", file=sys.stderr)
        return 2
    manifest = _manifest(folder)
    jobs = []
    for p in sorted(files_dir.iterdir()):
        if not p.is_file() or not fnmatch.fnmatch(p.name, a.only):
            continue
        row = manifest.get(p.name)
        prod, crea = (row["producer"], row["creator"]) if row else _own_meta(p)
        mkind = row["kind"] if row else ""
        jobs.append((str(p), family(prod, crea), is_negative(mkind), mkind, a.ocr))
    t0 = time.perf_counter()
    init = _one_process if a.jobs > 1 else None
    with ProcessPoolExecutor(max_workers=max(1, a.jobs), initializer=init) as pool:
        results = list(pool.map(run_one, *zip(*jobs, strict=True))) if jobs else []
    report(results, verbose=a.verbose)
    print(f"\n共 {len(results)} 个文件，用时 {time.perf_counter() - t0:.1f} 秒")
    return 0


def report(results: list[Result], verbose: bool = False) -> None:
    docs = [r for r in results if not r.negative]
    negs = [r for r in results if r.negative]
    fams = sorted({r.family for r in docs}, key=lambda f: -sum(r.family == f for r in docs))
    head = f"{'family':<18}{'docs':>5}{'whole':>7}{'%':>6}{'tables':>10}{'ident':>10}"
    print(head + f"{'med s':>7}{'max s':>7}{'chk max':>8}")
    for fam in [*fams, "ALL"]:
        rs = docs if fam == "ALL" else [r for r in docs if r.family == fam]
        if not rs:
            continue
        whole = sum(r.whole for r in rs)
        rec = sum(len(set(r.expected) & set(r.recognized)) for r in rs)
        exp = sum(len(r.expected) for r in rs)
        held = sum(len(r.held) for r in rs)
        chk = sum(len(r.checked) for r in rs)
        times = [r.t_total for r in rs] or [0.0]
        print(
            f"{fam:<18}{len(rs):>5}{whole:>7}{100 * whole / len(rs):>6.0f}"
            f"{f'{rec}/{exp}':>10}{f'{held}/{chk}':>10}"
            f"{statistics.median(times):>7.2f}{max(times):>7.2f}"
            f"{max(r.t_check for r in rs):>8.2f}"
        )
    internal = [r for r in results if r.internal_error]
    slow = [r for r in results if r.t_total > 3]
    print(f"\n内部错误 {len(internal)}；超过 3 秒 {len(slow)}")
    for r in slow:
        print(f"  慢 {r.file} {r.t_total:.1f}s（其中检查 {r.t_check:.1f}s）")
    print("\n未完整读出的公开文件：")
    for r in docs:
        if not r.whole:
            print(f"  {r.file} [{r.family}] {r.reason()}")
    excused = [r for r in docs if r.whole and r.published]
    if excused:
        print("\n恒等式不成立但已核实为公开文件本身的错误（计为完整读出）：")
        for r in excused:
            print(f"  {r.file} [{r.family}] {len(r.published)} 处：{r.published[0]}")
            print(f"      核实：{_why(r.file)}")
    if verbose:
        print("\n完整读出：")
        for r in docs:
            if r.whole:
                print(f"  {r.file} [{r.family}] {r.doc_kind} 表 {len(r.recognized)}")
    print("\n非公开文件（应平实地报告，不报问题）：")
    for r in negs:
        how = r.input_error or "；".join(r.notes) or "（无说明）"
        flag = "OK " if r.plain else "BAD"
        extra = "" if r.plain else f" 发现 {r.findings} 处；{r.internal_error}"
        print(f"  {flag} {r.file} [{r.manifest_kind}] {how}{extra}")


if __name__ == "__main__":
    sys.exit(main())
