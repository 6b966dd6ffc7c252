"""Errors about input that the faces report as a clear Chinese message (exit 2)."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """An input file that cannot be used. ``str()`` is the Chinese message for users."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}：{reason}")


class ComposeError(Exception):
    """Input that cannot be composed; ``problems`` lists every reason found."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems
