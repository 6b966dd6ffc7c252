"""The Dask engine (a LocalCluster of two worker processes) gives the local engine's tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.batch.run import run_batch
from juesuan.batch.test_batch import tables
from juesuan.batch.testdata import make_inputs


def test_dask_equals_local(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    inputs = make_inputs(tmp_path / "in", n_generated=3, corpus=1)
    local = run_batch([str(inputs)], tmp_path / "local", workers=2, progress=False)
    # ship=True: tasks carry the files' bytes, as they do for a remote scheduler.
    dask = run_batch(
        [str(inputs)], tmp_path / "dask", workers=2, engine="dask", progress=False, ship=True
    )
    assert dask.processed == local.processed == 8
    assert tables(tmp_path / "dask") == tables(tmp_path / "local")
    assert dask.status["ok"] == 6
