"""``serve`` and ``user``: the reviewers' web app (thin wrappers over ``juesuan.web.cli``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from juesuan.cli.app import app, need_extra

user_app = typer.Typer(help="审核网站的用户管理。", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(user_app, name="user")

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db", help="数据库 URL（默认 数据目录/juesuan.db；可用 postgresql+psycopg://…）"
    ),
]
DataOpt = Annotated[Path, typer.Option("--data", help="数据目录（上传文件、缓存、默认数据库）")]


def _web() -> Any:
    """The web app's command functions, or exit 2 naming the extra to install."""
    need_extra("web", "fastapi", "sqlalchemy", "alembic", "argon2", "uvicorn")
    from juesuan.web import cli as web

    return web


@app.command()
def serve(
    db: DbOpt = None,
    data: DataOpt = Path("juesuan-data"),
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[
        int | None, typer.Option(help="并行检查的进程数（默认：CPU 核数减一，至少 1）")
    ] = None,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", help="单个文件上限（MB）")] = 50,
) -> None:
    """启动审核网站：上传、逐条确认或驳回问题、导出。"""
    web = _web()
    web.serve(
        web.settings(db, data, workers=workers, max_upload=max_upload_mb * 1024 * 1024),
        host,
        port,
    )


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="用户名")],
    admin: Annotated[bool, typer.Option("--admin", help="管理员（可管理用户）")] = False,
    org: Annotated[str, typer.Option("--org", help="所属单位（不存在则新建）")] = "默认单位",
    db: DbOpt = None,
    data: DataOpt = Path("juesuan-data"),
) -> None:
    """新建用户；密码从提示输入，或从标准输入读一行。"""
    web = _web()
    try:
        print(web.add_user(web.settings(db, data), name, web.read_password(True), admin, org))
    except ValueError as e:
        print(f"juesuan: {e}", file=sys.stderr)
        raise typer.Exit(2) from e


@user_app.command("token")
def user_token(
    name: Annotated[str, typer.Argument(help="用户名")],
    label: Annotated[str, typer.Option(help="令牌用途说明")] = "",
    db: DbOpt = None,
    data: DataOpt = Path("juesuan-data"),
) -> None:
    """为用户签发 API 令牌（脚本用 Authorization: Bearer 令牌）。"""
    web = _web()
    try:
        print(web.token(web.settings(db, data), name, label))
    except LookupError as e:
        print(f"juesuan: {e.args[0]}", file=sys.stderr)
        raise typer.Exit(2) from e


def _set_active(name: str, active: bool, db: str | None, data: Path) -> None:
    web = _web()
    try:
        print(web.set_active(web.settings(db, data), name, active))
    except LookupError as e:
        print(f"juesuan: {e.args[0]}", file=sys.stderr)
        raise typer.Exit(2) from e


@user_app.command("deactivate")
def user_deactivate(
    name: Annotated[str, typer.Argument(help="用户名")],
    db: DbOpt = None,
    data: DataOpt = Path("juesuan-data"),
) -> None:
    """停用用户：其登录会话和 API 令牌立即失效，不能再登录（与管理页面的“停用”相同）。"""
    _set_active(name, False, db, data)


@user_app.command("activate")
def user_activate(
    name: Annotated[str, typer.Argument(help="用户名")],
    db: DbOpt = None,
    data: DataOpt = Path("juesuan-data"),
) -> None:
    """重新启用已停用的用户（需重新登录，旧令牌不会恢复）。"""
    _set_active(name, True, db, data)
