"""The JSON API under ``/api`` (documented at ``/docs``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile as StarletteUpload

from juesuan.web import export, service, views
from juesuan.web.auth import (
    Auth,
    check_password,
    get_db,
    issue_token,
    require_admin,
    require_user,
    viewer,
)
from juesuan.web.db import Audit, User, audit
from juesuan.web.security import hash_password

router = APIRouter(prefix="/api", tags=["api"])
Db = Annotated[Session, Depends(get_db)]
Who = Annotated[Auth, Depends(require_user)]
Admin = Annotated[Auth, Depends(require_admin)]


class TokenRequest(BaseModel):
    name: str
    password: str
    label: str = ""


class ReviewRequest(BaseModel):
    verdict: Literal["confirmed", "dismissed"]
    reason: str = Field(default="", max_length=2000)


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=8, max_length=200)
    role: Literal["admin", "reviewer"] = "reviewer"


@router.post("/tokens", summary="用户名和密码换取 API 令牌（脚本用）")
def create_token(body: TokenRequest, request: Request, db: Db) -> dict[str, str]:
    user = check_password(request, db, body.name, body.password)
    return {"token": issue_token(db, user, body.label), "type": "bearer"}


@router.get("/me", summary="当前用户")
def me(auth: Who) -> dict[str, Any]:
    return {"name": auth.user.name, "role": auth.user.role, "org": auth.org}


async def read_upload(f: StarletteUpload, limit: int) -> tuple[str, bytes]:
    """Read at most ``limit`` + 1 bytes: an oversized file is refused without holding it all."""
    data = await f.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"文件过大（上限 {limit // (1024 * 1024)} MB）")
    return f.filename or "", data


@router.post("/documents", status_code=201, summary="上传一个或多个文件（或一个部门的 zip 包）")
async def upload(
    request: Request, auth: Who, db: Db, files: Annotated[list[UploadFile], File()]
) -> dict[str, Any]:
    settings = request.app.state.settings
    got = [await read_upload(f, settings.max_upload) for f in files]
    # sniffing, hashing, fsync and the commit block: keep them off the event loop
    docs = await run_in_threadpool(service.upload, db, auth.user, settings, got)
    request.app.state.queue.notify()
    return {"documents": [service.summary(d) for d in docs]}


@router.get("/documents", summary="本单位的文档及检查状态")
def documents(
    request: Request,
    db: Db,
    status: str = "",
    q: str = "",
    sort: Literal["new", "old", "errors", "department", "year"] = "new",
) -> dict[str, Any]:
    docs = service.list_documents(db, viewer(request, db).user, status, q, sort)
    return {"documents": [service.summary(d) for d in docs]}


@router.get("/documents/{doc_id}", summary="一个文档的状态和检查报告（check 的 JSON 格式）")
def document(doc_id: int, request: Request, db: Db) -> dict[str, Any]:
    user = viewer(request, db).user
    return service.document_detail(db, service.own_document(db, user, doc_id, report=True))


@router.get("/documents/{doc_id}/export", summary="导出已确认的问题（csv、json、docx）")
def export_document(
    doc_id: int,
    request: Request,
    db: Db,
    format: Literal["csv", "json", "docx"] = Query("csv"),
) -> Response:
    auth = viewer(request, db)
    doc = service.own_document(db, auth.user, doc_id, report=True)
    detail = service.document_detail(db, doc)
    shown = detail["report"]["documents"][0]["findings"] if detail["report"] else []
    confirmed = [f for f in shown if f["review"] and f["review"]["verdict"] == "confirmed"]
    audit(db, auth.user, "export", f"document:{doc.id}", format)
    db.commit()
    stem = f"juesuan-{doc.id}"
    if format == "csv":
        body, mime = export.to_csv(confirmed), "text/csv; charset=utf-8"
    elif format == "json":
        body, mime = export.to_json(detail, confirmed), "application/json"
    else:
        body = export.to_docx(detail, confirmed)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Response(
        body,
        media_type=mime,
        headers={"Content-Disposition": f'attachment; filename="{stem}.{format}"'},
    )


@router.post("/findings/{finding_id}/review", summary="确认或驳回一条问题")
def review(finding_id: int, body: ReviewRequest, auth: Who, db: Db) -> dict[str, Any]:
    rev = service.review(db, auth.user, finding_id, body.verdict, body.reason)
    return {"finding": finding_id, "verdict": rev.verdict, "reason": rev.reason}


@router.get(
    "/findings/{finding_id}/place", summary="问题在原文中的位置（PDF 页与高亮框，或上下文行）"
)
def place(finding_id: int, request: Request, db: Db) -> dict[str, Any]:
    return views.place(db, viewer(request, db).user, request.app.state.settings, finding_id)


@router.get("/documents/{doc_id}/pages/{page}.png", summary="PDF 的一页（图片）")
def page_png(doc_id: int, page: int, request: Request, db: Db) -> Response:
    doc = service.own_document(db, viewer(request, db).user, doc_id)
    settings = request.app.state.settings
    # same bytes, page and scale: same image (the caller's right to it is checked above)
    headers = {
        "Cache-Control": "private, max-age=3600",
        "ETag": f'"{doc.sha256[:32]}-{page}-{settings.page_dpi}"',
    }
    if request.headers.get("if-none-match") == headers["ETag"] and doc.kind == "pdf":
        return Response(status_code=304, headers=headers)
    png = views.page_png(settings, doc, page)
    return Response(png, media_type="image/png", headers=headers)


@router.get("/users", summary="本单位的用户（管理员）")
def users(auth: Admin, db: Db) -> dict[str, Any]:
    rows = db.scalars(select(User).where(User.org_id == auth.user.org_id).order_by(User.name))
    return {"users": [{"name": u.name, "role": u.role, "active": u.active} for u in rows]}


@router.post("/users", status_code=201, summary="在本单位新建用户（管理员）")
def add_user(body: NewUser, auth: Admin, db: Db) -> dict[str, Any]:
    if db.scalars(select(User).where(User.name == body.name)).first():
        raise HTTPException(409, "用户名已存在")
    u = User(
        org_id=auth.user.org_id,
        name=body.name,
        pw_hash=hash_password(body.password),
        role=body.role,
    )
    db.add(u)
    audit(db, auth.user, "user.add", body.name, body.role)
    db.commit()
    return {"name": u.name, "role": u.role}


class UserChange(BaseModel):
    active: bool


@router.patch("/users/{name}", summary="停用或重新启用本单位的用户（管理员）")
def change_user(name: str, body: UserChange, auth: Admin, db: Db) -> dict[str, Any]:
    u = service.org_user(db, auth.user, name=name)
    service.set_active(db, auth.user, u, body.active)
    return {"name": u.name, "role": u.role, "active": u.active}


@router.get("/audit", summary="审计记录（管理员）")
def audit_log(auth: Admin, db: Db, limit: int = Query(200, le=1000)) -> dict[str, Any]:
    rows = db.scalars(
        select(Audit).where(Audit.org_id == auth.user.org_id).order_by(Audit.id.desc()).limit(limit)
    )
    names = {u.id: u.name for u in db.scalars(select(User).where(User.org_id == auth.user.org_id))}
    return {
        "events": [
            {
                "at": a.created.isoformat() + "Z",
                "user": names.get(a.user_id or 0, ""),
                "action": a.action,
                "target": a.target,
                "detail": a.detail,
            }
            for a in rows
        ]
    }
