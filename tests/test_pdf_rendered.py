"""PDFs rendered by LibreOffice from the project's own HTML, with injected errors: a table
split over three pages is read whole, each error is reported at its page and line, and the
uninjected document gives no table error or warning."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fixtures.compose_html import html

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)"
)

VARIANTS = {
    "good": {},
    "bad_item": {"bad_item": "2080105"},  # 项 raised by 10: its 款 and 类 no longer add up
    "bad_total": {"bad_total": "2100112"},  # 本年支出合计 ≠ 基本支出 on one row
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from juesuan.testing import need_cjk_font

    need_cjk_font()  # without one LibreOffice draws the Chinese text as empty boxes
    d = tmp_path_factory.mktemp("render")
    srcs = []
    for name, kw in VARIANTS.items():
        p = d / f"{name}.html"
        p.write_text(html(**kw), "utf-8")
        srcs.append(str(p))
    subprocess.run(
        [
            SOFFICE or "soffice",
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(d),
            *srcs,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {name: d / f"{name}.pdf" for name in VARIANTS}


def _check(path: Path):  # type: ignore[no-untyped-def]
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    doc = read(path)
    return doc, check_document(doc)


def _line_of(doc, prefix: str) -> tuple[int | None, int]:  # type: ignore[no-untyped-def]
    ln = next(ln for ln in doc.lines if ln.text.lstrip("\t").replace("\t", " ").startswith(prefix))
    return ln.page, ln.no


def test_table_over_pages_read_whole(pdfs: dict[str, Path]) -> None:
    from juesuan.ingest import read
    from juesuan.tables.parse import parse_tables

    (t,) = parse_tables(read(pdfs["good"]))
    assert t.kind == "支出决算表" and len(t.pages) >= 2
    assert len([r for r in t.rows if r.level == "项"]) == 54
    assert t.find("2100118") is not None


def test_uninjected_is_clean(pdfs: dict[str, Path]) -> None:
    _, rep = _check(pdfs["good"])
    assert "table.levels" in rep.ran
    assert [f for f in rep.findings if f.rule.startswith(("table.", "xref."))] == []


def test_injected_item_reported_at_its_kuan_row(pdfs: dict[str, Path]) -> None:
    doc, rep = _check(pdfs["bad_item"])
    found = {(f.location.page, f.location.line) for f in rep.findings if f.rule == "table.levels"}
    assert _line_of(doc, "208 01 人力资源和社会保障管理事务") in found


def test_injected_row_total_reported_at_its_row(pdfs: dict[str, Path]) -> None:
    doc, rep = _check(pdfs["bad_total"])
    hits = [f for f in rep.findings if f.rule == "table.row_sum"]
    assert [(f.location.page, f.location.line) for f in hits] == [_line_of(doc, "210 01 12")]
    assert hits[0].actual == "23.84"
