"""``text``: template residue, placeholders, duplicated words and usage errors.

Phrase lists live in ``juesuan/data/residue.yaml`` and ``juesuan/data/wording.yaml``;
this module only knows how to find them and how to say what is wrong. Lines of tables
exported as text (tab-led) are skipped: their cells are not prose.
"""

from __future__ import annotations

import re
from functools import cache

from juesuan.check.base import Context, rule
from juesuan.check.direction import DOWN, UP, ZERO, infer
from juesuan.check.phrases import data
from juesuan.check.spans import AMOUNT, PERCENT, amounts, prose, sentences
from juesuan.model.document import Paragraph
from juesuan.model.finding import Finding
from juesuan.model.lazyre import LazyPattern, lazy

# ---- text.residue --------------------------------------------------------------------


@cache
def _pairs() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    forms: dict[str, dict[str, str]] = {}
    for p in data("residue")["pairs"]:
        for a, b in ((p["up"], p["down"]), (p["down"], p["up"])):
            forms[f"{a}（{b}）"] = p
    alts = sorted(forms, key=len, reverse=True)
    body = "|".join(re.escape(f).replace("（", "[（(]").replace("）", "[）)]") for f in alts)
    return re.compile(body), forms


def _pair_of(text: str) -> dict[str, str]:
    _, forms = _pairs()
    return forms[text.replace("(", "（").replace(")", "）")]


_EXPLICIT = lazy(r"(增加|减少|增长|下降|上升|提高|降低|超出|节约|持平)")
_WORD_DIR = {"增加": UP, "增长": UP, "上升": UP, "提高": UP, "超出": UP, "持平": ZERO}


@rule("text.residue", "模板残留（增加（减少）等未选定的措辞、填报说明）")
def residue(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for para in prose(ctx):
        out += _residue_pairs(para)
        out += _instructions(para)
        out += _fused(para)
    return out


def _fused(para: Paragraph) -> list[Finding]:
    """大小于 / 部门/单位: the template's alternatives written as one word."""
    out: list[Finding] = []
    for item in data("residue").get("fused", []):
        start = 0
        while (i := para.text.find(item["text"], start)) >= 0:
            start = i + len(item["text"])
            keep = "”或“".join(item["keep"])
            out.append(
                Finding(
                    rule="text.residue",
                    severity="warning",
                    message=f"模板措辞“{item['text']}”未按实际情况选定，应保留“{keep}”之一",
                    location=para.location(i, start),
                    actual=item["text"],
                    suggestion=f"按实际情况保留“{keep}”之一",
                )
            )
    return out


def _residue_pairs(para: Paragraph) -> list[Finding]:
    pat, _ = _pairs()
    out: list[Finding] = []
    last: int | None = None  # direction settled earlier in this paragraph
    for sent in sentences(para):
        text = sent.text
        for m in pat.finditer(text):
            pair = _pair_of(m.group(0))
            lead = len(text[m.end() :]) - len(text[m.end() :].lstrip())
            tail = text[m.end() + lead :]
            amount = AMOUNT.match(tail)
            num = amount or PERCENT.match(tail)
            d: int | None
            if amount:
                d = infer(text[: m.start()], amounts(tail)[0], tail[amount.end() :])
            elif num:
                d = ZERO if _is_zero(num.group(1)) else last
            else:
                d = last if last is not None else _explicit_before(text[: m.start()])
            if d is not None:
                last = d
            out.append(_pair_finding(para, sent.start + m.start(), m.group(0), pair, d, num, lead))
    return out


def _pair_finding(
    para: Paragraph,
    at: int,
    shown: str,
    pair: dict[str, str],
    d: int | None,
    num: re.Match[str] | None,
    lead: int,
) -> Finding:
    word = (
        {UP: pair["up"], DOWN: pair["down"], ZERO: pair["zero"]}.get(d) if d is not None else None
    )
    end = at + len(shown) + (lead + num.end() if num else 0)
    excerpt_text = para.text[at:end]
    replacement: str | None = None
    if num:
        if d == ZERO:
            sugg = replacement = pair["zero"]
        elif word:
            sugg = replacement = excerpt_text.replace(shown, word, 1)
        else:
            sugg = f"按数字的实际增减保留“{pair['up']}”或“{pair['down']}”之一"
    elif word and d != ZERO:
        sugg, replacement = f"“{shown}”改为“{word}”", word
    elif len(pair["up"]) == 1:
        sugg, replacement = f"删除“{shown}”", ""
    else:
        sugg = f"按实际情况保留“{pair['up']}”或“{pair['down']}”之一"
    # A change of zero reads true under either word (增加0万元 = 减少0万元): the wording is
    # unfinished, but no number is wrong, so it is a warning that asks for 持平.
    zero = num is not None and _is_zero(num.group(1))
    why = "，数额为零，宜写作“持平”" if zero else "，应根据数字写明增减方向" if num else ""
    return Finding(
        rule="text.residue",
        severity="error" if num and not zero else "warning",
        message=f"模板措辞“{shown}”未按实际情况选定{why}",
        location=para.location(at, end),
        expected=word,
        actual=shown,
        suggestion=sugg,
        replacement=replacement,
    )


def _is_zero(num: str) -> bool:
    return not re.sub(r"[0.,，\s]", "", num)


def _explicit_before(text: str) -> int | None:
    # Words inside pairs or parentheses (a pair broken by a line end) say nothing.
    found = _EXPLICIT.findall(re.sub(r"[（(][^（）()]*[）)]", "", _pairs()[0].sub("", text)))
    return _WORD_DIR.get(found[-1], DOWN) if found else None


def _instructions(para: Paragraph) -> list[Finding]:
    out: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for item in data("residue")["instructions"]:
        for m in re.finditer(item["pattern"], para.text):
            s, e = m.start(), m.end()
            while s < e and para.text[s].isspace():
                s += 1
            if s >= e or any(s < b and a < e for a, b in taken):
                continue
            taken.append((s, e))
            loc = para.location(s, e)
            out.append(
                Finding(
                    rule="text.residue",
                    severity="warning",
                    message=f"模板{item['kind']}未删除：“{_short(loc.excerpt)}”",
                    location=loc,
                    suggestion="删除该说明",
                    replacement="",
                )
            )
    return out


def _short(s: str, n: int = 30) -> str:
    s = s.replace("\n", "")
    return s if len(s) <= n else s[:n] + "……"


# ---- text.placeholder ------------------------------------------------------------------

_PLACEHOLDERS: list[tuple[LazyPattern, str]] = [
    # XX / ×× / XXX局, not XXL or other Latin words
    (lazy(r"(?<![A-Za-z])(?:[XＸ×]{2,}|[XＸ×](?=\s*[年月日号]))(?![A-Za-z])"), "占位符"),
    (lazy(r"某某"), "占位符“某某”"),
    # an ellipsis standing where a number belongs: “为……元”, “……%”
    (
        lazy(r"(?:…{2,}|\.{6,})(?=\s*(?:万元|亿元|元|%|％|个|人|项|家|户|次))"),
        "省略号代替数字",
    ),
    (lazy(r"(?<=[为是计：:])\s*(?:…{2,}|\.{6,})(?=\s*[，。；,;]|$)"), "省略号代替内容"),
    (lazy(r"[\[【]\s*[\]】]|[（(]\s+[）)]|_{3,}"), "未填写的空格"),
]


@rule("text.placeholder", "占位符（XX、××、某某、……）未替换")
def placeholder(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for para in prose(ctx):
        quoted = _quoted_spans(para.text)
        for pat, what in _PLACEHOLDERS:
            for m in pat.finditer(para.text):
                if any(a <= m.start() < b for a, b in quoted):
                    continue  # inside 《…》 or “…”: a title, not missing data
                out.append(
                    Finding(
                        rule="text.placeholder",
                        severity="warning",
                        message=f"{what}未替换为实际内容：“{m.group(0).strip()}”",
                        location=para.location(m.start(), m.end()),
                        suggestion="填写实际内容",
                    )
                )
    return out


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》|“[^”]*”", text)]


# ---- text.duplicate_word ---------------------------------------------------------------

_CJK = "\u4e00-\u9fff"
_DUP = lazy(rf"([{_CJK}]{{2,6}})\1")  # 主要原因是主要原因是: up to six
_DUP_DE = lazy(r"(?<![目有端])的的(?!确)")
_NUMERAL = lazy(r"^[〇零一二三四五六七八九十百千万亿两]+$")


@rule("text.duplicate_word", "词语重复（安排安排、的的）")
def duplicate_word(ctx: Context) -> list[Finding]:
    ok = set(data("wording")["reduplications_ok"]) | set(data("wording")["repeats_ok"])
    out: list[Finding] = []
    paras = prose(ctx)
    everywhere = "\n".join(p.text for p in paras)
    for para in paras:
        hits = [(m.start(), m.end(), m.group(1)) for m in _DUP.finditer(para.text)]
        hits += [(m.start(), m.end(), "的") for m in _DUP_DE.finditer(para.text)]
        for s, e, w in hits:
            whole = w + w
            if whole in ok or w in ok or _NUMERAL.match(w) or w.startswith("一"):
                continue
            # Two characters seen nowhere else may be no word at all but where two words
            # meet (上访|接访|接待 reads 访接访接): a hint then, not a warning.
            unsure = len(w) == 2 and everywhere.count(w) <= 2
            out.append(
                Finding(
                    rule="text.duplicate_word",
                    severity="info" if unsure else "warning",
                    message=f"词语“{w}”重复" + ("（也可能是相邻两词恰好相连，请核对）" if unsure else ""),
                    location=para.location(s, e),
                    expected=w,
                    actual=whole,
                    suggestion=w,
                    replacement=w,
                )
            )
    return out


# ---- text.usage ------------------------------------------------------------------------

_BRACKET_MIX = lazy(r"（[^（）()\n]{1,12}\)|\([^（）()\n]{1,12}）")


@rule("text.usage", "常见用字用词错误（截止到、载止、其它、帐户、括号全半角混用）")
def usage(ctx: Context) -> list[Finding]:
    rules = data("wording")["usage"]
    out: list[Finding] = []
    for para in prose(ctx):
        taken: list[tuple[int, int]] = []
        for u in rules:
            for m in re.finditer(u["pattern"], para.text):
                if any(m.start() < b and a < m.end() for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                out.append(
                    Finding(
                        rule="text.usage",
                        severity=u["severity"],
                        message=u["message"],
                        location=para.location(m.start(), m.end()),
                        expected=u["replace"],
                        actual=m.group(0),
                        suggestion=u["replace"],
                        replacement=u["replace"],
                    )
                )
        for m in _BRACKET_MIX.finditer(para.text):
            s = m.group(0)
            fixed = "（" + s[1:-1] + "）"
            out.append(
                Finding(
                    rule="text.usage",
                    severity="warning",
                    message=f"括号全角半角混用：“{s}”",
                    location=para.location(m.start(), m.end()),
                    expected=fixed,
                    actual=s,
                    suggestion=fixed,
                    replacement=fixed,
                )
            )
    return out
