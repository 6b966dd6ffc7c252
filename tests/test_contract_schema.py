"""The JSON contract is generated from its types, and real output has exactly that shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _round_trip(data: Any) -> Any:
    """``data`` validated against the contract's types and dumped back: equal to ``data``
    only when it has every key the types require and no key they do not know."""
    from pydantic import TypeAdapter

    from juesuan.model.contract import ContractJSON

    ta = TypeAdapter(ContractJSON)
    return ta.dump_python(ta.validate_python(data, strict=True), mode="json")


def test_committed_schema_is_generated_from_the_types() -> None:
    gen = ROOT / "scripts" / "gen_contract_schema.py"
    done = subprocess.run([sys.executable, str(gen), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_golden_output_has_exactly_the_contract_shape() -> None:
    golden = json.loads((ROOT / "tests" / "golden" / "contract.json").read_text("utf-8"))
    assert _round_trip(golden) == golden


def test_a_report_with_failures_has_the_contract_shape(tmp_path: Path) -> None:
    from juesuan import api
    from juesuan.report.json_report import to_dict

    report = api.check(ROOT / "examples" / "mentougou-hrss-2023.txt")
    out = json.loads(json.dumps(to_dict([report], [api.InputError(tmp_path / "x.pdf", "文件为空")])))
    assert out["errors"] and out["documents"][0]["findings"]
    assert _round_trip(out) == out


def test_an_unknown_key_breaks_the_shape() -> None:
    golden = json.loads((ROOT / "tests" / "golden" / "contract.json").read_text("utf-8"))
    golden["documents"][0]["extra"] = 1
    assert _round_trip(golden) != golden
