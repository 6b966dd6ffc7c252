"""What ``juesuan serve`` and ``juesuan user`` do (the typer wrappers live in juesuan.cli)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from juesuan.web.config import Settings


def settings(db: str | None, data: Path, **kw: object) -> Settings:
    s = Settings(data_dir=data, db_url=db)
    for k, v in kw.items():
        if v is not None:
            setattr(s, k, v)
    return s


def serve(s: Settings, host: str, port: int) -> None:
    import uvicorn

    from juesuan.web.app import create_app

    print(
        f"juesuan: 审核服务 http://{host}:{port}/ （数据目录 {s.data_dir.resolve()}）",
        file=sys.stderr,
    )
    uvicorn.run(create_app(s), host=host, port=port, log_level="warning")


def read_password(prompt: bool) -> str:
    if prompt and sys.stdin.isatty():
        import getpass

        pw = getpass.getpass("密码：")
        if pw != getpass.getpass("再次输入密码："):
            raise ValueError("两次输入的密码不一致")
        return pw
    return sys.stdin.readline().rstrip("\r\n")


def add_user(s: Settings, name: str, password: str, admin: bool, org: str) -> str:
    """Create ``name`` in ``org`` (created if new); returns a one-line Chinese summary."""
    from sqlalchemy import select

    from juesuan.web import migrations
    from juesuan.web.db import Org, User, audit, make_engine, session_factory
    from juesuan.web.security import hash_password

    if len(password) < 8:
        raise ValueError("密码至少 8 位")
    s.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(s.url)
    migrations.upgrade(engine)
    try:
        with session_factory(engine).begin() as db:
            if db.scalars(select(User).where(User.name == name)).first():
                raise ValueError(f"用户“{name}”已存在")
            o = db.scalars(select(Org).where(Org.name == org)).first()
            if o is None:
                o = Org(name=org)
                db.add(o)
                db.flush()
            u = User(
                org_id=o.id,
                name=name,
                pw_hash=hash_password(password),
                role="admin" if admin else "reviewer",
            )
            db.add(u)
            db.flush()
            audit(db, u, "user.add", name, f"{u.role} (command line)")
    finally:
        engine.dispose()
    return f"已创建用户“{name}”（{'管理员' if admin else '审核员'}，单位“{org}”）"


@contextmanager
def _named_user(s: Settings, name: str) -> Iterator[tuple[Any, Any]]:
    """A session on the (migrated) database and the user ``name`` in it; ``LookupError``
    with a Chinese message for an unknown user."""
    from sqlalchemy import select

    from juesuan.web import migrations
    from juesuan.web.db import User, make_engine, session_factory

    engine = make_engine(s.url)
    migrations.upgrade(engine)
    try:
        with session_factory(engine)() as db:
            u = db.scalars(select(User).where(User.name == name)).first()
            if u is None:
                raise LookupError(f"用户“{name}”不存在")
            yield db, u
    finally:
        engine.dispose()


def token(s: Settings, name: str, label: str) -> str:
    from juesuan.web.auth import issue_token

    with _named_user(s, name) as (db, u):
        return issue_token(db, u, label)


def set_active(s: Settings, name: str, active: bool) -> str:
    """Deactivate or reactivate ``name`` as ``PATCH /api/users/{name}`` does (same service
    code: a deactivated user's sessions and tokens end at once); raises ``LookupError``
    for an unknown user. Returns a one-line Chinese summary."""
    from juesuan.web import service

    with _named_user(s, name) as (db, u):
        was = u.active
        service.set_active(db, None, u, active)
    if active:
        return f"用户“{name}”已启用（需重新登录）" if not was else f"用户“{name}”本已启用"
    return f"已停用用户“{name}”：其登录会话和 API 令牌已全部失效"
