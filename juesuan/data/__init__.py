"""Domain data kept as files (phrase lists, bands, codes, concepts, table kinds, profiles).

Every data file is read through ``read_yaml``: one loader, cached per process, and across
processes by a parsed copy beside the file (``__pycache__/NAME.<tag>.marshal``), written and
trusted as Python treats its ``.pyc``: importing PyYAML and parsing the files cost about a
tenth of a short ``juesuan check``. The copy holds the YAML text it was made from and is used
only while the file's text is byte for byte that text, so an edited file is read again.
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import cache
from pathlib import Path
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

    source = resources.files(package).joinpath(name)
    raw = source.read_bytes()
    copy = parsed_copy(source) if isinstance(source, Path) else None
    if copy is not None:
        found = _read_copy(copy, raw)
        if found is not None:
            return found[0]
    data = load_yaml(raw.decode("utf-8"))
    if copy is not None and not sys.dont_write_bytecode:
        _write_copy(copy, raw, data)
    return data


def parsed_copy(source: Path) -> Path:
    """Where the parsed copy of the data file ``source`` is kept."""
    tag = sys.implementation.cache_tag or "python"
    return source.parent / "__pycache__" / f"{source.name}.{tag}.marshal"


def _read_copy(copy: Path, raw: bytes) -> tuple[Any] | None:
    """(data,) from ``copy`` when it was made from exactly ``raw``; None otherwise."""
    try:
        made_from, data = marshal.loads(copy.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return (data,) if made_from == raw else None


def _write_copy(copy: Path, raw: bytes, data: Any) -> None:
    """Keep ``data`` parsed from ``raw`` in ``copy``; quietly nothing when it cannot be
    (a read-only install, a value marshal does not take, such as a YAML date)."""
    try:
        blob = marshal.dumps((raw, data))
    except ValueError:
        return
    part = copy.with_name(f"{copy.name}.{os.getpid()}")
    try:
        copy.parent.mkdir(exist_ok=True)
        part.write_bytes(blob)
        os.replace(part, copy)  # whole or not at all, for processes reading at once
    except OSError:
        part.unlink(missing_ok=True)
