"""The result of checking one document: what the report writers, batch and the web app show."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juesuan.model.finding import Finding


@dataclass
class DocReport:
    path: Path
    title: str
    year: int | None
    department: str
    profile: str
    pages: int | None
    findings: list[Finding]
    facts: int = 0
    checks: int = 0
    seconds: float = 0.0
    ran: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    doc_kind: str = ""  # 部门决算 | 单位决算 | 部门预算 | 单位预算 | 非公开文件 | "" (unknown)
    consolidated: bool = False  # 汇总: a department with its subordinate units

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")
