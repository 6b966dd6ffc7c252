"""Load the phrase lists and bands of ``juesuan/data`` (YAML), once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any


@cache
def data(name: str) -> dict[str, Any]:
    """``data("residue")`` -> the parsed ``juesuan/data/residue.yaml``."""
    from juesuan.data import load_yaml

    text = resources.files("juesuan.data").joinpath(f"{name}.yaml").read_text("utf-8")
    out: dict[str, Any] = load_yaml(text)
    return out
