"""Helpers for tests: check a snippet of disclosure text in memory."""

from __future__ import annotations

from pathlib import Path

from juesuan.model.finding import Finding


def check_text(text: str, profile: str | None = None, title: str | None = None) -> list[Finding]:
    """Run every check on ``text`` as if it were a .txt disclosure (default title 2023年度)."""
    from juesuan.check.run import check_document
    from juesuan.ingest.text import lines_from_text
    from juesuan.model.document import Document

    head = title if title is not None else "2023年度北京市东城区示例局部门决算公开说明"
    doc = Document(path=Path("<test>"), kind="txt", lines=lines_from_text(head + "\n" + text))
    return check_document(doc, profile).findings


def rules(findings: list[Finding], family: str = "") -> list[tuple[str, int]]:
    """(rule, line) pairs, lines counted within the snippet (the title is line 0)."""
    return [(f.rule, f.location.line - 1) for f in findings if f.rule.startswith(family)]
