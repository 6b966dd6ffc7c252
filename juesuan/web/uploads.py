"""Accepting files: the type is sniffed from the content, never trusted from the name;
files are stored under generated names; zips are opened only after their members pass
the path and size checks (no ``../``, no absolute paths, no bombs)."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
KINDS = ("pdf", "docx", "xlsx", "xls", "txt", "md")


class Rejected(ValueError):
    """An upload refused, with the Chinese reason shown to the user; ``status`` for HTTP."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason, self.status = reason, status


@dataclass
class Stored:
    filename: str  # the display name
    stored: str  # generated file name under the uploads folder
    kind: str
    size: int
    sha256: str


def sniff(data: bytes, name: str) -> str | None:
    """The document kind from the bytes: pdf, docx, xlsx, xls, txt/md, "zip" (a bundle) or None."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if data.startswith(OLE):
        return "xls"
    if _is_text(data):
        return "md" if name.lower().endswith((".md", ".markdown")) else "txt"
    return None


def _is_text(data: bytes) -> bool:
    if not data.strip():
        return False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-16")
            return True
        except UnicodeDecodeError:
            return False
    if b"\x00" in data:
        return False
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
        return controls <= len(text) // 100
    return False


def display_name(name: str) -> str:
    """The last component of a client-given name, for display only (never a path)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return (base or "未命名")[:200]


def store(folder: Path, data: bytes, name: str, kind: str) -> Stored:
    """Write ``data`` durably under a generated name before any database row refers to it."""
    folder.mkdir(parents=True, exist_ok=True)
    gen = f"{uuid.uuid4().hex}.{kind}"
    tmp = folder / (gen + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, folder / gen)
    return Stored(display_name(name), gen, kind, len(data), hashlib.sha256(data).hexdigest())


def unzip(data: bytes, max_total: int, max_ratio: int, max_files: int) -> list[tuple[str, bytes]]:
    """A department's bundle: its members as (name, bytes), after the safety checks."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise Rejected("压缩包已损坏，无法打开") from e
    out: list[tuple[str, bytes]] = []
    total = 0
    with z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        for info in infos:
            p = PurePosixPath(info.filename.replace("\\", "/"))
            if p.is_absolute() or ".." in p.parts or (p.parts and ":" in p.parts[0]):
                raise Rejected(f"压缩包中的路径不安全：{info.filename}")
        declared = sum(i.file_size for i in infos)
        if declared > max_total:
            raise Rejected("压缩包解压后过大", 413)
        for info in infos:
            p = PurePosixPath(info.filename.replace("\\", "/"))
            if p.name.startswith(".") or "__MACOSX" in p.parts:
                continue
            if info.compress_size and info.file_size / info.compress_size > max_ratio:
                raise Rejected(f"压缩包中的文件压缩比异常（疑似压缩炸弹）：{p.name}", 413)
            with z.open(info) as fh:
                # read no more than declared + 1: a lying header cannot make us inflate more
                body = fh.read(min(info.file_size, max_total - total) + 1)
            if len(body) > info.file_size or total + len(body) > max_total:
                raise Rejected("压缩包解压后过大", 413)
            total += len(body)
            out.append((p.name, body))
            if len(out) > max_files:
                raise Rejected(f"压缩包中的文件过多（上限 {max_files} 个）", 413)
    if not out:
        raise Rejected("压缩包中没有文件")
    return out


def accept(
    folder: Path,
    name: str,
    data: bytes,
    *,
    max_upload: int,
    max_total: int,
    max_ratio: int,
    max_files: int,
) -> list[Stored]:
    """One uploaded file (or a bundle of them) checked and stored; raises ``Rejected``."""
    if len(data) > max_upload:
        raise Rejected(
            f"文件过大（上限 {max_upload // (1024 * 1024)} MB）：{display_name(name)}", 413
        )
    if not data:
        raise Rejected(f"文件为空：{display_name(name)}")
    kind = sniff(data, name)
    if kind is None:
        raise Rejected(
            f"无法识别的文件内容：{display_name(name)}（支持 pdf、docx、xls、xlsx、txt、md 或其 zip 压缩包）",
            415,
        )
    if kind != "zip":
        return [store(folder, data, name, kind)]
    members = unzip(data, max_total, max_ratio, max_files)
    staged: list[tuple[str, bytes, str]] = []
    for mname, body in members:
        mkind = sniff(body, mname)
        if mkind is None or mkind == "zip":
            continue  # a bundle may carry a readme or a picture; skip what is not a document
        if len(body) > max_upload:
            raise Rejected(f"压缩包中的文件过大：{display_name(mname)}", 413)
        staged.append((mname, body, mkind))
    if not staged:
        raise Rejected("压缩包中没有可检查的文档")
    return [store(folder, body, mname, mkind) for mname, body, mkind in staged]
