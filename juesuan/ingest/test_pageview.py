"""Finding an excerpt's place on a PDF page, for the reviewers' highlight."""

from __future__ import annotations

import pytest

from juesuan.ingest.pageview import _lines_of, excerpt_boxes, page_count, render_page
from juesuan.testing import sample_pdf


def test_char_boxes_merge_per_line() -> None:
    # two characters on one line, one on the next; page 100 x 200 points
    boxes = _lines_of([(10, 150, 20, 160), (20, 150, 30, 161), (10, 130, 20, 140)], 100, 200)
    assert len(boxes) == 2
    assert boxes[0] == pytest.approx((0.1, 0.195, 0.3, 0.25))
    assert boxes[1] == pytest.approx((0.1, 0.3, 0.2, 0.35))


def test_sample_excerpt_found_in_its_line() -> None:
    pdf = sample_pdf()
    if not pdf.exists():
        pytest.skip(f"sample PDF absent ({pdf})")
    assert page_count(pdf) == 25
    assert render_page(pdf, 1, 30).startswith(b"\x89PNG")
    assert excerpt_boxes(pdf, 21, "不在此页的文字") == []
    [box] = excerpt_boxes(pdf, 21, "71.73%")
    left, top, right, bottom = box
    assert 0 < left < right < 1 and 0 < top < bottom < 1 and bottom - top < 0.03
    # whitespace in the excerpt does not matter
    assert excerpt_boxes(pdf, 21, "71.73 %") == [box]
