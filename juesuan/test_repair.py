"""fix: applies computed corrections only, lists them, and leaves the undeterminable."""

from pathlib import Path

import pytest

from juesuan.check.run import check_document
from juesuan.errors import InputError
from juesuan.ingest import read
from juesuan.repair import Result, fix

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mentougou-hrss-2023.txt"
# What no repair can settle without inventing data: two stated numbers that contradict
# each other with nothing in the document saying which is right; empty headings.
UNDETERMINABLE = {
    "arith.sum",
    "arith.budget_levels",
    "arith.identity",
    "xref.topic",
    "text.empty_field",
    "struct.numbering",
    "perf.category",
}


@pytest.fixture(scope="module")
def fixed_seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    out = tmp_path_factory.mktemp("fix") / "seed-fixed.txt"
    return out, fix(SEED, out)


def test_residue_and_instructions_are_gone(fixed_seed: tuple[Path, Result]) -> None:
    out, _ = fixed_seed
    text = out.read_text(encoding="utf-8")
    for residue in (
        "增加（减少）",
        "增长（下降）",
        "增（减）",
        "请结合",
        "请参考",
        "（注：",
        "请汇总填报",
        "（请对照问题",
        "202年度",
        "截止到",
        "安排安排",
        "4,588,586.6元",
    ):
        assert residue not in text, residue
    assert "减少110,368.01元" in text  # the direction the numbers give
    assert "绩效自评等级：优秀" in text  # the grade the score gives
    rep = check_document(read(out))
    assert not [f for f in rep.findings if f.rule in ("text.residue", "date.malformed_year")]


def test_changes_are_listed_and_only_undeterminable_problems_remain(
    fixed_seed: tuple[Path, Result],
) -> None:
    _, result = fixed_seed
    changes = result.changes
    assert any(c.line == 205 and c.after == "减少110,368.01元" for c in changes)
    assert any(c.line == 400 and c.after == "" for c in changes)
    left = {f.rule for f in result.remaining if f.severity != "info"}
    assert left <= UNDETERMINABLE, left - UNDETERMINABLE
    errors = sorted((f.rule, f.location.line) for f in result.remaining if f.severity == "error")
    assert errors == [
        ("arith.budget_levels", 170),
        # After 增加0.00元 became 持平, the class budgets are complete and the identity
        # Σ类 = 基本 + 项目 (both sides' budgets) can be checked: it does not hold.
        ("arith.identity", 170),
        ("arith.sum", 85),
        ("xref.topic", 412),
        ("xref.topic", 412),
    ]


def test_fix_is_idempotent(tmp_path: Path, fixed_seed: tuple[Path, Result]) -> None:
    out, _ = fixed_seed
    again = fix(out, tmp_path / "again.txt")
    assert again.changes == []
    assert (tmp_path / "again.txt").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_docx_is_repaired_in_place_of_its_runs(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("2023年度北京市东城区示例局部门决算公开说明")
    p = d.add_paragraph("公务用车运行维护费决算数33,631.99元，年初预算数144,000.00元，")
    p.add_run("增加（减少）110,368.01元").bold = True
    p.add_run("。")
    d.add_paragraph("请结合《部门整体支出绩效自评表》中的得分情况填写以下内容。")
    src = tmp_path / "a.docx"
    d.save(str(src))
    result = fix(src, tmp_path / "b.docx")
    texts = [q.text for q in docx.Document(str(tmp_path / "b.docx")).paragraphs]
    assert texts[1].endswith("减少110,368.01元。")
    assert texts[2] == ""
    assert len(result.changes) == 2


def test_formats_must_match(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        fix(SEED, tmp_path / "out.docx")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(InputError):
        fix(pdf, tmp_path / "b.pdf")


def test_zero_change_is_worded_as_compose_writes_it(fixed_seed: tuple[Path, Result]) -> None:
    out, result = fixed_seed
    lines = out.read_text(encoding="utf-8").split("\n")
    assert "决算20,000.00元，与2023年年初预算持平。" in lines[119]
    assert "与年初预算持平" in lines[154]
    assert not any("持平，持平" in s or "比年初预算持平" in s for s in lines)
    (c,) = [c for c in result.changes if c.line == 120]
    assert c.before.endswith("比2023年年初预算增加0.00元,增加0.0%")
    assert c.after.endswith("与2023年年初预算持平")


def test_one_change_per_place_in_document_order(fixed_seed: tuple[Path, Result]) -> None:
    _, result = fixed_seed
    places = [(c.line, c.col) for c in result.changes]
    assert places == sorted(places)  # document order
    assert len(places) == len(set(places))  # each place once
    # line 113 had its year and its commas repaired in three passes: three places, once each
    assert [c.before for c in result.changes if c.line == 113] == ["202年度", "2元,比2", "6元,增加"]


def test_unresolved_list_is_what_check_reports(fixed_seed: tuple[Path, Result]) -> None:
    out, result = fixed_seed
    rep = check_document(read(out))
    assert [f.as_dict() for f in result.remaining] == [f.as_dict() for f in rep.findings]


@pytest.mark.parametrize("encoding,newline", [("gb18030", "\r\n"), ("utf-8-sig", "\n")])
def test_encoding_and_line_endings_are_kept(tmp_path: Path, encoding: str, newline: str) -> None:
    text = newline.join(
        [
            "2023年度北京市东城区示例局部门决算公开说明",
            "公务用车运行维护费决算数33,631.99元，年初预算数144,000.00元，增加（减少）110,368.01元。",
            "",
        ]
    )
    src = tmp_path / "gbk.txt"
    src.write_bytes(text.encode(encoding))
    out = tmp_path / "out.txt"
    fix(src, out)
    data = out.read_bytes()
    want = text.replace("增加（减少）", "减少").encode(encoding)
    assert data == want
