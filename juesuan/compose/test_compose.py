"""compose: wording from the shared identities, input validation, examples that check clean."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from juesuan.compose.derive import Words
from juesuan.compose.load import ComposeError, load_dir, parse_disclosure, yaml_load
from juesuan.compose.render import compose
from juesuan.compose.tables import SPEC, Row, complete
from juesuan.compose.workbook import read_tables, to_decimal, write_template

ROOT = Path(__file__).resolve().parents[2]
BEIJING = ROOT / "examples" / "mentougou-hrss-2023"
SHANGHAI = ROOT / "examples" / "shanghai-putuo-czj-2024"
BJ = Words("元", 2, True, 1)
SH = Words("万元", 2, False, 2)


def test_change_wording_follows_sign_and_conventions() -> None:
    assert BJ.chg(D("425488595.46"), D("389409145.45"), "上年") == (
        "比上年增加36,079,450.01元，增长9.3%"
    )
    assert BJ.chg(D("9096380.73"), D("9762804.03"), "年初预算") == (
        "比年初预算减少666,423.30元，下降6.8%"
    )
    assert BJ.chg(D("20000.00"), D("20000.00"), "年初预算") == "与年初预算持平"
    assert BJ.chg(D("1800000.00"), D("0"), "年初预算").endswith("增长100.0%")
    assert SH.chg(D("184.65"), D("182.10"), "2023年度") == "比2023年度增加2.55万元，增长1.40%"


def test_share_and_comparison() -> None:
    assert BJ.share(D("20000"), D("409069439.25")) == "0.0%"
    assert SH.done(D("2940.05"), D("2993.92")) == "98.20%"
    assert SH.cmp(D("1"), D("2")) == "小于" and SH.cmp(D("2"), D("2")) == "等于"
    assert BJ.a(D("6726.398")) == "6,726.40元"


def test_yaml_numbers_are_decimal_not_float() -> None:
    raw = yaml_load("a: 1800000.10\nb: 0.1\n")
    assert raw == {"a": D("1800000.10"), "b": D("0.1")}
    assert isinstance(raw["a"], D)


def test_yaml_errors_name_the_chinese_field() -> None:
    _, errs = parse_disclosure(
        {"部门": "某局", "年度": 2023, "地区": "tianjin", "上年": {}, "多余": 1}
    )
    text = "\n".join(errs)
    assert "地区：取值不在允许范围内" in text
    assert "上年.收支总计：缺少必填字段" in text
    assert "多余：未知字段" in text


def test_float_cells_become_exact_decimals() -> None:
    assert to_decimal(0.1) == D("0.1")
    assert to_decimal(409069439.25) == D("409069439.25")
    assert to_decimal("1,800,000.00") == D("1800000.00")
    with pytest.raises(ValueError):
        to_decimal("十元")


def test_parents_are_summed_and_typed_parent_must_agree() -> None:
    spec = SPEC["t5"]
    errs: list[str] = []
    t = complete(
        spec,
        [
            Row("208", "社会保障和就业支出", {"基本支出": D("5")}, source=4),
            Row("20805", "行政事业单位养老支出", {}, source=5),
            Row("2080501", "行政单位离退休", {"基本支出": D("3")}, source=6),
            Row("2080505", "机关事业单位基本养老保险缴费支出", {"基本支出": D("1")}, source=7),
        ],
        errs,
    )
    assert t.row("20805").values["基本支出"] == D("4")  # type: ignore[union-attr]
    assert len(errs) == 1 and "第4行" in errs[0] and "下级科目合计为4" in errs[0]


def test_workbook_errors_name_sheet_and_row(tmp_path: Path) -> None:
    p = tmp_path / "t.xlsx"
    rows: dict[str, list[list[Any]]] = {
        "t2": [["208", "社会保障和就业支出"], ["2080", "坏编码", D("1")], ["20805", "养老", "abc"]]
    }
    write_template(p, "元", rows)
    errs: list[str] = []
    read_tables(p, errs)
    assert any("工作表“收入决算表”第5行" in e and "位数不对" in e for e in errs)
    assert any("工作表“收入决算表”第6行“财政拨款收入”" in e and "不是数字" in e for e in errs)


def test_missing_reason_is_reported(tmp_path: Path) -> None:
    import shutil

    d = tmp_path / "x"
    shutil.copytree(BEIJING, d)
    y = d / "disclosure.yaml"
    y.write_text(y.read_text("utf-8").replace('    "20807": 项目增加\n', ""), "utf-8")
    b = load_dir(d)
    with pytest.raises(ComposeError) as e:
        compose(b, "md", d / "out.md")
    assert any("就业补助" in p and "20807" in p for p in e.value.problems)


def _clean(path: Path) -> list[str]:
    from juesuan.check.run import check_document
    from juesuan.ingest import read

    rep = check_document(read(path))
    return [
        f"{f.rule} {f.message} {f.location.excerpt}" for f in rep.findings if f.severity != "info"
    ]


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_beijing_example_composes_clean(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"bj.{fmt}"
    compose(load_dir(BEIJING), fmt, out)
    assert _clean(out) == []
    from juesuan.ingest import read

    text = "\n".join(ln.text for ln in read(out).lines)
    for residue in ("增加（减少）", "增长（下降）", "202年度", "请结合", "None"):
        assert residue not in text
    assert "2023年度本年收入合计425,488,595.46元，比上年增加36,079,450.01元，增长9.3%" in text
    assert "“卫生健康支出”（类）2023年度决算20,000.00元，与2023年年初预算持平" in text


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_shanghai_example_composes_clean(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"sh.{fmt}"
    compose(load_dir(SHANGHAI), fmt, out)
    assert _clean(out) == []
    from juesuan.ingest import read

    text = "\n".join(ln.text for ln in read(out).lines)
    for residue in ("增加（减少）", "请结合", "None", "0.3万元"):
        assert residue not in text
    # The sample's contradictions, resolved from its own tables (see the example's README).
    assert "财政拨款收入支出总计2961.68万元" in text
    assert "一般公共服务支出（类）2106.66万元，占71.65%" in text
    assert "社会保障和就业支出（类）326.71万元" in text
    assert "完成年初预算的98.20%" in text


def test_shanghai_previous_totals_optional_beijing_requires_them(tmp_path: Path) -> None:
    import shutil

    d = tmp_path / "bj"
    shutil.copytree(BEIJING, d)
    y = d / "disclosure.yaml"
    lines = y.read_text("utf-8").splitlines(keepends=True)
    y.write_text("".join(ln for ln in lines if "本年收入合计:" not in ln), "utf-8")
    with pytest.raises(ComposeError) as e:
        compose(load_dir(d), "md", d / "out.md")
    assert any("上年.本年收入合计" in p for p in e.value.problems)


def test_wide_sangong_table_gets_a_landscape_page(tmp_path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT

    from juesuan.compose.render import blocks_of, to_html

    b = load_dir(SHANGHAI)
    html = to_html(blocks_of(b), "t")
    assert html.count(' landscape">') == 1
    assert 'class="table short"' in html  # empty fund tables stay with their note
    out = tmp_path / "sh.docx"
    compose(b, "docx", out)
    doc = docx.Document(str(out))
    turned = [s for s in doc.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(turned) == 1
    assert (turned[0].page_width or 0) > (turned[0].page_height or 0)
    assert doc.sections[-1].orientation == WD_ORIENT.PORTRAIT


def test_docx_uses_east_asian_fonts(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "bj.docx"
    compose(load_dir(BEIJING), "docx", out)
    d = docx.Document(str(out))
    assert len(d.tables) == 9
    body = next(p for p in d.paragraphs if p.text.startswith("2023年度本年收入合计"))
    assert 'w:eastAsia="仿宋_GB2312"' in body._p.xml


def test_template_scaffold_roundtrip(tmp_path: Path) -> None:
    from juesuan.compose.scaffold import write_scaffold

    paths = write_scaffold(tmp_path, "beijing")
    assert [p.name for p in paths] == ["disclosure.yaml", "tables.xlsx", "disclosure.schema.json"]
    errs: list[str] = []
    t = read_tables(paths[1], errs)
    assert errs == [] and t is not None and t.income_total == 0


def test_published_schema_is_current() -> None:
    import json

    from juesuan.compose.scaffold import schema

    published = json.loads(
        (ROOT / "juesuan" / "schema" / "disclosure.schema.json").read_text("utf-8")
    )
    assert published == schema()


def test_shanghai_pdf_checks_clean_with_sangong_page_turned(tmp_path: Path) -> None:
    from juesuan.testing import need_cjk_font

    need_cjk_font()
    import pypdfium2 as pdfium

    out = tmp_path / "sh.pdf"
    compose(load_dir(SHANGHAI), "pdf", out)
    assert _clean(out) == []
    pdf = pdfium.PdfDocument(str(out))
    turned = []
    for i in range(len(pdf)):
        w, h = pdf[i].get_size()
        if w > h:
            turned.append(pdf[i].get_textpage().get_text_range())
    assert len(turned) == 1 and "三公" in turned[0]
