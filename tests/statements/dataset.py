"""The labelled narrative-claims set: loading, anchor lookup and independent arithmetic.

The arithmetic here is deliberately separate from ``juesuan``'s: it is the labeller's own
recomputation, so that a label cannot silently agree with a bug in the checker. Every stated
number is the interval it rounds from (``16.4`` is [16.35, 16.45]); an identity holds when
some values inside those intervals satisfy it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LABELS = ("correct", "wrong")
TIERS = ("error", "warning", "info")
KINDS = ("决算", "预算")
CALC_KINDS = ("sum", "share", "diff", "rate", "average")


@dataclass
class Claim:
    doc: str
    id: str
    text: str
    label: str
    family: str
    why: str
    tier: str | None = None
    rule: str | None = None
    expected: str | None = None
    calc: dict[str, Any] | None = None
    nth: int = 1
    start: int = -1  # character offsets of the anchor in the document text
    end: int = -1
    lines: tuple[int, int] = (0, 0)  # 1-based first and last line of the anchor


@dataclass
class Doc:
    id: str
    region: str  # province-level region (or 中央部门): the unit of the spread requirement
    kind: str
    year: int
    text: str
    file: str
    area: str = ""  # city or district, when the file's region is a province
    claims: list[Claim] = field(default_factory=list)


def files(root: Path = HERE) -> list[Path]:
    return sorted(root.glob("*.yaml"))


def load(root: Path = HERE) -> list[Doc]:
    """Every document of every data file, with its claims' anchors located."""
    import yaml

    docs: list[Doc] = []
    for path in files(root):
        data = yaml.safe_load(path.read_text("utf-8"))
        region = data["region"]
        for d in data["documents"]:
            doc = Doc(
                id=d["id"],
                region=region,
                area=d.get("area", ""),
                kind=d["kind"],
                year=int(d["year"]),
                text=d["text"],
                file=path.name,
            )
            for c in d.get("claims", []):
                claim = Claim(
                    doc=doc.id,
                    id=str(c["id"]),
                    text=c["text"],
                    label=c["label"],
                    family=c["family"],
                    why=c.get("why", ""),
                    tier=c.get("tier"),
                    rule=c.get("rule"),
                    expected=c.get("expected"),
                    calc=c.get("calc"),
                    nth=int(c.get("nth", 1)),
                )
                locate(doc, claim)
                doc.claims.append(claim)
            docs.append(doc)
    return docs


def locate(doc: Doc, claim: Claim) -> None:
    """Set the claim's character span and line range (the ``nth`` occurrence of its anchor)."""
    pos = -1
    for _ in range(claim.nth):
        pos = doc.text.find(claim.text, pos + 1)
        if pos < 0:
            return
    claim.start, claim.end = pos, pos + len(claim.text)
    first = doc.text.count("\n", 0, pos) + 1
    claim.lines = (first, first + claim.text.count("\n"))


# --- arithmetic -------------------------------------------------------------------------

_NUM = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def _exact(s: str | int | float) -> tuple[Decimal, Decimal]:
    v = Decimal(str(s).replace(",", ""))
    return v, v


def interval(s: str | int | float) -> tuple[Decimal, Decimal]:
    """The interval a stated number rounds from; thousands separators are ignored."""
    t = str(s).replace(",", "").replace("，", "").strip()
    if not _NUM.match(t):
        raise ValueError(f"not a number: {s!r}")
    v = Decimal(t)
    exp = v.as_tuple().exponent
    assert isinstance(exp, int)
    half = Decimal(5) * Decimal(10) ** (exp - 1)
    return v - half, v + half


def _div(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    if b[0] <= 0:
        b = (max(b[0], Decimal("1e-12")), b[1])
    qs = [x / y for x in a for y in b]
    return min(qs), max(qs)


def _meets(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _diff(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    """The interval of abs(a - b)."""
    lo, hi = a[0] - b[1], a[1] - b[0]
    if lo < 0 < hi:
        return Decimal(0), max(-lo, hi)
    return min(abs(lo), abs(hi)), max(abs(lo), abs(hi))


def _pct(q: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    return q[0] * 100, q[1] * 100


def computed(calc: dict[str, Any]) -> tuple[str, tuple[Decimal, Decimal], tuple[Decimal, Decimal]]:
    """(kind, the interval the identity gives, the stated value's interval).

    With ``exact: true`` the numbers are counts (people, vehicles), exact rather than rounded.
    """
    kind = calc["kind"]
    iv = _exact if calc.get("exact") else interval
    if kind == "sum":
        parts = [iv(p) for p in calc["parts"]]
        got = (sum((p[0] for p in parts), Decimal(0)), sum((p[1] for p in parts), Decimal(0)))
        return kind, got, iv(calc["total"])
    if kind == "share":  # part / whole as a percentage (also completion rates)
        return kind, _pct(_div(iv(calc["part"]), iv(calc["whole"]))), iv(calc["pct"])
    if kind == "diff":  # abs(now - prev) = change
        return kind, _diff(iv(calc["now"]), iv(calc["prev"])), iv(calc["change"])
    if kind == "rate":  # change / base as a percentage
        if "change" in calc:
            ch = iv(calc["change"])
            base = _base(calc, ch)
        else:  # now and prev stated: the change is their difference, the base is prev
            ch, base = _diff(iv(calc["now"]), iv(calc["prev"])), iv(calc["prev"])
        if base[0] <= 0:  # growth from a zero base: written 100% by convention
            return kind, (Decimal(100), Decimal(100)), iv(calc["pct"])
        return kind, _pct(_div(ch, base)), iv(calc["pct"])
    if kind == "average":  # the count is exact
        return kind, _div(iv(calc["total"]), _exact(calc["count"])), iv(calc["value"])
    raise ValueError(f"unknown calc kind {kind!r}")


def _base(calc: dict[str, Any], ch: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    """The base of a rate: stated, or the current value less an increase (plus a decrease)."""
    if "base" in calc:
        return interval(calc["base"])
    now = interval(calc["now"])
    if calc["dir"] == "up":
        return now[0] - ch[1], now[1] - ch[0]
    return now[0] + ch[0], now[1] + ch[1]


def consistent(calc: dict[str, Any]) -> bool:
    """Whether the stated value can be right within rounding."""
    _, got, stated = computed(calc)
    return _meets(got, stated)


def point(calc: dict[str, Any]) -> Decimal:
    """The identity's value from the stated numbers taken as exact (for the corrected wording)."""
    kind = calc["kind"]
    n = lambda s: Decimal(str(s).replace(",", ""))  # noqa: E731
    if kind == "sum":
        return sum((n(p) for p in calc["parts"]), Decimal(0))
    if kind == "share":
        return n(calc["part"]) / n(calc["whole"]) * 100
    if kind == "diff":
        return abs(n(calc["now"]) - n(calc["prev"]))
    if kind == "rate":
        if "change" not in calc:
            ch, base = abs(n(calc["now"]) - n(calc["prev"])), n(calc["prev"])
            return ch / base * 100 if base else Decimal(100)
        ch = n(calc["change"])
        if "base" in calc:
            base = n(calc["base"])
        else:
            base = n(calc["now"]) - ch if calc["dir"] == "up" else n(calc["now"]) + ch
        return ch / base * 100 if base else Decimal(100)
    if kind == "average":
        return n(calc["total"]) / n(calc["count"])
    raise ValueError(kind)


def stated_key(calc: dict[str, Any]) -> str:
    return {"sum": "total", "share": "pct", "diff": "change", "rate": "pct", "average": "value"}[
        calc["kind"]
    ]


def numbers_of(calc: dict[str, Any]) -> list[str]:
    """Every number the calc quotes (they must all be in the document)."""
    out: list[str] = []
    for k, v in calc.items():
        if k in ("kind", "dir", "exact"):
            continue
        out += [str(x) for x in v] if isinstance(v, list) else [str(v)]
    return out
