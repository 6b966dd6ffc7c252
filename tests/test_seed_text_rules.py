"""The seed's real problems of the text/date/format/perf/struct families, pinned by line.

The expected lists below were verified by reading ``examples/mentougou-hrss-2023.txt``;
the actual ones are computed by running the checker.
"""

from collections import defaultdict
from pathlib import Path

import pytest

from juesuan.check.run import check_document
from juesuan.ingest import read

SEED = Path(__file__).resolve().parents[1] / "examples" / "mentougou-hrss-2023.txt"
FAMILIES = ("text.", "date.", "format.", "perf.", "struct.")

EXPECTED: dict[str, list[int]] = {
    # 增加（减少）/增长（下降）/增（减） pairs and fill-in instructions / template notes
    "text.residue": [
        6,
        87,
        109,
        109,
        155,
        155,
        157,
        159,
        161,
        163,
        164,
        164,
        166,
        167,
        168,
        169,
        172,
        194,
        202,
        204,
        204,
        205,
        205,
        334,
        400,
        403,
        407,
        412,
        477,
        478,
    ],
    "text.direction": [120, 120, 122, 122],  # 增加0.00元, 增加0.0% -> 持平
    "text.empty_field": [372, 373, 377, 379, 380, 390, 402, 475],
    "text.duplicate_word": [136],  # 安排安排
    "text.usage": [334],  # 截止到
    "date.malformed_year": [113],  # 202年度
    "date.report_year": [397],  # 对本部门及所属单位2022年项目支出实施了绩效自评
    "format.amount": [148, 152, 207, 272, 374],
    "format.spacing": [94, 94, 94, 94, 148, 217],  # 9.3 %, 0.0 % (twice), 3.9 %
    "format.percent": [332, 332, 332, 334, 334, 334],  # 16.39% etc. against 一位小数
    "format.punctuation": [
        74,
        110,
        111,
        113,
        114,
        115,
        116,
        118,
        119,
        120,
        122,
        124,
        126,
        128,
        130,
        247,
        249,
        251,
        255,
        259,
        261,
        263,
    ],
    "perf.category": [459],  # 时效指标 reported as 成本指标
    "struct.numbering": [4, 12, 454],
}


@pytest.fixture(scope="module")
def findings():
    rep = check_document(read(SEED))
    return [f for f in rep.findings if f.rule.startswith(FAMILIES)]


def test_seed_findings_by_rule_and_line(findings) -> None:
    got: dict[str, list[int]] = defaultdict(list)
    for f in findings:
        got[f.rule].append(f.location.line)
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in EXPECTED.items()}


def test_seed_computed_suggestions(findings) -> None:
    by = {(f.rule, f.location.line, f.location.excerpt): f for f in findings}
    assert by[("text.residue", 205, "增加（减少）110,368.01元")].expected == "减少"
    assert by[("text.residue", 155, "增加（减少）0.00元")].expected == "持平"
    assert by[("text.empty_field", 402, "绩效自评等级：")].expected == "优秀"
    assert by[("format.amount", 148, "4,588,586.6元")].suggestion == "4,588,586.60元"
    assert by[("format.amount", 207, "6726.40元")].suggestion == "6,726.40元"
    assert by[("perf.category", 459, "成本指标")].expected == "时效指标"
    assert (
        by[("date.report_year", 397, "对本部门及所属单位2022年项目支出实施了绩效自评")].expected
        == "2023"
    )


def test_seed_correct_lines_have_no_error_or_warning(findings) -> None:
    # 比上年增加34,118,241.37元，增长8.7% / the line-broken 36,\n079,450.01元 /
    # 增加175,168.00元,增加100.0% / 因公出国（境）费、维修（护）费 (line 152: only 5,364,673.2元) /
    # 2台（套）
    quiet = {89, 93, 100, 116, 152, 225}
    loud = [
        (f.rule, f.location.line, f.location.excerpt)
        for f in findings
        if f.location.line in quiet and f.severity in ("error", "warning")
    ]
    assert loud == [("format.amount", 152, "5,364,673.2元")]
