"""Where OCR keeps what it caches: ``$XDG_CACHE_HOME/juesuan/ocr`` (else ``~/.cache``);
``JUESUAN_OCR_CACHE`` names another folder, ``off`` turns caching off. The page results
(``cache``) and OpenVINO's compiled networks (``backend``) both live there."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path | None:
    env = os.environ.get("JUESUAN_OCR_CACHE")
    if env:
        return None if env == "off" else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "juesuan" / "ocr"
