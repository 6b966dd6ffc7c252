"""The image-only Beijing budget of the corpus (北京市政务服务和数据管理局 2026, eight scanned
pages of narrative and contents) read by OCR and checked."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from juesuan import api
from juesuan.testing import shared_dir

SCAN = shared_dir() / "corpus" / "files" / "beijing-zwfw-data-2026-dept-budget-IMAGEONLY.pdf"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    from juesuan.ingest.ocr import available

    if not SCAN.exists():
        pytest.skip(f"the corpus is not at {SCAN.parent} (set JUESUAN_SHARED)")
    if not available():
        pytest.skip("the OCR engine is not installed (pip install 'juesuan[ocr]')")

    with pytest.MonkeyPatch.context() as mp:
        if not os.environ.get("JUESUAN_OCR_CACHE"):  # a cache the caller named is kept
            mp.setenv("JUESUAN_OCR_CACHE", str(tmp_path_factory.mktemp("cache")))
        doc = api.read(SCAN)
        yield doc, api.check(doc)


def test_the_scan_is_read(report: tuple[Any, Any]) -> None:
    doc, _ = report
    assert api.unusable(doc) is None
    assert doc.notes[0].startswith("第 1–8 页按扫描件用 OCR 识别")
    text = "".join(ln.text.replace(" ", "") for ln in doc.lines)
    for phrase in (
        "北京市政务服务和数据管理局",
        "2026年财政拨款“三公”经费预算80.11万元",
        "政府采购工程预算105.2万元",
        "因公出国（境）费用。2026年预算数51.3万元",
    ):
        assert phrase in text
    assert all(ln.conf is not None for ln in doc.lines if ln.text.strip())


def test_it_is_checked_and_its_two_real_errors_found(report: tuple[Any, Any]) -> None:
    _, rep = report
    assert rep.ran and rep.facts > 10
    # The scan itself states 38,197.01 + 63,408.16 (= 101,605.17) as 37.59% and 62.41% of a
    # 101,673.03 total (checked by eye on page 6): two real errors, read right.
    errors = [f for f in rep.findings if f.severity == "error"]
    assert [(f.rule, f.location.page) for f in errors] == [("arith.share", 6)] * 2
    assert "38,197.01" in errors[0].message and "37.59%" in errors[0].message
    assert "62.41%" in errors[1].message
