"""The one public entry point: read, check, extract, fix, compose.

The command line, ``batch`` and the web app call these functions and nothing deeper, so
that the pipeline (reader → context → rules → report) is assembled in one place. Every
function takes a path or an already read ``Document``; bad input raises ``InputError``
with a Chinese reason naming the file. Imports stay inside the functions: importing this
module must stay cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from juesuan.errors import ComposeError, InputError

if TYPE_CHECKING:
    from juesuan.check.run import DocReport
    from juesuan.model.document import Document
    from juesuan.repair import Result

__all__ = [
    "ComposeError",
    "InputError",
    "check",
    "compose",
    "excerpt_boxes",
    "excerpt_boxes_many",
    "expand",
    "extract",
    "fix",
    "metadata",
    "page_image",
    "read",
    "read_together",
    "template",
    "unusable",
]


def read(path: Path | str, ocr: str = "auto") -> Document:
    """Read one file (txt, md, docx, pdf, xls, xlsx) into a ``Document``. ``ocr``: ``auto``
    reads a PDF's image-only and undecodable pages by OCR (when the ``ocr`` extra is
    installed), ``always`` every page, ``never`` none."""
    from juesuan.ingest import read as read_file

    return read_file(path, ocr)


def read_together(paths: list[Path], ocr: str = "auto") -> Document:
    """Several files of one disclosure (say its narrative and its tables, published apart)
    read as one ``Document``, pages numbered on across the files; one file reads as itself."""
    from juesuan.ingest.combine import read_together as combine

    return combine(paths, ocr)


def expand(paths: list[Path]) -> tuple[list[Path], list[InputError]]:
    """The documents named by ``paths`` (directories searched recursively, sorted), and an
    ``InputError`` for each directory that holds none."""
    from juesuan.ingest import expand as expand_paths

    return expand_paths(paths)


def metadata(path: Path | str) -> dict[str, str]:
    """The file's own metadata (a PDF's Producer, Creator, Title...); empty when it has none.

    Read separately from ``read`` so that a damaged info dictionary never costs the content.
    """
    p = Path(path)
    if p.suffix.lower() != ".pdf":
        return {}
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(p)
    except (pdfium.PdfiumError, OSError):
        return {}
    try:
        return {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items() if v}
    finally:
        pdf.close()


def unusable(doc: Document) -> str | None:
    """Why a document that was read has nothing to check (an image-only PDF), else None.

    Such a file is unusable input (exit 2) until OCR exists; the reason is the reader's note.
    """
    if any(line.text.strip() for line in doc.lines):
        return None
    return doc.notes[0] if doc.notes else "文件没有可读取的文字"


def _doc(source: Document | Path | str) -> Document:
    from juesuan.model.document import Document

    return source if isinstance(source, Document) else read(source)


def check(source: Document | Path | str, profile: str | None = None) -> DocReport:
    """Every registered rule over one document: its findings, what ran and what could not."""
    from juesuan.check.run import check_document

    return check_document(_doc(source), profile)


def extract(source: Document | Path | str, profile: str | None = None) -> dict[str, Any]:
    """The document's facts, statements and tables as plain data (the ``extract`` output)."""
    from juesuan.check.run import make_context
    from juesuan.extract.dataset import dataset

    return dataset(make_context(_doc(source), profile))


def fix(src: Path, dst: Path, profile: str | None = None) -> Result:
    """Apply every computable correction of ``src`` into ``dst``; list what is left."""
    from juesuan.repair import fix as repair

    return repair(src, dst, profile)


def compose(data_dir: Path, fmt: str, out: Path) -> Path:
    """Write the disclosure described by ``data_dir`` as ``fmt`` (md, html, docx, pdf)."""
    from juesuan.compose.load import load_dir
    from juesuan.compose.render import compose as write

    write(load_dir(data_dir), fmt, out)
    return out


def template(profile: str, out: Path) -> list[Path]:
    """Write the empty inputs of ``compose`` for a region into ``out``; the files written."""
    from juesuan.compose.scaffold import write_scaffold

    return list(write_scaffold(out, profile))


def page_image(path: Path | str, page: int, dpi: int = 100) -> bytes:
    """One page (1-based) of a PDF rendered as PNG bytes, for showing a finding in place."""
    from juesuan.ingest.pageview import render_page

    return render_page(path, page, dpi)


def excerpt_boxes(
    path: Path | str, page: int, excerpt: str, context: str = ""
) -> list[tuple[float, float, float, float]]:
    """Where ``excerpt`` sits on a PDF page: (left, top, right, bottom) fractions, one per
    line; ``context`` (the finding's whole line) picks among repeated occurrences."""
    from juesuan.ingest.pageview import excerpt_boxes as boxes

    return boxes(path, page, excerpt, context)


def excerpt_boxes_many(
    path: Path | str, items: list[tuple[int, str, str]]
) -> list[list[tuple[float, float, float, float]]]:
    """``excerpt_boxes`` for many (page, excerpt, context) of one PDF, opening it once."""
    from juesuan.ingest.pageview import locate

    return locate(path, items)
