"""Document kind from the document's own words."""

from __future__ import annotations

from juesuan.check.run import check_document
from juesuan.extract.meta import NOT_DISCLOSURE_NOTE, detect_meta
from juesuan.testing import doc_of

NOTICE = (
    "关于印发全面推进政务公开工作要点的通知\n"
    + "各区人民政府，市政府各部门：现将工作要点印发给你们，请认真贯彻落实。\n" * 8
)


def test_budget_and_final_kinds() -> None:
    assert detect_meta(doc_of("2026年北京市商务局部门预算\n一、部门职责\n")).doc_kind == "部门预算"
    assert detect_meta(doc_of("2025年度福州市科学技术局(本级)单位预算\n")).doc_kind == "单位预算"
    assert detect_meta(doc_of("2023年度示例局部门决算公开说明\n")).doc_kind == "部门决算"
    m = detect_meta(doc_of("西安市卫生健康委员会2022年度部门决算（汇总）\n"))
    assert m.doc_kind == "部门决算" and m.consolidated


def test_a_notice_is_one_plain_note() -> None:
    doc = doc_of(NOTICE)
    assert detect_meta(doc).doc_kind == "非公开文件"
    rep = check_document(doc)
    assert rep.findings == [] and rep.notes == [NOT_DISCLOSURE_NOTE] and not rep.ran


def test_short_text_without_family_is_unknown_not_rejected() -> None:
    assert detect_meta(doc_of("一、部门职责\n")).doc_kind == ""


def test_traditional_characters_are_a_disclosure_too() -> None:
    body = "本年收入合計2,301.45萬元，其中：財政撥款收入2,296.10萬元，佔99.8%。\n" * 12
    doc = doc_of("湛江市示例中心2021年部門決算情況說明\n一、收入決算情況說明\n" + body)
    assert detect_meta(doc).doc_kind == "部门决算"
    assert check_document(doc).ran  # checked, not set aside as a non-disclosure


def test_fund_names_do_not_make_a_final_account_a_budget() -> None:
    # A county unit's 三公 page: the title ends in 决算, and 一般公共预算 is a fund's name.
    title = "某县文物中心2023年度一般公共预算财政拨款“三公”经费支出决算\n"
    assert detect_meta(doc_of(title)).doc_kind.endswith("决算")
    body = "2023年度一般公共预算财政拨款“三公”经费支出决算为1.71万元，一般公共预算安排。\n" * 12
    doc = doc_of("某县文物中心“三公”经费情况\n" + body)
    assert detect_meta(doc).doc_kind.endswith("决算")
    assert detect_meta(doc_of("2024年某局部门预算\n")).doc_kind == "部门预算"
