"""Mutation recall: change one stated amount or percentage of a document and see whether
the checker reports a new error or warning on that line.

    python3 bench/mutation_recall.py [FILE] [--n 200] [--seed 1] [--list]

``--list`` prints each tied mutation that was missed (line, original → mutated number and
the line's text), so that misses can be grouped by cause.

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
from juesuan.extract.narrative import Item, narrative_of
from juesuan.extract.tokens import Token
from juesuan.ingest import read
from juesuan.ingest.text import lines_from_text
from juesuan.model.document import Document

ROOT = Path(__file__).resolve().parents[1]
NUM = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{1,2}(?=元|万元|%)")


def tied_numbers(doc: Document) -> set[tuple[int, int]]:
    """(line, column) of each number a statement ties to another stated number.

    A tie is something arithmetic can check: a total and its parts, a share, a completion
    against its budget, a change against its base, a rate against its change. A value
    with a change and nothing else (``合计X元，比上年增加Y元``) ties nothing: any pair is
    consistent, so a mutation there cannot be caught and is not counted as tied.
    """
    nar = narrative_of(make_context(doc))
    out: set[tuple[int, int]] = set()

    def add(it: Item, *toks: Token | None) -> None:
        for t in toks:
            if t is not None:
                loc = it.loc(t)
                out.add((loc.line, loc.col or 0))

    for it in nar.items:
        if it.value is None:
            continue
        if it.parts or it.parent:
            add(it, it.value)
        if it.share is not None:
            add(it, it.value, it.share, it.share_base)
        if it.completion is not None and (it.budget is not None or it.delta is not None):
            add(it, it.value, it.completion, it.budget, it.delta)
        if it.base is not None and (it.delta is not None or it.rate is not None):
            add(it, it.value, it.base, it.delta, it.rate)
        if it.delta is not None and it.rate is not None:
            add(it, it.value, it.delta, it.rate)
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
    ap.add_argument("--list", action="store_true", help="print the tied mutations missed")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    doc = read(args.file)
    lines = [ln.text for ln in doc.lines]
    base = serious(doc)
    tied = tied_numbers(doc)
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
        is_tied = (i + 1, m.start()) in tied
        for key in ("all", "tied") if is_tied else ("all",):
            caught[key][0] += hit
            caught[key][1] += 1
        if args.list and not hit and is_tied:
            print(f"MISS line {i + 1}: {m.group(0)} -> {text}  | {lines[i].strip()[:160]}")
    for key, (hit, n) in caught.items():
        label = "numbers tied to another number" if key == "tied" else "all numbers"
        print(f"{label:34s} {hit:4d}/{n:<4d} caught  ({hit / max(n, 1):.0%})")


if __name__ == "__main__":
    main()
