import pytest

from juesuan.check import perf
from juesuan.check.base import NotApplicable
from juesuan.testing import run


def test_grade_of_bands_edges() -> None:
    assert [perf.grade_of(s) for s in ("100", "90", "89.99", "80", "60", "59.5")] == [
        "优秀",
        "优秀",
        "良好",
        "良好",
        "一般",
        "较差",
    ]


def test_grade_against_score() -> None:
    bad = "绩效自评总分：85分\n\n绩效自评等级：优秀。"
    (f,) = run(perf.grade, bad)
    assert f.expected == "良好" and f.suggestion == "自评等级：良好" and f.location.line == 3
    for good in (
        "绩效自评总分：92分\n绩效自评等级：优秀。",
        "绩效自评总分：100分\n绩效自评等级：优",
    ):
        assert run(perf.grade, good) == []
    with pytest.raises(NotApplicable):
        run(perf.grade, "绩效自评等级：优秀。")


def test_target_vs_result() -> None:
    good = "\n".join(
        [
            "（1）数量指标。享受补贴公益性岗位安置人员数：项目目标为不少于1300人，完成情况为1391人，完成项目目标。",
            "服务对象满意度指标：目标为服务对象满意度≥95%，完成情况为服务对象满意度100%，完成项目目标。",
            "（2）质量指标。补贴发放准确率：项目目标为补贴发放准确率100%，完成情况为补贴发放准确率100%，完成项目目标。",
            "（3）时效指标。项目目标为不少于150人，完成情况为120人，未完成项目目标，原因是……",
        ]
    )
    assert run(perf.target, good) == []
    bad = "（1）经济效益。新安置人数：项目目标为不少于150人，完成情况为新安置城乡就业困难人员120人，完成项目目标。"
    (f,) = run(perf.target, bad)
    assert f.severity == "error" and f.actual == "120人" and f.expected == "不少于150人"
    pct = "满意度：目标为满意度≥95%，完成情况为满意度94.9%，完成项目目标。"
    assert len(run(perf.target, pct)) == 1


def test_band_counts_must_add_up() -> None:
    good = "评价项目58个，涉及金额31,442.81万元。评价得分在90分（含90分）以上的58个，评价得分在80-90分（含80分）的0个，评价得分在60-80分（含60分）的0个，评价得分在60分以下的0个。"
    assert run(perf.band_counts, good) == []
    (f,) = run(perf.band_counts, good.replace("以上的58个", "以上的56个"))
    assert f.expected == "58" and f.actual == "56"
    # Only three bands readable (line broken in a PDF): no partial sum.
    partial = (
        "评价项目58个。评价得分在90分以上的56个，评价得分在80-90分的0个，评价得分在60-80分的0个"
    )
    assert run(perf.band_counts, partial) == []


def test_indicator_category_mismatch() -> None:
    src = "\n".join(
        [
            "产出指标：①数量指标——享受补贴人员数：项目目标为不少于1300人。③时效指标——补贴资金在规定时间内支付到位率：项目目标为100%。",
            "（1）数量指标。享受补贴人员数：项目目标为不少于1300人，完成情况为1391人，完成项目目标。",
            "（3）成本指标。补贴资金在规定时间内支付到位率：项目目标为100%，完成情况为100%，完成项目目标。",
            "（1）经济效益。享受补贴人员数：…",
        ]
    )
    fs = run(perf.category, src)
    assert [(f.location.line, f.actual, f.expected) for f in fs] == [
        (3, "成本指标", "时效指标"),
        (4, "经济效益", "数量"),
    ]


def test_grade_legend_and_negated_claims_are_quiet() -> None:
    legend = "绩效自评总分：85分\n绩效自评等级：良好\n四类评价等级：优秀（90（含）-100分）、良好80（含）-90分、一般60（含）-80分、较差60分以下"
    assert run(perf.grade, legend) == []
    neg = "项目目标为不少于150人，完成情况为120人，未能完成项目目标。"
    assert run(perf.target, neg) == []


def test_each_project_grade_is_read_against_its_own_score() -> None:
    text = (
        "部门整体支出绩效自评综合得分86.5分，评价等级为“良”。\n"
        "（三）重点项目绩效自评情况\n"
        "“会展业发展专项”项目预算执行率95.2%，自评得分92分，评价等级为“优”。\n"
        "“外贸稳增长专项”项目预算执行率100%，自评得分78分，评价等级为“良”。\n"
    )
    found = [(f.location.line, f.expected) for f in run(perf.grade, text)]
    assert found == [(4, "一般")]  # 92 is 优 (not the 86.5 two lines up); 78 is not 良
