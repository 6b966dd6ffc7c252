"""One CSV row per finding, for spreadsheets and pipelines.

Each row says where the finding is: the sheet (workbooks), the page (PDF) and the line.
The CLI writes it with a UTF-8 BOM, so Excel on a Chinese Windows opens it ungarbled.
"""

from __future__ import annotations

import csv
import io

from juesuan.model.report import DocReport

COLUMNS = [
    "path",
    "rule",
    "severity",
    "sheet",
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
                    f.location.sheet or "",
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
