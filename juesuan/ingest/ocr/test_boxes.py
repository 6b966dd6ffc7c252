"""How engine boxes are set before reading (no engine needed): a box whose first character
the detector cut off at a rule grows back over it, a box run across a rule is cut there,
noise does not grow a box, a box across a rule is split there; a page of standing boxes is turned; a full-width comma inside a
number is the number's."""

from __future__ import annotations

import numpy as np

from juesuan.ingest.ocr.boxes import split, standing, widen
from juesuan.ingest.ocr.engine import Glyph
from juesuan.ingest.ocr.scan import _marks


def _box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def _page() -> tuple[np.ndarray, np.ndarray]:
    """A 100 × 400 page: a vertical rule at x 50, a 一 stroke at x 56–74 (rows 45–46), a
    comma at 78–82, text from 90 on; a rule at x 300."""
    ink = np.zeros((100, 400), dtype=bool)
    rule = np.zeros_like(ink)
    rule[:, 50:52] = rule[:, 300:302] = True
    ink |= rule
    ink[45:47, 56:75] = True  # 一
    ink[52:56, 78:82] = True  # 、
    ink[35:60, 90:200] = True  # the rest of the cell's text
    return ink, rule


def test_a_cut_off_first_character_is_grown_back_to_the_rule() -> None:
    ink, rule = _page()
    out = widen(np.array([_box(88, 30, 200, 62)], dtype=np.float32), rule, ink)
    x0 = out[0, :, 0].min()
    assert 52 <= x0 <= 56  # over 、 and 一, not past the rule


def test_a_box_run_across_a_rule_is_cut_in_two_there() -> None:
    _, rule = _page()
    out = split(np.array([_box(260, 30, 340, 62)], dtype=np.float32), rule)
    spans = sorted((float(b[:, 0].min()), float(b[:, 0].max())) for b in out)
    assert spans == [(260, 299), (302, 340)]


def test_a_sliver_another_box_holds_is_left_out() -> None:
    """The detector ran a label's box back over the number's last digit, across the rule."""
    _, rule = _page()
    number, label = _box(200, 30, 299, 62), _box(280, 30, 380, 62)
    out = split(np.array([number, label], dtype=np.float32), rule)
    spans = sorted((float(b[:, 0].min()), float(b[:, 0].max())) for b in out)
    assert spans == [(200, 299), (302, 380)]


def test_specks_and_blank_paper_do_not_grow_a_box() -> None:
    ink = np.zeros((100, 400), dtype=bool)
    rule = np.zeros_like(ink)
    ink[35:60, 200:300] = True
    ink[40, 170] = ink[55, 180] = True  # lone specks
    out = widen(np.array([_box(198, 30, 300, 62)], dtype=np.float32), rule, ink)
    assert out[0, :, 0].min() == 198


def test_the_next_box_on_the_line_bounds_the_growth() -> None:
    ink = np.zeros((100, 400), dtype=bool)
    rule = np.zeros_like(ink)
    ink[35:60, 100:300] = True
    boxes = np.array([_box(100, 30, 180, 62), _box(190, 30, 300, 62)], dtype=np.float32)
    out = widen(boxes, rule, ink)
    assert out[1, :, 0].min() > 180


def test_standing_boxes_mean_a_turned_page() -> None:
    tall = [_box(10 * i, 0, 10 * i + 8, 200) for i in range(10)]
    wide = [_box(0, 10 * i, 200, 10 * i + 8) for i in range(10)]
    assert standing(np.array(tall, dtype=np.float32))
    assert not standing(np.array(wide, dtype=np.float32))
    assert not standing(np.array(wide + tall[:2], dtype=np.float32))


def test_a_full_width_comma_inside_a_number_is_its_separator() -> None:
    gs = [Glyph(c, i, 0, i + 1, 1, 1.0) for i, c in enumerate("866，296，元。5")]
    assert "".join(g.ch for g in _marks(gs)) == "866,296，元。5"


def test_a_semicolon_before_a_group_of_three_digits_is_a_thousands_separator() -> None:
    gs = [Glyph(c, i, 0, i + 1, 1, 1.0) for i, c in enumerate("57,074;300 3;45 5；2024")]
    assert "".join(g.ch for g in _marks(gs)) == "57,074,300 3;45 5；2024"
