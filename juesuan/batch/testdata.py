"""Small batch inputs for tests: real example texts, generated disclosures, broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

from juesuan.testing import shared_dir

ROOT = Path(__file__).resolve().parents[2]

_BODY = """{year}年度北京市{district}{dept}部门决算公开说明
一、收入支出决算总体情况说明
{year}年度本年收入合计{total:,.2f}元，比上年增加{delta:,.2f}元，增长{rate}%，其中：财政拨款收入{grant:,.2f}元，占收入合计的{share}%；其他收入{other:,.2f}元，占收入合计的{oshare}%。
二、“三公”经费财政拨款支出决算情况说明
{year}年度“三公”经费财政拨款支出决算为{three:,.2f}元，比上年减少{three_d:,.2f}元。
"""


def generated(n: int) -> list[str]:
    """``n`` short Beijing-style disclosures with varied (mostly consistent) figures."""
    out = []
    for i in range(n):
        total = 1000 * (i + 3)
        grant = total * 9 // 10
        out.append(
            _BODY.format(
                year=2021 + i % 3,
                district=["东城区", "西城区", "海淀区", "朝阳区"][i % 4],
                dept=["教育委员会", "财政局", "民政局", "卫生健康委员会", "商务局"][i % 5],
                total=total,
                delta=100,
                rate=f"{100 * 100 / (total - 100):.1f}" if i % 2 else "9.9",
                grant=grant,
                share="90.0",
                other=total - grant,
                oshare="10.0",
                three=12.5 * (i + 1),
                three_d=1.25,
            )
        )
    return out


def make_inputs(folder: Path, n_generated: int = 4, corpus: int = 1) -> Path:
    """A folder of batch inputs: the repo's examples, generated texts, a duplicate, a broken
    PDF and an empty file, plus the ``corpus`` smallest corpus PDFs when the corpus is here."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "examples" / "mentougou-hrss-2023.txt", folder / "mentougou.txt")
    shutil.copy(ROOT / "tests" / "golden" / "contract.txt", folder / "contract.txt")
    for i, text in enumerate(generated(n_generated)):
        (folder / f"gen-{i}.txt").write_text(text, encoding="utf-8")
    (folder / "gen-0-copy.txt").write_text(generated(1)[0], encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not a pdf\n")
    (folder / "empty.txt").write_bytes(b"")
    files = shared_dir() / "corpus" / "files"
    if corpus and files.is_dir():
        for pdf in sorted(files.glob("*.pdf"), key=lambda p: p.stat().st_size)[:corpus]:
            shutil.copy(pdf, folder / pdf.name)
    return folder
