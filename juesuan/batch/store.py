"""The batch's output folder: one part per document, and the tables built from the parts.

A part (``parts/<version>/<sha256>.json``) holds every row one document contributes. It
is written to a temporary name and moved into place with ``os.replace``, so after a kill
at any moment a part is either whole or absent; its presence is what "done" means, and a
new juesuan version looks in a new folder, so cached results of another version are never
reused (nor those of an edited development tree). The tables are rebuilt from the parts of the current inputs on every run (each
written to a temporary name, then replaced), which is why a resumed run equals an
uninterrupted one: no row comes from anywhere else, and each document has one part.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

PART_FORMAT = 1  # bump when the rows a part holds change shape


def cache_key() -> str:
    """juesuan's version plus a fingerprint of its code and data files: results computed by
    any other build of the tool (a release, or a development tree since edited) are stale."""
    import hashlib

    import juesuan

    root = Path(juesuan.__file__).parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        if f.suffix in _CODE and "__pycache__" not in f.parts and not f.name.startswith("test_"):
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return f"{juesuan.__version__}-p{PART_FORMAT}-{h.hexdigest()[:12]}"


_CODE = {".py", ".yaml", ".yml", ".csv", ".json", ".txt", ".j2"}


class Store:
    def __init__(self, out: Path, key: str | None = None) -> None:
        self.out = out
        self.parts = out / "parts" / (key or cache_key())
        self.parts.mkdir(parents=True, exist_ok=True)
        for stale in self.parts.glob(".*.tmp"):  # left by a killed run
            stale.unlink(missing_ok=True)

    def _part(self, sha256: str) -> Path:
        return self.parts / f"{sha256}.json"

    def has(self, sha256: str) -> bool:
        return self._part(sha256).exists()

    def get(self, sha256: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self._part(sha256).read_text(encoding="utf-8"))
        return data

    def put(self, result: dict[str, Any]) -> None:
        sha = result["document"]["sha256"]
        keep = {k: result[k] for k in ("document", "findings", "statements", "cells")}
        write_atomic(self._part(sha), json.dumps(keep, ensure_ascii=False).encode("utf-8"))


def write_atomic(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the report from the reader's team
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_tables(out: Path, results: list[dict[str, Any]]) -> dict[str, int]:
    """Write ``<table>.parquet`` for the four tables from per-document ``results`` (in the
    order given); return the row counts. Each file appears whole or not at all."""
    import pyarrow.parquet as pq

    from juesuan.batch.schema import TABLES, derive, to_arrow

    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for r in results:
        rows["documents"].append(dict(r["document"]))
        for t in TABLES[1:]:
            rows[t].extend(derive(t, [dict(x) for x in r[t]]))
    counts = {}
    staging = Path(tempfile.mkdtemp(dir=out, prefix=".build-"))
    try:
        for t in TABLES:
            pq.write_table(to_arrow(t, rows[t]), staging / f"{t}.parquet")
            counts[t] = len(rows[t])
        for t in TABLES:
            os.replace(staging / f"{t}.parquet", out / f"{t}.parquet")
        write_duckdb(out, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def write_duckdb(out: Path, staging: Path) -> None:
    """``juesuan.duckdb``: the tables as views over the Parquet files (absolute paths, so
    the database opens from anywhere; ``juesuan sql`` rebuilds the views itself)."""
    import duckdb

    from juesuan.batch.schema import TABLES

    tmp = staging / "juesuan.duckdb"
    con = duckdb.connect(str(tmp))
    try:
        for t in TABLES:
            con.execute(view_sql(t, out / f"{t}.parquet"))
    finally:
        con.close()
    os.replace(tmp, out / "juesuan.duckdb")


def view_sql(table: str, parquet: Path) -> str:
    path = str(parquet.resolve()).replace("'", "''")
    return f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{path}')"


def clean_builds(out: Path) -> None:
    for stale in out.glob(".build-*"):
        shutil.rmtree(stale, ignore_errors=True)
