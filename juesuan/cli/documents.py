"""``check``, ``extract`` and ``fix``: the commands over published documents.

They call ``juesuan.api`` and the report writers only.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from juesuan.cli.app import PROFILE, ProfileName, app
from juesuan.cli.support import Command, check_output, emit, write_failed


class OcrMode(StrEnum):
    never = "never"
    auto = "auto"
    always = "always"


OCR = typer.Option(
    "--ocr",
    help="PDF 扫描页的文字识别：auto 识别只有图像或文字层无法解码的页（默认），always 识别每一页，never 不识别",
    metavar="方式",
)


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


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
    together: Annotated[
        bool,
        typer.Option("--together", help="把给出的文件（或目录中的文件）当作同一份公开文件检查"),
    ] = False,
    ocr: Annotated[OcrMode, OCR] = OcrMode.auto,
) -> None:
    """检查决算公开文件，报告每一处不一致（位置、应为、实为、建议改法）。

    退出码：0 无错误；1 至少一处错误；2 输入或参数无法使用。
    """
    from juesuan import api
    from juesuan.model.report import DocReport

    InputError = api.InputError
    check_output(output)
    files, failures = api.expand(paths)
    reports: list[DocReport] = []
    for group in [files] if together and files else [[f] for f in files]:
        f = group[0]
        try:
            doc = api.read_together(group, ocr.value)
            if (why := api.unusable(doc)) is not None:
                raise InputError(f, why)
            reports.append(api.check(doc, profile.value if profile else None))
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
    ocr: Annotated[OcrMode, OCR] = OcrMode.auto,
) -> None:
    """从已公开的文件提取结构化数据：事实、陈述、九张表，以及按输入格式整理的数据。"""
    from juesuan import api

    check_output(output)
    try:
        doc = api.read(path, ocr.value)
        if (why := api.unusable(doc)) is not None:
            raise api.InputError(path, why)
    except api.InputError as e:
        print(f"juesuan: {e.path}：{e.reason}", file=sys.stderr)
        raise typer.Exit(2) from e
    data = api.extract(doc, profile.value if profile else None)
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
    from juesuan import api

    check_output(output, (path.suffix.lower(),) if path.suffix else ())
    try:
        result = api.fix(path, output, profile.value if profile else None)
    except api.InputError as e:
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


