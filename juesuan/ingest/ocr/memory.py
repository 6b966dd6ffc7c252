"""The allocator kept from handing the detector's buffers back to the system between pages.

The detector's activations on a page are hundreds of megabytes. glibc serves blocks that
large with fresh ``mmap`` and unmaps them when they are freed, so every page touched its
memory anew: measured on an A4 page at 170 dpi, 0.3 CPU-s of page faults (system time)
on each page and about 2 CPU-s on the first page of each new size, next to 1.6–2.3 CPU-s
of the detector's own work. With large blocks taken from the heap and the heap not
trimmed, the faults are paid once per process; ``release`` gives the memory back when a
batch of pages is done (the process in between holds about 1.5 GB at its peak instead
of 1 GB). Where the C library is not glibc, nothing is changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

# mallopt parameters (glibc's malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_MAX = -4
_DEFAULT_MMAP_MAX = 65536
_DEFAULT_TRIM = 128 * 1024


@cache
def _libc() -> Any:
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    if not (hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim")):
        return None  # not glibc (musl has no mallopt)
    return libc


def hold() -> bool:
    """Serve large blocks from the heap and keep freed memory for the next page. Whether
    the allocator took the settings (False where it is not glibc)."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(_M_MMAP_MAX, 0)) and bool(libc.mallopt(_M_TRIM_THRESHOLD, 2**31 - 1))


def release() -> None:
    """glibc's defaults again, and the memory the pages held given back."""
    libc = _libc()
    if libc is None:
        return
    libc.mallopt(_M_MMAP_MAX, _DEFAULT_MMAP_MAX)
    libc.mallopt(_M_TRIM_THRESHOLD, _DEFAULT_TRIM)
    libc.malloc_trim(0)


@contextmanager
def held() -> Iterator[None]:
    """``hold`` for the pages read inside the block, ``release`` after it."""
    hold()
    try:
        yield
    finally:
        release()
