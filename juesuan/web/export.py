"""The confirmed findings of one document, for the department: CSV (UTF-8 with BOM, so
Excel opens it), JSON, or a Word list."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
COLUMNS = [
    "序号",
    "级别",
    "规则",
    "页",
    "行",
    "章节",
    "问题",
    "原文",
    "应为",
    "实为",
    "建议",
    "审核意见",
    "审核人",
]


def _row(i: int, f: dict[str, Any]) -> list[str]:
    loc = f["location"]
    rev = f.get("review") or {}
    return [
        str(i),
        SEV_ZH.get(f["severity"], f["severity"]),
        f["rule"],
        str(loc.get("page") or ""),
        str(loc.get("line") or ""),
        f.get("section", ""),
        f["message"],
        loc.get("excerpt", ""),
        f.get("expected") or "",
        f.get("actual") or "",
        f.get("suggestion") or "",
        rev.get("reason", ""),
        rev.get("by", ""),
    ]


def to_csv(findings: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for i, f in enumerate(findings, 1):
        w.writerow(_row(i, f))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_json(doc: dict[str, Any], findings: list[dict[str, Any]]) -> bytes:
    out = {k: doc[k] for k in ("id", "filename", "title", "department", "year")}
    out["confirmed"] = findings
    return json.dumps(out, ensure_ascii=False, indent=2).encode("utf-8")


def to_docx(doc: dict[str, Any], findings: list[dict[str, Any]]) -> bytes:
    from docx import Document

    d = Document()
    d.add_heading(f"{doc['title'] or doc['filename']}：审核确认的问题", level=1)
    meta = [doc["department"], f"{doc['year']}年度" if doc["year"] else ""]
    d.add_paragraph(" ".join(m for m in meta if m) + f"  共 {len(findings)} 处")
    if not findings:
        d.add_paragraph("没有确认的问题。")
    for i, f in enumerate(findings, 1):
        r = _row(i, f)
        where = "，".join(
            x for x in (f"第{r[3]}页" if r[3] else "", f"第{r[4]}行" if r[4] else "", r[5]) if x
        )
        p = d.add_paragraph(style="List Number")
        p.add_run(f"【{r[1]}】{r[6]}").bold = True
        d.add_paragraph(f"位置：{where}")
        d.add_paragraph(f"原文：{r[7]}")
        if r[8] or r[9]:
            d.add_paragraph(f"应为：{r[8]}　实为：{r[9]}")
        if r[10]:
            d.add_paragraph(f"建议：{r[10]}")
        if r[11]:
            d.add_paragraph(f"审核意见：{r[11]}（{r[12]}）")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
