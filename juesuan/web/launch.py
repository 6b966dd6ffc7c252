"""Start ``juesuan serve`` as a child process on a free loopback port and wait until it
answers: shared by the end-to-end test and ``bench/web_load.py``."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    data: Path,
    log: Path,
    *,
    workers: int | None = 1,
    db: str | None = None,
    port: int | None = None,
    own_group: bool = False,
    timeout: float = 60,
    extra: tuple[str, ...] = (),
) -> tuple[subprocess.Popen[bytes], str]:
    """The server process and its base URL, once ``/login`` answers 200 (on ``port``, or a
    free one). ``own_group`` puts
    it in a process group of its own, so that a kill of the group reaches its workers too.
    ``extra`` are more ``serve`` options; ``workers=None`` leaves the server's default. Raises ``RuntimeError`` with the server's log when it exits or does not answer in time."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "juesuan", "serve", "--data", str(data), "--port", str(port)]
    cmd += ["--workers", str(workers)] if workers else []
    cmd += [*(["--db", db] if db else []), *extra]
    with log.open("ab") as fh:
        proc = subprocess.Popen(
            cmd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=own_group
        )
    base = f"http://127.0.0.1:{port}"
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(base + "/login", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"juesuan serve did not start:\n{log.read_text('utf-8', 'replace')}")
