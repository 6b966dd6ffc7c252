"""An identity that fails on a digit OCR was unsure of is a warning, never an error."""

from __future__ import annotations

from juesuan.check.misread import LOW_CONF, soften
from juesuan.check.run import check_document
from juesuan.model.document import Line, Location
from juesuan.model.finding import Finding
from juesuan.testing import doc_of

TEXT = "某区某局2023年度部门决算\n本年收入合计100.00万元，其中：财政拨款收入60.00万元，其他收入30.00万元。"


def _ocr(conf_of: dict[str, float]) -> list[Finding]:
    """Check TEXT as if OCR had read line 2 with these confidences for these numbers."""
    doc = doc_of(TEXT)
    line = doc.lines[1]
    conf = [0.99] * len(line.text)
    for number, c in conf_of.items():
        at = line.text.index(number)
        conf[at] = c  # the number's first digit
    line.conf = tuple(conf)
    return [f for f in check_document(doc).findings if f.rule == "arith.sum"]


def test_text_layer_error_stays_an_error() -> None:
    fs = [f for f in check_document(doc_of(TEXT)).findings if f.rule == "arith.sum"]
    assert [f.severity for f in fs] == ["error"]


def test_low_confidence_digit_in_the_identity_makes_a_warning() -> None:
    (f,) = _ocr({"30.00": 0.41})
    assert f.severity == "warning"
    assert "“30.00万元”" in f.message and "可能是误读" in f.message


def test_confident_digits_keep_the_error() -> None:
    (f,) = _ocr({"30.00": LOW_CONF + 0.05})
    assert f.severity == "error"


def test_low_confidence_outside_the_finding_changes_nothing() -> None:
    line = Line("合计 100.00 其他 7", 1, 1, conf=(0.99,) * 13 + (0.2,))
    f = Finding("table.row_sum", "error", "合计不等于", Location(1, 1, "100.00"))
    assert soften(doc_of("x"), [f]) == [f]  # no OCR line in that document
    doc = doc_of("x")
    doc.lines = [line]
    assert soften(doc, [f])[0].severity == "error"  # the weak digit is in “7”, not “100.00”
    g = Finding(
        "table.row_sum",
        "error",
        "合计不等于",
        Location(1, 1, "100.00"),
        related=(Location(1, 1, "7"),),
    )
    assert soften(doc, [g])[0].severity == "warning"
