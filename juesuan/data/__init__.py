"""Domain data kept as files (phrase lists, bands, codes, concepts, table kinds, profiles).

Every data file is read through ``read_yaml``: one loader, cached per process.
"""

from __future__ import annotations

from functools import cache
from typing import Any


def load_yaml(text: str) -> Any:
    """YAML as plain data (safe), with libyaml's parser when PyYAML has it: the data files
    are read on every run, and the pure-Python parser costs about a third of a text check."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


@cache
def read_yaml(package: str, name: str) -> Any:
    """The parsed data file ``name`` shipped in ``package`` (e.g. ``juesuan.tables``).
    Cached: callers must not change what they get."""
    from importlib import resources

    return load_yaml(resources.files(package).joinpath(name).read_text("utf-8"))
