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
) -> None:
    """检查决算公开文件，报告每一处不一致（位置、应为、实为、建议改法）。

    退出码：0 无错误；1 至少一处错误；2 输入或参数无法使用。
    """
    from juesuan.check.run import DocReport, check_document
    from juesuan.errors import InputError
    from juesuan.ingest import expand, read

    files, failures = expand(paths)
    reports: list[DocReport] = []
    for f in files:
        try:
            doc = read(f)
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
