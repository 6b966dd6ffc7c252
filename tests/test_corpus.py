"""The real corpus (``shared/corpus``): no file makes ``check`` or ``extract`` fail inside.

Skips when the corpus is absent. Runs in a pool of two processes (a few minutes).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from juesuan.testing import corpus_smoke, shared_dir

FILES = shared_dir() / "corpus" / "files"


def _one_process() -> None:
    """The pool already uses both cores: a long PDF is read by its worker alone."""
    os.environ["JUESUAN_PDF_JOBS"] = "1"


@pytest.mark.skipif(not FILES.is_dir(), reason=f"语料目录不存在：{FILES}")
def test_no_internal_error_on_any_corpus_file() -> None:
    paths = sorted(str(p) for p in FILES.iterdir() if p.is_file())
    assert len(paths) > 100  # the corpus, not an empty folder
    with ProcessPoolExecutor(max_workers=2, initializer=_one_process) as pool:
        errors = [e for e in pool.map(corpus_smoke, paths, chunksize=4) if e]
    assert errors == []
