"""The first hour of a new user (issue 9): help and version, output paths, reports that
survive pipes and Excel, compose's output file, workbooks and Markdown tables read as
tables, scanned PDFs, and a PDF never composed without a Chinese font."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mentougou-hrss-2023.txt"
BEIJING = ROOT / "examples" / "mentougou-hrss-2023"
COMMANDS = ["check", "extract", "fix", "template", "compose"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


# ---- CLI ---------------------------------------------------------------------------------


def test_version() -> None:
    from juesuan import __version__

    p = run("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"juesuan {__version__}"


@pytest.mark.parametrize("cmd", [None, *COMMANDS])
def test_short_help_everywhere_in_clean_chinese(cmd: str | None) -> None:
    p = run(*([cmd] if cmd else []), "-h")
    assert p.returncode == 0, p.stderr
    assert "显示本帮助并退出" in p.stdout
    for junk in ("<list[", "[Path]", "<path>", "Show this message"):
        assert junk not in p.stdout, (junk, p.stdout)


def _out_cases(tmp: Path) -> list[tuple[str, list[str], Path]]:
    missing = tmp / "no-such-folder" / "out"
    return [
        ("check", ["check", str(SEED), "-o"], missing.with_suffix(".txt")),
        ("check", ["check", str(SEED), "-f", "json", "-o"], tmp),
        ("extract", ["extract", str(SEED), "-o"], missing.with_suffix(".json")),
        ("extract", ["extract", str(SEED), "-o"], tmp),
        ("fix", ["fix", str(SEED), "-o"], missing.with_suffix(".txt")),
        ("fix", ["fix", str(SEED), "-o"], tmp),
        ("compose", ["compose", str(BEIJING), "-o"], missing.with_suffix(".md")),
        ("compose", ["compose", str(BEIJING), "-o"], tmp),
    ]


def test_bad_output_paths_exit_2_naming_the_path(tmp_path: Path) -> None:
    for cmd, args, out in _out_cases(tmp_path):
        p = run(*args, str(out))
        assert p.returncode == 2, (cmd, out, p.stdout, p.stderr)
        assert "Traceback" not in p.stderr and "Error" not in p.stderr, p.stderr
        assert str(out) in p.stderr and ("不存在" in p.stderr or "目录" in p.stderr), p.stderr


def test_compose_extension_must_match_format(tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    p = run("compose", str(BEIJING), "-f", "pdf", "-o", str(out))
    assert p.returncode == 2 and ".pdf" in p.stderr and str(out) in p.stderr
    assert not out.exists()


def test_compose_default_output_is_the_current_folder(tmp_path: Path) -> None:
    before = sorted(x.name for x in BEIJING.iterdir())
    p = run("compose", str(BEIJING), "-f", "md", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    out = tmp_path / "mentougou-hrss-2023.md"
    assert out.exists() and p.stdout.strip() == out.name
    assert sorted(x.name for x in BEIJING.iterdir()) == before  # nothing into the input


def test_pdf_without_chinese_font_stops_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from juesuan import cli
    from juesuan.compose import fonts

    monkeypatch.setattr(fonts, "cjk_families", lambda: [])
    out = tmp_path / "x.pdf"
    r = CliRunner().invoke(cli.app, ["compose", str(BEIJING), "-f", "pdf", "-o", str(out)])
    assert r.exit_code == 2
    assert "中文的字体" in r.output and "fonts-noto-cjk" in r.output
    assert not out.exists()


def test_cjk_font_detection_agrees_with_fontconfig() -> None:
    import shutil

    from juesuan.compose.fonts import cjk_families

    fc = shutil.which("fc-list")
    if fc is None:
        pytest.skip("fc-list not installed (apt-get install fontconfig)")
    listed = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True).stdout
    assert bool(cjk_families()) == bool(listed.strip())


# ---- reports -----------------------------------------------------------------------------


def test_piped_and_written_reports_never_split_a_line(tmp_path: Path) -> None:
    piped = run("check", str(SEED)).stdout
    out = tmp_path / "r.txt"
    run("check", str(SEED), "-o", str(out))
    written = out.read_text(encoding="utf-8")
    data = json.loads(run("check", str(SEED), "-f", "json").stdout)
    excerpts = [
        f["location"]["excerpt"]
        for f in data["documents"][0]["findings"]
        if "\n" not in f["location"]["excerpt"]
    ]
    for text in (piped, written):
        assert "380,858,199.49元" in text
        lines = text.splitlines()
        for ex in excerpts:
            assert any(ex in ln for ln in lines), ex
        # no line that starts inside a number (",858,199.49元", ".65%")
        assert not [ln for ln in lines if re.match(r"^[,.，]\d|^\d*\.\d+%", ln)]


def test_csv_has_bom_and_sheet_page_line(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    run("check", str(SEED), "-f", "csv", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and {"sheet", "page", "line"} <= set(rows[0])
    assert all(r["line"].isdigit() for r in rows)


# ---- reading -----------------------------------------------------------------------------


def _template(tmp: Path) -> Path:
    p = run("template", "--profile", "beijing", "-o", str(tmp / "tpl"))
    assert p.returncode == 0, p.stderr
    return tmp / "tpl" / "tables.xlsx"


def test_template_workbook_sheets_are_their_own_tables(tmp_path: Path) -> None:
    from juesuan.check.run import check_document
    from juesuan.ingest import read
    from juesuan.tables.parse import parse_tables

    book = _template(tmp_path)
    doc = read(book)
    tables = parse_tables(doc, "元")
    # each sheet read as the table its title names (not as the sheet before it)
    assert [t.kind for t in tables] == [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
    ]
    # blank, it is an unfilled template: one plain note, nothing reported
    from juesuan.tables.unfilled import UNFILLED_NOTE

    rep = check_document(doc)
    assert rep.findings == [] and UNFILLED_NOTE in rep.notes
    # one line filled in (its code and name disagree): the finding names its sheet
    from openpyxl import load_workbook

    wb = load_workbook(book)
    ws = wb["收入决算表"]
    for col, value in enumerate(["201", "住房公积金", 100], start=1):
        ws.cell(row=4, column=col, value=value)
    wb.save(book)
    doc = read(book)
    rep = check_document(doc)
    assert rep.errors == 0, [f.message for f in rep.findings if f.severity == "error"]
    assert any(f.rule == "table.code_name" for f in rep.findings)
    assert all(f.location.sheet in doc.sheets for f in rep.findings)


def test_workbook_locations_name_sheet_and_row(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "封面"
    ws.append(["2023年度某局部门决算"])
    ws2 = wb.create_sheet("表3")
    ws2.append(["支出决算表"])
    ws2.append(["单位：万元"])
    ws2.append(["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"])
    ws2.append([201, "一般公共服务支出", 20.0, 10.0, 9.0])
    book = tmp_path / "b.xlsx"
    wb.save(book)
    p = run("check", str(book), "-f", "json")
    (f,) = [
        f for f in json.loads(p.stdout)["documents"][0]["findings"] if f["rule"] == "table.row_sum"
    ]
    assert f["location"]["sheet"] == "表3" and f["location"]["line"] == 4
    text = run("check", str(book)).stdout
    assert "工作表“表3” 第4行" in text


def test_markdown_pipe_tables_are_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    assert run("compose", str(BEIJING), "-o", str(good)).returncode == 0
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    doc = read(good)
    assert len(doc.tables) == 9
    rep = check_document(doc)
    assert "table.row_sum" in rep.ran and rep.errors == 0
    # one cell changed: the row no longer adds up, and the table check says where
    lines = good.read_text(encoding="utf-8").split("\n")
    i = next(i for i, ln in enumerate(lines) if ln.startswith("| 20805 |"))
    lines[i] = lines[i].replace("558,877.63 | 558,877.63", "558,877.63 | 548,877.63", 1)
    bad = tmp_path / "bad.md"
    bad.write_text("\n".join(lines), encoding="utf-8")
    found = [f for f in check_document(read(bad)).findings if f.rule.startswith("table.")]
    assert any(f.location.line == i + 1 for f in found), [(f.rule, f.location) for f in found]


def test_image_only_pdf_exits_2_with_the_note(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from juesuan.ingest.pdf import NO_TEXT_NOTE

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    scan = tmp_path / "scan.pdf"
    pdf.save(str(scan))
    p = run("check", str(scan), str(SEED), "-f", "json")
    assert p.returncode == 2
    assert NO_TEXT_NOTE in p.stderr and "scan.pdf" in p.stderr
    data = json.loads(p.stdout)
    assert len(data["documents"]) == 1 and data["errors"][0]["message"] == NO_TEXT_NOTE
    assert run("extract", str(scan)).returncode == 2


# ---- set-up and messages -----------------------------------------------------------------


def test_readme_apt_line_matches_the_test_script() -> None:
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    m = re.search(r"APT_PACKAGES=\(([^)]*)\)", script)
    assert m is not None
    wanted = set(m.group(1).split())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(ln for ln in readme.splitlines() if ln.startswith("sudo apt-get install"))
    assert set(line.split()[5:]) == wanted
    assert {"fonts-noto-cjk", "libharfbuzz-subset0", "libreoffice-writer-nogui"} <= wanted
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci and "apt-get" not in ci


def test_residue_messages_do_not_double_words() -> None:
    from juesuan.testing import check_text

    found = check_text(
        "（注：一级预算部门均公开，二级预算单位仅公开第三部分，请删除本注释。）\n"
        "（金额到分，加千分号，百分数留一位小数，以下同）"
    )
    msgs = [f.message for f in found if f.rule == "text.residue"]
    assert msgs and not [m for m in msgs if "模板模板" in m]


@pytest.mark.parametrize("example", ["mentougou-hrss-2023", "shanghai-putuo-czj-2024"])
def test_filled_compose_workbooks_give_no_false_errors(example: str) -> None:
    from juesuan.check.run import check_document
    from juesuan.ingest import read
    from juesuan.ingest.sheet import COMPOSE_INPUT_NOTE

    doc = read(ROOT / "examples" / example / "tables.xlsx")
    rep = check_document(doc)
    assert COMPOSE_INPUT_NOTE in rep.notes
    assert rep.errors == 0, [(f.rule, f.message) for f in rep.findings if f.severity == "error"]
    # the detail rows are still read as tables, and the table checks ran on them
    from juesuan.tables.parse import parse_tables

    assert "table.row_sum" in rep.ran and "table.levels" in rep.ran
    detail = [r for t in parse_tables(doc) for r in t.rows if len(r.code) >= 5 and r.values]
    assert detail
