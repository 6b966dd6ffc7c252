"""Small pieces the CLI shares: Chinese help, output-path checks, writing with clear errors.

Every ``-o`` path is checked before any work is done, so a typo in a folder name costs the
user one Chinese line and exit 2, never a traceback after a long run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
import typer.core

HELP_NAMES = ["-h", "--help"]
HELP_TEXT = "显示本帮助并退出"


def _chinese_help(opt: Any) -> Any:
    if opt is not None:
        opt.help = HELP_TEXT
    return opt


class Command(typer.core.TyperCommand):
    """A command whose help reads in Chinese: the help option's text, and arguments shown
    by their Chinese metavar alone (typer would add ``<list[Path]>``)."""

    def get_help_option(self, ctx: Any) -> Any:
        return _chinese_help(super().get_help_option(ctx))

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)
        for p in params:
            if isinstance(p, typer.core.TyperArgument):
                # typer 0.29 only; older typers never show the type
                setattr(p, "display_type_rich", _no_type)  # noqa: B010
        return params


def _no_type(ctx: Any) -> None:
    return None


class Group(typer.core.TyperGroup):
    """The command group, with the same Chinese help option."""

    def get_help_option(self, ctx: Any) -> Any:
        return _chinese_help(super().get_help_option(ctx))


def fail(message: str) -> typer.Exit:
    """Print one ``juesuan: …`` line on stderr; return the exit-2 to raise."""
    print(f"juesuan: {message}", file=sys.stderr)
    return typer.Exit(2)


def output_problem(path: Path, suffixes: tuple[str, ...] = ()) -> str | None:
    """Why ``path`` cannot be written as an output file (None when it can)."""
    if path.is_dir():
        return f"输出路径 {path} 是一个目录，请给出文件名"
    parent = path.parent
    if not parent.exists():
        return f"输出路径 {path} 所在的目录 {parent} 不存在"
    if not parent.is_dir():
        return f"输出路径 {path} 的上级 {parent} 不是目录"
    if suffixes and path.suffix.lower() not in suffixes:
        want = "、".join(suffixes)
        return f"输出文件 {path} 的扩展名应为 {want}，与输出格式一致"
    return None


def check_output(path: Path | None, suffixes: tuple[str, ...] = ()) -> None:
    """Raise exit 2 with a message naming ``path`` when it cannot be written."""
    if path is None:
        return
    problem = output_problem(path, suffixes)
    if problem:
        raise fail(problem)


_ERRNO = {
    "ENOENT": "路径中的目录不存在",
    "ENOTDIR": "路径中有一段不是目录",
    "EISDIR": "是一个目录",
    "EACCES": "没有写入权限",
    "EPERM": "没有写入权限",
    "EROFS": "位于只读文件系统",
    "ENOSPC": "磁盘空间不足",
}


def write_failed(path: Path, e: OSError) -> typer.Exit:
    import errno

    why = _ERRNO.get(errno.errorcode.get(e.errno or 0, ""), e.strerror or str(e))
    return fail(f"无法写入 {path}：{why}")


def emit(text: str, output: Path | None, bom: bool = False) -> None:
    """Write ``text`` (newline-terminated) to ``output`` or stdout."""
    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    except OSError as e:
        raise write_failed(output, e) from e


def unusable(doc: Any) -> str | None:
    """Why a document that was read has nothing to check (an image-only PDF), else None.

    Such a file exits 2 like any unusable input (until OCR exists), with the reader's note.
    """
    if any(line.text.strip() for line in doc.lines):
        return None
    return doc.notes[0] if doc.notes else "文件没有可读取的文字"
