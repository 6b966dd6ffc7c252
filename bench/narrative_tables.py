"""The narrative checked against its own tables, over the corpus: every finding of
``xref.narrative_table`` (and, with ``--all``, every narrative error or warning), one line
each, for review by eye.

    PYTHONPATH=. python3 bench/narrative_tables.py [DIR] [--jobs 2] [--only GLOB] [--all]

DIR defaults to the ``corpus/files`` folder of ``juesuan.testing.shared_dir()``. Prints
file, page, line, severity, rule and message, then the count per rule and severity.
"""

from __future__ import annotations

import argparse
import fnmatch
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Rules that read the narrative (not the tables alone, not the layout).
NARRATIVE = ("arith.", "xref.narrative_table", "xref.conflict", "xref.topic", "text.direction")


def one(path: str, every: bool) -> list[tuple[str, int | None, int, str, str, str]]:
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    try:
        rep = check_document(read(path))
    except Exception as e:  # a file the reader refuses is reported, not fatal
        return [(Path(path).name, None, 0, "skip", "read", f"{type(e).__name__}: {e}")]
    out = []
    for f in rep.findings:
        wanted = f.rule.startswith(NARRATIVE) if every else f.rule == "xref.narrative_table"
        if wanted and (f.severity != "info" or not every):
            loc = f.location
            out.append((Path(path).name, loc.page, loc.line, f.severity, f.rule, f.message))
    return out


def main() -> None:
    from juesuan.testing import shared_dir

    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=str(shared_dir() / "corpus" / "files"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", default="*")
    ap.add_argument("--all", action="store_true", help="every narrative error and warning")
    args = ap.parse_args()
    files = sorted(
        str(p) for p in Path(args.dir).iterdir() if fnmatch.fnmatch(p.name, args.only)
    )
    counts: Counter[tuple[str, str]] = Counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        for rows in pool.map(one, files, [args.all] * len(files)):
            for name, page, line, sev, rule_id, msg in rows:
                counts[(rule_id, sev)] += 1
                print(f"{name} p{page} l{line} {sev} {rule_id} {msg}", flush=True)
    for (rule_id, sev), n in sorted(counts.items()):
        print(f"# {rule_id} {sev}: {n}")


if __name__ == "__main__":
    main()
