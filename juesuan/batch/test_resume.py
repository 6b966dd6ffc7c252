"""kill -9 a batch at random moments, re-run: the dataset equals an uninterrupted run's."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from juesuan.batch.test_batch import tables
from juesuan.batch.testdata import make_inputs

ROOT = Path(__file__).resolve().parents[2]


def _batch(inputs: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "juesuan", "batch", str(inputs), "-o", str(out), "-w", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # its own process group, so the test can tidy up orphans
    )


def test_killed_batches_resume_to_the_same_dataset(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in", n_generated=4, corpus=1)
    clean = tmp_path / "clean"
    t0 = time.monotonic()
    assert _batch(inputs, clean).wait() == 2  # broken.pdf and empty.txt are unusable
    span = time.monotonic() - t0

    out = tmp_path / "killed"
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    kills: list[tuple[float, int]] = []  # (seconds after start, parts done by then)
    for _ in range(10):  # until three runs were really killed (a resumed run is shorter)
        if len(kills) == 3:
            break
        p = _batch(inputs, out)
        delay = rng.uniform(0.2, 0.8 * span)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            kills.append((round(delay, 2), len(list(out.glob("parts/*/*.json")))))
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)  # worker processes the kill orphaned
    assert len(kills) == 3, f"seed {seed}: {kills}"
    assert _batch(inputs, out).wait() == 2
    assert tables(out) == tables(clean), f"seed {seed}, kills (s, parts): {kills}"
    assert not list(out.glob(".build-*")) and not list((out / "parts").rglob(".*.tmp"))
