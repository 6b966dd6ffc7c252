"""extract: the data read back from a document, with derived values computed exactly."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from juesuan.check.run import make_context
from juesuan.extract.dataset import dataset
from juesuan.testing import TITLE, doc_of

ROOT = Path(__file__).resolve().parents[2]


def data_of(text: str) -> dict[str, Any]:
    return dataset(make_context(doc_of(TITLE + "\n" + text)))


def test_previous_year_is_derived_exactly_from_the_stated_change() -> None:
    d = data_of(
        "2023年度收、支总计425,488,985.37元，比上年增加34,118,241.37元，增长8.7%。\n"
        "2023年度本年支出合计1,000.00元，比上年减少200.50元，下降16.7%。\n"
    )
    assert d["disclosure"]["上年"] == {"收支总计": "391370744.00", "本年支出合计": "1200.50"}
    assert d["disclosure"]["部门"] == "北京市东城区示例局"


def test_statements_keep_parts_shares_and_changes() -> None:
    d = data_of(
        "本年收入合计1,000.00元，比上年增加100.00元，增长11.1%，其中：财政拨款收入900.00元，"
        "占收入合计的90.0%；其他收入100.00元，占收入合计的10.0%。\n"
    )
    s = d["statements"][0]
    assert (s["concept"], s["value"], s["change"], s["rate"]) == (
        "本年收入合计",
        "1000.00",
        "100.00",
        "11.1",
    )
    assert [(p["concept"], p["value"], p["share"]) for p in s["parts"]] == [
        ("财政拨款收入", "900.00", "90.0"),
        ("其他收入", "100.00", "10.0"),
    ]
    assert s["location"]["line"] == 2


def test_template_residue_leaves_the_direction_unknown() -> None:
    d = data_of("基本支出0.00元，比年初预算增加（减少）0.00元，增长（减少）0.0%。\n")
    s = d["statements"][0]
    assert "change" not in s and s["change_words"] == "增加（减少）"


def test_cli_extract_yaml_and_json_on_the_seed(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "juesuan",
            "extract",
            "examples/mentougou-hrss-2023.txt",
            "-o",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 0, p.stderr
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["document"]["year"] == 2023
    assert d["disclosure"]["机关运行经费"] == {"本年": "6740576.59", "上年": "5364673.20"}
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "juesuan",
            "extract",
            "examples/mentougou-hrss-2023.txt",
            "-f",
            "yaml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "部门: 北京市门头沟区人力资源和社会保障局" in p.stdout
