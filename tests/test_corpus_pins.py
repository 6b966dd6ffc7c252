"""Pinned readings of real disclosures, one or more per PDF producer family.

Every value below was checked by eye against the rendered page (``pdftoppm -r 60``); the
page is the PDF's page index (what findings report), not the number printed on the page.
Skips when the corpus is absent.
"""

from __future__ import annotations

from functools import cache

import pytest

from juesuan.testing import shared_dir

FILES = shared_dir() / "corpus" / "files"

# (file, producer family, table kind, row code or name, column, value as printed, page)
PINS = [
    ("budget-2026-shenzhen-003.pdf", "iText", "支出总表", "201", "合计", "3459.13", 18),
    ("budget-2026-shenzhen-003.pdf", "iText", "支出总表", "201", "基本支出", "1866.84", 18),
    ("budget-2026-shenzhen-003.pdf", "iText", "支出总表", "201", "项目支出", "1592.29", 18),
    ("budget-2026-suzhou-001.pdf", "Aspose(WPS-made)", "支出总表", "合计", "合计", "4651.67", 11),
    (
        "budget-2026-suzhou-001.pdf",
        "Aspose(WPS-made)",
        "支出总表",
        "合计",
        "基本支出",
        "4312.17",
        11,
    ),
    (
        "budget-2026-suzhou-001.pdf",
        "Aspose(WPS-made)",
        "支出总表",
        "2010801",
        "合计",
        "2342.00",
        11,
    ),
    (
        "fuzhou-medinsurance-2026-dept-budget.pdf",
        "Aspose(Word-made)",
        "一般公共预算支出表",
        "合计",
        "项目支出",
        "344063.64",
        14,
    ),
    (
        "fuzhou-medinsurance-2026-dept-budget.pdf",
        "Aspose(Word-made)",
        "一般公共预算支出表",
        "2080501",
        "合计",
        "178.51",
        14,
    ),
    (
        "shenzhen-civil-affairs-2026-dept-budget-ofd.pdf",
        "OFD",
        "一般公共预算支出表",
        "208",
        "合计",
        "7366.68",
        28,
    ),
    (
        "shenzhen-civil-affairs-2026-dept-budget-ofd.pdf",
        "OFD",
        "一般公共预算支出表",
        "20802",
        "基本支出",
        "3222.33",
        28,
    ),
    (
        "fuzhou-police-civilian-center-2026-unit-budget-foxit.pdf",
        "Foxit",
        "支出总表",
        "合计",
        "合计",
        "6053.42",
        9,
    ),
    (
        "fuzhou-police-civilian-center-2026-unit-budget-foxit.pdf",
        "Foxit",
        "支出总表",
        "2080505",
        "基本支出",
        "341.49",
        9,
    ),
    (
        "beijing-econ-it-2026-dept-budget-tables-printtopdf.pdf",
        "Print-to-PDF",
        "财政拨款“三公”经费支出表",
        "",
        "合计",
        "203.730277",
        15,
    ),
    (
        "beijing-econ-it-2026-dept-budget-tables-printtopdf.pdf",
        "Print-to-PDF",
        "财政拨款“三公”经费支出表",
        "",
        "公务用车运行费",
        "59.198152",
        15,
    ),
    (
        "beijing-govoffice-2026-dept-budget-tables-pdfium.pdf",
        "finance system",
        "收支总表",
        "一般公共预算拨款收入",
        "预算数",
        "5131.706333",
        1,
    ),
    (
        "beijing-govoffice-2026-dept-budget-tables-pdfium.pdf",
        "finance system",
        "收支总表",
        "支出总计",
        "预算数",
        "5133.737491",
        1,
    ),
    (
        "jiangsu-swbgt-2017-budget-tables.pdf",
        "Acrobat/Adobe",
        "一般公共预算基本支出表",
        "合计",
        "合计",
        "9964.07",
        6,
    ),
    (
        "jiangsu-swbgt-2017-budget-tables.pdf",
        "Acrobat/Adobe",
        "一般公共预算基本支出表",
        "30102",
        "合计",
        "2296.92",
        6,
    ),
    (
        "foshan-rail-transit-2019-dept-final.pdf",
        "Word",
        "支出决算表",
        "合计",
        "项目支出",
        "921.75",
        10,
    ),
    (
        "foshan-rail-transit-2019-dept-final.pdf",
        "Word",
        "支出决算表",
        "2080505",
        "基本支出",
        "53.45",
        10,
    ),
    ("budget-2026-fuzhou-003.pdf", "WPS 文字", "支出总表", "合计", "基本支出", "1063.27", 9),
    ("budget-2026-fuzhou-003.pdf", "WPS 文字", "支出总表", "2080501", "合计", "42.18", 9),
    (
        "budget-na-beijing-050.pdf",
        "WPS 表格",
        "一般公共预算支出表",
        "2080201",
        "人员经费",
        "9245.100605",
        9,
    ),
    (
        "budget-na-beijing-050.pdf",
        "WPS 表格",
        "一般公共预算支出表",
        "2050803",
        "项目支出",
        "254.300000",
        9,
    ),
    (
        "budget-2026-xian-004.pdf",
        "none",
        "一般公共预算支出表",
        "合计",
        "公用经费",
        "1985851.68",
        26,
    ),
    (
        "budget-2026-xian-004.pdf",
        "none",
        "一般公共预算支出表",
        "2010801",
        "合计",
        "23382409.50",
        26,
    ),
    (
        "jiangsu-zxbgt-2019-budget-tables.pdf",
        "Excel",
        "一般公共预算基本支出表",
        "301",
        "合计",
        "4367.96",
        6,
    ),
    (
        "jiangsu-procuratorate-2017-budget.pdf",
        "WPS (other)",
        "财政拨款支出表",
        "2040401",
        "合计",
        "7968.14",
        12,
    ),
    (
        "jiangsu-procuratorate-2017-budget.pdf",
        "WPS (other)",
        "一般公共预算基本支出表",
        "合计",
        "合计",
        "12308.48",
        12,
    ),
    # turned 三公 table (rows 预算数 | 决算数 under the items)
    (
        "xian-health-commission-2022-dept-final-consolidated.pdf",
        "none",
        "财政拨款“三公”经费支出决算表",
        "",
        "公务用车运行费/决算数",
        "450.96",
        161,
    ),
    # header broken by the page: 收入|支出 on p10, the rest of the header and the body on p11
    (
        "jiangsu-highcourt-2018-budget.pdf",
        "Word",
        "财政拨款收支总表",
        "项目支出",
        "预算数",
        "11343.27",
        11,
    ),
    # 本年预算 is this year's budget column
    (
        "budget-2026-changchun-001.pdf",
        "WPS 文字",
        "财政拨款收支总表",
        "社会保障和就业支出",
        "预算数",
        "178.42",
        9,
    ),
    # 类 301 | 款 2: the 0 of 02 lost in the split code columns
    (
        "shanghai-putuo-wanli-2024-dept-budget.pdf",
        "WPS (other)",
        "一般公共预算基本支出表",
        "30102",
        "合计",
        "16623810",
        29,
    ),
]


@cache
def _tables(name: str) -> list:
    from juesuan.check.run import make_context
    from juesuan.ingest import read
    from juesuan.tables import tables_of

    return tables_of(make_context(read(FILES / name)))


@pytest.mark.skipif(not FILES.is_dir(), reason=f"语料目录不存在：{FILES}")
@pytest.mark.parametrize(("name", "family", "kind", "key", "column", "value", "page"), PINS)
def test_pinned_cell(
    name: str, family: str, kind: str, key: str, column: str, value: str, page: int
) -> None:
    tables = [t for t in _tables(name) if t.kind == kind]
    assert tables, f"{name}: 《{kind}》 not recognized ({family})"
    t = tables[0]
    row = t.find(key) if key else next(r for r in t.rows if r.values)
    assert row is not None, f"{name}: row {key} missing in 《{kind}》"
    q = row.values.get(column)
    assert q is not None and str(q.value) == value, (name, key, column, q)
    assert row.cells[column].page == page


def test_every_family_pinned() -> None:
    fams = {p[1] for p in PINS}
    assert len(fams) >= 13
