"""Who is asking: a session cookie (pages) or a bearer token (scripts), and what they may do.

Cookie sessions need a CSRF token on every state-changing request (form field ``csrf`` or
header ``X-CSRF-Token``); bearer tokens do not, since a browser never sends them by itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from juesuan.web import timing
from juesuan.web.db import ApiToken, LoginSession, Org, User, audit, now
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
    org: str = ""  # the user's organization's name, for the pages' header

    @property
    def csrf(self) -> str:
        return self.session.csrf if self.session else ""


async def get_db(request: Request) -> AsyncIterator[Session]:
    """A database session for one request. Making one does no I/O, so it is made on the
    event loop. Giving back the connection it holds is a call into SQLite's library, done
    there too; with a database server it is a round trip (a rollback), done off the loop."""
    db = request.app.state.sessions()
    try:
        yield db
    finally:
        if db.in_transaction() and not request.app.state.in_process_db:
            await run_in_threadpool(db.close)
        else:
            db.close()


@cache
def _lookups() -> tuple[Any, Any]:
    """The two caller lookups, built once: building a statement costs more CPU than
    running it on SQLite, and one of them runs for every request."""
    by_token = (
        select(User, Org.name)
        .join(ApiToken, ApiToken.user_id == User.id)
        .join(Org, Org.id == User.org_id)
        .where(ApiToken.token_hash == bindparam("h"), User.active.is_(True))
    )
    by_session = (
        select(User, LoginSession, Org.name)
        .join(LoginSession, LoginSession.user_id == User.id)
        .join(Org, Org.id == User.org_id)
        .where(
            LoginSession.token_hash == bindparam("h"),
            LoginSession.expires >= bindparam("now"),
            User.active.is_(True),
        )
    )
    return by_token, by_session


def identify(request: Request, db: Session) -> Auth | None:
    """The caller, in one query: a token or an unexpired session of an active user. A
    deactivated user is refused here on the very next request, whatever they hold."""
    timing.handler_started()
    by_token, by_session = _lookups()
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        found = db.execute(by_token, {"h": token_hash(header[7:].strip())}).first()
        return Auth(found[0], None, found[1]) if found else None
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    row = db.execute(by_session, {"h": token_hash(raw), "now": now()}).first()
    return Auth(row[0], row[1], row[2]) if row else None


def viewer(request: Request, db: Session) -> Auth:
    """The caller of a GET handler, looked up in the handler's own thread: one thread hop
    per request instead of two (``require_user`` runs in a hop of its own). A GET changes
    nothing, so it needs no CSRF token. State-changing routes use ``require_user``."""
    auth = identify(request, db)
    if auth is None:
        raise HTTPException(401, "未登录或登录已过期", headers={"WWW-Authenticate": "Bearer"})
    return auth


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
    """The user for ``name``/``password``, or HTTPException 401/429 (throttled per name and
    address; the attempts are in the database, see ``throttle.py``)."""
    throttle = request.app.state.throttle
    key = f"{name}|{request.client.host if request.client else '-'}"
    if not throttle.attempt(db, key):
        audit(db, None, "login.throttled", name)
        db.commit()
        raise HTTPException(429, "登录失败次数过多，请稍后再试")
    user = db.scalars(select(User).where(User.name == name)).first()
    if user is None:
        dummy_verify(password)
    if user is None or not user.active or not verify_password(user.pw_hash, password):
        audit(db, None, "login.failed", name)
        db.commit()
        raise HTTPException(401, "用户名或密码错误")
    throttle.succeeded(db, key)
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
