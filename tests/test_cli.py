"""The CLI: the JSON contract (golden), CSV, directories, exit codes, bad input."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mentougou-hrss-2023.txt"
GOLDEN = ROOT / "tests" / "golden"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, cwd=cwd
    )


def _drop_timing(data: dict) -> dict:  # type: ignore[type-arg]
    for d in data["documents"]:
        d["stats"].pop("seconds")
    return data


def test_json_contract_matches_golden() -> None:
    p = run("check", "tests/golden/contract.txt", "--format", "json")
    assert p.returncode == 1, p.stderr
    got = _drop_timing(json.loads(p.stdout))
    want = _drop_timing(json.loads((GOLDEN / "contract.json").read_text(encoding="utf-8")))
    assert got == want
    doc = got["documents"][0]
    assert set(doc) >= {"path", "title", "year", "department", "profile", "stats", "findings"}
    f = doc["findings"][0]
    assert set(f) == {
        "rule",
        "severity",
        "message",
        "location",
        "related",
        "expected",
        "actual",
        "suggestion",
    }


def test_csv_has_one_row_per_finding() -> None:
    p = run("check", str(SEED), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    pj = json.loads(run("check", str(SEED), "--format", "json").stdout)
    assert len(rows) == len(pj["documents"][0]["findings"]) > 0
    assert {"rule", "line", "excerpt", "expected", "suggestion"} <= set(rows[0])


def test_terminal_report_groups_by_section_and_summarises() -> None:
    p = run("check", str(SEED))
    assert p.returncode == 1
    assert "四、一般公共预算财政拨款支出决算情况说明" in p.stdout
    assert "202年度" in p.stdout and "共 " in p.stdout


def test_clean_document_exits_0(tmp_path: Path) -> None:
    f = tmp_path / "ok.txt"
    f.write_text(
        "2023年度某局部门决算公开说明\n本年收入合计1,000.00元，比上年增加100.00元，增长11.1%。\n",
        encoding="utf-8",
    )
    p = run("check", str(f), "--format", "json")
    assert p.returncode == 0, p.stdout
    assert json.loads(p.stdout)["documents"][0]["findings"] == []


def test_directory_means_its_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    p = run("check", str(tmp_path), "--format", "json")
    docs = json.loads(p.stdout)["documents"]
    assert [Path(d["path"]).name for d in docs] == ["a.txt"]


def test_bad_inputs_exit_2_and_keep_other_results(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.docx"
    binary.write_bytes(b"\x00\xff" * 100)
    emptydir = tmp_path / "nothing"
    emptydir.mkdir()
    p = run(
        "check",
        str(empty),
        str(binary),
        str(emptydir),
        str(tmp_path / "missing.txt"),
        str(SEED),
        "--format",
        "json",
    )
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    for name, words in [
        ("empty.txt", "文件为空"),
        ("bin.docx", "docx"),
        ("nothing", "没有可检查"),
        ("missing.txt", "不存在"),
    ]:
        assert any(name in line and words in line for line in p.stderr.splitlines()), (
            name,
            p.stderr,
        )
    data = json.loads(p.stdout)
    assert len(data["documents"]) == 1 and len(data["errors"]) == 4


def test_unknown_profile_is_a_usage_error() -> None:
    p = run("check", str(SEED), "--profile", "mars")
    assert p.returncode == 2


def test_fix_lists_changes_and_exits_1_when_errors_remain(tmp_path: Path) -> None:
    out = tmp_path / "fixed.txt"
    p = run("fix", str(SEED), "-o", str(out))
    assert p.returncode == 1, p.stderr
    assert "第205行 [text.residue] 增加（减少）110,368.01元 → 减少110,368.01元" in p.stdout
    assert "未能自动修正" in p.stdout and out.exists()


def test_extract_bad_input_exit_2(tmp_path: Path) -> None:
    p = run("extract", str(tmp_path / "missing.pdf"))
    assert p.returncode == 2 and "不存在" in p.stderr
