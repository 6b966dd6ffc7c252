"""Load and crash figures for the web app, on loopback only, with bounded loops.

    PYTHONPATH=. python3 bench/web_load.py [--users 20] [--uploads 50] [--kill-uploads 20 (0: no crash)] [--db URL]

1. Load: ``--users`` reviewers sign in together (timed on its own), then browse (list,
   document, finding, its page image) while ``--uploads`` files are uploaded one after
   another; reports errors and p50/p95 per kind of request, uploads included. Only the
   checking (upload to done, in the worker pool) is left out of the times; it is reported
   as the queue's time. The client is one asyncio loop with a light keep-alive HTTP client
   (``http_client.py``). The server runs with ``JUESUAN_SERVER_TIMING=1``: each kind's
   times are also split into the server's own parts (``Server-Timing``), and the run
   reports CPU per request (server and client) and both event loops' lag (docs/web.md).
2. Crash: ``--kill-uploads`` more files are uploaded, the server is killed (SIGKILL, the
   whole process group) while the queue is busy, then started again; reports whether
   every upload finished.
Needs the web extra (httpx) and the samples in ``shared/`` (the seed text always).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from http_client import Http, Reply

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


def start(data: Path, port: int, args: argparse.Namespace) -> subprocess.Popen[bytes]:
    from juesuan.web.launch import start_server

    data.mkdir(parents=True, exist_ok=True)
    log = data / "server.log"
    proc, _ = start_server(data, log, workers=args.workers, db=args.db, port=port, own_group=True)
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


KINDS = ("list", "document", "finding", "page image", "upload")
PARTS = ("app", "wait", "db", "tpl")  # the server's Server-Timing parts (juesuan.web.timing)


class Timings:
    """Request times by page kind (end to end, and the server's own parts), and the failed
    requests."""

    def __init__(self) -> None:
        self.by_kind: dict[str, list[float]] = {k: [] for k in KINDS}
        self.server: dict[str, dict[str, list[float]]] = {k: {p: [] for p in PARTS} for k in KINDS}
        self.outside: dict[str, list[float]] = {k: [] for k in KINDS}  # end to end - app
        self.uploads: dict[str, list[float]] = {}  # upload times by file extension
        self.signins: list[float] = []
        self.errors: list[str] = []

    def record(self, kind: str, seconds: float, r: Reply) -> None:
        self.by_kind[kind].append(seconds)
        for item in r.headers.get("server-timing", "").split(","):
            name, _, dur = item.strip().partition(";dur=")
            if name in PARTS and dur:
                self.server[kind][name].append(float(dur) / 1000)
                if name == "app":
                    self.outside[kind].append(seconds - float(dur) / 1000)
        if r.status >= 400:
            self.errors.append(f"{kind}: {r.status}")

    async def get(self, c: Http, path: str, kind: str) -> Reply | None:
        t = time.perf_counter()
        try:
            r = await c.get(path)
        except (OSError, asyncio.IncompleteReadError, TimeoutError) as e:
            self.errors.append(f"{path}: {type(e).__name__}")
            return None
        self.record(kind, time.perf_counter() - t, r)
        return r


async def sign_in(c: Http, name: str, t: Timings) -> bool:
    """The sign-in form, timed as the "sign-in" kind (argon2 verification, by design the
    costliest request there is)."""
    t0 = time.perf_counter()
    try:
        page = await c.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        r = await c.post_form(
            "/login", {"name": name, "password": PASSWORD, "csrf": csrf.group(1) if csrf else ""}
        )
    except (OSError, asyncio.IncompleteReadError, TimeoutError) as e:
        t.errors.append(f"login: {type(e).__name__}")
        return False
    t.signins.append(time.perf_counter() - t0)
    if r.status != 303:
        t.errors.append(f"login: {r.status}")
        return False
    return True


async def browse(c: Http, name: str, stop_at: asyncio.Event, max_requests: int, t: Timings) -> None:
    """One signed-in reviewer browses (list, a document, one of its findings, that
    finding's page image) until told to stop."""
    rng = random.Random(name)
    n = 0
    while n < max_requests and not stop_at.is_set():
        home = await t.get(c, "/", "list")
        n += 1
        ids = re.findall(r'<tr class="status-done" data-id="(\d+)"', home.text if home else "")
        if not ids:
            await asyncio.sleep(0.2)
            continue
        doc = rng.choice(ids)
        view = await t.get(c, f"/documents/{doc}", "document")
        fids = re.findall(r"\?finding=(\d+)", view.text if view else "")
        if fids:
            one = await t.get(c, f"/documents/{doc}?finding={rng.choice(fids)}", "finding")
            img = re.search(r'src="(/api/documents/\d+/pages/\d+\.png)"', one.text if one else "")
            if img:
                await t.get(c, img.group(1), "page image")
        n += 3
        await asyncio.sleep(rng.uniform(0.05, 0.3))


async def upload_all(c: Http, docs: list[tuple[str, bytes]], n: int, t: Timings) -> set[int]:
    """``n`` uploads one after another, timed as the "upload" kind (receiving and storing
    the file; the check itself runs later in the worker pool)."""
    ids: set[int] = set()
    for i in range(n):
        name, body = docs[i % len(docs)]
        t0 = time.perf_counter()
        try:
            r = await c.post_files("/api/documents", "files", f"{i:03d}-{name}", body)
        except (OSError, asyncio.IncompleteReadError, TimeoutError) as e:
            t.errors.append(f"upload: {type(e).__name__}")
            continue
        t.record("upload", time.perf_counter() - t0, r)
        t.uploads.setdefault(name.rsplit(".", 1)[-1], []).append(t.by_kind["upload"][-1])
        if r.status == 201:
            ids.add(int(r.json()["documents"][0]["id"]))
    return ids


async def wait_checked(c: Http, ids: set[int], limit: float) -> tuple[float, dict[int, str]]:
    """Poll the queue every 0.5 s (not timed as a page) until every upload is finished."""
    t0 = time.monotonic()
    st: dict[int, str] = {}
    while time.monotonic() - t0 < limit:
        docs = (await c.get("/api/documents")).json()["documents"]
        st = {d["id"]: d["status"] for d in docs}
        if all(st.get(i) in ("done", "failed") for i in ids):
            break
        await asyncio.sleep(0.5)
    return time.monotonic() - t0, st


async def loop_lag(stop_at: asyncio.Event, lags: list[float], every: float = 0.02) -> None:
    """How late this client's own event loop runs: a late loop reads replies late and
    inflates the times it measures."""
    while not stop_at.is_set():
        t0 = time.perf_counter()
        await asyncio.sleep(every)
        lags.append(time.perf_counter() - t0 - every)


async def load(
    base: str,
    admin: dict[str, str],
    args: argparse.Namespace,
    docs: list[tuple[str, bytes]],
    limit: float,
) -> tuple[Timings, set[int], dict[int, str], float, float, list[float]]:
    host, port = base.rsplit("//", 1)[1].split(":")
    t = Timings()
    stop_at = asyncio.Event()
    lags: list[float] = []
    lagger = asyncio.create_task(loop_lag(stop_at, lags))
    clients = [Http(host, int(port)) for _ in range(args.users)]
    # everyone signs in at once first (a ramp-up, timed as its own kind), then the run
    names = [f"u{i}" for i in range(args.users)]
    ok = await asyncio.gather(*(sign_in(c, n, t) for c, n in zip(clients, names, strict=True)))
    users = [
        asyncio.create_task(browse(c, n, stop_at, 400, t))
        for c, n, signed in zip(clients, names, ok, strict=True)
        if signed
    ]
    t0 = time.monotonic()
    boss = Http(host, int(port), headers=admin)
    ids = await upload_all(boss, docs, args.uploads, t)
    queue_s, st = await wait_checked(boss, ids, limit)
    await asyncio.sleep(args.settle)  # browsing the finished list
    stop_at.set()
    await asyncio.gather(*users, lagger)
    for c in [*clients, boss]:
        await c.close()
    return t, ids, st, queue_s, time.monotonic() - t0, lags


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of one process so far, from /proc (Linux); its check
    workers are processes of their own and not counted."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs, default=0.0)


def stats(xs: list[float]) -> str:
    return (
        f"{len(xs):5d} requests, p50 {statistics.median(xs) * 1000:4.0f} ms, "
        f"p95 {p95(xs) * 1000:4.0f} ms, max {max(xs) * 1000:5.0f} ms"
    )


def short(xs: list[float]) -> str:
    if not xs:
        return "-"
    return f"{statistics.median(xs) * 1000:.0f}/{p95(xs) * 1000:.0f}"


def server_parts(t: Timings, kind: str) -> str:
    """The server's own times for one kind, p50/p95 in ms, and what is left outside it."""
    sv = t.server[kind]
    if not sv["app"]:
        return "no Server-Timing"
    outside = t.outside[kind]
    return (
        f"server {short(sv['app'])} (queued {short(sv['wait'])}, db {short(sv['db'])}, "
        f"templates {short(sv['tpl'])}); outside the server {short(outside)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--uploads", type=int, default=50)
    ap.add_argument("--kill-uploads", type=int, default=20)
    ap.add_argument("--workers", type=int, help="check workers (default: the server's own)")
    ap.add_argument(
        "--settle", type=float, default=5, help="seconds of browsing after the queue is empty"
    )
    ap.add_argument("--db", help="a throwaway PostgreSQL URL (emptied first); default SQLite")
    args = ap.parse_args()
    docs = files()
    t_start = time.monotonic()
    os.environ["JUESUAN_SERVER_TIMING"] = "1"  # the server's own parts of each time
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
        proc = start(data, port, args)
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
            load_before = os.getloadavg()
            cpu_before, own_before = cpu_seconds(proc.pid), time.process_time()
            limit = DEADLINE - (time.monotonic() - t_start)
            t, ids, st, queue_s, total_s, lags = asyncio.run(load(base, admin, args, docs, limit))
            cpu_server, cpu_client = (
                cpu_seconds(proc.pid) - cpu_before,
                time.process_time() - own_before,
            )
            done = sum(1 for i in ids if st.get(i) == "done")
            pages = [x for k in KINDS if k != "upload" for x in t.by_kind[k]]
            every = pages + t.by_kind["upload"]
            print(
                f"load: {args.users} users browsing, {args.uploads} uploads "
                f"({', '.join(n for n, _ in docs)}), {args.workers or 'default'} check workers, "
                f"{'PostgreSQL' if args.db else 'SQLite'}"
            )
            print(
                f"  machine load average {load_before[0]:.2f} at the start, "
                f"{os.getloadavg()[0]:.2f} at the end ({os.cpu_count()} cores)"
            )
            print(
                f"  requests {len(every)}, errors {len(t.errors)}"
                f"{' ' + str(t.errors[:5]) if t.errors else ''}"
            )
            print(
                f"  CPU per request: server {cpu_server / len(every) * 1000:.1f} ms "
                f"({cpu_server:.0f} s in {total_s:.0f} s), this client "
                f"{cpu_client / len(every) * 1000:.1f} ms (check workers not included)"
            )
            print(f"  every request (pages and uploads): {stats(every)}")
            print(f"  browsing pages only:               {stats(pages)}")
            for kind in KINDS:
                if t.by_kind[kind]:
                    print(f"    {kind:11s} {stats(t.by_kind[kind])}")
                    print(f"    {'':11s} p50/p95 ms: {server_parts(t, kind)}")
            for ext, xs in sorted(t.uploads.items()):
                print(f"      upload .{ext:4s} {stats(xs)}")
            if t.signins:
                print(f"  sign-in, all users at once before the run: {stats(t.signins)}")
            print(
                f"  queue (not timed as pages): {done}/{len(ids)} done, "
                f"{sum(1 for i in ids if st.get(i) == 'failed')} failed, all finished "
                f"{queue_s:.1f} s after the last upload (total {total_s:.1f} s)"
            )
            if lags:
                print(f"  client event loop lag: {stats(lags).replace('requests', 'samples')}")
            stop(proc, hard=False)  # its event loop's lag is written to its log on the way out
            log = (data / "server.log").read_text("utf-8", "replace")
            lag = [ln for ln in log.splitlines() if ln.startswith("event loop lag:")]
            print(f"  server {lag[-1] if lag else 'event loop lag: not reported'}")
            if not args.kill_uploads:
                return
            # --- 2. kill mid-queue and restart ---
            proc = start(data, port, args)
            admin = token(base, "boss")
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
            proc = start(data, port, args)
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
