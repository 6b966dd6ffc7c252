"""Server-rendered pages in Chinese (Jinja2, autoescaped). Forms carry a CSRF token; the
login form uses a double-submit cookie because there is no session yet."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from juesuan.web import memo, service, timing, views
from juesuan.web.auth import (
    COOKIE,
    Auth,
    check_password,
    get_db,
    identify,
    open_session,
    require_user,
    viewer,
)
from juesuan.web.db import LoginSession, audit
from juesuan.web.security import new_token, same

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
templates.env.auto_reload = False  # the templates are part of the package: no stat per page
Db = Annotated[Session, Depends(get_db)]
Who = Annotated[Auth, Depends(require_user)]
LOGIN_CSRF = "juesuan_login_csrf"
SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def render(request: Request, name: str, auth: Auth | None, **ctx: Any) -> HTMLResponse:
    with timing.part("tpl"):
        return _render(request, name, auth, **ctx)


def _render(request: Request, name: str, auth: Auth | None, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        name,
        {
            "auth": auth,
            "org": auth.org if auth else "",
            "csrf": auth.csrf if auth else "",
            "status_zh": service.STATUS_ZH,
            "sev_zh": SEV_ZH,
            "verdict_zh": service.VERDICT_ZH,
            **ctx,
        },
    )


def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/", error: str = "") -> Response:
    token = new_token()
    resp = render(request, "login.html", None, next=_safe_next(next), error=error, login_csrf=token)
    resp.set_cookie(
        LOGIN_CSRF,
        token,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.secure_cookies,
    )
    return resp


@router.post("/login")
def login(
    request: Request,
    db: Db,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF, "")
    if not cookie or not same(cookie, csrf):
        raise HTTPException(403, "登录表单已失效，请刷新页面后重试")
    try:
        user = check_password(request, db, name, password)
    except HTTPException as e:
        return RedirectResponse(
            f"/login?error={quote(str(e.detail))}&next={quote(next)}", status_code=303
        )
    s = request.app.state.settings
    raw = open_session(db, user, s.session_hours)
    resp = RedirectResponse(_safe_next(next), status_code=303)
    resp.set_cookie(
        COOKIE,
        raw,
        httponly=True,
        samesite="lax",
        secure=s.secure_cookies,
        max_age=s.session_hours * 3600,
    )
    resp.delete_cookie(LOGIN_CSRF)
    return resp


@router.post("/logout")
def logout(auth: Who, db: Db) -> Response:
    if auth.session is not None:
        db.delete(db.get(LoginSession, auth.session.id))
        audit(db, auth.user, "logout")
        db.commit()
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE)
    return resp


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: Db, status: str = "", q: str = "", sort: str = "new") -> Response:
    auth = identify(request, db)
    if auth is None:  # the front door: straight to the form, without a ?next=
        return RedirectResponse("/login", status_code=303)
    docs = service.list_documents(db, auth.user, status, q, sort)
    pending = any(d.status in ("queued", "checking") for d in docs)
    return render(
        request,
        "list.html",
        auth,
        docs=docs,
        status=status,
        q=q,
        sort=sort,
        pending=pending,
        counts=service.counts_by_status(db, auth.user),
        rows=[doc_row(d) for d in docs],
        max_mb=request.app.state.settings.max_upload // (1024 * 1024),
    )


@router.post("/upload")
async def upload(request: Request, auth: Who, db: Db) -> Response:
    """Form fallback without JavaScript (the page's script posts to /api/documents)."""
    from juesuan.web.routes.api import read_upload

    form = await request.form()
    limit = request.app.state.settings.max_upload
    got = [await read_upload(f, limit) for f in form.getlist("files") if isinstance(f, UploadFile)]
    await run_in_threadpool(service.upload, db, auth.user, request.app.state.settings, got)
    request.app.state.queue.notify()
    return RedirectResponse("/", status_code=303)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: int, db: Db, finding: int | None = None) -> Response:
    auth = viewer(request, db)
    doc = service.own_document(db, auth.user, doc_id, report=True)
    shown, dismissed = service.findings_of(db, doc)
    current = next((f for f in shown if f["id"] == finding), None)
    item = finding_items(db, doc, current["id"] if current else None)
    sections: OrderedDict[str, list[Markup]] = OrderedDict()
    for f in shown:
        sections.setdefault(f.get("section") or "（文首）", []).append(item(f))
    where = views.where(db, request.app.state.settings, doc, current) if current else None
    report = doc.report or {}
    return render(
        request,
        "document.html",
        auth,
        doc=doc,
        sections=sections,
        current=current,
        where=where,
        dismissed=dismissed,
        report=report,
        pending=doc.status in ("queued", "checking"),
    )


def doc_row(d: Any) -> Markup:
    """A document's row in the list page, rendered once per value of the fields it shows
    (the key is those fields, so a changed document simply gets a new row)."""
    shown = (d.id, d.status, d.filename, d.title, d.error, d.kind, d.department, d.year)
    key = (*shown, d.errors, d.warnings, d.infos, d.created)

    def make() -> Markup:
        macro = templates.env.get_template("_doc_row.html").module.row  # type: ignore[attr-defined]
        return Markup(macro(d, service.STATUS_ZH))

    return memo.ROWS.get(key, make)


def finding_items(db: Session, doc: Any, current: int | None) -> Callable[[dict[str, Any]], Markup]:
    """Each finding's item in the document page's list, rendered once per (finding,
    verdict, current) of a checked document and then kept (see ``memo``)."""
    macro = templates.env.get_template("_finding.html").module.item  # type: ignore[attr-defined]
    key = service.memo_key(db, doc)

    def item(f: dict[str, Any]) -> Markup:
        here = f["id"] == current

        def make() -> Markup:
            return Markup(macro(doc, f, here, SEV_ZH, service.VERDICT_ZH))

        if key is None:
            return make()
        verdict = f["review"]["verdict"] if f["review"] else None
        return memo.ITEMS.get((*key, f["id"], verdict, here), make)

    return item


@router.post("/findings/{finding_id}/review")
def review(
    finding_id: int,
    auth: Who,
    db: Db,
    verdict: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    service.review(db, auth.user, finding_id, verdict, reason)
    from juesuan.web.db import FindingRow

    row = db.get(FindingRow, finding_id)
    assert row is not None
    target = finding_id
    if verdict == "dismissed":  # it is gone from the page: go on to the next one shown
        doc = service.own_document(db, auth.user, row.document_id)
        shown, _ = service.findings_of(db, doc)
        later = [f["id"] for f in shown if f["id"] > finding_id] or [f["id"] for f in shown]
        if not later:
            return RedirectResponse(f"/documents/{row.document_id}", status_code=303)
        target = later[0]
    return RedirectResponse(
        f"/documents/{row.document_id}?finding={target}#f{target}", status_code=303
    )


@router.get("/admin", response_class=HTMLResponse)
def admin(request: Request, db: Db) -> Response:
    auth = viewer(request, db)
    if auth.user.role != "admin":
        raise HTTPException(403, "需要管理员权限")
    from juesuan.web.db import Audit, User

    users = list(
        db.scalars(select(User).where(User.org_id == auth.user.org_id).order_by(User.name))
    )
    events = list(
        db.scalars(
            select(Audit)
            .where(Audit.org_id == auth.user.org_id)
            .order_by(Audit.id.desc())
            .limit(100)
        )
    )
    names = {u.id: u.name for u in users}
    return render(request, "admin.html", auth, users=users, events=events, names=names)


@router.post("/admin/users")
def admin_add_user(
    auth: Who,
    db: Db,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()] = "reviewer",
) -> Response:
    if auth.user.role != "admin":
        raise HTTPException(403, "需要管理员权限")
    from juesuan.web.db import User
    from juesuan.web.security import hash_password

    if role not in ("admin", "reviewer") or not name.strip() or len(password) < 8:
        raise HTTPException(422, "用户名不能为空，密码至少 8 位")
    if db.scalars(select(User).where(User.name == name.strip())).first():
        raise HTTPException(409, "用户名已存在")
    db.add(
        User(org_id=auth.user.org_id, name=name.strip(), pw_hash=hash_password(password), role=role)
    )
    audit(db, auth.user, "user.add", name.strip(), role)
    db.commit()
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/users/{user_id}/active")
def admin_set_active(user_id: int, auth: Who, db: Db, active: Annotated[str, Form()]) -> Response:
    if auth.user.role != "admin":
        raise HTTPException(403, "需要管理员权限")
    target = service.org_user(db, auth.user, user_id=user_id)
    service.set_active(db, auth.user, target, active == "1")
    return RedirectResponse("/admin", status_code=303)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request, db: Db) -> Response:
    """The OpenAPI description (``/openapi.json``) as a page, without any CDN script."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [p.get("name", "") for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {})
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "params": params,
                    "body": ", ".join(body),
                }
            )
    return render(request, "docs.html", identify(request, db), ops=ops)
