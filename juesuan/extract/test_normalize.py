"""The reading form: same length as the text, so offsets and excerpts carry over."""

from __future__ import annotations

from juesuan.check.test_arith import check_text
from juesuan.extract.normalize import reading


def test_letter_spaced_words_are_closed_up_in_place() -> None:
    spaced = "经 费 总 预 算 300.00 元，同 比 增 加 100.00 元"
    got = reading(spaced)
    assert len(got) == len(spaced)
    assert got.startswith("经费总预算     300.00 元") and "同比增加    100.00 元" in got
    # numbers stay where they were: excerpts are cut from the original at these offsets
    assert got.index("300.00") == spaced.index("300.00")
    # two words with a space between them are not a spaced-out word
    assert reading("基本支出 项目支出") == "基本支出 项目支出"


def test_a_letter_spaced_change_is_not_read_as_a_part() -> None:
    # The change word spaced out (同 比 增 加) must not become a part of the 其中 list.
    text = (
        "2025 年 政 府 采 购 预 算 600.00 元 , 同 比 增 加 200.00 元,增长 50.00%。"
        "其中:集中采购预算 400.00 元,占政府采购预算的 66.67%;分散采购 200.00 元,"
        "占政府采购预算的 33.33%。"
    )
    assert check_text(text) == []
    bad = text.replace("增长 50.00%", "增长 60.00%")
    assert [f.rule for f in check_text(bad)] == ["arith.rate"]
