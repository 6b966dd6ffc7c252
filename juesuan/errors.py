"""Errors about input that the CLI reports as a clear message naming the file (exit 2)."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """An input file that cannot be used. ``str()`` is the Chinese message for users."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}：{reason}")
