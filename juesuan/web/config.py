"""Server settings, in one place so the app factory, the worker and the tests share them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def default_workers() -> int:
    """Check workers by default: every core but one, which is left to the pages. A check
    takes seconds and nobody watches it; a page is waited on, and on a two-core machine
    two busy workers left the server queueing behind them (see docs/web.md)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


@dataclass
class Settings:
    data_dir: Path = field(default_factory=lambda: Path("juesuan-data"))
    db_url: str | None = None  # default: SQLite file inside data_dir
    max_upload: int = 50 * 1024 * 1024  # bytes per file
    max_files: int = 50  # files per request, including a zip's members
    zip_max_total: int = 300 * 1024 * 1024  # uncompressed bytes in one zip
    zip_max_ratio: int = 100  # uncompressed/compressed per member
    workers: int = field(default_factory=default_workers)
    worker_mode: str = "process"  # "process" (default) or "thread" (tests)
    login_attempts: int = 5  # failed logins per name and address ...
    login_window: int = 300  # ... within this many seconds before refusing
    session_hours: int = 12
    secure_cookies: bool = False  # set when served over https
    page_dpi: int = 100
    # threads running the handlers (Starlette's default is 40); past a few, more threads
    # only take turns at the one interpreter lock and delay the event loop between them
    threads: int = 8

    @property
    def url(self) -> str:
        return self.db_url or f"sqlite:///{(self.data_dir / 'juesuan.db').resolve()}"

    @property
    def uploads(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def cache(self) -> Path:
        return self.data_dir / "cache"
