"""Text wrapped at a fixed width reads as paragraphs; one paragraph per line stays as it is."""

from __future__ import annotations

import textwrap
from pathlib import Path

from juesuan.ingest.text import lines_from_text
from juesuan.model.document import Document
from juesuan.testing import shared_dir

PARA = (
    "2023年度一般公共预算财政拨款支出1,234.56万元，比上年增加100.00万元，增长8.8%，"
    "主要原因是人员调整和项目增加。其中：基本支出1,000.00万元，项目支出234.56万元，"
    "主要用于保障机构正常运转和完成日常工作任务。"
)


def _paragraphs(text: str) -> list[str]:
    return [p.text for p in Document(Path("t.txt"), "txt", lines_from_text(text)).paragraphs()]


def test_a_text_wrapped_at_a_fixed_width_reads_as_its_paragraphs() -> None:
    long = PARA + PARA  # a paragraph of eight lines
    body = "\n".join(textwrap.wrap(long, 30))
    text = f"一、收入支出决算总体情况说明\n{body}\n（一）收入情况\n{body}\n"
    paras = _paragraphs(text)
    assert paras == ["一、收入支出决算总体情况说明", long, "（一）收入情况", long]


def test_one_paragraph_per_line_is_not_joined() -> None:
    lines = ["一、总体情况", PARA, PARA[:70] + "。", PARA[:45] + "。", "二、收入情况", PARA[:90]]
    assert _paragraphs("\n".join(lines)) == lines
    same = ["本部门本年度无其他需要说明的事项，特此说明"] * 6  # one length, but a list
    assert _paragraphs("\n".join(same)) == same


def test_an_indented_or_numbered_line_starts_a_paragraph_even_in_a_wrapped_text() -> None:
    body = textwrap.wrap(PARA + PARA, 30)
    # the indent takes the place of two characters of the first line, as a wrap counts it
    text = "\n".join([*body, "　　" + body[0][2:], *body[1:], "1.基本支出" + body[0][5:]])
    paras = _paragraphs(text)
    assert paras[0] == PARA + PARA and paras[1] == "　　" + (PARA + PARA)[2:]
    assert paras[2].startswith("1.基本支出") and len(paras) == 3


def test_the_seed_keeps_its_paragraphs() -> None:
    seed = shared_dir() / "seed" / "000_93c8e18bb4d64248.txt"
    if not seed.is_file():
        import pytest

        pytest.skip(f"种子文件不存在：{seed}")
    lines = lines_from_text(seed.read_text(encoding="utf-8"))
    # its only soft break is a number broken across two lines (36, | 079,450.01)
    assert [ln.text[-3:] for ln in lines if ln.joins_next] == ["36,"]


def test_a_text_wrapped_by_display_width_reads_as_its_paragraphs() -> None:
    """Copied from a PDF: a digit takes half a hanzi's width, so full lines hold different
    numbers of characters but end at the same column."""
    from juesuan.ingest.text import _width

    long = PARA + PARA  # a paragraph of seven full lines
    out, cur = [], ""
    for ch in long:
        if _width(cur + ch) > 60:
            out.append(cur)
            cur = ""
        cur += ch
    out.append(cur)
    assert len({len(x) for x in out[:-1]}) > 1  # the lines differ in characters
    assert _paragraphs("\n".join(["一、总体情况", *out, "二、收入情况"]))[1] == long


def test_the_seed_wrapped_at_38_characters_gives_the_seed_s_errors(tmp_path: Path) -> None:
    """The whole seed, each long paragraph hard-wrapped: the same errors as the seed itself
    (only the line numbers they cite move). Unjoined, the wrapped copy gave 14 errors, some
    of them false, against the seed's 10."""
    import re

    import pytest

    from juesuan import api

    seed = shared_dir() / "seed" / "000_93c8e18bb4d64248.txt"
    if not seed.is_file():
        pytest.skip(f"种子文件不存在：{seed}")
    out: list[str] = []
    for line in seed.read_text(encoding="utf-8").split("\n"):
        long = len(line) > 40 and not line.lstrip().startswith("|")
        out += textwrap.wrap(line, 38, drop_whitespace=False) if long else [line]
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("\n".join(out), encoding="utf-8")

    def errors(p: Path) -> set[tuple[str, str]]:
        rep = api.check(api.read(p))
        return {
            (f.rule, re.sub(r"第\d+行", "", f.message))
            for f in rep.findings
            if f.severity == "error"
        }

    want = errors(seed)
    assert len(want) >= 5 and errors(wrapped) == want
