"""Domain data kept as files (phrase lists, bands, codes, concepts), loaded by the modules that use them."""

from __future__ import annotations

from typing import Any


def load_yaml(text: str) -> Any:
    """YAML as plain data (safe), with libyaml's parser when PyYAML has it: the data files
    are read on every run, and the pure-Python parser costs about a third of a text check."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)
