"""Precision and recall of ``juesuan check`` on the labelled narrative claims (tests/statements).

    python3 bench/statements.py [--json] [--quiet] [--doc ID]

The juesuan measured is the one PYTHONPATH finds first (e.g. PYTHONPATH=/work/main measures
main's checker against this branch's data).

Each document is checked in memory. A finding belongs to a claim whose anchor its excerpt
overlaps (same lines, overlapping characters): the one expecting the finding's rule if any,
else the one it overlaps most, a wrong one on a tie. Then, by claim family and in total:

- precision: share of claims labelled correct that got no error or warning;
- recall: share of wrong claims reported at a severity at least the claim's tier;
- by_rule: the same, counting only findings of the rule the label expects;
- flagged: share of wrong claims that got any finding at all (info included);
- false errors: correct claims that got an error.

Findings on no claim at error/warning severity are listed too ("unclaimed"): they are not
scored, but in documents made of labelled sentences they are mostly false alarms.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # for tests.statements; juesuan comes from PYTHONPATH if set

from juesuan.model.finding import Finding  # noqa: E402
from tests.statements.dataset import Claim, Doc, load  # noqa: E402

RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Outcome:
    claim: Claim
    findings: list[Finding] = field(default_factory=list)

    def worst(self) -> str | None:
        if not self.findings:
            return None
        return min((f.severity for f in self.findings), key=RANK.__getitem__)

    @property
    def alarm(self) -> bool:  # an error or warning on a correct claim
        w = self.worst()
        return w is not None and RANK[w] <= 1

    @property
    def found(self) -> bool:  # a wrong claim reported at its tier or more severely
        w = self.worst()
        tier = self.claim.tier or "error"
        return w is not None and RANK[w] <= RANK[tier]

    @property
    def found_by_rule(self) -> bool:  # ... and by the rule the label expects
        tier = RANK[self.claim.tier or "error"]
        return any(f.rule == self.claim.rule and RANK[f.severity] <= tier for f in self.findings)


def span_of(doc: Doc, f: Finding) -> tuple[int, int] | None:
    """The finding's excerpt as character offsets in the document text."""
    lines = doc.text.split("\n")
    no = f.location.line
    if not 1 <= no <= len(lines):
        return None
    line_start = sum(len(x) + 1 for x in lines[: no - 1])
    ex = f.location.excerpt or ""
    if f.location.col is not None and doc.text.startswith(ex, line_start + f.location.col):
        s = line_start + f.location.col
        return s, s + max(len(ex), 1)
    pos = doc.text.find(ex, line_start) if ex else -1
    if pos >= 0 and doc.text.count("\n", line_start, pos) <= ex.count("\n") + 2:
        return pos, pos + max(len(ex), 1)
    return line_start, line_start + len(lines[no - 1])  # the whole line


def assign(doc: Doc, findings: list[Finding]) -> tuple[dict[str, Outcome], list[Finding]]:
    out = {c.id: Outcome(c) for c in doc.claims}
    loose: list[Finding] = []
    for f in findings:
        span = span_of(doc, f)
        best, best_key = None, (False, 0, False)
        for c in doc.claims:
            if span is None or c.start < 0:
                continue
            ov = min(span[1], c.end) - max(span[0], c.start)
            # the claim the finding is about: its expected rule, then overlap, then a wrong one
            key = (c.rule == f.rule, ov, c.label == "wrong")
            if ov > 0 and key > best_key:
                best, best_key = c, key
        if best is None:
            loose.append(f)
        else:
            out[best.id].findings.append(f)
    return out, loose


def check(doc: Doc) -> list[Finding]:
    from juesuan.check.run import check_document
    from juesuan.testing import doc_of

    return check_document(doc_of(doc.text)).findings


def short(f: Finding) -> str:
    return f"{f.severity} {f.rule} 第{f.location.line}行 「{f.location.excerpt}」 {f.message}"


def evaluate(docs: list[Doc]) -> dict[str, object]:
    fam: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    alarms, misses, unclaimed = [], [], []
    for doc in docs:
        outcomes, loose = assign(doc, check(doc))
        for f in loose:
            if RANK[f.severity] <= 1:
                unclaimed.append({"doc": doc.id, "finding": short(f)})
        for o in outcomes.values():
            c = o.claim
            for key in (c.family, "TOTAL"):
                s = fam[key]
                if c.label == "correct":
                    s["correct"] += 1
                    s["clean"] += 0 if o.alarm else 1
                    s["false_errors"] += 1 if o.worst() == "error" else 0
                else:
                    s["wrong"] += 1
                    s["found"] += 1 if o.found else 0
                    s["by_rule"] += 1 if o.found_by_rule else 0
                    s["flagged"] += 1 if o.findings else 0
            row = {
                "doc": doc.id,
                "claim": c.id,
                "family": c.family,
                "text": c.text,
                "reported": [short(f) for f in o.findings],
            }
            if c.label == "correct" and o.alarm:
                alarms.append(row)
            elif c.label == "wrong" and not o.found:
                misses.append(row | {"tier": c.tier, "rule": c.rule, "why": c.why})
    table = {}
    for key, s in sorted(fam.items(), key=lambda kv: (kv[0] == "TOTAL", kv[0])):
        table[key] = {
            "correct": s["correct"],
            "wrong": s["wrong"],
            "precision": round(s["clean"] / s["correct"], 3) if s["correct"] else None,
            "recall": round(s["found"] / s["wrong"], 3) if s["wrong"] else None,
            "by_rule": round(s["by_rule"] / s["wrong"], 3) if s["wrong"] else None,
            "flagged": round(s["flagged"] / s["wrong"], 3) if s["wrong"] else None,
            "false_errors": s["false_errors"],
        }
    return {"families": table, "false_alarms": alarms, "misses": misses, "unclaimed": unclaimed}


def fmt(v: object) -> str:
    return "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--quiet", action="store_true", help="figures only, no lists")
    ap.add_argument("--doc", help="only this document id")
    a = ap.parse_args(argv)
    docs = [d for d in load() if not a.doc or d.id == a.doc]
    res = evaluate(docs)
    if a.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    cols = ("correct", "wrong", "precision", "recall", "by_rule", "flagged", "false_errors")
    print(f"{'family':<16}" + "".join(f"{c:>13}" for c in cols))
    for key, row in res["families"].items():  # type: ignore[attr-defined]
        print(f"{key:<16}" + "".join(f"{fmt(row[c]):>13}" for c in cols))
    if a.quiet:
        return 0
    for title, key in (("FALSE ALARMS", "false_alarms"), ("MISSES", "misses")):
        rows = res[key]
        print(f"\n== {title} ({len(rows)}) ==")  # type: ignore[arg-type]
        for r in rows:  # type: ignore[attr-defined]
            extra = f" [{r['tier']} {r['rule']}: {r['why']}]" if key == "misses" else ""
            print(f"- {r['doc']}/{r['claim']} ({r['family']}) {r['text']!r}{extra}")
            for f in r["reported"]:
                print(f"    {f}")
    rows = res["unclaimed"]
    print(f"\n== UNCLAIMED ERRORS/WARNINGS ({len(rows)}) ==")  # type: ignore[arg-type]
    for r in rows:  # type: ignore[attr-defined]
        print(f"- {r['doc']}: {r['finding']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
