"""File -> Document. The reader is chosen by the file's suffix (and its first bytes)."""

from __future__ import annotations

from pathlib import Path

from juesuan.errors import InputError
from juesuan.model.document import Document

MAX_BYTES = 200 * 1024 * 1024  # a disclosure is a few MB; anything larger is not one
TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
DOC_SUFFIXES = {*TEXT_SUFFIXES, ".docx", ".pdf", ".xlsx", ".xls", ".xlsm"}


def read(path: Path | str, ocr: str = "auto") -> Document:
    """Read one file into a Document, or raise InputError with a message naming it.
    ``ocr`` (never, auto, always) says which PDF pages are read by OCR."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if p.is_dir():
        raise InputError(p, "是目录而不是文件")
    suffix = p.suffix.lower()
    if suffix not in DOC_SUFFIXES:
        raise InputError(
            p, f"不支持的文件类型“{p.suffix or '（无扩展名）'}”，支持 txt、md、docx、pdf、xls、xlsx"
        )
    try:
        size = p.stat().st_size
        if size == 0:
            raise InputError(p, "文件为空")
        if size > MAX_BYTES:
            raise InputError(
                p, f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB）"
            )
        data = p.read_bytes()
    except OSError as e:
        raise InputError(p, f"无法读取文件（{e.strerror or e}）") from e
    if suffix in TEXT_SUFFIXES:
        from juesuan.ingest.text import read_text

        return read_text(p, data, TEXT_SUFFIXES[suffix])
    if suffix == ".docx":
        from juesuan.ingest.docx import read_docx

        return read_docx(p, data)
    if suffix == ".pdf":
        from juesuan.ingest import ocr as scanner
        from juesuan.ingest.pdf import read_pdf

        return read_pdf(p, data, ocr, scanner)
    from juesuan.ingest.sheet import read_sheet

    return read_sheet(p, data)


def expand(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """Expand directories into the documents they hold (sorted); report empty ones."""
    files: list[Path] = []
    errors: list[InputError] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DOC_SUFFIXES
            )
            if not found:
                errors.append(
                    InputError(p, "目录中没有可检查的文档（txt、md、docx、pdf、xls、xlsx）")
                )
            files.extend(found)
        else:
            files.append(p)
    return files, errors
