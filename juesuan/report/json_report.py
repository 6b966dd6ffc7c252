"""The JSON contract of DESIGN.md: one object with the tool and every document."""

from __future__ import annotations

import json

from juesuan import __version__
from juesuan.errors import InputError
from juesuan.model.contract import ContractJSON, DocumentJSON
from juesuan.model.report import DocReport


def to_dict(reports: list[DocReport], failures: list[InputError]) -> ContractJSON:
    docs: list[DocumentJSON] = []
    for r in reports:
        docs.append(
            {
                "path": str(r.path),
                "title": r.title,
                "year": r.year,
                "department": r.department,
                "profile": r.profile,
                "kind": r.doc_kind,
                "stats": {
                    "pages": r.pages or 1,
                    "facts": r.facts,
                    "checks": r.checks,
                    "seconds": round(r.seconds, 3),
                },
                "findings": [f.as_dict() for f in r.findings],
                "checks_run": r.ran,
                "checks_skipped": r.skipped,
                "notes": r.notes,
            }
        )
    out: ContractJSON = {"tool": {"name": "juesuan", "version": __version__}, "documents": docs}
    if failures:
        out["errors"] = [{"path": str(e.path), "message": e.reason} for e in failures]
    return out


def render(reports: list[DocReport], failures: list[InputError]) -> str:
    return json.dumps(to_dict(reports, failures), ensure_ascii=False, indent=2)
