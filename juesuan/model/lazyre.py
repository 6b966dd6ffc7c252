"""Regular expressions compiled on first use, not at import.

``re.compile`` at module level runs when the module is imported, so every command paid for
every rule's patterns (a pattern with a CJK range such as ``[\\u4e00-\\u9fff]`` takes about a
millisecond to compile), though one document uses about half of them. ``lazy(...)`` stands
for the compiled pattern: the first call compiles it and binds the compiled pattern's own
methods on the object, so later calls cost what they cost on a ``re.Pattern``.

Write module-level patterns as ``_NAME = lazy(r"...")``; a pattern built inside a function
that runs per document belongs in a ``functools.cache``'d function instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeAlias

_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A ``re.Pattern[str]`` that compiles itself when first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._done: re.Pattern[str] | None = None

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, self._flags))

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once)."""
        if self._done is None:
            done = re.compile(self.pattern, self._flags)
            # instance attributes shadow the methods below from now on
            vars(self).update({name: getattr(done, name) for name in _BOUND})
            self._done = done
        return self._done

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return LazyPattern(pattern, flags)


Pattern: TypeAlias = "re.Pattern[str] | LazyPattern"
"""A parameter that takes a compiled pattern or a lazy one."""
