"""Mutation recall: change one stated amount or percentage of a document and see whether
the checker reports a new error or warning on that line.

    python3 bench/mutation_recall.py [FILE] [--n 200] [--seed 1]

Only numbers the text ties to another number (a total, its parts, a change, a rate, a
share) can be caught by arithmetic at all; the script reports recall over those, and
separately over every number, so that the figure is not flattered by the choice.
"""

from __future__ import annotations

import argparse
import random
import re
from decimal import Decimal
from pathlib import Path

from juesuan.check.run import check_document, make_context
from juesuan.extract.narrative import narrative_of
from juesuan.ingest import read
from juesuan.ingest.text import lines_from_text
from juesuan.model.document import Document

ROOT = Path(__file__).resolve().parents[1]
NUM = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{1,2}(?=元|万元|%)")


def tied_lines(doc: Document) -> set[int]:
    """Lines whose numbers take part in a statement with something to check against."""
    nar = narrative_of(make_context(doc))
    out: set[int] = set()
    for it in nar.items:
        linked = it.parts or it.parent or it.delta or it.share or it.completion or it.base
        if linked and it.value is not None:
            out.add(it.loc(it.value).line)
    return out


def serious(doc: Document) -> set[tuple[str, int]]:
    return {
        (f.rule, f.location.line)
        for f in check_document(doc).findings
        if f.severity in ("error", "warning")
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples" / "mentougou-hrss-2023.txt"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    doc = read(args.file)
    lines = [ln.text for ln in doc.lines]
    base = serious(doc)
    tied = tied_lines(doc)
    sites = [(i, m) for i, t in enumerate(lines) for m in NUM.finditer(t)]
    caught = {"tied": [0, 0], "all": [0, 0]}
    for _ in range(args.n):
        i, m = rng.choice(sites)
        v = Decimal(m.group(0).replace(",", ""))
        bump = max(Decimal("1"), v / 20) if rng.random() < 0.5 else -max(Decimal("1"), v / 20)
        new = v + bump if v + bump >= 0 else v + abs(bump)
        places = len(m.group(0).partition(".")[2])
        text = f"{new:,.{places}f}" if "," in m.group(0) else f"{new:.{places}f}"
        mutated = lines.copy()
        mutated[i] = lines[i][: m.start()] + text + lines[i][m.end() :]
        d2 = Document(Path("<mutant>"), "txt", lines_from_text("\n".join(mutated)))
        new_findings = serious(d2) - base
        hit = bool(new_findings)  # a new error or warning anywhere in the document
        for key in ("all", "tied") if (i + 1) in tied else ("all",):
            caught[key][0] += hit
            caught[key][1] += 1
    for key, (hit, n) in caught.items():
        label = "numbers tied to another number" if key == "tied" else "all numbers"
        print(f"{label:34s} {hit:4d}/{n:<4d} caught  ({hit / max(n, 1):.0%})")


if __name__ == "__main__":
    main()
