"""A readable terminal report: grouped by section, severity in colour, summary last."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from juesuan.errors import InputError
from juesuan.model.document import Location
from juesuan.model.report import DocReport

_STYLE = {"error": ("bold red", "错误"), "warning": ("yellow", "警告"), "info": ("cyan", "提示")}


def where_of(loc: Location) -> str:
    """第3页 第12行, or 工作表“支出决算表” 第12行 for a workbook."""
    if loc.sheet is not None:
        return f"工作表“{loc.sheet}” 第{loc.line}行"
    where = f"第{loc.page}页 " if loc.page else ""
    return where + f"第{loc.line}行"


def console_for(file: TextIO | None) -> Console:
    """A console for stdout (``file`` None) or an output file.

    Only a terminal gets rich's wrapping and colour; a pipe or a file gets each line whole
    (``soft_wrap``), so a number or an excerpt is never split across lines.
    """
    if file is None:
        con = Console(highlight=False)
        if not con.is_terminal:
            con = Console(highlight=False, soft_wrap=True, no_color=True)
        return con
    return Console(file=file, highlight=False, soft_wrap=True, no_color=True, width=10_000)


def render(
    reports: list[DocReport], failures: list[InputError], console: Console, verbose: bool = False
) -> None:
    for r in reports:
        head = f"[bold]{escape(str(r.path))}[/bold]"
        if r.title:
            head += f"  {escape(r.title)}"
        console.print(head)
        console.print(
            f"  年度 {r.year or '未识别'} · 配置 {r.profile} · 事实 {r.facts} 项 · "
            f"核对 {r.checks} 次 · {r.seconds * 1000:.0f} 毫秒",
            style="dim",
        )
        for note in r.notes:
            console.print(f"  [bold yellow]注意[/]：{escape(note)}")
        for section, group in groupby(r.findings, key=lambda f: f.section):
            console.print(f"\n  [bold underline]{escape(section or '（文首）')}[/]")
            for f in group:
                style, label = _STYLE[f.severity]
                where = where_of(f.location)
                console.print(f"  [{style}]{label}[/] {where} [dim]{f.rule}[/] {escape(f.message)}")
                console.print(
                    f"      原文：{escape(f.location.excerpt)}", style="dim", highlight=False
                )
                if f.expected is not None or f.actual is not None:
                    console.print(
                        f"      应为：[green]{escape(f.expected or '—')}[/]  "
                        f"实为：[red]{escape(f.actual or '—')}[/]",
                        highlight=False,
                    )
                if f.suggestion:
                    console.print(f"      建议：{escape(f.suggestion)}", highlight=False)
        counts = {s: sum(1 for f in r.findings if f.severity == s) for s in _STYLE}
        console.print(
            f"\n  共 {len(r.findings)} 处：错误 {counts['error']}，警告 {counts['warning']}，"
            f"提示 {counts['info']}"
        )
        if verbose:
            console.print(f"  已运行检查：{'、'.join(r.ran)}", style="dim")
        if r.skipped:
            items = "；".join(f"{k}（{v}）" for k, v in r.skipped.items())
            console.print(f"  未能检查：{escape(items)}", style="dim")
        console.print()
    for e in failures:
        console.print(f"[bold red]无法检查[/] {escape(str(e.path))}：{escape(e.reason)}")
