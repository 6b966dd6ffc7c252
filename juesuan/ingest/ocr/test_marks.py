"""What a box's marks mean (no engine needed): separators read as full-width signs, specks
read as marks at a box's ends or as a second point inside a number."""

from __future__ import annotations

from juesuan.ingest.ocr.engine import Glyph
from juesuan.ingest.ocr.marks import clean, points, separators, specks


def _glyphs(text: str, low: dict[int, float] | None = None) -> list[Glyph]:
    low = low or {}
    return [Glyph(c, i, 0, i + 1, 1, low.get(i, 0.99)) for i, c in enumerate(text)]


def _text(gs: list[Glyph]) -> str:
    return "".join(g.ch for g in gs)


def test_a_full_width_comma_inside_a_number_is_its_separator() -> None:
    assert _text(separators(_glyphs("866，296，元。5"))) == "866,296，元。5"


def test_a_semicolon_before_a_group_of_three_digits_is_a_thousands_separator() -> None:
    got = separators(_glyphs("57,074;300 3;45 5；2024"))
    assert _text(got) == "57,074,300 3;45 5；2024"


def test_low_probability_marks_at_a_boxs_ends_are_specks() -> None:
    """Read off the OCR bench's noisy scans: ``.650.68`` (650.68), ``213.`` (a code),
    ``本年收入合计：``, ``：2026年…`` (a title)."""
    assert _text(specks(_glyphs(".650.68", {0: 0.54}))) == "650.68"
    assert _text(specks(_glyphs("213.", {3: 0.5}))) == "213"
    assert _text(specks(_glyphs("本年收入合计：", {6: 0.71}))) == "本年收入合计"
    assert _text(specks(_glyphs("：·2026年", {0: 0.75, 1: 0.6}))) == "2026年"


def test_marks_read_surely_or_that_read_low_when_real_are_kept() -> None:
    assert _text(specks(_glyphs("单位："))) == "单位："  # 0.99
    assert _text(specks(_glyphs("825,", {3: 0.5}))) == "825,"  # commas read low when real
    assert _text(specks(_glyphs("（一）", {0: 0.5, 2: 0.5}))) == "（一）"
    assert _text(specks(_glyphs("二、", {1: 0.5}))) == "二、"
    assert _text(specks(_glyphs("5.0.1", {1: 0.5}))) == "5.0.1"  # inside: not an end


def test_a_second_point_that_breaks_a_number_is_a_speck_and_its_digits_lose_certainty() -> None:
    got = points(_glyphs("5,87.6.67", {4: 0.5}))
    assert _text(got) == "5,876.67"
    assert max(g.conf for g in got) == 0.5  # every digit of the repaired number
    # a point inside a group of three
    assert _text(points(_glyphs("合计1,23.4万元", {6: 0.6}))) == "合计1,234万元"


def test_a_point_is_not_dropped_when_sure_or_when_the_choice_is_not_one() -> None:
    assert _text(points(_glyphs("5,87.6.67"))) == "5,87.6.67"  # read surely: left as read
    assert _text(points(_glyphs("1.2.3", {1: 0.5, 3: 0.5}))) == "1.2.3"  # either would do
    assert _text(points(_glyphs("12.50", {2: 0.3}))) == "12.50"  # well formed already
    assert _text(points(_glyphs("2024.1.5", {4: 0.5, 6: 0.99}))) == "20241.5"
    got = clean(_glyphs(".5,876.67", {0: 0.5}))
    assert _text(got) == "5,876.67" and min(g.conf for g in got) == 0.99
