"""The engine's networks run by OpenVINO where it is installed (part of the ``ocr`` extra).

RapidOCR runs its detector and recogniser on onnxruntime. OpenVINO runs the same model
files (the ones in RapidOCR's wheel) in full float32 precision about twice as fast on this
machine's CPU: the detector on an A4 page at 170 dpi 0.9 against 1.9 CPU-s, a recogniser
crop 0.022 against 0.041 (one thread each); their outputs differ by at most 3e-4 (the
detector's probability map) and 3e-6 (the recogniser's). Its default on a CPU with bf16
units is bf16, twice as fast again but up to 1.0 off on the map: not used. RapidOCR's own
pre- and post-processing stay as they are; only the two sessions are swapped.

``JUESUAN_OCR_BACKEND=onnxruntime`` keeps onnxruntime (it is also what runs where OpenVINO
is not installed).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# one thread, one stream: pages run in parallel processes instead (see engine.SETTINGS);
# full precision, so that the boxes and the readings are onnxruntime's; not pinned to a core,
# since OpenVINO picks the same core in every process and two OCR workers then share it
CONFIG = {
    "INFERENCE_NUM_THREADS": "1",
    "NUM_STREAMS": "1",
    "INFERENCE_PRECISION_HINT": "f32",
    "ENABLE_CPU_PINNING": "NO",
}


def name() -> str:
    """The backend the engine runs on: ``openvino`` where installed and not turned off."""
    import importlib.util

    if os.environ.get("JUESUAN_OCR_BACKEND", "").strip().lower() == "onnxruntime":
        return "onnxruntime"
    return "openvino" if importlib.util.find_spec("openvino") is not None else "onnxruntime"


class Net:
    """One model file compiled by OpenVINO, called as RapidOCR calls its sessions (the
    input array in, a list holding the first output out)."""

    def __init__(self, model: Path) -> None:
        import openvino as ov

        from juesuan.ingest.ocr.paths import cache_folder

        keep = cache_folder()
        if keep is not None:  # compiled once (0.8 CPU-s), later loaded (0.2): OpenVINO's cache
            try:
                core = ov.Core()
                core.set_property({"CACHE_DIR": str(keep / "openvino")})
                self.request = core.compile_model(str(model), "CPU", CONFIG).create_infer_request()
                return
            except RuntimeError:  # a folder it cannot write: compiled each time instead
                pass
        core = ov.Core()
        self.request = core.compile_model(str(model), "CPU", CONFIG).create_infer_request()

    def __call__(self, x: Any) -> list[Any]:
        import numpy as np

        out = self.request.infer({0: x})[0]
        return [np.array(out, copy=True)]  # the request's buffer is reused by the next call


def swap(eng: Any) -> None:
    """The detector's and the recogniser's sessions of a RapidOCR engine replaced by
    OpenVINO's (the recogniser keeps its character list, read at start from the model)."""
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    det, rec = models / "ch_PP-OCRv4_det_infer.onnx", models / "ch_PP-OCRv4_rec_infer.onnx"
    if det.exists() and rec.exists():  # another RapidOCR release: its own sessions stay
        eng.text_det.infer = Net(det)
        eng.text_rec.session = Net(rec)
