"""The list of verified publication errors the corpus bench accepts (bench/publication_errors.yaml):
every entry names its file, tables, rows and why; with the corpus present, each file exists and
each listed row really fails an identity (an entry that no longer fails must be removed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from juesuan.testing import shared_dir

ERRATA = Path(__file__).resolve().parents[1] / "bench" / "publication_errors.yaml"
FILES = shared_dir() / "corpus" / "files"
ENTRIES = yaml.safe_load(ERRATA.read_text(encoding="utf-8"))


def test_entries_are_complete() -> None:
    assert ENTRIES
    for e in ENTRIES:
        assert set(e) == {"file", "tables", "rows", "why"}, e
        assert e["tables"] and e["rows"] and len(e["why"]) > 20, e


@pytest.mark.skipif(not FILES.is_dir(), reason=f"语料目录不存在：{FILES}")
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["file"])
def test_each_entry_still_fails(entry: dict) -> None:
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    rep = check_document(read(FILES / entry["file"]))
    bad = [f.message for f in rep.findings if f.rule.startswith("table.") and f.severity == "error"]
    for t in entry["tables"]:
        assert any(m.startswith(f"《{t}》") for m in bad), (entry["file"], t, bad)
