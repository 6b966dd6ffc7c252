"""Debug aid: print the statements the narrative reader finds in a document."""

import sys

from juesuan.check.run import make_context
from juesuan.extract.narrative import narrative_of
from juesuan.ingest import read


def main() -> None:
    ctx = make_context(read(sys.argv[1]))
    nar = narrative_of(ctx)
    for it in nar.items:
        if it.parent is not None:
            continue
        show(it, 0)
    for c, tok in nar.averages:
        print("AVG", c.subject, c.value and c.value.text, tok.text)


def show(it, depth) -> None:  # type: ignore[no-untyped-def]
    line = it.para.first_line
    bits = [
        f"{'  ' * depth}{line.page or ''}:{line.no} [{it.level}] {it.concept!r} <{it.scope.fund}>"
    ]
    for name in ("value", "budget", "previous", "delta", "rate", "share", "completion"):
        tok = getattr(it, name)
        if tok is not None:
            bits.append(f"{name}={tok.text}")
    if it.delta_word:
        bits.append(f"dir={it.delta_word}/{it.base_kind}")
    if it.share_whole:
        bits.append(f"whole={it.share_whole}")
    print(" ".join(bits))
    for p in it.parts:
        show(p, depth + 1)


if __name__ == "__main__":
    main()
