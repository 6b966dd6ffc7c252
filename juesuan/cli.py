"""Command line: ``juesuan check PATH...`` (more commands join as they are built).

Imports are lazy: the CLI must start fast, so heavy modules load inside commands.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="juesuan（决算）：检查、撰写和提取部门决算公开文件。",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class ProfileName(StrEnum):
    beijing = "beijing"
    shanghai = "shanghai"
    national = "national"


@app.command()
def check(
    paths: Annotated[
        list[Path], typer.Argument(help="要检查的文件或目录（txt、md、docx、pdf、xls、xlsx）")
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="输出格式")] = Format.text,
    profile: Annotated[ProfileName | None, typer.Option(help="地区配置（默认从文件识别）")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出运行的全部检查")] = False,
    together: Annotated[
        bool,
        typer.Option("--together", help="把给出的文件（或目录中的文件）当作同一份公开文件检查"),
    ] = False,
) -> None:
    """检查决算公开文件，报告每一处不一致（位置、应为、实为、建议改法）。

    退出码：0 无错误；1 至少一处错误；2 输入或参数无法使用。
    """
    from juesuan.check.run import DocReport, check_document
    from juesuan.errors import InputError
    from juesuan.ingest import expand
    from juesuan.ingest.combine import read_together

    files, failures = expand(paths)
    reports: list[DocReport] = []
    for group in [files] if together and files else [[f] for f in files]:
        f = group[0]
        try:
            doc = read_together(group)
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

        _emit(render(reports, failures), output)
    elif fmt is Format.csv:
        from juesuan.report.csv_report import render as render_csv

        _emit(render_csv(reports), output)
    else:
        from rich.console import Console

        from juesuan.report.terminal import render as render_text

        if output:
            with output.open("w", encoding="utf-8") as fh:
                render_text(reports, [], Console(file=fh, width=120, no_color=True), verbose)
        else:
            render_text(reports, [], Console(highlight=False), verbose)
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


@app.command()
def template(
    profile: Annotated[RegionName, typer.Option(help="地区配置")],
    output: Annotated[Path, typer.Option("--output", "-o", help="写入的目录")],
) -> None:
    """生成空白输入：disclosure.yaml、tables.xlsx（九张表）和 YAML 的 JSON Schema。"""
    from juesuan.compose.scaffold import write_scaffold

    for f in write_scaffold(output, profile.value):
        print(f)


@app.command()
def compose(
    directory: Annotated[Path, typer.Argument(help="含 disclosure.yaml 和 tables.xlsx 的目录")],
    fmt: Annotated[
        ComposeFormat, typer.Option("--format", "-f", help="输出格式")
    ] = ComposeFormat.md,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件")] = None,
) -> None:
    """由数据撰写决算公开说明：派生数字与增减用词均由计算得出。

    退出码：0 成功；2 输入有误（逐条列出字段或工作表行号）。
    """
    from juesuan.compose.load import ComposeError, load_dir
    from juesuan.compose.render import compose as write

    try:
        bundle = load_dir(directory)
        out = output or directory / f"composed.{fmt.value}"
        write(bundle, fmt.value, out)
    except ComposeError as e:
        for p in e.problems:
            print(f"juesuan: {p}", file=sys.stderr)
        raise typer.Exit(2) from e
    except RuntimeError as e:
        print(f"juesuan: {e}", file=sys.stderr)
        raise typer.Exit(2) from e
    print(out)


class DataFormat(StrEnum):
    json = "json"
    yaml = "yaml"


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="已公开的决算文件（txt、md、docx、pdf、xls、xlsx）")],
    fmt: Annotated[DataFormat, typer.Option("--format", "-f", help="输出格式")] = DataFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件")] = None,
    profile: Annotated[ProfileName | None, typer.Option(help="地区配置（默认从文件识别）")] = None,
) -> None:
    """从已公开的文件提取结构化数据：事实、陈述、九张表，以及按输入格式整理的数据。"""
    from juesuan.check.run import make_context
    from juesuan.errors import InputError
    from juesuan.extract.dataset import dataset
    from juesuan.ingest import read

    try:
        doc = read(path)
    except InputError as e:
        print(f"juesuan: {e.path}：{e.reason}", file=sys.stderr)
        raise typer.Exit(2) from e
    data = dataset(make_context(doc, profile.value if profile else None))
    if fmt is DataFormat.yaml:
        import yaml

        _emit(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), output)
    else:
        import json

        _emit(json.dumps(data, ensure_ascii=False, indent=2), output)


@app.command()
def fix(
    path: Annotated[Path, typer.Argument(help="要修正的文件（txt、md、docx）")],
    output: Annotated[Path, typer.Option("--output", "-o", help="修正后的文件（同一格式）")],
    profile: Annotated[ProfileName | None, typer.Option(help="地区配置（默认从文件识别）")] = None,
) -> None:
    """修正可以计算得出的问题（模板残留、填写说明、增减用词、占比与增减率等），逐条列出修改；
    无法确定正确数值的地方保持原文并列出。

    退出码：0 修正后无错误；1 仍有无法自动修正的错误；2 输入无法使用。
    """
    from juesuan.errors import InputError
    from juesuan.repair import fix as repair

    try:
        result = repair(path, output, profile.value if profile else None)
    except InputError as e:
        print(f"juesuan: {e.path}：{e.reason}", file=sys.stderr)
        raise typer.Exit(2) from e
    for c in result.changes:
        after = c.after if c.after else "（删除）"
        print(f"第{c.line}行 [{c.rule}] {c.before} → {after}")
    print(f"共修改 {len(result.changes)} 处，已写入 {output}")
    left = result.remaining
    if left:
        print(f"\n未能自动修正（需人工核实）{len(left)} 处：")
        for f in left:
            print(f"第{f.location.line}行 [{f.rule}] {f.message}")
    if any(f.severity == "error" for f in left):
        raise typer.Exit(1)


def _emit(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    else:
        sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))


@app.callback()
def _root() -> None:
    """juesuan（决算）：检查、撰写和提取部门决算公开文件。"""


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
