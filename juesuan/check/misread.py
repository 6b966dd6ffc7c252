"""Findings that rest on digits OCR was unsure of.

A scan's numbers are read, not given: a sum that fails where one of its digits was
recognised with low confidence may be a misreading rather than an error of the document.
Such a finding is reported as a ``warning`` that says which number may be misread, never
as an ``error`` (no reading of the page is certain there). Text-layer documents carry no
confidences and are left as they are.
"""

from __future__ import annotations

from dataclasses import replace

from juesuan.model.document import UNSURE, Document, Line, Location
from juesuan.model.finding import Finding

# a digit the recogniser gave less than this probability may be another digit. On the OCR
# bench (docs/ocr.md) cells read right have a lowest digit confidence of 0.994 at the median
# and 0.73 at the 5th percentile, 11.6% below 0.9; no cell was misread there, so nothing
# measured argues for less caution (bench/ocr.py prints the distribution)
LOW_CONF = UNSURE


def soften(doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each error that involves a low-confidence digit made a warning."""
    lines = {(ln.page, ln.no): ln for ln in doc.lines if ln.conf}
    if not lines:
        return findings
    out: list[Finding] = []
    for f in findings:
        weak = _weak(f, lines) if f.severity == "error" else []
        if not weak:
            out.append(f)
            continue
        shown = "、".join(f"“{w}”" for w in dict.fromkeys(weak))
        out.append(
            replace(
                f,
                severity="warning",
                message=f"{f.message}（扫描件经 OCR 识别，{shown}中有数字识别置信度低，"
                "可能是误读，请对照原件）",
            )
        )
    return out


def _weak(f: Finding, lines: dict[tuple[int | None, int], Line]) -> list[str]:
    """The excerpts among the finding's locations that hold a low-confidence digit."""
    out: list[str] = []
    for loc in (f.location, *f.related):
        if weak_digit(loc, lines.get((loc.page, loc.line))):
            out.append(loc.excerpt.split("\n")[0].strip())
    return out


def digit_confs(loc: Location, line: Line | None) -> list[float]:
    """The recogniser's confidences for the digits of the excerpt at ``loc`` (none on a text
    layer, whose lines carry no confidence)."""
    if line is None or not line.conf:
        return []
    part = loc.excerpt.split("\n")[0]
    start = loc.col if loc.col is not None else line.text.find(part)
    if start < 0 or not part:
        return []
    end = min(start + len(part), len(line.text), len(line.conf))
    return [line.conf[i] for i in range(start, end) if line.text[i].isdigit()]


def weak_digit(loc: Location, line: Line | None) -> bool:
    """Whether the excerpt at ``loc`` holds a digit read with confidence below LOW_CONF."""
    return any(c < LOW_CONF for c in digit_confs(loc, line))
