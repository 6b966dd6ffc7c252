"""The Shanghai sample end to end: its tables check clean (rounding is not an error)."""

from __future__ import annotations

import pytest

from juesuan.testing import sample_pdf

SAMPLE = sample_pdf()


@pytest.mark.skipif(not SAMPLE.exists(), reason="Shanghai sample not available")
def test_sample_tables_raise_no_error_or_warning() -> None:
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    rep = check_document(read(SAMPLE))
    assert rep.profile == "shanghai"
    for rid in ("table.row_sum", "table.levels", "table.balance", "table.code_name", "xref.tables"):
        assert rid in rep.ran, rep.skipped.get(rid)
    noisy = [
        (f.rule, f.location.page, f.location.line, f.location.excerpt)
        for f in rep.findings
        if f.rule.startswith(("table.", "xref.")) and f.severity != "info"
    ]
    # The one real contradiction: the narrative's 财政拨款收入支出总计 (0.3万元) against
    # the 财政拨款收入支出决算总表's 总计 (2,961.68万元). Nothing from rounding.
    assert noisy == [("xref.narrative_table", 21, 14, "0.3万元")]
