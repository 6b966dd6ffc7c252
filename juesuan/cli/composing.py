"""``template`` and ``compose``: writing a disclosure from data."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from juesuan.cli.app import app
from juesuan.cli.support import Command, check_output, fail, write_failed


class RegionName(StrEnum):
    beijing = "beijing"
    shanghai = "shanghai"


class ComposeFormat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"


@app.command(cls=Command)
def template(
    profile: Annotated[
        RegionName, typer.Option(help="地区配置：beijing、shanghai", metavar="配置")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="写入的目录（不存在时新建）", metavar="目录")
    ],
) -> None:
    """生成空白输入：disclosure.yaml、tables.xlsx（九张表）和 YAML 的 JSON Schema。"""
    from juesuan import api

    if output.exists() and not output.is_dir():
        raise fail(f"输出路径 {output} 已存在且不是目录")
    try:
        written = api.template(profile.value, output)
    except OSError as e:
        raise write_failed(output, e) from e
    for f in written:
        print(f)


@app.command(cls=Command)
def compose(
    directory: Annotated[
        Path,
        typer.Argument(help="含 disclosure.yaml 和 tables.xlsx 的目录", metavar="目录"),
    ],
    fmt: Annotated[
        ComposeFormat,
        typer.Option("--format", "-f", help="输出格式：md、html、docx、pdf", metavar="格式"),
    ] = ComposeFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="输出文件，扩展名须与格式一致（默认：当前目录下的“目录名.格式”）",
            metavar="文件",
        ),
    ] = None,
) -> None:
    """由数据撰写决算公开说明：派生数字与增减用词均由计算得出。

    退出码：0 成功；2 输入有误（逐条列出字段或工作表行号）、输出路径不可用或缺少中文字体。
    """
    from juesuan import api

    out = output or Path(f"{directory.resolve().name or 'composed'}.{fmt.value}")
    check_output(out, (f".{fmt.value}",))
    try:
        api.compose(directory, fmt.value, out)
    except api.ComposeError as e:
        for p in e.problems:
            print(f"juesuan: {p}", file=sys.stderr)
        raise typer.Exit(2) from e
    except RuntimeError as e:
        raise fail(str(e)) from e
    except OSError as e:
        raise write_failed(out, e) from e
    print(out)


