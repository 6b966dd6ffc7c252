"""One CSV row per finding, for spreadsheets and pipelines."""

from __future__ import annotations

import csv
import io

from juesuan.check.run import DocReport

COLUMNS = [
    "path",
    "rule",
    "severity",
    "page",
    "line",
    "section",
    "message",
    "excerpt",
    "expected",
    "actual",
    "suggestion",
]


def render(reports: list[DocReport]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for r in reports:
        for f in r.findings:
            w.writerow(
                [
                    str(r.path),
                    f.rule,
                    f.severity,
                    f.location.page or "",
                    f.location.line,
                    f.section,
                    f.message,
                    f.location.excerpt,
                    f.expected or "",
                    f.actual or "",
                    f.suggestion or "",
                ]
            )
    return buf.getvalue()
