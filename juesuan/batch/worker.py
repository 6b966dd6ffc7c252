"""One file → its rows for every table. Runs inside a worker process (or a Dask worker).

It never raises: unreadable input becomes an ``unusable`` document with the reason, any
other failure an ``internal_error`` one, so one bad file can never stop a batch. Only the
public API (``juesuan.api``) is used. Amounts stay strings here (exactly as ``extract``
gives them); ``schema`` turns them into decimals when the tables are built.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

Rows = list[dict[str, Any]]

# The statement fields copied as they are (location is flattened, parts become rows).
STATEMENT_FIELDS = (
    "subject",
    "concept",
    "level",
    "fund",
    "unit",
    "value",
    "base",
    "base_kind",
    "change",
    "change_words",
    "rate",
    "rate_words",
    "share",
    "share_of",
    "completion",
)


def process(path: str, sha256: str, data: bytes | None = None) -> dict[str, Any]:
    """Check and extract one file; ``data`` (its bytes) lets a worker without the file
    system of the caller (a Dask cluster) process it from a private temporary copy."""
    # The workers already fill the cores: a scan's pages, and a long PDF's, are read one
    # after another here, not in a pool of their own (a value the user set still counts).
    os.environ.setdefault("JUESUAN_OCR_JOBS", "1")
    os.environ.setdefault("JUESUAN_PDF_JOBS", "1")
    t0 = time.perf_counter()
    if data is None:
        result = _process(Path(path), sha256)
    else:
        with tempfile.TemporaryDirectory(prefix="juesuan-") as tmp:
            local = Path(tmp) / Path(path).name  # the name can matter (profile hints)
            local.write_bytes(data)
            result = _process(local, sha256)
    result["document"]["seconds"] = time.perf_counter() - t0
    result["rss_mb"] = peak_rss_mb()
    result["pid"] = os.getpid()
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def failed(
    path: str, sha256: str, status: str, reason: str, producer: str | None = None
) -> dict[str, Any]:
    """The result of a file that produced nothing but a reason."""
    doc: dict[str, Any] = {
        "path": path,
        "sha256": sha256,
        "status": status,
        "reason": reason,
        "producer": producer,
    }
    return {"document": doc, "findings": [], "statements": [], "cells": []}


def _process(path: Path, sha256: str) -> dict[str, Any]:
    from juesuan import api

    try:
        producer = api.metadata(path).get("Producer")
    except Exception:  # metadata is a nicety: never the reason a file fails
        producer = None
    try:
        doc = api.read(path)
        report = api.check(doc)
        data = api.extract(doc)
    except api.InputError as e:
        return failed(str(path), sha256, "unusable", e.reason, producer)
    except Exception as e:  # a bug in one file's processing must not stop the batch
        tb = traceback.extract_tb(e.__traceback__)
        where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
        reason = f"{type(e).__name__}: {e} ({where})"
        return failed(str(path), sha256, "internal_error", reason, producer)
    info = data.get("document", {})
    sev = [f.severity for f in report.findings]
    document = {
        "path": str(path),
        "sha256": sha256,
        "title": report.title,
        # Document kind (决算/预算, 部门/单位) comes from the reader when it offers it.
        "kind": _kind(report, info),
        "region": info.get("region") or getattr(report, "region", None) or report.profile,
        "profile": report.profile,
        "department": report.department or None,
        "year": report.year,
        "producer": producer,
        "pages": report.pages,
        "status": "ok",
        "reason": None,
        "errors": sev.count("error"),
        "warnings": sev.count("warning"),
        "infos": sev.count("info"),
    }
    findings = [
        {
            "sha256": sha256,
            "rule": f.rule,
            "severity": f.severity,
            "page": f.location.page,
            "line": f.location.line,
            "excerpt": f.location.excerpt,
            "expected": f.expected,
            "actual": f.actual,
            "suggestion": f.suggestion,
            "message": f.message,
            "section": f.section or None,
        }
        for f in report.findings
    ]
    return {
        "document": document,
        "findings": findings,
        "statements": statement_rows(sha256, data.get("statements", [])),
        "cells": cell_rows(sha256, data.get("tables", [])),
    }


def _kind(report: Any, info: dict[str, Any]) -> str | None:
    """部门决算/单位决算/部门预算/单位预算 when the reader detects it (``doc_kind`` on the
    report, or ``kind``/``doc_kind`` in extract's document block); None while it does not."""
    for v in (
        getattr(report, "doc_kind", None),
        getattr(report, "kind", None),
        info.get("doc_kind"),
        info.get("kind"),
    ):
        if v:
            return str(v)
    return None


def statement_rows(sha256: str, statements: list[dict[str, Any]]) -> Rows:
    """Statements flattened: a part (财政拨款收入 under 本年收入合计) names its parent's seq."""
    rows: Rows = []

    def add(st: dict[str, Any], parent: int | None) -> None:
        seq = len(rows)
        loc = st.get("location") or {}
        row = {"sha256": sha256, "seq": seq, "parent_seq": parent}
        row.update({k: _str(st.get(k)) for k in STATEMENT_FIELDS})
        row.update(page=loc.get("page"), line=loc.get("line"), excerpt=loc.get("excerpt"))
        rows.append(row)
        for part in st.get("parts", []):
            add(part, seq)

    for st in statements:
        add(st, None)
    return rows


def cell_rows(sha256: str, tables: list[dict[str, Any]]) -> Rows:
    """One row per non-blank cell of every parsed table, value as extract gives it."""
    rows: Rows = []
    for ti, t in enumerate(tables):
        for ri, r in enumerate(t.get("rows", [])):
            for column, value in (r.get("values") or {}).items():
                rows.append(
                    {
                        "sha256": sha256,
                        "table_seq": ti,
                        "table_kind": t.get("kind"),
                        "title": t.get("title"),
                        "unit": t.get("unit") or None,
                        "row_seq": ri,
                        "side": r.get("side"),
                        "row_code": r.get("code"),
                        "row_level": r.get("level"),
                        "row_name": r.get("name"),
                        "column": column,
                        "value": value,
                    }
                )
    return rows


def _str(v: Any) -> str | None:
    return None if v is None else str(v)
