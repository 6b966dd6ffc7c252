"""Load the phrase lists and bands of ``juesuan/data`` (YAML), once per process."""

from __future__ import annotations

from typing import Any


def data(name: str) -> dict[str, Any]:
    """``data("residue")`` -> the parsed ``juesuan/data/residue.yaml``."""
    from juesuan.data import read_yaml

    out: dict[str, Any] = read_yaml("juesuan.data", f"{name}.yaml")
    return out
