"""The tables of one run are published together: a reader never sees tables of two runs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from juesuan.batch.store import build_tables, current_tables


def _results(tag: str, n: int) -> list[dict[str, Any]]:
    """``n`` documents of run ``tag``, each with one finding, statement and cell."""
    out = []
    for i in range(n):
        sha = f"{tag}{i:063d}"[:64]
        out.append(
            {
                "document": {"path": f"/in/{tag}-{i}.txt", "sha256": sha, "status": "ok"},
                "findings": [{"sha256": sha, "rule": "R", "severity": "info", "message": tag}],
                "statements": [{"sha256": sha, "seq": 0, "value": "1", "unit": "元"}],
                "cells": [{"sha256": sha, "table_seq": 0, "row_seq": 0, "value": "2.5"}],
            }
        )
    return out


def _read(out: Path) -> dict[str, set[str]]:
    """The sha256s of every table, read as a reader should: ``current`` resolved once."""
    import pyarrow.parquet as pq

    folder = current_tables(out)
    assert folder is not None
    return {
        t: set(pq.read_table(folder / f"{t}.parquet", columns=["sha256"]).column(0).to_pylist())
        for t in ("documents", "findings", "statements", "cells")
    }


def test_each_run_is_one_generation_and_the_previous_one_stays_readable(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    build_tables(out, _results("a", 2))
    first = current_tables(out)
    assert first is not None and first.parent.name == "tables"
    build_tables(out, _results("b", 3))
    second = current_tables(out)
    assert second is not None and second != first
    assert all(len(s) == 3 and all(x.startswith("b") for x in s) for s in _read(out).values())
    # a reader that resolved `current` before the switch still reads a whole run
    import pyarrow.parquet as pq

    assert pq.read_table(first / "cells.parquet").num_rows == 2
    build_tables(out, _results("c", 1))
    assert not first.exists() and second.exists()  # the one before the previous is removed
    # the stable names follow the published generation
    assert pq.read_table(out / "documents.parquet").num_rows == 1
    assert (out / "juesuan.duckdb").resolve().parent == current_tables(out)


def test_a_run_that_fails_while_writing_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    out.mkdir()
    build_tables(out, _results("a", 2))
    real = pq.write_table

    def fail_on_cells(table: Any, where: Any, *args: Any, **kw: Any) -> None:
        if Path(where).name == "cells.parquet":
            raise OSError("disk full")
        real(table, where, *args, **kw)

    monkeypatch.setattr(pq, "write_table", fail_on_cells)
    with pytest.raises(OSError):
        build_tables(out, _results("b", 3))
    got = _read(out)
    assert all(len(s) == 2 and all(x.startswith("a") for x in s) for s in got.values())
    assert not list(out.glob(".build-*"))
    assert len(list((out / "tables").iterdir())) == 1


def test_a_reader_during_many_publications_sees_one_run_at_a_time(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    runs = {"a": _results("a", 2), "b": _results("b", 4)}
    build_tables(out, runs["a"])
    stop = threading.Event()
    seen: list[dict[str, set[str]]] = []
    errors: list[BaseException] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.append(_read(out))
            except FileNotFoundError:  # resolved a generation two publications ago
                continue
            except BaseException as e:  # pragma: no cover - reported below
                errors.append(e)
                return

    t = threading.Thread(target=reader)
    t.start()
    try:
        for i in range(12):
            build_tables(out, runs["ab"[i % 2]])
    finally:
        stop.set()
        t.join()
    assert not errors, errors
    assert seen
    for got in seen:
        docs = got["documents"]
        assert docs in ({r["document"]["sha256"] for r in runs[k]} for k in runs)
        assert got["findings"] == got["statements"] == got["cells"] == docs
