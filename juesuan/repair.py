"""``juesuan fix``: apply every correction the checks can compute, and nothing else.

A finding carries a ``replacement`` only when its rule can compute the exact new text
(a recomputed share, the direction word the numbers give, a malformed year, a deleted
fill-in instruction). Those are applied to the excerpt's own span; anything else (two
numbers that contradict each other with no way to know which is right) is left as it is
and reported, so the tool never invents data the document does not give. The document
is checked again after each pass, since resolving residue can make a rate checkable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.check.run import DocReport, check_document
from juesuan.errors import InputError
from juesuan.ingest import read
from juesuan.model.document import Document
from juesuan.model.finding import Finding

PASSES = 20  # each pass may expose more (e.g. one 半角 comma per paragraph per pass)


@dataclass(frozen=True)
class Change:
    line: int  # 1-based line (paragraph for docx)
    before: str
    after: str
    rule: str
    message: str


@dataclass
class Result:
    changes: list[Change] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # errors/warnings left as they are


@dataclass(frozen=True)
class _Edit:
    line: int
    col: int
    old: str
    new: str
    finding: Finding


def fix(src: Path, dst: Path, profile: str | None = None) -> Result:
    """Repair ``src`` (txt, md or docx) into ``dst``; return what changed and what is left."""
    kind = src.suffix.lower()
    if kind not in (".txt", ".md", ".markdown", ".docx"):
        raise InputError(src, "fix 只支持 txt、md、docx（PDF 和表格请先在原始文档中修改）")
    if dst.suffix.lower() != kind:
        raise InputError(dst, f"输出文件应与输入同为 {kind} 格式")
    result = Result()
    current = src
    for _ in range(PASSES):
        doc = read(current)
        edits = _edits(doc, check_document(doc, profile))
        if not edits:
            break
        if kind == ".docx":
            _apply_docx(current, dst, edits)
        else:
            _apply_text(current, dst, edits)
        result.changes += [
            Change(e.line, e.old, e.new, e.finding.rule, e.finding.message) for e in edits
        ]
        current = dst
    if current == src:  # nothing to change: the output is a copy
        dst.write_bytes(src.read_bytes())
    final = check_document(read(dst), profile)
    result.remaining = [f for f in final.findings if f.severity in ("error", "warning")]
    return result


def _edits(doc: Document, report: DocReport) -> list[_Edit]:
    """Non-overlapping single-line edits, at most one per span."""
    chosen: list[_Edit] = []
    taken: dict[int, list[tuple[int, int]]] = {}
    for f in report.findings:
        loc = f.location
        if f.replacement is None or "\n" in loc.excerpt or loc.page is not None:
            continue
        if not 1 <= loc.line <= len(doc.lines):
            continue
        text = doc.lines[loc.line - 1].text
        col = loc.col
        if col is None or text[col : col + len(loc.excerpt)] != loc.excerpt:
            if text.count(loc.excerpt) != 1:
                continue  # cannot tell which occurrence is meant
            col = text.index(loc.excerpt)
        span = (col, col + len(loc.excerpt))
        if any(a < span[1] and span[0] < b for a, b in taken.get(loc.line, [])):
            continue
        if f.replacement == loc.excerpt:
            continue
        taken.setdefault(loc.line, []).append(span)
        chosen.append(_Edit(loc.line, col, loc.excerpt, f.replacement, f))
    return chosen


def _apply_text(src: Path, dst: Path, edits: list[_Edit]) -> None:
    from juesuan.ingest.text import decode

    text = decode(src.read_bytes(), src)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    for e in sorted(edits, key=lambda e: (e.line, -e.col)):
        s = lines[e.line - 1]
        s = s[: e.col] + e.new + s[e.col + len(e.old) :]
        lines[e.line - 1] = "" if not s.strip() else s
    dst.write_text(newline.join(lines), encoding="utf-8")


def _apply_docx(src: Path, dst: Path, edits: list[_Edit]) -> None:
    import docx

    d = docx.Document(str(src))
    paras = _line_paragraphs(d)
    for e in sorted(edits, key=lambda e: (e.line, -e.col)):
        p = paras.get(e.line)
        if p is None:
            continue  # a table row: left for the table's own source
        runs = p.runs
        pos = 0
        for r in runs:
            t = r.text
            if pos <= e.col and e.col + len(e.old) <= pos + len(t):
                i = e.col - pos
                r.text = t[:i] + e.new + t[i + len(e.old) :]
                break
            pos += len(t)
        else:  # the span crosses runs: keep the first run's formatting for the line
            full = "".join(r.text for r in runs)
            new = full[: e.col] + e.new + full[e.col + len(e.old) :]
            if runs:
                runs[0].text = new
                for r in runs[1:]:
                    r.text = ""
    d.save(str(dst))


def _line_paragraphs(d: Any) -> dict[int, Any]:
    """Line numbers as the docx reader counts them → the paragraph at that line."""
    from docx.text.paragraph import Paragraph

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out: dict[int, Any] = {}
    n = 0
    body = d.element.body
    for block in body.iterchildren():
        if block.tag == f"{w}p":
            n += 1
            out[n] = Paragraph(block, d)
        elif block.tag == f"{w}tbl":
            n += sum(1 for _ in block.iterchildren(f"{w}tr"))
    return out
