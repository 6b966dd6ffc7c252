"""``format``: numbers written against the document's own convention.

The convention is what the document declares in words — e.g. “（金额到分，加千分号，百分数
留一位小数，以下同）”, phrases listed in ``juesuan/data/format.yaml`` — or else the
regional profile's. Only numbers carrying a money unit are judged as amounts, so years
(``2023年``), codes (``20805``), document numbers (``〔2024〕39号``) and phone numbers are
never touched; numbers broken by a soft line break are read joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from juesuan.check.base import Context, rule
from juesuan.check.phrases import data
from juesuan.check.spans import NUM, prose
from juesuan.model.document import Location
from juesuan.model.finding import Finding
from juesuan.model.lazyre import lazy
from juesuan.model.numbers import fmt_amount, parse_number


@dataclass(frozen=True)
class Convention:
    unit: str
    amount_decimals: int
    separators: bool
    percent_decimals: int
    source: str  # “文中声明” or the profile's label
    declared_at: Location | None = None


def convention(ctx: Context) -> Convention:
    """The document's declared number convention, else the one it mostly follows.

    A regional profile's default is never held against a document that did not declare it:
    without a declaration each number is compared with the document's own majority habit,
    and only a clear habit (``_HABIT`` of the numbers, at least ``_MIN_SEEN`` of them) counts.
    """

    def make() -> Convention:
        prof: dict[str, Any] = ctx.profile
        found: dict[str, Any] = {}
        where: Location | None = None
        decl = data("format")["declarations"]
        for para in prose(ctx):
            for key, phrases in decl.items():
                for phrase, value in phrases.items():
                    i = para.text.find(phrase)
                    if i >= 0 and key not in found:
                        found[key] = value
                        where = where or para.location(i, i + len(phrase))
        unit = str(prof.get("amount_unit", "元"))
        seen = _habits(ctx, unit)
        for key, value in seen.items():
            found.setdefault(key, value)
        return Convention(
            unit=unit,
            amount_decimals=int(found.get("amount_decimals", -1)),
            separators=bool(found.get("thousands_separator", False)),
            percent_decimals=int(found.get("percent_decimals", -1)),
            source="文中声明" if where is not None else "全文多数写法",
            declared_at=where,
        )

    out: Convention = ctx.memo("format.convention", make)
    return out


_HABIT = 0.8
_MIN_SEEN = 5


def _habits(ctx: Context, unit: str) -> dict[str, Any]:
    """The conventions the document itself follows, where it follows one clearly."""
    from collections import Counter

    dec: Counter[int] = Counter()
    sep: Counter[bool] = Counter()
    pct: Counter[int] = Counter()
    trailing_zero = False
    for para in prose(ctx):
        for m in _AMOUNT.finditer(para.text):
            raw = m.group(1)
            q = parse_number(raw, m.group(2))
            if m.group(2) == unit and q.decimals > 0:
                dec[q.decimals] += 1
                trailing_zero = trailing_zero or raw.endswith("0")
            if abs(q.value) >= 1000 and q.decimals > 0:
                sep["," in raw or "，" in raw] += 1
        for m in _PCT.finditer(para.text):
            if _SHARE_OR_CHANGE.search(para.text[max(0, m.start() - 16) : m.start()]):
                pct[parse_number(m.group(1)).decimals] += 1
    out: dict[str, Any] = {}
    for key, counter in (
        ("amount_decimals", dec),
        ("thousands_separator", sep),
        ("percent_decimals", pct),
    ):
        n = sum(counter.values())
        if n >= _MIN_SEEN:
            top, k = counter.most_common(1)[0]
            if k >= _HABIT * n:
                out[key] = top
    if dec and not trailing_zero:
        out.pop("amount_decimals", None)  # trailing zeros stripped: precision varies by design
    return out


_AMOUNT = lazy(rf"(?<![\d.,，A-Za-z])({NUM})(万元|亿元|元)(?![/每])")
_PCT = lazy(rf"(?<![\d.,，])({NUM})([%％])")
_SHARE_OR_CHANGE = lazy(r"(占|增长|下降|增加|减少|上升|降低)[^，。；,;%]{0,14}$")


def _finding(
    rule_id: str, sev: str, msg: str, loc: Location, exp: str, conv: Convention | None
) -> Finding:
    return Finding(
        rule=rule_id,
        severity=sev,  # type: ignore[arg-type]
        message=msg,
        location=loc,
        related=(conv.declared_at,) if conv and conv.declared_at else (),
        expected=exp,
        actual=loc.excerpt,
        suggestion=exp,
        replacement=exp,
    )


@rule("format.amount", "金额格式（小数位数、千分位分隔符）")
def amount(ctx: Context) -> list[Finding]:
    conv = convention(ctx)
    out: list[Finding] = []
    for para in prose(ctx):
        for m in _AMOUNT.finditer(para.text):
            raw, unit = m.group(1), m.group(2)
            q = parse_number(raw, unit)
            has_sep = "," in raw or "，" in raw
            dec_bad = (
                unit == conv.unit
                and conv.amount_decimals >= 0
                and q.decimals not in (0, conv.amount_decimals)
            )
            sep_bad = conv.separators and not has_sep and abs(q.value) >= 1000 and q.decimals > 0
            if not (dec_bad or sep_bad):
                continue
            decimals = conv.amount_decimals if unit == conv.unit else q.decimals
            fixed = fmt_amount(q.value, decimals, conv.separators or has_sep) + unit
            what = []
            if dec_bad:
                what.append(f"应保留{conv.amount_decimals}位小数")
            if sep_bad:
                what.append("应加千分位分隔符")
            out.append(
                _finding(
                    "format.amount",
                    # Against the document's own declared convention it is a slip; against
                    # a regional default only a matter of style.
                    "warning" if conv.declared_at is not None else "info",
                    f"金额“{raw}{unit}”{'、'.join(what)}（{conv.source}）",
                    para.location(m.start(), m.end()),
                    fixed,
                    conv,
                )
            )
    return out


@rule("format.percent", "百分数小数位数")
def percent(ctx: Context) -> list[Finding]:
    conv = convention(ctx)
    out: list[Finding] = []
    for para in prose(ctx):
        for m in _PCT.finditer(para.text):
            q = parse_number(m.group(1))
            if conv.percent_decimals < 0 or q.decimals == conv.percent_decimals:
                continue
            if not _SHARE_OR_CHANGE.search(para.text[max(0, m.start() - 16) : m.start()]):
                continue  # only shares and changes follow the statements' convention
            out.append(
                _finding(
                    "format.percent",
                    "info",
                    f"百分数“{m.group(0)}”的小数位数与约定（{conv.percent_decimals}位，{conv.source}）不一致",
                    para.location(m.start(), m.end()),
                    f"{q.value:.{conv.percent_decimals}f}%"
                    if q.decimals < conv.percent_decimals
                    else _round_pct(q.value, conv.percent_decimals),
                    conv,
                )
            )
    return out


def _round_pct(v: Any, d: int) -> str:
    from juesuan.model.numbers import fmt_percent

    return fmt_percent(v, d)


_SPACE_PCT = lazy(rf"(?<![\d.,，])({NUM})([ \u3000\u00a0]+)([%％])")
_SPACE_IN_NUM = lazy(
    r"(?<![\d.,，])\d{1,3}(?:,\d{3})*,[ \u3000\u00a0]+\d{3}(?:,\d{3})*(?:\.\d+)?(?=\s*(?:万元|亿元|元))"
)


@rule("format.spacing", "数字内部或百分号前的多余空格")
def spacing(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for para in prose(ctx):
        for m in _SPACE_PCT.finditer(para.text):
            # Typesetting, not a wrong number (and text taken from a justified PDF puts
            # spaces between every token): a hint, where a space inside a number is not.
            out.append(
                _finding(
                    "format.spacing",
                    "info",
                    f"百分号前有多余空格：“{m.group(0)}”",
                    para.location(m.start(), m.end()),
                    m.group(1) + m.group(3),
                    None,
                )
            )
        for m in _SPACE_IN_NUM.finditer(para.text):
            out.append(
                _finding(
                    "format.spacing",
                    "warning",
                    f"数字中间有多余空格：“{m.group(0)}”",
                    para.location(m.start(), m.end()),
                    re.sub(r"\s", "", m.group(0)),
                    None,
                )
            )
    return out


_HALF = lazy(r"(?<=[\u4e00-\u9fff）”])[,;](?=[\u4e00-\u9fff“（])")


@rule("format.punctuation", "中文语句中混用半角逗号、分号")
def punctuation(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for para in prose(ctx):
        hits = list(_HALF.finditer(para.text))
        if not hits:
            continue
        h = hits[0]
        loc = para.location(max(0, h.start() - 2), min(len(para.text), h.end() + 2))
        out.append(
            Finding(
                rule="format.punctuation",
                severity="info",
                message=f"中文语句中使用了半角标点“{h.group(0)}”（本段共{len(hits)}处），宜用全角“，”“；”",
                location=loc,
                actual=h.group(0),
                expected="，" if h.group(0) == "," else "；",
                suggestion=loc.excerpt.replace(",", "，").replace(";", "；"),
                replacement=loc.excerpt.replace(",", "，").replace(";", "；"),
            )
        )
    return out
