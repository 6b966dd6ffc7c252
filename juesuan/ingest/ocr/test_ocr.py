"""OCR end to end: a generated table PDF, rendered to an image-only PDF, read back by OCR
into the same cells as its text layer gives; the cache, the modes and the missing engine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from juesuan.ingest.ocr import MISSING_HINT, available

ROWS = [
    ("项目", "年初预算数", "决算数"),
    ("一般公共预算财政拨款收入", "1,234.56", "1,250.07"),
    ("政府性基金预算财政拨款收入", "88.90", "76.43"),
    ("其他收入", "305.12", "298.50"),
    ("合计", "1,628.58", "1,625.00"),
]


def _html() -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
    return (
        "<html><head><style>@page { size: A4; margin: 2cm }"
        "body { font-family: 'Noto Sans CJK SC', 'Noto Serif CJK SC'; font-size: 11pt }"
        "table { border-collapse: collapse; width: 100% }"
        "td { border: 0.8pt solid black; padding: 5pt 6pt } td + td { text-align: right }"
        "</style></head><body><p>2023年度收入决算表</p><p>单位：万元</p>"
        f"<table>{cells}</table>"
        "<p>本年收入合计1,625.00万元，比年初预算减少3.58万元。</p></body></html>"
    )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the text PDF, its image-only scan at 200 dpi)."""
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig is not installed: no Chinese font to draw the table with")
    import pypdfium2 as pdfium
    from weasyprint import HTML

    d = tmp_path_factory.mktemp("ocr")
    text = d / "table.pdf"
    HTML(string=_html()).write_pdf(str(text))
    pdf = pdfium.PdfDocument(str(text))
    img = pdf[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    scan = d / "scan.pdf"
    img.save(scan, resolution=200)
    return text, scan


@pytest.fixture(autouse=True, scope="module")
def _cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One cache for the module (the CLI's processes inherit it): each page is OCR'd once."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUESUAN_OCR_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


def _cells(doc: object) -> list[list[str]]:
    return [[c.text.replace(" ", "") for c in r] for t in doc.tables for r in t.rows]  # type: ignore[attr-defined]


needs_engine = pytest.mark.skipif(
    not available(), reason="the OCR engine is not installed (pip install 'juesuan[ocr]')"
)


@needs_engine
def test_scanned_table_reads_as_its_text_layer(pdfs: tuple[Path, Path]) -> None:
    from juesuan.ingest import read

    text, scan = pdfs
    want = read(text, "never")
    got = read(scan)  # auto: the page has only an image
    assert _cells(want) == [list(r) for r in ROWS]
    assert _cells(got) == _cells(want)  # rulings found in the pixels: the same grid
    assert any("本年收入合计1,625.00万元" in ln.text.replace(" ", "") for ln in got.lines)
    assert got.notes and "第 1 页按扫描件用 OCR 识别" in got.notes[0]
    cells = [c for t in got.tables for r in t.rows for c in r]
    assert all(c.conf is not None and 0 < c.conf <= 1 for c in cells)  # type: ignore[attr-defined]
    assert all(ln.conf is not None and len(ln.conf) == len(ln.text) for ln in got.lines)
    assert all(ln.conf is None for ln in want.lines)  # the text layer has no confidence


@needs_engine
def test_second_read_comes_from_the_cache(
    pdfs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from juesuan.ingest import read
    from juesuan.ingest.ocr import engine

    first = read(pdfs[1])

    def fail() -> object:
        raise AssertionError("the engine ran again")

    monkeypatch.setattr(engine, "_engine", fail)
    assert [ln.text for ln in read(pdfs[1]).lines] == [ln.text for ln in first.lines]


@needs_engine
def test_always_reads_text_pages_by_ocr_too(pdfs: tuple[Path, Path]) -> None:
    from juesuan.ingest import read

    doc = read(pdfs[0], "always")
    assert _cells(doc) == [list(r) for r in ROWS]
    assert doc.tables[0].rows[1][1].conf is not None  # type: ignore[attr-defined]


def test_never_leaves_the_scan_unread_with_the_plain_note(pdfs: tuple[Path, Path]) -> None:
    from juesuan.ingest import read
    from juesuan.ingest.pdf import NO_TEXT_NOTE

    doc = read(pdfs[1], "never")
    assert doc.notes == [NO_TEXT_NOTE] and not doc.tables


def test_without_the_engine_the_note_says_how_to_get_it(
    pdfs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from juesuan.errors import InputError
    from juesuan.ingest import read
    from juesuan.ingest.ocr import engine
    from juesuan.ingest.pdf import NO_TEXT_NOTE

    monkeypatch.setattr(engine, "available", lambda: False)
    doc = read(pdfs[1])
    assert doc.notes == [NO_TEXT_NOTE + MISSING_HINT]
    with pytest.raises(InputError, match="OCR"):
        read(pdfs[1], "always")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True)


def test_ocr_flag(pdfs: tuple[Path, Path]) -> None:
    from juesuan.ingest.pdf import NO_TEXT_NOTE

    scan = str(pdfs[1])
    p = _cli("check", "--ocr", "never", scan)
    assert p.returncode == 2 and NO_TEXT_NOTE in p.stderr
    assert _cli("extract", "--ocr", "never", scan).returncode == 2
    p = _cli("check", "--ocr", "sometimes", scan)
    assert p.returncode == 2 and "--ocr" in p.stderr
    if not available():
        return
    p = _cli("check", "-f", "json", scan)  # auto
    assert p.returncode in (0, 1), p.stderr
    (doc,) = json.loads(p.stdout)["documents"]
    assert any("按扫描件用 OCR 识别" in n for n in doc["notes"])
    p = _cli("extract", "--ocr", "auto", scan)
    assert p.returncode == 0 and "1,625.00" in p.stdout


def test_a_zero_read_as_ling_is_the_digit_in_amounts_only() -> None:
    from juesuan.ingest.ocr.engine import _zeros

    assert _zeros("本年其他资金收入〇万元") == "本年其他资金收入0万元"
    assert _zeros("1〇5.20") == "105.20"
    assert _zeros("二〇二六年") == "二〇二六年"
    assert _zeros("〇") == "〇"


def test_the_detector_reads_a_smaller_image_and_gives_boxes_in_the_full_ones_pixels() -> None:
    import numpy as np

    from juesuan.ingest.ocr.engine import _Scaled

    seen = []

    def detect(img: object) -> tuple[object, float]:
        seen.append(img.shape)  # type: ignore[attr-defined]
        return np.array([[[10, 20], [50, 20], [50, 30], [10, 30]]], dtype="float32"), 0.0

    det = _Scaled(detect, 0.5)
    boxes, _ = det(np.zeros((400, 300, 3), dtype=np.uint8))
    assert seen == [(200, 150, 3)]
    assert boxes.tolist() == [[[20, 40], [100, 40], [100, 60], [20, 60]]]


def test_ocr_jobs_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from juesuan.ingest.ocr import jobs

    monkeypatch.setenv("JUESUAN_OCR_JOBS", "1")
    assert jobs() == 1
    monkeypatch.setenv("JUESUAN_OCR_JOBS", "0")
    assert jobs() == 1
    monkeypatch.delenv("JUESUAN_OCR_JOBS")
    assert jobs() == max(1, os.cpu_count() or 1)


@needs_engine
def test_the_detector_on_the_grey_page_finds_the_boxes_rapidocr_finds(
    pdfs: tuple[Path, Path],
) -> None:
    """``boxes.detect`` runs RapidOCR's detection steps on one grey channel with its
    normalisation looked up per grey level; RapidOCR's own steps on three channels (the
    engine's ``_Scaled`` detector in its pipeline) give the same boxes."""
    import numpy as np
    import pypdfium2 as pdfium

    from juesuan.ingest.ocr import boxes, engine
    from juesuan.ingest.ocr.bitmap import render

    pdf = pdfium.PdfDocument(str(pdfs[1]))
    gray = render(pdf[0], 200)
    pdf.close()
    eng = engine._engine()
    det = eng.text_det
    eng.text_det = engine._Scaled(det, engine.OPTIONS["det_dpi"] / 200)
    try:
        img, rh, rw = eng.preprocess(np.repeat(gray[:, :, None], 3, axis=2))
        img, record = eng.maybe_add_letterbox(img, {"preprocess": {"ratio_h": rh, "ratio_w": rw}})
        theirs = eng._get_origin_points(eng.auto_text_det(img)[0], record, *gray.shape)
    finally:
        eng.text_det = det
    ours = boxes.detect(gray, 200)
    assert len(ours) >= 10  # title, unit, the table's 15 cells, the note
    assert np.array_equal(ours, theirs)


def test_the_backend_is_chosen_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from juesuan.ingest.ocr import backend

    monkeypatch.setenv("JUESUAN_OCR_BACKEND", "onnxruntime")
    assert backend.name() == "onnxruntime"
    monkeypatch.delenv("JUESUAN_OCR_BACKEND")
    installed = importlib.util.find_spec("openvino") is not None
    assert backend.name() == ("openvino" if installed else "onnxruntime")


@needs_engine
def test_openvino_reads_as_onnxruntime_does(pdfs: tuple[Path, Path]) -> None:
    """The two networks run by OpenVINO (full precision) give onnxruntime's outputs: the
    detector's map on the scanned table page, the recogniser's on its boxes."""
    import importlib.util

    if importlib.util.find_spec("openvino") is None:
        pytest.skip("OpenVINO is not installed")
    import numpy as np
    import pypdfium2 as pdfium
    import rapidocr_onnxruntime

    from juesuan.ingest.ocr import backend
    from juesuan.ingest.ocr.bitmap import render

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    det = backend.Net(models / "ch_PP-OCRv4_det_infer.onnx")
    rec = backend.Net(models / "ch_PP-OCRv4_rec_infer.onnx")
    from rapidocr_onnxruntime.utils import OrtInferSession

    ort_det = OrtInferSession(_ort_config("Det"))
    ort_rec = OrtInferSession(_ort_config("Rec"))
    pdf = pdfium.PdfDocument(str(pdfs[1]))
    gray = render(pdf[0], 200)
    pdf.close()
    page = ((gray[:1024, :1024] / 255.0 - 0.5) / 0.5).astype(np.float32)  # title and table
    x = np.ascontiguousarray(np.broadcast_to(page, (1, 3, 1024, 1024)))
    assert np.abs(det(x)[0] - ort_det(x)[0]).max() < 1e-3
    crop = np.ascontiguousarray(np.broadcast_to(x[:, :, 100:148, 100:420], (1, 3, 48, 320)))
    assert np.abs(rec(crop)[0] - ort_rec(crop)[0]).max() < 1e-4


def _ort_config(part: str) -> dict[str, object]:
    import rapidocr_onnxruntime
    import yaml

    root = Path(rapidocr_onnxruntime.__file__).parent
    cfg = yaml.safe_load((root / "config.yaml").read_text("utf-8"))[part]
    cfg["model_path"] = str(root / cfg["model_path"])
    cfg["intra_op_num_threads"] = cfg["inter_op_num_threads"] = 1
    return dict(cfg)
