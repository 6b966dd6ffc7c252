"""政府收支分类科目 as data: function (类/款/项) and economic (类/款) code → name."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

LEVELS = {3: "类", 5: "款", 7: "项"}  # a classification code's length → its level


@cache
def _load(name: str) -> dict[str, str]:
    text = resources.files("juesuan.data").joinpath(name).read_text("utf-8")
    return {r["code"]: r["name"] for r in csv.DictReader(text.splitlines())}


def func_names() -> dict[str, str]:
    return _load("func_codes.csv")


def econ_names() -> dict[str, str]:
    return _load("econ_codes.csv")


@cache
def former_names(kind: str) -> dict[str, tuple[str, ...]]:
    """Names a code bore in earlier editions of the classification (``former_codes.csv``:
    20805 was 行政事业单位离退休 until 2019): an older disclosure prints them rightly."""
    text = resources.files("juesuan.data").joinpath("former_codes.csv").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for r in csv.DictReader(text.splitlines()):
        if r["kind"] == kind:
            out[r["code"]] = (*out.get(r["code"], ()), r["name"])
    return out


def _key(s: str) -> str:
    s = re.sub(r"\s+", "", s).replace("(", "（").replace(")", "）")
    return re.sub(r"[（(]?[类款项][)）]$", "", s).removesuffix("费用").removesuffix("费")


def same_name(a: str, b: str) -> bool:
    """Names agree when equal up to spaces, bracket style and 费/费用 endings, or when one
    contains the other (editions shorten names)."""
    ka, kb = _key(a), _key(b)
    return ka == kb or ka in kb or kb in ka
