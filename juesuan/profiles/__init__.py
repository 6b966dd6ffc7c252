"""Regional profiles (required structure, units, number formats) kept as YAML data."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from juesuan.model.document import Document

NAMES = ("beijing", "shanghai", "national")


@cache
def load(name: str) -> dict[str, Any]:
    from juesuan.data import load_yaml

    if name not in NAMES:
        raise ValueError(f"未知的地区配置“{name}”，可选：{'、'.join(NAMES)}")
    text = resources.files("juesuan.profiles").joinpath(f"{name}.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    data["name"] = name
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
