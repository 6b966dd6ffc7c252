"""Load and crash figures for the web app, on loopback only, with bounded loops.

    PYTHONPATH=. python3 bench/web_load.py [--users 20] [--uploads 50] [--kill-uploads 20]

1. Load: ``--users`` reviewers browse (list, document, finding with its page image) while
   ``--uploads`` files are uploaded; reports request errors and the p95 time of a page
   (the checking itself runs in the worker pool and is not part of any request).
2. Crash: ``--kill-uploads`` more files are uploaded, the server is killed (SIGKILL, the
   whole process group) while the queue is busy, then started again; reports whether
   every upload finished.
Needs the web extra (httpx) and the samples in ``shared/`` (the seed text always).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mentougou-hrss-2023.txt"
PASSWORD = "bench-password-1"
DEADLINE = 900  # seconds: every loop below stops by then


def files() -> list[tuple[str, bytes]]:
    sys.path.insert(0, str(ROOT))
    from juesuan.testing import sample_pdf

    out = [("seed.txt", SEED.read_bytes())]
    if sample_pdf().exists():
        out.append(("shanghai.pdf", sample_pdf().read_bytes()))
    return out


def reset(url: str) -> None:
    """Empty the PostgreSQL database given for the run (a throwaway one: it is wiped)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def start(data: Path, port: int, workers: int, db: str | None) -> subprocess.Popen[bytes]:
    from juesuan.web.launch import start_server

    data.mkdir(parents=True, exist_ok=True)
    log = data / "server.log"
    proc, _ = start_server(data, log, workers=workers, db=db, port=port, own_group=True)
    return proc


def stop(proc: subprocess.Popen[bytes], hard: bool) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL if hard else signal.SIGTERM)
        proc.wait(timeout=30)


def token(base: str, name: str) -> dict[str, str]:
    r = httpx.post(base + "/api/tokens", json={"name": name, "password": PASSWORD}, timeout=30)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['token']}"}


def upload(base: str, h: dict[str, str], name: str, body: bytes) -> int:
    r = httpx.post(base + "/api/documents", headers=h, files=[("files", (name, body))], timeout=60)
    r.raise_for_status()
    return int(r.json()["documents"][0]["id"])


def statuses(base: str, h: dict[str, str]) -> dict[int, str]:
    docs = httpx.get(base + "/api/documents", headers=h, timeout=30).json()["documents"]
    return {d["id"]: d["status"] for d in docs}


def wait_all(
    base: str, h: dict[str, str], ids: set[int], limit: float
) -> tuple[float, dict[int, str]]:
    t0 = time.monotonic()
    st: dict[int, str] = {}
    while time.monotonic() - t0 < limit:
        st = statuses(base, h)
        if all(st.get(i) in ("done", "failed") for i in ids):
            break
        time.sleep(0.5)
    return time.monotonic() - t0, st


class Browser(threading.Thread):
    """One reviewer: signs in through the form, then browses until told to stop."""

    def __init__(self, base: str, name: str, stop_at: threading.Event, max_requests: int) -> None:
        super().__init__(daemon=True)
        self.base, self.name, self.stop_at, self.max = base, name, stop_at, max_requests
        self.times: list[float] = []
        self.by_kind: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def get(self, c: httpx.Client, path: str, kind: str) -> httpx.Response | None:
        t = time.perf_counter()
        try:
            r = c.get(self.base + path, timeout=60)
        except httpx.HTTPError as e:
            self.errors.append(f"{path}: {type(e).__name__}")
            return None
        self.times.append(time.perf_counter() - t)
        self.by_kind.setdefault(kind, []).append(self.times[-1])
        if r.status_code >= 400:
            self.errors.append(f"{path}: {r.status_code}")
        return r

    def run(self) -> None:
        rng = random.Random(self.name)
        with httpx.Client(follow_redirects=False) as c:
            page = c.get(self.base + "/login", timeout=30)
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
            r = c.post(
                self.base + "/login",
                timeout=30,
                data={
                    "name": self.name,
                    "password": PASSWORD,
                    "csrf": csrf.group(1) if csrf else "",
                },
            )
            if r.status_code != 303:
                self.errors.append(f"login: {r.status_code}")
                return
            n = 0
            while n < self.max and not self.stop_at.is_set():
                home = self.get(c, "/", "list")
                n += 1
                ids = re.findall(
                    r'<tr class="status-done" data-id="(\d+)"', home.text if home else ""
                )
                if not ids:
                    time.sleep(0.2)
                    continue
                doc = rng.choice(ids)
                view = self.get(c, f"/documents/{doc}", "document")
                fids = re.findall(r"\?finding=(\d+)", view.text if view else "")
                if fids:
                    one = self.get(c, f"/documents/{doc}?finding={rng.choice(fids)}", "finding")
                    img = re.search(
                        r'src="(/api/documents/\d+/pages/\d+\.png)"', one.text if one else ""
                    )
                    if img:
                        self.get(c, img.group(1), "page image")
                n += 3
                time.sleep(rng.uniform(0.05, 0.3))


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs, default=0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--uploads", type=int, default=50)
    ap.add_argument("--kill-uploads", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db", help="a throwaway PostgreSQL URL (emptied first); default SQLite")
    args = ap.parse_args()
    docs = files()
    t_start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="juesuan-web-load-") as tmp:
        data = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if args.db:
            reset(args.db)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "juesuan",
                "user",
                "add",
                "boss",
                "--admin",
                "--org",
                "压测局",
                "--data",
                str(data),
                *(["--db", args.db] if args.db else []),
            ],
            input=PASSWORD + "\n",
            text=True,
            check=True,
            env=env,
            capture_output=True,
        )
        from juesuan.web.launch import free_port

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start(data, port, args.workers, args.db)
        try:
            admin = token(base, "boss")
            for i in range(args.users):
                httpx.post(
                    base + "/api/users",
                    headers=admin,
                    timeout=30,
                    json={"name": f"u{i}", "password": PASSWORD},
                ).raise_for_status()
            # --- 1. load ---
            stop_at = threading.Event()
            users = [Browser(base, f"u{i}", stop_at, max_requests=400) for i in range(args.users)]
            for u in users:
                u.start()
            t0 = time.monotonic()
            up_times: list[float] = []
            ids: set[int] = set()
            for i in range(args.uploads):
                name, body = docs[i % len(docs)]
                t = time.perf_counter()
                ids.add(upload(base, admin, f"{i:03d}-{name}", body))
                up_times.append(time.perf_counter() - t)
            queue_s, st = wait_all(base, admin, ids, DEADLINE - (time.monotonic() - t_start))
            time.sleep(5)  # a little browsing of the finished list
            stop_at.set()
            for u in users:
                u.join(timeout=60)
            times = [x for u in users for x in u.times]
            errors = [e for u in users for e in u.errors]
            done = sum(1 for i in ids if st.get(i) == "done")
            print(
                f"load: {args.users} users browsing, {args.uploads} uploads ({', '.join(n for n, _ in docs)})"
            )
            print(
                f"  page requests {len(times)}, errors {len(errors)}{' ' + str(errors[:5]) if errors else ''}"
            )
            print(
                f"  page time p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95(times) * 1000:.0f} ms, "
                f"max {max(times) * 1000:.0f} ms"
            )
            for kind in ("list", "document", "finding", "page image"):
                xs = [x for u in users for x in u.by_kind.get(kind, [])]
                if xs:
                    print(
                        f"    {kind}: {len(xs)} requests, p50 {statistics.median(xs) * 1000:.0f} ms, "
                        f"p95 {p95(xs) * 1000:.0f} ms"
                    )
            print(f"  upload request p95 {p95(up_times) * 1000:.0f} ms")
            print(
                f"  queue: {done}/{len(ids)} done, {sum(1 for i in ids if st.get(i) == 'failed')} failed, "
                f"all finished {queue_s:.1f} s after the last upload (total {time.monotonic() - t0:.1f} s)"
            )
            # --- 2. kill mid-queue and restart ---
            more = {
                upload(base, admin, f"k{i:03d}-{n}", b)
                for i in range(args.kill_uploads)
                for n, b in [docs[i % len(docs)]]
            }
            end = time.monotonic() + 60
            while time.monotonic() < end:  # wait until the queue is busy
                st = statuses(base, admin)
                if any(st.get(i) == "checking" for i in more):
                    break
                time.sleep(0.05)
            finished_before = sum(1 for i in more if st.get(i) in ("done", "failed"))
            stop(proc, hard=True)
            print(
                f"crash: killed the server (SIGKILL) with {len(more) - finished_before}/{len(more)} uploads unfinished"
            )
            proc = start(data, port, args.workers, args.db)
            admin = token(base, "boss")
            secs, st = wait_all(base, admin, more, DEADLINE - (time.monotonic() - t_start))
            fin = sum(1 for i in more if st.get(i) in ("done", "failed"))
            lost = sum(1 for i in more if i not in st)
            print(
                f"  after restart: {fin}/{len(more)} finished ({sum(1 for i in more if st.get(i) == 'done')} done) "
                f"in {secs:.1f} s, {lost} lost"
            )
        finally:
            stop(proc, hard=False)


if __name__ == "__main__":
    main()
