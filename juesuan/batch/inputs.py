"""Which files a batch covers: files, directories (recursive), and lists of paths.

A list is ``@FILE``, a ``.list``/``.lst`` file, or a ``.txt`` file whose every non-blank
line names an existing file or directory (a disclosure never reads like that). Relative
entries are taken from the list's folder. Each document is keyed by the SHA-256 of its
bytes: the same content under two names is processed, and listed, once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

LIST_SUFFIXES = {".list", ".lst"}


@dataclass(frozen=True)
class Task:
    path: str
    sha256: str


@dataclass(frozen=True)
class Problem:
    """A path that names no usable file (missing, empty folder, unreadable)."""

    path: str
    reason: str


def collect(args: list[str]) -> tuple[list[Task], list[Problem]]:
    """The tasks (unique by content, in path order) and the paths that gave none."""
    from juesuan import api

    paths: list[Path] = []
    problems: list[Problem] = []
    for a in args:
        paths.extend(_listed(a, problems))
    files, bad = api.expand(paths)
    problems += [Problem(str(e.path), e.reason) for e in bad]
    tasks: list[Task] = []
    seen: set[str] = set()
    for f in sorted(set(files), key=str):
        if not f.exists():
            problems.append(Problem(str(f), "文件不存在"))
            continue
        try:
            sha = file_sha256(f)
        except OSError as e:
            problems.append(Problem(str(f), f"无法读取文件（{e.strerror or e}）"))
            continue
        if sha not in seen:
            seen.add(sha)
            tasks.append(Task(str(f), sha))
    return tasks, problems


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _listed(arg: str, problems: list[Problem]) -> list[Path]:
    explicit = arg.startswith("@")
    p = Path(arg[1:] if explicit else arg)
    if not (explicit or p.suffix.lower() in LIST_SUFFIXES or _reads_as_list(p)):
        return [p]
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem(str(p), f"无法读取路径列表（{e}）"))
        return []
    entries = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return [_resolve(p.parent, e) for e in entries]


def _reads_as_list(p: Path) -> bool:
    if p.suffix.lower() != ".txt" or not p.is_file() or p.stat().st_size > 1 << 20:
        return False
    try:
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    except (OSError, UnicodeDecodeError):
        return False
    return bool(lines) and all(_resolve(p.parent, ln).exists() for ln in lines)


def _resolve(base: Path, entry: str) -> Path:
    q = Path(entry).expanduser()
    return q if q.is_absolute() else base / q
