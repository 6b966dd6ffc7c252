"""OCR results cached by the page bitmap's hash, so a file read again (or the same scan in
another file) costs only its rendering. Under ``$XDG_CACHE_HOME/juesuan/ocr`` (else
``~/.cache``); ``JUESUAN_OCR_CACHE`` names another folder, ``off`` turns it off."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from juesuan.ingest.ocr.paths import cache_folder as folder


def key(gray: Any, dpi: int) -> str:
    from juesuan.ingest.ocr.backend import name
    from juesuan.ingest.ocr.engine import ENGINE, VERSION
    from juesuan.ingest.ocr.scan import READER

    h = hashlib.sha256(f"{ENGINE}|{name()}|{VERSION}|{READER}|{dpi}|{gray.shape}".encode())
    h.update(gray.tobytes())
    return h.hexdigest()


def load(k: str) -> dict[str, Any] | None:
    d = folder()
    if d is None:
        return None
    try:
        data: dict[str, Any] = json.loads((d / k[:2] / f"{k}.json").read_text("utf-8"))
        return data
    except (OSError, ValueError):
        return None


def store(k: str, data: dict[str, Any]) -> None:
    """Write atomically; a cache that cannot be written is only slower, never an error."""
    d = folder()
    if d is None:
        return
    try:
        sub = d / k[:2]
        sub.mkdir(parents=True, exist_ok=True)
        tmp = sub / f".{k}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        tmp.replace(sub / f"{k}.json")
    except OSError:
        pass
