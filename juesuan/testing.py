"""Helpers for tests: check a snippet of disclosure text in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from juesuan.check.base import Context, Rule
from juesuan.model.document import Document
from juesuan.model.finding import Finding

TITLE = "2023年度北京市东城区示例局部门决算公开说明"


def shared_dir() -> Path:
    """The project's ``shared/`` folder (corpus, samples, seed): ``$JUESUAN_SHARED``, or the
    folder beside the repository, where CI lays it. It may be absent: callers skip then."""
    import os

    env = os.environ.get("JUESUAN_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared"


def sample_pdf() -> Path:
    """The Shanghai sample disclosure (``shared/samples``), which may be absent."""
    return shared_dir() / "samples" / "shanghai-putuo-czj-2024.pdf"


def doc_of(text: str) -> Document:
    """``text`` read as a .txt disclosure, without a file."""
    from juesuan.ingest.text import lines_from_text

    return Document(path=Path("<test>"), kind="txt", lines=lines_from_text(text))


def check_text(text: str, profile: str | None = None, title: str | None = None) -> list[Finding]:
    """Run every check on ``text`` under a title line (default: a 2023 Beijing one)."""
    from juesuan.check.run import check_document

    head = title if title is not None else TITLE
    return check_document(doc_of(head + "\n" + text), profile).findings


def ctx_of(text: str, year: int | None = 2023, profile: str = "beijing") -> Context:
    """A Context over ``text`` with a given year and profile, as one rule sees a file."""
    from juesuan import profiles
    from juesuan.extract.meta import detect_meta

    doc = doc_of(text)
    family = detect_meta(doc).family
    return Context(doc=doc, profile=profiles.load(profile), year=year, family=family)


def run(r: Rule, text: str, **kw: Any) -> list[Finding]:
    """One rule on ``text`` (see ``ctx_of`` for the keywords)."""
    return r(ctx_of(text, **kw))


def rules(findings: list[Finding], family: str = "") -> list[tuple[str, int]]:
    """(rule, line) pairs, lines counted within the snippet (the title is line 0)."""
    return [(f.rule, f.location.line - 1) for f in findings if f.rule.startswith(family)]


def corpus_smoke(path: str) -> str | None:
    """Run ``check`` and ``extract`` on one file; the internal error, if any, as text
    (file, exception, innermost juesuan frame). Input errors are not internal errors."""
    import traceback

    from juesuan.check.run import check_document, make_context
    from juesuan.errors import InputError
    from juesuan.extract.dataset import dataset
    from juesuan.ingest import read

    try:
        doc = read(path, "never")  # OCR has tests of its own; here the scans would cost minutes
    except InputError:
        return None
    try:
        check_document(doc)
        dataset(make_context(doc))
    except Exception as e:
        frames = [f for f in traceback.extract_tb(e.__traceback__) if "juesuan" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        return f"{Path(path).name}: {type(e).__name__}: {e} @ {where}"
    return None


def need_cjk_font() -> None:
    """Skip the calling test, saying why, when no font can draw Chinese (composed PDFs)."""
    import pytest

    from juesuan.compose.fonts import INSTALL_HINT, cjk_families

    if not cjk_families():
        pytest.skip(f"no Chinese font installed ({INSTALL_HINT}); a composed PDF needs one")


def need_tool(name: str, package: str) -> str:
    """The path of command ``name``, or skip the calling test naming the Debian package."""
    import shutil

    import pytest

    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (apt-get install {package})")
    return path
