"""The command group, its shared options and the entry point.

Each command lives in the module for its kind of work (``documents``, ``composing``,
``batch``, ``web``); importing this package registers them all. Imports stay inside the
commands: ``juesuan --help`` must start fast, and must not load the web or batch libraries.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from juesuan.cli.support import HELP_NAMES, Group

app = typer.Typer(
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    help="juesuan（决算）：检查、撰写和提取部门决算公开文件。",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": HELP_NAMES},
)


PROFILE = typer.Option(
    help="地区配置：beijing、shanghai、national（默认从文件识别）", metavar="配置"
)


class ProfileName(StrEnum):
    beijing = "beijing"
    shanghai = "shanghai"
    national = "national"


def need_extra(extra: str, *modules: str) -> None:
    """Stop with the install line when an optional feature's packages are missing."""
    from importlib.util import find_spec

    missing = [m for m in modules if find_spec(m) is None]
    if missing:
        print(
            f"juesuan: 此功能需要额外的依赖（缺少 {', '.join(missing)}），"
            f"请先安装：pip install 'juesuan[{extra}]'（源码目录中：pip install -e '.[{extra}]'）",
            file=sys.stderr,
        )
        raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        from juesuan import __version__

        print(f"juesuan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="显示版本并退出", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """juesuan（决算）：检查、撰写和提取部门决算公开文件。

    退出码：0 无错误；1 发现错误；2 输入、参数或输出路径无法使用（见 docs/exit-codes.md）。
    """


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
