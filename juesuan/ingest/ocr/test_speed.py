"""The speed-ups that must not change what is read: rule runs found by a morphological
opening are the runs a plain scan finds, the allocator keeps freed memory between pages,
and the detector on the grey channel finds the boxes RapidOCR's own steps find."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from juesuan.ingest.ocr import memory
from juesuan.ingest.ocr.bitmap import _runs


def _runs_plainly(mask: np.ndarray, length: int) -> np.ndarray:
    """Each row scanned: a run of ``length`` or more marks all its pixels."""
    out = np.zeros_like(mask)
    for y, row in enumerate(mask):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            end = x
            while end < len(row) and row[end]:
                end += 1
            if end - x >= length:
                out[y, x:end] = True
            x = end
    return out


@pytest.mark.parametrize("seed", range(6))
def test_runs_are_the_runs_a_plain_scan_finds(seed: int) -> None:
    rng = np.random.default_rng(seed)
    mask = rng.random((int(rng.integers(1, 30)), int(rng.integers(1, 60)))) < 0.75
    for length in (1, 2, 5, 9, 30):
        assert np.array_equal(_runs(mask, length), _runs_plainly(mask, length))
        assert np.array_equal(_runs(mask, length, axis=0), _runs_plainly(mask.T, length).T)


def test_a_run_reaching_the_edge_counts_and_a_short_one_does_not() -> None:
    mask = np.zeros((3, 20), dtype=bool)
    mask[0, 12:] = True  # 8 long, to the right edge
    mask[1, :7] = True  # 7 long, from the left edge
    mask[2, 3:10] = True
    got = _runs(mask, 8)
    assert got[0, 12:].all() and not got[1].any() and not got[2].any()


_FAULTS = """
import ctypes, resource
from juesuan.ingest.ocr import memory
libc = memory._libc()
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
size = 64 * 2**20
def faults():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    buf = libc.malloc(size)
    ctypes.memset(buf, 1, size)
    libc.free(buf)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
out = [faults()]
with memory.held():
    faults()
    out.append(faults())
out.append(faults())
print(*out)
"""


@pytest.mark.skipif(memory._libc() is None, reason="the C library is not glibc")
def test_held_memory_is_not_faulted_in_again_for_the_next_page() -> None:
    """Page faults for a block as large as a detector buffer, written and freed, in a
    fresh process (through malloc itself: numpy asks for huge pages)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[3])
    env = {**os.environ, "PYTHONPATH": root}
    run = subprocess.run(
        [sys.executable, "-c", _FAULTS], capture_output=True, text=True, env=env, check=True
    )
    fresh, held, released = (int(v) for v in run.stdout.split())
    pages = 64 * 2**20 // 4096
    assert fresh > pages // 2  # glibc maps a block this large afresh, page by page
    assert held < pages // 10  # held: the heap's pages, already there
    assert released > pages // 2  # released: the defaults again


def test_memory_settings_are_left_alone_off_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_libc", lambda: None)
    assert memory.hold() is False
    memory.release()  # nothing to undo, and no error


def test_openvino_networks_are_not_pinned_to_a_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OpenVINO pins a one-thread network to a core of its choosing, the same core in every
    process: two forked OCR workers then shared one core (8 pages: 26 s with two workers,
    24 s with one). The networks must leave scheduling to the system."""
    pytest.importorskip("openvino")
    rapidocr = pytest.importorskip("rapidocr_onnxruntime")
    from juesuan.ingest.ocr import backend

    monkeypatch.setenv("JUESUAN_OCR_CACHE", str(tmp_path))
    model = Path(rapidocr.__file__).parent / "models" / "ch_PP-OCRv4_rec_infer.onnx"
    if not model.exists():
        pytest.skip("this RapidOCR release ships other model files")
    net = backend.Net(model)
    out = net(np.zeros((1, 3, 48, 320), dtype=np.float32))
    assert out[0].shape[0] == 1
    assert net.request.get_compiled_model().get_property("ENABLE_CPU_PINNING") is False
