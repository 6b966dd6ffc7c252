"""Regional profiles (required structure, units, number formats) kept as YAML data."""

from __future__ import annotations

from functools import cache
from typing import Any

from juesuan.model.document import Document

NAMES = ("beijing", "shanghai", "national")


@cache
def load(name: str) -> dict[str, Any]:
    from juesuan.data import read_yaml

    if name not in NAMES:
        raise ValueError(f"未知的地区配置“{name}”，可选：{'、'.join(NAMES)}")
    data: dict[str, Any] = {**read_yaml("juesuan.profiles", f"{name}.yaml"), "name": name}
    return data


def detect(doc: Document, title: str) -> str:
    """Choose the profile from the document: its title first, then its first pages."""
    head = title + "".join(ln.text for ln in doc.lines[:200])
    for name in ("beijing", "shanghai"):
        for marker in load(name)["markers"]:
            if marker in title:
                return name
    best, hits = "national", 0
    for name in ("beijing", "shanghai"):
        n = sum(head.count(m) for m in load(name)["markers"])
        if n > hits:
            best, hits = name, n
    return best
