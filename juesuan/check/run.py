"""Run every registered check over one document and collect a report."""

from __future__ import annotations

import time
from functools import partial

from juesuan.check.base import Context, NotApplicable
from juesuan.extract.meta import meta_of
from juesuan.model.document import Document
from juesuan.model.finding import Finding
from juesuan.model.report import DocReport

__all__ = ["DocReport", "check_document", "make_context"]


def make_context(doc: Document, profile: str | None = None) -> Context:
    """The context every check, extraction and repair of a document works from."""
    from juesuan import profiles
    from juesuan.extract.meta import detect_meta

    meta = detect_meta(doc)
    prof_name = profile or profiles.detect(doc, meta.title)
    ctx = Context(
        doc=doc, profile=profiles.load(prof_name), year=meta.year, family=meta.family
    )
    ctx.cache["meta"] = meta
    return ctx


def check_document(doc: Document, profile: str | None = None) -> DocReport:
    from juesuan.check.registry import RULES

    t0 = time.perf_counter()
    ctx = make_context(doc, profile)
    meta = meta_of(ctx)
    report = partial(  # what every report says of its document
        DocReport,
        path=doc.path,
        title=meta.title,
        year=meta.year,
        department=meta.department,
        profile=str(ctx.profile["name"]),
        pages=doc.pages,
        doc_kind=meta.doc_kind,
    )
    findings: list[Finding] = []
    ran: list[str] = []
    skipped: dict[str, str] = {}
    if not meta.disclosure:  # a notice, a report, an evaluation result: one plain note
        from juesuan.extract.meta import NOT_DISCLOSURE_NOTE

        return report(
            findings=[],
            seconds=time.perf_counter() - t0,
            skipped={r.id: NOT_DISCLOSURE_NOTE for r in RULES},
            notes=[*doc.notes, NOT_DISCLOSURE_NOTE],
        )
    from juesuan.tables import tables_of
    from juesuan.tables.unfilled import UNFILLED_NOTE, unfilled

    if unfilled(doc, tables_of(ctx)):  # a blank official template: one plain note
        return report(
            findings=[],
            seconds=time.perf_counter() - t0,
            skipped={r.id: UNFILLED_NOTE for r in RULES},
            notes=[*doc.notes, UNFILLED_NOTE],
        )
    for r in RULES:
        try:
            out = r(ctx)
        except NotApplicable as e:
            skipped[r.id] = str(e) or "不适用"
            continue
        ran.append(r.id)
        findings.extend(out)
    findings = _dedupe(findings)
    from juesuan.check.misread import soften

    findings = soften(doc, findings)  # a digit OCR was unsure of makes no error
    if doc.sheets:
        findings = [_on_sheets(doc.sheets, f) for f in findings]
    _assign_sections(ctx, findings)
    findings.sort(key=lambda f: f.sort_key)
    from juesuan.extract.narrative import facts_of

    n_facts = len(facts_of(ctx).facts)
    # Rule runs plus the individual identities the arithmetic rules verified.
    n_checks = len(ran) + int(ctx.cache.get("checks_done", 0))
    return report(
        findings=findings,
        facts=n_facts,
        checks=n_checks,
        seconds=time.perf_counter() - t0,
        ran=ran,
        skipped=skipped,
        notes=list(doc.notes),
        consolidated=meta.consolidated,
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in findings:
        loc = f.location
        key = (f.rule, loc.page, loc.line, loc.col, loc.excerpt, f.expected, f.actual)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _on_sheets(sheets: list[str], f: Finding) -> Finding:
    """Name the workbook sheet in every location of ``f`` (tables locate by page index)."""
    from dataclasses import replace

    from juesuan.ingest.sheet import name_sheets

    return replace(
        f,
        location=name_sheets(sheets, f.location),
        related=tuple(name_sheets(sheets, r) for r in f.related),
    )


def _assign_sections(ctx: Context, findings: list[Finding]) -> None:
    """Label each finding with the heading it sits under, for the grouped report."""
    from bisect import bisect_right

    from juesuan.extract.outline import outline_of

    heads = outline_of(ctx).headings
    keys = [(h.page or 0, h.line) for h in heads]
    for i, f in enumerate(findings):
        j = bisect_right(keys, (f.location.page or 0, f.location.line))
        if j:
            findings[i] = _with_section(f, heads[j - 1].path_title)


def _with_section(f: Finding, section: str) -> Finding:
    from dataclasses import replace

    return replace(f, section=section)
