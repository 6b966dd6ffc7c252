"""Where a finding sits: a PDF page image with the excerpt's boxes, or, for Word and text
documents, the finding's line among its neighbours. Page images come from
``pagecache`` (rendered once, kept under the data folder)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import HTTPException
from sqlalchemy.orm import Session

from juesuan.web import memo, pagecache, service
from juesuan.web.config import Settings
from juesuan.web.db import Document, User
from juesuan.web.service import own_finding

CONTEXT = 3  # lines shown either side for Word and text documents


def page_png(settings: Settings, doc: Document, page: int) -> bytes:
    if doc.kind != "pdf":
        raise HTTPException(404, "只有 PDF 文档有页面图像")
    try:
        return pagecache.render(
            settings.cache, settings.uploads / doc.stored, doc.sha256, page, settings.page_dpi
        )
    except IndexError as e:
        raise HTTPException(404, "页码超出范围") from e
    except Exception as e:  # a PDF pdfium cannot open
        raise HTTPException(422, "无法渲染该页") from e


@lru_cache(maxsize=4096)
def _boxes(path: str, page: int, excerpt: str, context: str) -> tuple[tuple[float, ...], ...]:
    """Stored files never change (generated names), so their boxes can be kept."""
    from juesuan import api

    with pagecache.LOCK:
        return tuple(api.excerpt_boxes(path, page, excerpt, context))


def _line_text(doc: Document, page: int | None, no: int) -> str:
    for p, n, text in doc.lines or []:
        if n == no and (page is None or p == page):
            return str(text)
    return ""


def place(db: Session, user: User, settings: Settings, finding_id: int) -> dict[str, Any]:
    row, doc = own_finding(db, user, finding_id)
    return where(db, settings, doc, {**row.data, "id": row.id})


def where(
    db: Session, settings: Settings, doc: Document, finding: dict[str, Any]
) -> dict[str, Any]:
    """Where ``finding`` (a finding of ``doc``, with its ``id``) is shown; the same for
    every request once the document is checked, so it is made once (see ``memo``)."""
    key = service.memo_key(db, doc)
    if key is None:
        return _where(settings, doc, finding)
    return memo.PLACES.get((*key, finding["id"]), lambda: _where(settings, doc, finding))


def _where(settings: Settings, doc: Document, finding: dict[str, Any]) -> dict[str, Any]:
    loc = finding["location"]
    page, line, excerpt = loc.get("page"), int(loc.get("line") or 0), loc.get("excerpt", "")
    out: dict[str, Any] = {"finding": finding["id"], "document": doc.id, "page": page, "line": line}
    if doc.kind == "pdf" and page:
        if "boxes" in finding:  # found by the worker
            boxes = [tuple(b) for b in finding["boxes"]]
        else:
            boxes = list(
                _boxes(
                    str(settings.uploads / doc.stored),
                    int(page),
                    excerpt,
                    _line_text(doc, page, line),
                )
            )
        out["image"] = f"/api/documents/{doc.id}/pages/{page}.png"
        out["boxes"] = [
            {"left": b[0], "top": b[1], "width": b[2] - b[0], "height": b[3] - b[1]} for b in boxes
        ]
        return out
    lines = [(p, n, t) for p, n, t in (doc.lines or []) if page is None or p == page]
    at = next((i for i, (_p, n, _t) in enumerate(lines) if n == line), None)
    ctx = []
    if at is not None:
        for _p, n, t in lines[max(0, at - CONTEXT) : at + CONTEXT + 1]:
            ctx.append({"line": n, "text": t, "hit": n == line})
    out["context"] = ctx
    out["excerpt"] = excerpt
    return out
