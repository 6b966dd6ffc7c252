"""How engine boxes are set before reading (no engine needed): a box whose first character
the detector cut off at a rule grows back over it, the pieces of one text the detector
broke on a noisy scan are joined, a box run across a rule is cut there,
noise and specks do not grow a box, a box across a rule is split there; a page of standing
boxes is turned."""

from __future__ import annotations

import numpy as np

from juesuan.ingest.ocr.boxes import join, split, standing, widen


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


def test_a_thin_cut_off_stroke_grows_the_box_but_specks_beside_it_do_not() -> None:
    """A 150 dpi scan's ``一`` is one pixel high (a column of it holds one ink pixel); a
    speck of 3 × 3 pixels just left of a number is not part of it."""
    ink = np.zeros((100, 400), dtype=bool)
    rule = np.zeros_like(ink)
    rule[:, 50:52] = True
    ink |= rule
    ink[46, 56:76] = True  # 一, one pixel high
    ink[52:56, 78:82] = True  # 、
    ink[35:60, 90:200] = True
    out = widen(np.array([_box(88, 30, 200, 62)], dtype=np.float32), rule, ink)
    assert 52 <= out[0, :, 0].min() <= 56
    ink = np.zeros((100, 400), dtype=bool)
    ink[35:60, 200:300] = True
    ink[50:53, 185:188] = True  # a speck, as large as a decimal point
    ink[40, 175] = ink[41, 176] = True  # noise
    out = widen(np.array([_box(198, 30, 300, 62)], dtype=np.float32), rule, ink)
    assert out[0, :, 0].min() == 198


def _spans(boxes: np.ndarray) -> list[tuple[float, float, float, float]]:
    return sorted(
        (float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 0].max()), float(b[:, 1].max()))
        for b in boxes
    )


def test_pieces_of_one_text_broken_by_noise_are_joined() -> None:
    """The noisy bench scans: ``二、`` | ``外交支出`` overlapping by 11 pixels, ``825,`` |
    ``956`` a pixel apart; each becomes one box."""
    found = [_box(702, 749, 751, 779), _box(740, 744, 855, 781), _box(1390, 781, 1443, 812)]
    found.append(_box(1444, 781, 1496, 811))
    out = join(np.array(found, dtype=np.float32))
    assert _spans(out) == [(702, 744, 855, 781), (1390, 781, 1496, 812)]


def test_letter_spaced_words_and_lines_apart_are_not_joined() -> None:
    """项    目 (a header spaced out), two cells a character apart, two lines touching."""
    found = [_box(1374, 396, 1408, 427), _box(1445, 396, 1472, 427)]
    found += [_box(100, 500, 200, 530), _box(208, 500, 300, 530)]  # a space: 8 of 30 px
    found += [_box(100, 600, 300, 630), _box(100, 628, 300, 658)]
    out = join(np.array(found, dtype=np.float32))
    assert len(out) == 6
