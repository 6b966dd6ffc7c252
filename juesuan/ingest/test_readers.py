"""Readers: encodings, docx, and bad input that must give a clear InputError."""

from pathlib import Path

import pytest

from juesuan.errors import InputError
from juesuan.ingest import read

TEXT = "2023年度某局部门决算公开说明\n本年收入合计1,000.00元，比上年增加36,\n079.01元。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings_read_the_same(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode(encoding))
    doc = read(p)
    assert [ln.text for ln in doc.lines[:3]] == TEXT.split("\n")[:3]
    # the number broken after its comma is joined for extraction
    assert "36,079.01元" in doc.paragraphs()[1].text


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("第一段")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "项目"
    t.cell(0, 1).text = "金额"
    d.add_paragraph("第三段")
    p = tmp_path / "a.docx"
    d.save(str(p))
    doc = read(p)
    assert [ln.text for ln in doc.lines] == ["第一段", "项目\t金额", "第三段"]
    assert [ln.no for ln in doc.lines] == [1, 2, 3]
    assert doc.tables[0].rows[0][1].text == "金额"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"   \n\n", "没有文字内容"),
        ("bin.txt", b"\x00\x01\x02binary\x00" * 10, "二进制"),
        ("bad.docx", b"PK\x03\x04 not really a zip", ".docx"),
        ("bad.pdf", b"%PDF-1.4 garbage", "PDF"),
        ("bad.xlsx", b"garbage", "电子表格"),
        ("x.rtf", b"{\\rtf1}", "不支持"),
    ],
)
def test_bad_input_raises_input_error_naming_the_file(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        read(p)
    assert message in e.value.reason
    assert e.value.path == p


def test_undecodable_text(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 50)
    with pytest.raises(InputError) as e:
        read(p)
    assert "编码" in e.value.reason or "二进制" in e.value.reason


def test_missing_file() -> None:
    with pytest.raises(InputError, match="不存在"):
        read(Path("/nonexistent/file.txt"))


def test_huge_file_is_refused_with_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import juesuan.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_BYTES", 1024)
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 4096)
    with pytest.raises(InputError, match="文件过大"):
        read(p)
