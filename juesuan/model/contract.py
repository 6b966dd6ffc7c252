"""The JSON contract of ``check --format json``, as types.

``report.json_report`` builds its output through these types (mypy checks every key), and
``scripts/gen_contract_schema.py`` turns them into ``docs/contract.schema.json``, so the
published schema is generated from the same definitions the code uses and cannot drift
(``tests/test_contract_schema.py``).
"""

from __future__ import annotations

from typing import Literal, NotRequired

# typing_extensions's TypedDict: pydantic reads it on Python 3.11 too (for the schema).
from typing_extensions import TypedDict


class LocationJSON(TypedDict):
    page: int | None  # 1-based; null for text files
    line: int  # 1-based: the file's line, or the line within the page (PDF, sheet)
    excerpt: str  # the verbatim text of the span as read
    sheet: NotRequired[str]  # workbooks only: the sheet the page index stands for


class FindingJSON(TypedDict):
    rule: str  # family.name
    severity: Literal["error", "warning", "info"]
    message: str  # Chinese
    location: LocationJSON
    related: list[LocationJSON]
    expected: str | None
    actual: str | None
    suggestion: str | None


class StatsJSON(TypedDict):
    pages: int
    facts: int
    checks: int
    seconds: float


class DocumentJSON(TypedDict):
    path: str
    title: str
    year: int | None
    department: str
    profile: str
    kind: str  # 部门决算 | 单位决算 | 部门预算 | 单位预算 | 非公开文件 | "" (unknown)
    stats: StatsJSON
    findings: list[FindingJSON]
    checks_run: list[str]
    checks_skipped: dict[str, str]  # rule id -> why it could not run
    notes: list[str]


class ToolJSON(TypedDict):
    name: str
    version: str


class InputErrorJSON(TypedDict):
    path: str
    message: str


class ContractJSON(TypedDict):
    tool: ToolJSON
    documents: list[DocumentJSON]
    errors: NotRequired[list[InputErrorJSON]]  # files that could not be used (exit 2)
