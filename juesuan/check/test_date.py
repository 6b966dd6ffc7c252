from juesuan.check import date
from juesuan.testing import run


def test_self_evaluation_year_must_be_report_year() -> None:
    (f,) = run(
        date.report_year, "2023年对本部门及所属单位2022年项目支出实施了绩效自评，评价项目57个。"
    )
    assert f.severity == "error" and f.actual == "2022" and f.expected == "2023"
    assert f.suggestion == "对本部门及所属单位2023年项目支出实施了绩效自评"


def test_cutoff_and_title_years() -> None:
    src = "\n".join(
        [
            "第二部分 2022年度部门决算说明",
            "截止到2022年12月31日，预算资金总体支出42,548.90万元。",
        ]
    )
    fs = run(date.report_year, src)
    assert [(f.location.line, f.actual, f.severity) for f in fs] == [
        (1, "2022", "error"),
        (2, "2022", "warning"),
    ]


def test_legit_references_to_other_years_are_quiet() -> None:
    src = "\n".join(
        [
            "2023年度北京市门头沟区人力资源和社会保障局部门决算公开说明",
            "顺利完成601名专业技术人员2022年度职称兑现。",
            "与2023年度相比，收入支出总计减少56.95万元。",
            "2022年年末结转结余资金总额为0.04万元。",
            "2024年，北京市门头沟区人力资源和社会保障局对2023年度本部门及所属单位项目支出实施了绩效自评。",
            "截至2022年12月31日的上年同期数为10.00万元。",
            "根据2022年安置人员规模测算2023年度决算数。",
        ]
    )
    assert run(date.report_year, src, year=2023) == []


def test_a_budget_states_its_assets_at_the_end_of_the_year_before() -> None:
    title = "某市某局2026年部门预算"
    ok = title + "\n截至2025年12月31日，本部门共有车辆3辆。"
    assert run(date.report_year, ok, year=2026) == []
    (f,) = run(date.report_year, title + "\n截至2024年12月31日，本部门共有车辆3辆。", year=2026)
    assert f.severity == "warning" and f.expected == "2025" and "上年年末" in f.message
    # A final account still states them at the end of its own year.
    (g,) = run(
        date.report_year, "某局2026年度部门决算\n截至2025年12月31日，共有车辆3辆。", year=2026
    )
    assert g.expected == "2026"
