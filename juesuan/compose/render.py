"""Render a loaded bundle: Jinja template per profile -> blocks -> md / html / docx / pdf.

The profile template writes a light Markdown: ``#`` headings, one paragraph per line,
``::table tN::`` where a table goes. That text is parsed into blocks once, and every
output format is written from the same blocks, so the formats cannot drift apart.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from juesuan.compose.layout import Block, Heading, Para, TableBlock, build, landscape
from juesuan.compose.load import Bundle
from juesuan.model.identities import change
from juesuan.model.lazyre import lazy

FORMATS = ("md", "html", "docx", "pdf")




@cache
def phrases() -> dict[str, Any]:
    from importlib import resources

    from juesuan.compose.load import yaml_load

    text = resources.files("juesuan.compose").joinpath("data/phrases.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml_load(text)
    return data


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _grade(score: Decimal) -> str:
    for low, name in phrases()["grades"]:
        if score >= Decimal(low):
            return str(name)
    return ""


def text_of(b: Bundle) -> str:
    """The composed document as the profile template's light Markdown."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from juesuan.compose.derive import Words, context

    ctx = context(b)
    w: Words = ctx["w"]
    ph = phrases()
    t = b.tables

    def rate_word(cur: Decimal, base: Decimal) -> str:
        c = change(cur, base)
        assert c.rate is not None
        return f"{c.rate_word}{w.p(abs(c.rate))}"

    def econ_items(personnel: bool) -> list[str]:
        from juesuan.compose.tables import PERSONNEL_CLASSES

        return [
            r.name
            for r in t.basic_econ.of_level("款")
            if r.values["决算数"] != 0 and (r.code[:3] in PERSONNEL_CLASSES) == personnel
        ]

    ctx.update(
        econ_desc=ph["econ_desc"],
        econ_names=ph["econ_names"],
        glossary=ph["glossary"][b.data.profile],
        cn=_cn,
        grade=_grade,
        rate_word=rate_word,
        personnel_items=econ_items(True),
        public_items=econ_items(False),
    )
    env = Environment(
        loader=PackageLoader("juesuan.compose", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown text, escaped per format when written
    )
    out = env.get_template(f"{b.data.profile}.md.j2").render(**ctx)
    return re.sub(r"\n{3,}", "\n\n", out).strip() + "\n"


_TABLE = lazy(r"^::table (t\d)::$")
_HEAD = lazy(r"^(#{1,6}) (.+)$")


def blocks_of(b: Bundle) -> list[Block]:
    w_unit = str(b.profile.get("amount_unit", "元"))
    from juesuan.compose.derive import Words

    w = Words.of(b.profile)
    tables = build(
        b.tables,
        w_unit,
        w.cell if b.data.profile == "beijing" else _blank_zero(w),
        b.data.department,
    )
    out: list[Block] = []
    for line in text_of(b).splitlines():
        s = line.strip()
        if not s:
            continue
        if m := _TABLE.match(s):
            out.append(tables[m.group(1)])
        elif m := _HEAD.match(s):
            out.append(Heading(len(m.group(1)), m.group(2).strip()))
        else:
            out.append(Para(s))
    return out


def _blank_zero(w: Any) -> Any:
    """Shanghai tables leave zero cells blank, as the published ones do."""
    return lambda v: "" if v == 0 else w.cell(v)


# -- Markdown ------------------------------------------------------------------------------


def to_markdown(blocks: list[Block]) -> str:
    """Headings are written as plain lines, as the genre prints them: readers of the
    disclosure (and ``check``, whose outline reads ``一、``/``（一）`` markers at line start)
    see the same text in .md as in .docx. Tables are GitHub pipe tables."""
    parts: list[str] = []
    for bl in blocks:
        if isinstance(bl, Heading | Para):
            parts.append(bl.text)
        else:
            parts.append(_md_table(bl))
    return "\n\n".join(parts) + "\n"


def _md_table(t: TableBlock) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "｜") for c in cells) + " |"

    align = ["---:" if i >= t.numeric_from else "---" for i in range(len(t.header))]
    lines = [
        f"**{t.title}**",
        "",
        f"单位：{t.unit}",
        "",
        row(t.header),
        "| " + " | ".join(align) + " |",
    ]
    lines += [row(r) for r in t.rows]
    if t.note:
        lines += ["", t.note]
    return "\n".join(lines)


# -- HTML (also the source of the PDF) -------------------------------------------------------


def to_html(blocks: list[Block], title: str) -> str:
    from importlib import resources

    css = resources.files("juesuan.compose").joinpath("templates/style.css").read_text("utf-8")
    body: list[str] = []
    for bl in blocks:
        if isinstance(bl, Heading):
            tag = f"h{min(bl.level, 4)}"
            body.append(f"<{tag}>{html.escape(bl.text)}</{tag}>")
        elif isinstance(bl, Para):
            body.append(f"<p>{html.escape(bl.text)}</p>")
        else:
            body.append(_html_table(bl))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{css}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


SHORT_ROWS = 6
def _html_table(t: TableBlock) -> str:
    def cls(i: int) -> str:
        return ' class="num"' if i >= t.numeric_from else ""

    head = "".join(f"<th>{html.escape(h)}</th>" for h in t.header)
    rows = []
    for k, r in enumerate(t.rows):
        tr = ' class="total"' if k in t.bold_rows else ""
        rows.append(
            f"<tr{tr}>"
            + "".join(f"<td{cls(i)}>{html.escape(c)}</td>" for i, c in enumerate(r))
            + "</tr>"
        )
    note = f'<p class="note">{html.escape(t.note)}</p>' if t.note else ""
    classes = ["coded"] * (t.numeric_from == 2) + ["wide"] * (len(t.header) >= 7)
    classes += ["xwide"] * landscape(t)
    tcls = f' class="{" ".join(classes)}"' if classes else ""
    # A short table (an empty one and its note especially) is kept on one page;
    # a very wide one gets a landscape page of its own.
    scls = "table" + " short" * (len(t.rows) <= SHORT_ROWS) + " landscape" * landscape(t)
    return (
        f'<section class="{scls}"><h4 class="ttitle">{html.escape(t.title)}</h4>'
        f'<p class="unit">单位：{html.escape(t.unit)}</p>'
        f"<table{tcls}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}</section>"
    )


def to_pdf(html_text: str, path: Path) -> None:
    from juesuan.compose.fonts import require_cjk_font

    require_cjk_font()
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as e:  # OSError: pango missing
        raise RuntimeError(
            "生成 PDF 需要 WeasyPrint 及 pango（Debian/Ubuntu：apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0，见 README）"
        ) from e
    HTML(string=html_text).write_pdf(str(path))


def compose(b: Bundle, fmt: str, path: Path) -> None:
    """Write the composed disclosure of ``b`` as ``fmt`` to ``path``."""
    blocks = blocks_of(b)
    title = f"{b.data.year}年度{b.data.department}部门决算"
    if fmt == "md":
        path.write_text(to_markdown(blocks), encoding="utf-8")
    elif fmt == "html":
        path.write_text(to_html(blocks, title), encoding="utf-8")
    elif fmt == "pdf":
        to_pdf(to_html(blocks, title), path)
    elif fmt == "docx":
        from juesuan.compose.docx_out import write_docx

        write_docx(blocks, path)
    else:
        raise ValueError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
