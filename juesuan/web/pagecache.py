"""PDF page images, rendered once and kept on disk by document hash, page and scale.

The worker renders the pages that have findings right after checking (at low priority),
so that showing a finding is a file read; any other page is rendered on first request."""

from __future__ import annotations

import os
import threading
from pathlib import Path

LOCK = threading.Lock()  # pdfium is not thread-safe: one render at a time per process
MAX_PAGES = 60  # pages rendered ahead per document; the rest wait for a request


def path_for(cache: Path, sha256: str, page: int, dpi: int) -> Path:
    """Same bytes, same page, same scale: same image, whichever document row it is."""
    return cache / f"{sha256}-{page}-{dpi}.png"


def render(cache: Path, source: Path, sha256: str, page: int, dpi: int) -> bytes:
    """The page's PNG, from the cache or rendered into it. Raises IndexError for a page
    outside the document, and whatever pdfium raises for a file it cannot open."""
    target = path_for(cache, sha256, page, dpi)
    try:
        return target.read_bytes()
    except FileNotFoundError:
        pass
    from juesuan import api

    with LOCK:
        png = api.page_image(source, page, dpi)
    # written whole under a private name, then renamed: a reader never sees half a file
    tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
    tmp.write_bytes(png)
    os.replace(tmp, target)
    return png


def render_ahead(cache: Path, source: Path, sha256: str, pages: list[int], dpi: int) -> None:
    """Render ``pages`` (at most MAX_PAGES) into the cache; a failure only means the page
    will be rendered on request instead."""
    for page in sorted(set(pages))[:MAX_PAGES]:
        try:
            render(cache, source, sha256, page, dpi)
        except Exception:  # a convenience, never a reason to fail a check
            return
