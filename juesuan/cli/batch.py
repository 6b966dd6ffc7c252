"""``batch`` and ``sql``: a region's disclosures as one dataset (the batch face)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from juesuan.cli.app import app, need_extra
from juesuan.cli.support import Command


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command(cls=Command)
def batch(
    paths: Annotated[
        list[str], typer.Argument(help="文件、目录（递归）或列出路径的文本文件（@列表）")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="数据集输出目录（可续跑）")],
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="并行进程数")] = 1,
    engine: Annotated[Engine, typer.Option(help="local：本机进程；dask：Dask 集群")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask 调度器地址（tcp://…），默认启动本机集群")
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="单个文件的处理时限（秒，默认 300），超时记为内部错误并继续；0 表示不限（仅本机引擎）",
        ),
    ] = None,
) -> None:
    """批量检查并提取一个地区的公开文件，写成一个数据集（Parquet、DuckDB、report.html）。

    已处理的文件按内容哈希跳过，中断后重跑即可续完。退出码：0 全部文件已处理；2 有文件无法处理。
    """
    need_extra("batch", "pyarrow", "duckdb", "distributed", "matplotlib")
    from juesuan.batch.run import run_batch

    s = run_batch(paths, output, workers, engine.value, scheduler, timeout=timeout)
    st = s.status
    print(
        f"文件 {s.documents} 份：已处理 {st['ok']}，无法读取 {st['unusable']}，"
        f"内部错误 {st['internal_error']}（本次处理 {s.processed}，沿用 {s.cached}）；"
        f"问题 {s.rows['findings']} 条，陈述 {s.rows['statements']} 条，表格单元 {s.rows['cells']} 个；"
        f"用时 {s.seconds:.1f} 秒。\n数据集：{output}　报告：{output / 'report.html'}"
    )
    if not s.complete:
        raise typer.Exit(2)


@app.command(cls=Command)
def sql(
    dataset: Annotated[Path, typer.Argument(help="juesuan batch 的输出目录")],
    query: Annotated[str, typer.Argument(help="SQL（表：documents、findings、statements、cells）")],
    csv: Annotated[bool, typer.Option("--csv", help="输出 CSV")] = False,
) -> None:
    """在批处理数据集上运行 SQL 查询（DuckDB）。"""
    need_extra("batch", "pyarrow", "duckdb")
    from juesuan.batch.sql import DatasetError, to_csv, to_rich
    from juesuan.batch.sql import query as run_query

    try:
        columns, rows = run_query(dataset, query)
    except DatasetError as e:
        print(f"juesuan: {e}", file=sys.stderr)
        raise typer.Exit(2) from e
    if csv:
        sys.stdout.write(to_csv(columns, rows))
    else:
        from rich.console import Console

        Console(highlight=False).print(to_rich(columns, rows))
