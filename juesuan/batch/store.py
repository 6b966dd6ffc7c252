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
import time
from collections.abc import Callable
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


def build_tables(
    out: Path,
    results: list[dict[str, Any]],
    finish: Callable[[Path], object] | None = None,
) -> dict[str, int]:
    """Write the four tables (and ``juesuan.duckdb``) from per-document ``results`` (in the
    order given) as one new generation, publish it, and return the row counts. ``finish``
    adds to the generation's folder before it is published (the report, made from it).

    A generation is a folder ``tables/<name>`` that is complete before anyone can see it;
    ``current`` is a symbolic link to the published one, replaced in one ``os.replace``.
    A reader that resolves ``current`` once (``juesuan sql``, ``juesuan.duckdb``, the
    report) therefore sees the four tables of one run, never a mix of two, whenever it
    reads and whenever a run is killed. The previous generation is kept for readers that
    resolved ``current`` just before the switch; older ones are removed.
    """
    import pyarrow.parquet as pq

    from juesuan.batch.schema import TABLES, derive, to_arrow

    counts = {}
    gens = out / GENERATIONS
    gens.mkdir(exist_ok=True)
    # Made in place: nothing names the folder until ``current`` does, and a folder a killed
    # run left unpublished is removed with the old ones by the next publication.
    gen = gens / f"{time.time_ns():020d}-{os.getpid()}"
    gen.mkdir(mode=0o755)
    try:
        for t in TABLES:  # one at a time: besides the parts, only its rows are held
            if t == "documents":
                rows = [dict(r["document"]) for r in results]
            else:
                rows = [row for r in results for row in derive(t, [dict(x) for x in r[t]])]
            pq.write_table(to_arrow(t, rows), gen / f"{t}.parquet")
            counts[t] = len(rows)
            del rows
        write_duckdb(gen)
        if finish is not None:
            finish(gen)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    before = current_tables(out)
    _symlink(out / CURRENT, gen.relative_to(out))
    for f in sorted(gen.iterdir()):  # the stable names: OUT/documents.parquet, OUT/report.html
        _symlink(out / f.name, Path(CURRENT) / f.name)
    keep = {gen.name, before.name if before is not None else ""}
    for old in gens.iterdir():
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return counts


GENERATIONS = "tables"
CURRENT = "current"


def current_tables(out: Path) -> Path | None:
    """The folder of the published generation (resolve once, then read every table from
    it); an older dataset's own folder when it has loose tables; None when it has none."""
    link = out / CURRENT
    if link.is_symlink():
        return link.resolve()
    if (out / "documents.parquet").is_file():
        return out
    return None


def _symlink(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` in one step, whatever was at ``link`` before."""
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def write_duckdb(folder: Path) -> None:
    """``juesuan.duckdb`` in ``folder``: the tables as views over its Parquet files
    (absolute paths, so the database opens from anywhere; ``juesuan sql`` makes its own
    views and needs no such file)."""
    import duckdb

    from juesuan.batch.schema import TABLES

    con = duckdb.connect(str(folder / "juesuan.duckdb"))
    try:
        for t in TABLES:
            con.execute(view_sql(t, folder / f"{t}.parquet"))
    finally:
        con.close()


def view_sql(table: str, parquet: Path) -> str:
    path = str(parquet.resolve()).replace("'", "''")
    return f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{path}')"


def clean_builds(out: Path) -> None:
    """Remove what a killed run left half made (a build folder, a link being replaced)."""
    for stale in out.glob(".build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
