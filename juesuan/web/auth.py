"""Who is asking: a session cookie (pages) or a bearer token (scripts), and what they may do.

Cookie sessions need a CSRF token on every state-changing request (form field ``csrf`` or
header ``X-CSRF-Token``); bearer tokens do not, since a browser never sends them by itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from juesuan.web.db import ApiToken, LoginSession, User, audit, now
from juesuan.web.security import (
    dummy_verify,
    new_token,
    same,
    token_hash,
    verify_password,
)

COOKIE = "juesuan_session"
SAFE = {"GET", "HEAD", "OPTIONS"}


@dataclass
class Auth:
    user: User
    session: LoginSession | None  # None for a bearer token

    @property
    def csrf(self) -> str:
        return self.session.csrf if self.session else ""


def get_db(request: Request) -> Iterator[Session]:
    db = request.app.state.sessions()
    try:
        yield db
    finally:
        db.close()


def identify(request: Request, db: Session) -> Auth | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        tok = db.scalars(
            select(ApiToken).where(ApiToken.token_hash == token_hash(header[7:].strip()))
        ).first()
        user = db.get(User, tok.user_id) if tok else None
        return Auth(user, None) if user and user.active else None
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    sess = db.scalars(
        select(LoginSession).where(LoginSession.token_hash == token_hash(raw))
    ).first()
    if sess is None or sess.expires < now():
        return None
    user = db.get(User, sess.user_id)
    return Auth(user, sess) if user and user.active else None


async def _csrf_ok(request: Request, auth: Auth) -> bool:
    if auth.session is None or request.method in SAFE:
        return True
    sent = request.headers.get("x-csrf-token", "")
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form: Any = await request.form()
        sent = str(form.get("csrf", ""))
    return bool(sent) and same(sent, auth.session.csrf)


async def require_user(request: Request, db: Annotated[Session, Depends(get_db)]) -> Auth:
    # the database lookup may wait for a connection: never on the event loop, which must
    # stay free to finish the requests that will give connections back
    auth = await run_in_threadpool(identify, request, db)
    if auth is None:
        raise HTTPException(401, "未登录或登录已过期", headers={"WWW-Authenticate": "Bearer"})
    if not await _csrf_ok(request, auth):
        raise HTTPException(403, "请求缺少有效的 CSRF 令牌，请刷新页面后重试")
    return auth


async def require_admin(auth: Annotated[Auth, Depends(require_user)]) -> Auth:
    if auth.user.role != "admin":
        raise HTTPException(403, "需要管理员权限")
    return auth


def check_password(request: Request, db: Session, name: str, password: str) -> User:
    """The user for ``name``/``password``, or HTTPException 401/429 (throttled per name+address)."""
    throttle = request.app.state.throttle
    key = f"{name}|{request.client.host if request.client else '-'}"
    if throttle.blocked(key):
        audit(db, None, "login.throttled", name)
        db.commit()
        raise HTTPException(429, "登录失败次数过多，请稍后再试")
    user = db.scalars(select(User).where(User.name == name)).first()
    if user is None:
        dummy_verify(password)
    if user is None or not user.active or not verify_password(user.pw_hash, password):
        throttle.fail(key)
        audit(db, None, "login.failed", name)
        db.commit()
        raise HTTPException(401, "用户名或密码错误")
    throttle.reset(key)
    return user


def open_session(db: Session, user: User, hours: int) -> str:
    db.execute(delete(LoginSession).where(LoginSession.expires < now()))  # tidy as we go
    raw = new_token()
    db.add(
        LoginSession(
            user_id=user.id,
            token_hash=token_hash(raw),
            csrf=new_token(),
            expires=now() + timedelta(hours=hours),
        )
    )
    audit(db, user, "login")
    db.commit()
    return raw


def issue_token(db: Session, user: User, label: str = "") -> str:
    raw = new_token()
    db.add(ApiToken(user_id=user.id, token_hash=token_hash(raw), label=label[:100]))
    audit(db, user, "token.create", label[:100])
    db.commit()
    return raw
