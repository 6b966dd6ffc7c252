"""The web app's own CPU per page, without HTTP or concurrency: what bench/web_load.py's
times are made of once the queueing is taken away.

    PYTHONPATH=. python3 bench/web_cpu.py [--repeat 200]

Checks the seed text and the Shanghai sample (when present) with a real server, copies
their rows until the list holds 50 documents (SQLite), then calls the app directly on one
event loop with the handlers run inline, and reports process CPU time per request for the
list, each document's page, one finding of it, and a cached page image."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password-1"


def prepare(data: Path) -> None:
    """A data folder with the sample documents checked, and copies up to 50 in the list."""
    import httpx

    sys.path.insert(0, str(ROOT))
    from juesuan.testing import sample_pdf
    from juesuan.web.launch import start_server

    cmd = [sys.executable, "-m", "juesuan", "user", "add", "boss", "--data", str(data)]
    subprocess.run(cmd, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    files = [("seed.txt", (ROOT / "examples" / "mentougou-hrss-2023.txt").read_bytes())]
    if sample_pdf().exists():
        files.append(("shanghai.pdf", sample_pdf().read_bytes()))
    proc, base = start_server(data, data / "server.log", workers=1)
    try:
        r = httpx.post(base + "/api/tokens", json={"name": "boss", "password": PASSWORD})
        h = {"Authorization": f"Bearer {r.json()['token']}"}
        for name, body in files:
            up = httpx.post(base + "/api/documents", headers=h, files=[("files", (name, body))])
            up.raise_for_status()
        end = time.monotonic() + 300
        while time.monotonic() < end:
            docs = httpx.get(base + "/api/documents", headers=h).json()["documents"]
            if all(d["status"] in ("done", "failed") for d in docs):
                break
            time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    db = sqlite3.connect(data / "juesuan.db")
    cols = [r[1] for r in db.execute("PRAGMA table_info(documents)") if r[1] != "id"]
    n = len(files)
    for i in range(50 - n):
        db.execute(
            f"INSERT INTO documents ({','.join(cols)}) SELECT {','.join(cols)} "
            "FROM documents WHERE id = ?",
            (i % n + 1,),
        )
    db.commit()
    db.close()


def measure(data: Path, repeat: int) -> None:
    import anyio.to_thread

    async def inline(func: Any, *args: Any, **_kw: Any) -> Any:  # handlers on this thread
        return func(*args)

    anyio.to_thread.run_sync = inline  # type: ignore[assignment]
    from sqlalchemy import select

    from juesuan.web.app import create_app
    from juesuan.web.auth import open_session
    from juesuan.web.config import Settings
    from juesuan.web.db import User

    app = create_app(Settings(data_dir=data, workers=1, worker_mode="thread"))
    with app.state.sessions() as db:
        raw = open_session(db, db.scalars(select(User)).one(), 1)
    cookie = f"juesuan_session={raw}".encode()

    async def get(path: str) -> tuple[int, bytes]:
        p, _, q = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": p,
            "raw_path": p.encode(),
            "query_string": q.encode(),
            "root_path": "",
            "headers": [(b"host", b"bench"), (b"cookie", cookie)],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        out: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(m: dict[str, Any]) -> None:
            out.append(m)

        await app(scope, receive, send)
        return out[0]["status"], b"".join(m.get("body", b"") for m in out[1:])

    async def run() -> None:
        paths = {"list (50 documents)": "/"}
        for d in ("1", "2"):  # the checked originals (the copies have no finding rows)
            _, page = await get(f"/documents/{d}")
            fids = re.findall(rb"\?finding=(\d+)", page)
            kind = f"document {d} ({len(set(fids))} findings)"
            paths[kind] = f"/documents/{d}"
            if fids:
                paths[f"  one finding of {d}"] = f"/documents/{d}?finding={fids[0].decode()}"
                _, one = await get(paths[f"  one finding of {d}"])
                img = re.search(rb'src="(/api/documents/\d+/pages/\d+\.png)"', one)
                if img:
                    paths["page image"] = img.group(1).decode()
        for kind, path in paths.items():
            status, _ = await get(path)  # warm: kept values made, caches filled
            assert status == 200, (kind, status)
            t0 = time.process_time()
            for _ in range(repeat):
                await get(path)
            cpu = (time.process_time() - t0) / repeat * 1000
            print(f"  {kind:32s} {cpu:5.2f} ms CPU per request")

    print(f"web CPU per request, in-process (load average {os.getloadavg()[0]:.2f}):")
    asyncio.run(run())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="juesuan-web-cpu-") as tmp:
        data = Path(tmp)
        prepare(data)
        measure(data, args.repeat)


if __name__ == "__main__":
    main()
