"""Command line: ``juesuan check PATH...`` (more commands join as they are built).

Imports are lazy: the CLI must start fast, so heavy modules load inside commands.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from juesuan.cli_support import (
    HELP_NAMES,
    Command,
    Group,
    check_output,
    emit,
    fail,
    unusable,
    write_failed,
)

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


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class ProfileName(StrEnum):
    beijing = "beijing"
    shanghai = "shanghai"
    national = "national"


@app.command(cls=Command)
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="要检查的文件或目录（txt、md、docx、pdf、xls、xlsx）", metavar="路径"
        ),
    ],
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="输出格式：text、json、csv（用 -o 写入的 CSV 带 BOM，Excel 可直接打开）",
            metavar="格式",
        ),
    ] = Format.text,
    profile: Annotated[ProfileName | None, PROFILE] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入文件而不是标准输出", metavar="文件"),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出运行的全部检查")] = False,
) -> None:
    """检查决算公开文件，报告每一处不一致（位置、应为、实为、建议改法）。

    退出码：0 无错误；1 至少一处错误；2 输入或参数无法使用。
    """
    from juesuan.check.run import DocReport, check_document
    from juesuan.errors import InputError
    from juesuan.ingest import expand, read

    check_output(output)
    files, failures = expand(paths)
    reports: list[DocReport] = []
    for f in files:
        try:
            doc = read(f)
            if (why := unusable(doc)) is not None:
                raise InputError(f, why)
            reports.append(check_document(doc, profile.value if profile else None))
        except InputError as e:
            failures.append(e)
        except Exception as e:  # a bug must not lose the other files' results
            failures.append(
                InputError(f, f"检查时出现内部错误（{type(e).__name__}: {e}），请报告此问题")
            )
    for failure in failures:
        print(f"juesuan: {failure.path}：{failure.reason}", file=sys.stderr)

    if fmt is Format.json:
        from juesuan.report.json_report import render

        emit(render(reports, failures), output)
    elif fmt is Format.csv:
        from juesuan.report.csv_report import render as render_csv

        emit(render_csv(reports), output, bom=True)
    else:
        from juesuan.report.terminal import console_for
        from juesuan.report.terminal import render as render_text

        if output:
            try:
                with output.open("w", encoding="utf-8") as fh:
                    render_text(reports, [], console_for(fh), verbose)
            except OSError as e:
                raise write_failed(output, e) from e
        else:
            render_text(reports, [], console_for(None), verbose)
    if failures:
        raise typer.Exit(2)
    if any(r.errors for r in reports):
        raise typer.Exit(1)


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
    from juesuan.compose.scaffold import write_scaffold

    if output.exists() and not output.is_dir():
        raise fail(f"输出路径 {output} 已存在且不是目录")
    try:
        written = write_scaffold(output, profile.value)
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
    from juesuan.compose.load import ComposeError, load_dir
    from juesuan.compose.render import compose as write

    out = output or Path(f"{directory.resolve().name or 'composed'}.{fmt.value}")
    check_output(out, (f".{fmt.value}",))
    try:
        bundle = load_dir(directory)
        write(bundle, fmt.value, out)
    except ComposeError as e:
        for p in e.problems:
            print(f"juesuan: {p}", file=sys.stderr)
        raise typer.Exit(2) from e
    except RuntimeError as e:
        raise fail(str(e)) from e
    except OSError as e:
        raise write_failed(out, e) from e
    print(out)


class DataFormat(StrEnum):
    json = "json"
    yaml = "yaml"


@app.command(cls=Command)
def extract(
    path: Annotated[
        Path,
        typer.Argument(help="已公开的决算文件（txt、md、docx、pdf、xls、xlsx）", metavar="文件"),
    ],
    fmt: Annotated[
        DataFormat, typer.Option("--format", "-f", help="输出格式：json、yaml", metavar="格式")
    ] = DataFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件", metavar="文件")
    ] = None,
    profile: Annotated[ProfileName | None, PROFILE] = None,
) -> None:
    """从已公开的文件提取结构化数据：事实、陈述、九张表，以及按输入格式整理的数据。"""
    from juesuan.check.run import make_context
    from juesuan.errors import InputError
    from juesuan.extract.dataset import dataset
    from juesuan.ingest import read

    check_output(output)
    try:
        doc = read(path)
        if (why := unusable(doc)) is not None:
            raise InputError(path, why)
    except InputError as e:
        print(f"juesuan: {e.path}：{e.reason}", file=sys.stderr)
        raise typer.Exit(2) from e
    data = dataset(make_context(doc, profile.value if profile else None))
    if fmt is DataFormat.yaml:
        import yaml

        emit(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), output)
    else:
        import json

        emit(json.dumps(data, ensure_ascii=False, indent=2), output)


@app.command(cls=Command)
def fix(
    path: Annotated[Path, typer.Argument(help="要修正的文件（txt、md、docx）", metavar="文件")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="修正后的文件（与输入同一格式）", metavar="文件"),
    ],
    profile: Annotated[ProfileName | None, PROFILE] = None,
) -> None:
    """修正可以计算得出的问题（模板残留、填写说明、增减用词、占比与增减率等），逐条列出修改；
    无法确定正确数值的地方保持原文并列出。

    退出码：0 修正后无错误；1 仍有无法自动修正的错误；2 输入无法使用。
    """
    from juesuan.errors import InputError
    from juesuan.repair import fix as repair

    check_output(output, (path.suffix.lower(),) if path.suffix else ())
    try:
        result = repair(path, output, profile.value if profile else None)
    except InputError as e:
        print(f"juesuan: {e.path}：{e.reason}", file=sys.stderr)
        raise typer.Exit(2) from e
    except OSError as e:
        raise write_failed(output, e) from e
    for c in result.changes:
        after = c.after if c.after else "（删除）"
        print(f"第{c.line}行 [{c.rule}] {c.before} → {after}")
    print(f"共修改 {len(result.changes)} 处，已写入 {output}")
    left = result.remaining
    if left:
        labels = {"error": "错误", "warning": "警告", "info": "提示"}
        counts = "，".join(f"{labels[s]} {sum(1 for f in left if f.severity == s)}" for s in labels)
        print(f"\n未能自动修正（需人工核实）{len(left)} 处：{counts}")
        for f in left:
            print(f"{labels[f.severity]} 第{f.location.line}行 [{f.rule}] {f.message}")
    if any(f.severity == "error" for f in left):
        raise typer.Exit(1)


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
) -> None:
    """批量检查并提取一个地区的公开文件，写成一个数据集（Parquet、DuckDB、report.html）。

    已处理的文件按内容哈希跳过，中断后重跑即可续完。退出码：0 全部文件已处理；2 有文件无法处理。
    """
    _need_extra("batch", "pyarrow", "duckdb", "distributed", "matplotlib")
    from juesuan.batch.run import run_batch

    s = run_batch(paths, output, workers, engine.value, scheduler)
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
    _need_extra("batch", "pyarrow", "duckdb")
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


def _need_extra(extra: str, *modules: str) -> None:
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


# --- web app: `juesuan serve` and `juesuan user` (thin wrappers over juesuan.web.cli) ---

user_app = typer.Typer(help="审核网站的用户管理。", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(user_app, name="user")

DbOpt = Annotated[
    str | None, typer.Option("--db", help="数据库 URL（默认 数据目录/juesuan.db；可用 postgresql+psycopg://…）")
]
DataOpt = Annotated[Path, typer.Option("--data", help="数据目录（上传文件、缓存、默认数据库）")]


def _web_missing(e: ImportError) -> typer.Exit:
    print(f"juesuan: 审核网站需要安装 web 组件：pip install 'juesuan[web]'（缺少 {e.name}）", file=sys.stderr)
    return typer.Exit(2)


@app.command()
def serve(
    db: DbOpt = None,
    data: DataOpt = Path("juesuan-data"),
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[int, typer.Option(help="并行检查的进程数")] = 2,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", help="单个文件上限（MB）")] = 50,
) -> None:
    """启动审核网站：上传、逐条确认或驳回问题、导出。"""
    try:
        from juesuan.web import cli as web
    except ImportError as e:
        raise _web_missing(e) from e
    web.serve(web.settings(db, data, workers=workers, max_upload=max_upload_mb * 1024 * 1024), host, port)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="用户名")],
    admin: Annotated[bool, typer.Option("--admin", help="管理员（可管理用户）")] = False,
    org: Annotated[str, typer.Option("--org", help="所属单位（不存在则新建）")] = "默认单位",
    db: DbOpt = None,
    data: DataOpt = Path("juesuan-data"),
) -> None:
    """新建用户；密码从提示输入，或从标准输入读一行。"""
    try:
        from juesuan.web import cli as web
    except ImportError as e:
        raise _web_missing(e) from e
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
    try:
        from juesuan.web import cli as web
    except ImportError as e:
        raise _web_missing(e) from e
    try:
        print(web.token(web.settings(db, data), name, label))
    except ValueError as e:
        print(f"juesuan: {e}", file=sys.stderr)
        raise typer.Exit(2) from e


# --- end of web app commands ---


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
