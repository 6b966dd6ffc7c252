"""The seed: a real 2023 Beijing disclosure with real errors. Pins what the arithmetic
and cross-reference rules report on it, and that correct statements stay quiet."""

from pathlib import Path

import pytest

from juesuan.check.run import DocReport, check_document
from juesuan.ingest import read

SEED = Path(__file__).resolve().parents[1] / "examples" / "mentougou-hrss-2023.txt"


@pytest.fixture(scope="module")
def report() -> DocReport:
    return check_document(read(SEED))


def test_metadata(report: DocReport) -> None:
    assert report.year == 2023
    assert report.profile == "beijing"
    assert report.department == "北京市门头沟区人力资源和社会保障局"


def test_arith_and_xref_findings_on_the_seed(report: DocReport) -> None:
    got = sorted(
        (f.rule, f.location.line)
        for f in report.findings
        if f.rule.split(".")[0] in ("arith", "xref")
    )
    assert got == [
        (
            "arith.budget_levels",
            170,
        ),  # 项目支出: parts' budgets give +17,522,653.06, not +23,622,653.16
        ("arith.identity", 170),  # Σ类 budgets 380,928,199.49 vs 基本+项目 380,858,199.49
        ("arith.sum", 85),  # 其他人员0人，其中：社会化用工23人
        ("xref.topic", 412),  # self-evaluation: 58 projects here, 57 at line 397
        ("xref.topic", 412),  # and 31,442.81万元 here, 32,353.23万元 at line 397
    ]


def test_expected_values_are_computed(report: DocReport) -> None:
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["arith.budget_levels"].expected == "增加17,522,653.06元"
    assert by_rule["arith.identity"].expected == "380,928,199.49元"
    assert by_rule["arith.identity"].actual == "380,858,199.49元"


@pytest.mark.parametrize("line", [89, 93, 94, 97, 100, 106, 116, 128, 148, 190, 202, 207, 217])
def test_correct_statements_raise_no_error_or_warning(report: DocReport, line: int) -> None:
    # 89: 比上年增加34,118,241.37元，增长8.7%; 93/94: 36,\n079,450.01元，增长9.3 %;
    # 116: zero base 增加175,168.00元,增加100.0%; 106: share 0.0% of 20,000.00; 207: 车均.
    noisy = [
        f
        for f in report.findings
        if f.location.line == line
        and f.severity in ("error", "warning")
        and f.rule.split(".")[0] in ("arith", "xref")
    ]
    assert noisy == []


def test_gb18030_and_docx_copies_give_the_same_findings(tmp_path: Path, report: DocReport) -> None:
    import docx

    text = SEED.read_text(encoding="utf-8")
    gb = tmp_path / "seed-gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    dx = tmp_path / "seed.docx"
    d.save(str(dx))

    def key(r: DocReport) -> list[tuple[str, int, str]]:
        return [(f.rule, f.location.line, f.location.excerpt) for f in r.findings]

    assert key(check_document(read(gb))) == key(report)
    assert key(check_document(read(dx))) == key(report)
