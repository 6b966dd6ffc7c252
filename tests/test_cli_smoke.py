import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mentougou-hrss-2023.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_json_output_on_seed_reports_malformed_year() -> None:
    p = run("check", str(SEED), "--format", "json")
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)
    doc = data["documents"][0]
    assert doc["year"] == 2023
    years = [f for f in doc["findings"] if f["rule"] == "date.malformed_year"]
    assert [f["location"]["line"] for f in years] == [113]
    assert years[0]["location"]["excerpt"] == "202年度"


def test_missing_file_exit_2_and_other_files_still_checked(tmp_path: Path) -> None:
    p = run("check", str(tmp_path / "nope.txt"), str(SEED), "--format", "json")
    assert p.returncode == 2
    assert "nope.txt" in p.stderr and "文件不存在" in p.stderr
    assert len(json.loads(p.stdout)["documents"]) == 1
