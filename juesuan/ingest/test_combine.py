"""Two files of one disclosure read as one document (``check --together``)."""

from __future__ import annotations

from pathlib import Path

from juesuan.ingest.combine import read_together


def test_pages_renumbered_and_sources_noted(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("2024年度示例局部门预算\n一、部门职责\n", encoding="utf-8")
    b.write_text("收支总表\n单位：万元\n", encoding="utf-8")
    doc = read_together([a, b])
    assert [ln.page for ln in doc.lines if ln.text.strip()] == [1, 1, 2, 2]
    assert doc.pages == 2
    assert doc.notes[0] == "合并为一份文件检查：第1页 a.txt；第2页 b.txt"


def test_one_file_is_read_as_it_is(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("2024年度示例局部门预算\n", encoding="utf-8")
    doc = read_together([a])
    assert doc.notes == [] and doc.path == a
