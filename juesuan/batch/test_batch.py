"""A batch end to end: statuses, isolation, resume, the cells/extract agreement, crashes."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from juesuan.batch.inputs import Task
from juesuan.batch.run import run_batch
from juesuan.batch.schema import TABLES, YUAN_SCALE
from juesuan.batch.testdata import make_inputs
from juesuan.testing import sample_pdf


def tables(out: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table as rows, without the timing column (the only one that may differ)."""
    import pyarrow.parquet as pq

    from juesuan.batch.store import current_tables

    folder = current_tables(out)
    assert folder is not None, out
    got = {}
    for t in TABLES:
        rows = pq.read_table(folder / f"{t}.parquet").to_pylist()
        for r in rows:
            r.pop("seconds", None)
        got[t] = rows
    return got


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("batch")
    inputs = make_inputs(base / "in", corpus=0)
    out = base / "out"
    s = run_batch([str(inputs), str(base / "nowhere.pdf")], out, workers=2, progress=False)
    assert s.processed == 8 and s.cached == 0
    return inputs, out


def test_every_file_has_a_row_with_its_status(batch: tuple[Path, Path]) -> None:
    _, out = batch
    docs = {Path(d["path"]).name: d for d in tables(out)["documents"]}
    assert "gen-0-copy.txt" not in docs or "gen-0.txt" not in docs  # one row per content
    assert docs["broken.pdf"]["status"] == "unusable"
    assert "PDF" in docs["broken.pdf"]["reason"]
    assert docs["empty.txt"]["status"] == "unusable"
    assert docs["nowhere.pdf"] == {**docs["nowhere.pdf"], "status": "unusable", "sha256": None}
    m = docs["mentougou.txt"]
    assert m["status"] == "ok" and m["year"] == 2023 and m["region"] == "beijing"
    assert m["department"] == "北京市门头沟区人力资源和社会保障局"
    assert m["errors"] + m["warnings"] + m["infos"] > 0
    gen = docs["gen-1.txt"]
    assert (gen["year"], gen["department"]) == (2022, "北京市西城区财政局")
    assert (out / "report.html").exists() and (out / "juesuan.duckdb").exists()


def test_findings_and_statements_belong_to_their_documents(batch: tuple[Path, Path]) -> None:
    from juesuan import api

    inputs, out = batch
    t = tables(out)
    sha = next(d["sha256"] for d in t["documents"] if d["path"].endswith("mentougou.txt"))
    report = api.check(inputs / "mentougou.txt")
    mine = [f for f in t["findings"] if f["sha256"] == sha]
    assert [(f["rule"], f["line"], f["message"]) for f in mine] == [
        (f.rule, f.location.line, f.message) for f in report.findings
    ]
    statements = [s for s in t["statements"] if s["sha256"] == sha]
    top = [s for s in statements if s["parent_seq"] is None]
    assert len(top) == len(api.extract(inputs / "mentougou.txt")["statements"])
    assert any(s["parent_seq"] is not None for s in statements)  # parts kept, linked


def test_rerun_reuses_everything_and_gives_the_same_tables(batch: tuple[Path, Path]) -> None:
    inputs, out = batch
    before = tables(out)
    s = run_batch([str(inputs), str(inputs.parent / "nowhere.pdf")], out, progress=False)
    assert (s.processed, s.cached) == (0, 8)
    assert tables(out) == before


def test_a_new_version_recomputes(
    batch: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = batch
    monkeypatch.setattr("juesuan.__version__", "999.0")
    s = run_batch([str(inputs / "contract.txt")], out, progress=False)
    assert (s.processed, s.cached) == (1, 0)
    assert any(p.name.startswith("999.0-") for p in (out / "parts").iterdir())


def test_cli_exit_codes(batch: tuple[Path, Path], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from juesuan.cli import app

    inputs, _ = batch
    ok = CliRunner().invoke(app, ["batch", str(inputs / "contract.txt"), "-o", str(tmp_path / "a")])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(app, ["batch", str(inputs), "-o", str(tmp_path / "b")])
    assert bad.exit_code == 2  # broken.pdf and empty.txt could not be read
    q = CliRunner().invoke(
        app,
        [
            "sql",
            str(tmp_path / "b"),
            "SELECT status, count(*) AS n FROM documents GROUP BY 1 ORDER BY 1",
            "--csv",
        ],
    )
    assert q.output.splitlines() == ["status,n", "ok,6", "unusable,2"]


def _cells_agree(out: Path, paths: list[Path]) -> int:
    from juesuan import api

    t = tables(out)
    sha = {Path(d["path"]).name: d["sha256"] for d in t["documents"]}
    checked = 0
    for p in paths:
        want = []
        for ti, tab in enumerate(api.extract(p)["tables"]):
            for ri, row in enumerate(tab["rows"]):
                for col, v in row["values"].items():
                    want.append(
                        (ti, tab["kind"], tab["unit"] or None, ri, row["code"], row["name"], col, v)
                    )
        cells = [c for c in t["cells"] if c["sha256"] == sha[p.name]]
        got = [
            (
                c["table_seq"],
                c["table_kind"],
                c["unit"],
                c["row_seq"],
                c["row_code"],
                c["row_name"],
                c["column"],
                c["value"],
            )
            for c in cells
        ]
        assert got == want, p
        for c in cells:
            if c["unit"] in YUAN_SCALE and c["value_yuan"] is not None:
                assert c["value_yuan"] == Decimal(c["value"]) * YUAN_SCALE[c["unit"]]
        checked += len(cells)
    return checked


def test_cells_agree_with_extract_on_real_disclosures(tmp_path: Path) -> None:
    from juesuan.testing import shared_dir

    pdfs = [sample_pdf()]
    files = shared_dir() / "corpus" / "files"
    if files.is_dir():  # a spread of producers: every 40th corpus file
        pdfs += sorted(files.glob("*.pdf"))[::40]
    pdfs = [p for p in pdfs if p.exists()]
    if not pdfs:
        pytest.skip("shared/ (sample and corpus PDFs) is absent")
    out = tmp_path / "out"
    run_batch([str(p) for p in pdfs], out, workers=2, progress=False)
    assert _cells_agree(out, pdfs) > 0
    if sample_pdf().exists():
        got = {
            (c["row_name"], c["column"]): c["value_yuan"]
            for c in tables(out)["cells"]
            if c["table_kind"] == "收入支出决算总表"
        }
        assert got[("一、一般公共预算财政拨款收入", "决算数")] == Decimal(
            "29400500.00"
        )  # 2940.05 万元


def misbehave_on_marker(path: str, sha256: str) -> dict[str, Any]:
    """A worker function (the test hook of ``local.run``) that dies like a native crash on
    files named ``crash*`` and hangs on files named ``hang*``; others are processed."""
    import time

    from juesuan.batch.worker import process

    name = Path(path).name
    if name.startswith("crash"):
        os._exit(11)
    if name.startswith("hang"):
        time.sleep(3600)
    return process(path, sha256)


def _tasks(tmp_path: Path, names: tuple[str, ...]) -> list[Task]:
    from juesuan.batch.inputs import file_sha256

    tasks = []
    for name in names:
        f = tmp_path / name
        f.write_text(f"2023年度{name}局部门决算公开说明\n", encoding="utf-8")
        tasks.append(Task(str(f), file_sha256(f)))
    return tasks


def test_a_worker_crash_is_one_internal_error_row(tmp_path: Path) -> None:
    from juesuan.batch import local

    tasks = _tasks(tmp_path, ("a.txt", "crash.txt", "b.txt", "c.txt"))
    results: list[dict[str, Any]] = []
    local.run(tasks, 2, results.append, work=misbehave_on_marker)
    by_name = {Path(r["document"]["path"]).name: r for r in results}
    assert sorted(by_name) == ["a.txt", "b.txt", "c.txt", "crash.txt"]
    assert len(results) == 4
    assert by_name["crash.txt"]["document"]["status"] == "internal_error"
    assert by_name["crash.txt"]["document"]["reason"] == local.CRASHED
    assert by_name["crash.txt"].get("transient") is True
    assert all(by_name[n]["document"]["status"] == "ok" for n in ("a.txt", "b.txt", "c.txt"))


def test_a_file_past_the_timeout_is_one_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    import time

    from juesuan.batch import local

    tasks = _tasks(tmp_path, ("a.txt", "hang.txt", "b.txt", "c.txt", "d.txt"))
    results: list[dict[str, Any]] = []
    t0 = time.monotonic()
    local.run(tasks, 2, results.append, timeout=15, work=misbehave_on_marker)
    took = time.monotonic() - t0
    by_name = {Path(r["document"]["path"]).name: r for r in results}
    assert sorted(by_name) == ["a.txt", "b.txt", "c.txt", "d.txt", "hang.txt"]
    assert len(results) == 5
    hang = by_name["hang.txt"]
    assert hang["document"]["status"] == "internal_error"
    assert hang["document"]["reason"] == local.timed_out(15) and "15 秒" in local.timed_out(15)
    assert hang.get("transient") is True
    assert all(by_name[n]["document"]["status"] == "ok" for n in ("a.txt", "b.txt", "c.txt"))
    assert by_name["d.txt"]["document"]["status"] == "ok"
    assert took < 120, took  # the hung worker was ended, not waited for


def test_check_does_not_load_the_batch_dependencies() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from typer.testing import CliRunner; from juesuan.cli import app; "
        "CliRunner().invoke(app, ['check', 'tests/golden/contract.txt']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pyarrow', 'duckdb', 'distributed', 'dask', 'matplotlib'}))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert out.stdout.strip() == "[]", out.stderr


def test_document_kind_is_taken_when_the_report_offers_it() -> None:
    from types import SimpleNamespace

    from juesuan.batch.worker import _kind

    assert _kind(SimpleNamespace(doc_kind="部门决算"), {}) == "部门决算"
    assert _kind(SimpleNamespace(doc_kind=""), {"kind": "单位预算"}) == "单位预算"
    assert _kind(SimpleNamespace(), {}) is None


def test_a_worker_reads_scanned_pages_one_after_another_unless_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batch workers fill the cores already: each must not start an OCR pool of its own."""
    import os

    from juesuan.batch.worker import process

    env = {k: v for k, v in os.environ.items() if k not in ("JUESUAN_OCR_JOBS", "JUESUAN_PDF_JOBS")}
    monkeypatch.setattr(os, "environ", env)
    row = process(str(tmp_path / "missing.pdf"), "0" * 64)
    assert row["document"]["status"] == "unusable"
    assert env["JUESUAN_OCR_JOBS"] == "1"
    assert env["JUESUAN_PDF_JOBS"] == "1"
    env["JUESUAN_OCR_JOBS"] = "2"  # the user's choice stands
    process(str(tmp_path / "missing.pdf"), "0" * 64)
    assert env["JUESUAN_OCR_JOBS"] == "2"
