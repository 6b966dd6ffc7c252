"""Server settings, in one place so the app factory, the worker and the tests share them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Settings:
    data_dir: Path = field(default_factory=lambda: Path("juesuan-data"))
    db_url: str | None = None  # default: SQLite file inside data_dir
    max_upload: int = 50 * 1024 * 1024  # bytes per file
    max_files: int = 50  # files per request, including a zip's members
    zip_max_total: int = 300 * 1024 * 1024  # uncompressed bytes in one zip
    zip_max_ratio: int = 100  # uncompressed/compressed per member
    workers: int = 2
    worker_mode: str = "process"  # "process" (default) or "thread" (tests)
    login_attempts: int = 5  # failed logins per name and address ...
    login_window: int = 300  # ... within this many seconds before refusing
    session_hours: int = 12
    secure_cookies: bool = False  # set when served over https
    page_dpi: int = 100

    @property
    def url(self) -> str:
        return self.db_url or f"sqlite:///{(self.data_dir / 'juesuan.db').resolve()}"

    @property
    def uploads(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def cache(self) -> Path:
        return self.data_dir / "cache"
