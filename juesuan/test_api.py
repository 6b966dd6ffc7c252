"""The public API gives the same results as the pipeline it wraps."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan import api

SEED = Path(__file__).resolve().parents[1] / "examples" / "mentougou-hrss-2023.txt"


def test_check_by_path_and_by_document_agree() -> None:
    by_path = api.check(SEED)
    by_doc = api.check(api.read(SEED))
    assert [f.rule for f in by_path.findings] == [f.rule for f in by_doc.findings]
    assert by_path.errors > 0


def test_extract_gives_tables_and_statements() -> None:
    data = api.extract(SEED)
    assert data["statements"]


def test_bad_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(api.InputError):
        api.read(tmp_path / "missing.pdf")
