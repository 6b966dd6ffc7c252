"""``juesuan fix``: apply every correction the checks can compute, and nothing else.

A finding carries a ``replacement`` only when its rule can compute the exact new text
(a recomputed share, the direction word the numbers give, a malformed year, a deleted
fill-in instruction). Those are applied to the excerpt's own span; anything else (two
numbers that contradict each other with no way to know which is right) is left as it is
and reported, so the tool never invents data the document does not give. The document
is checked again after each pass, since resolving residue can make a rate checkable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.check.run import DocReport, check_document
from juesuan.errors import InputError
from juesuan.ingest import read
from juesuan.model.document import Document
from juesuan.model.finding import Finding
from juesuan.model.lazyre import lazy

PASSES = 20  # each pass may expose more (e.g. one 半角 comma per paragraph per pass)


@dataclass(frozen=True)
class Change:
    line: int  # 1-based line (paragraph for docx)
    before: str
    after: str
    rule: str  # the rule ids that made it, joined with "、"
    message: str
    col: int = 0  # where it starts in the original line


@dataclass
class Result:
    changes: list[Change] = field(default_factory=list)  # one per place, in document order
    # Everything ``check`` reports on the repaired file, so the two never disagree.
    remaining: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class _Edit:
    line: int
    col: int
    old: str
    new: str
    rule: str
    message: str


# ``比上年持平``, ``比年初预算持平，持平`` (what word-for-word edits of a zero change leave):
# written ``与上年持平``, as compose writes it.
_FLAT = lazy(r"比(?P<against>[^，,。；;：:比与较]{1,20}?)持平(?:\s*[，,]\s*持平)?")


def fix(src: Path, dst: Path, profile: str | None = None) -> Result:
    """Repair ``src`` (txt, md or docx) into ``dst``; return what changed and what is left."""
    kind = src.suffix.lower()
    if kind not in (".txt", ".md", ".markdown", ".docx"):
        raise InputError(src, "fix 只支持 txt、md、docx（PDF 和表格请先在原始文档中修改）")
    if dst.suffix.lower() != kind:
        raise InputError(dst, f"输出文件应与输入同为 {kind} 格式")
    doc = read(src)
    track = _Tracker([line.text for line in doc.lines])
    current = src
    for _ in range(PASSES):
        edits = _edits(doc, check_document(doc, profile))
        edits += _flat_wording(doc, track.touched(), edits)
        if not edits:
            break
        if kind == ".docx":
            _apply_docx(current, dst, edits)
        else:
            _apply_text(current, dst, edits)
        track.apply(edits)
        current = dst
        doc = read(dst)
    if current == src:  # nothing to change: the output is a copy
        dst.write_bytes(src.read_bytes())
    final = check_document(doc, profile)
    return Result(track.changes(), list(final.findings))


@dataclass
class _Seg:
    lo: int  # span in the original line
    hi: int
    text: str  # its text now
    rules: list[str] = field(default_factory=list)  # empty: untouched
    message: str = ""


class _Tracker:
    """Where each line's edits landed, in the original line's coordinates.

    A line is a run of segments whose texts join to the line as it is now. An edit replaces
    the segments it overlaps (an earlier edit's segment whole) by one edited segment, so the
    edits of several passes at one place become one change.
    """

    def __init__(self, lines: list[str]) -> None:
        self.orig = lines
        self.segs: dict[int, list[_Seg]] = {}

    def touched(self) -> set[int]:
        return set(self.segs)

    def apply(self, edits: list[_Edit]) -> None:
        for e in sorted(edits, key=lambda e: (e.line, -e.col)):
            if 1 <= e.line <= len(self.orig):
                self._apply(e)

    def _apply(self, e: _Edit) -> None:
        t = self.orig[e.line - 1]
        segs = self.segs.get(e.line) or [_Seg(0, len(t), t)]
        cur = "".join(x.text for x in segs)
        c0, c1 = e.col, e.col + len(e.old)
        pre: list[_Seg] = []
        hit: list[tuple[int, _Seg]] = []  # (current start, segment)
        post: list[_Seg] = []
        a = 0
        for x in segs:
            b = a + len(x.text)
            if not (a < c1 and c0 < b):
                (pre if b <= c0 else post).append(x)
            elif x.rules:
                hit.append((a, x))
            else:  # untouched: split off what lies outside the edit
                i0, i1 = max(c0, a) - a, min(c1, b) - a
                if i0 > 0:
                    pre.append(_Seg(x.lo, x.lo + i0, x.text[:i0]))
                hit.append((a + i0, _Seg(x.lo + i0, x.lo + i1, x.text[i0:i1])))
                if i1 < len(x.text):
                    post.append(_Seg(x.lo + i1, x.hi, x.text[i1:]))
            a = b
        if hit:
            h0 = hit[0][0]
            h1 = hit[-1][0] + len(hit[-1][1].text)
            text = cur[h0:c0] + e.new + cur[c1:h1]
            lo, hi = hit[0][1].lo, hit[-1][1].hi
            rules = [r for _, x in hit for r in x.rules]
        else:  # an insertion between segments
            lo = hi = pre[-1].hi if pre else 0
            text, rules = e.new, []
        rules = list(dict.fromkeys([*rules, e.rule]))
        self.segs[e.line] = [*pre, _Seg(lo, hi, text, rules, e.message), *post]

    def changes(self) -> list[Change]:
        out: list[Change] = []
        for no in sorted(self.segs):
            orig, segs = self.orig[no - 1], self.segs[no]
            edited = [x for x in segs if x.rules]
            if not "".join(x.text for x in segs).strip():  # the whole line went
                rules = "、".join(dict.fromkeys(r for x in edited for r in x.rules))
                out.append(Change(no, orig.strip(), "", rules, edited[0].message, 0))
                continue
            for i, x in enumerate(segs):
                old = orig[x.lo : x.hi]
                if not x.rules or old == x.text:
                    continue
                left = right = ""
                if old and x.text.strip() and min(len(old), len(x.text)) < 4:  # "政策,组织"
                    if i > 0 and not segs[i - 1].rules:
                        left = segs[i - 1].text[-2:]
                    if i + 1 < len(segs) and not segs[i + 1].rules:
                        right = segs[i + 1].text[:2]
                after = left + x.text + right if x.text.strip() else ""
                rules = "、".join(x.rules)
                out.append(
                    Change(no, left + old + right, after, rules, x.message, x.lo - len(left))
                )
        return out


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
        chosen.append(_Edit(loc.line, col, loc.excerpt, f.replacement, f.rule, f.message))
    return chosen


def _flat_wording(doc: Document, touched: set[int], pending: list[_Edit]) -> list[_Edit]:
    """``比X持平`` left by earlier edits on a line → ``与X持平`` (only lines fix edited,
    and only once the line has no other edit pending)."""
    from juesuan.model.identities import unchanged_against

    busy = {e.line for e in pending}
    out: list[_Edit] = []
    for no in sorted(touched - busy):
        if not 1 <= no <= len(doc.lines):
            continue
        text = doc.lines[no - 1].text
        for m in _FLAT.finditer(text):
            new = unchanged_against(m.group("against"))
            out.append(
                _Edit(no, m.start(), m.group(0), new, "text.direction", "变动为零，写作“与…持平”")
            )
    return out


def _apply_text(src: Path, dst: Path, edits: list[_Edit]) -> None:
    """Apply ``edits`` to ``src`` into ``dst``, keeping its encoding and line endings."""
    from juesuan.ingest.text import decode_as

    text, encoding = decode_as(src.read_bytes(), src)
    lines = re.split(r"(\r\n|\r|\n)", text)  # text and separators alternate
    for e in sorted(edits, key=lambda e: (e.line, -e.col)):
        i = 2 * (e.line - 1)
        s = lines[i]
        s = s[: e.col] + e.new + s[e.col + len(e.old) :]
        lines[i] = "" if not s.strip() else s
    out = "".join(lines)
    try:
        data = out.encode(encoding)
    except UnicodeEncodeError:  # a replacement the legacy codec lacks (GB18030 has all)
        data = out.encode("utf-8")
    dst.write_bytes(data)


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
