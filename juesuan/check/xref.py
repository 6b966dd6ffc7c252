"""``xref``: one fact stated twice with values that cannot both be true."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from juesuan.check.arith_support import yuan
from juesuan.check.base import Context, NotApplicable, rule
from juesuan.extract.narrative import Item, narrative_of
from juesuan.extract.tokens import Token
from juesuan.extract.vocab import data as _data
from juesuan.model.finding import Finding


@rule("xref.conflict", "同一事项在不同段落的数值一致")
def conflicts(ctx: Context) -> list[Finding]:
    """Known concepts (本年收入合计, 基本支出…) in one scope must agree wherever stated."""
    items = narrative_of(ctx).items
    if not items:
        raise NotApplicable("未识别到带金额的陈述")
    known = set(_data("concepts.yaml")["aliases"])
    stated: dict[tuple[str, str, str, str], list[tuple[Item, Token]]] = {}
    for it in items:
        if it.concept not in known or it.kind != "amount" or it.other_year is not None:
            continue
        if it.twin_of is not None:
            continue
        for basis, tok in (("决算", it.value), ("预算", it.budget)):
            if tok is not None:
                # A part is keyed by its list too: 公务接待费 in the 机关运行经费 breakdown is a
                # basic-expenditure line, not the 三公 item of the same name.
                whole = it.parent.concept if it.parent is not None else ""
                key = (it.concept, it.scope.fund, it.level + "/" + whole, basis)
                stated.setdefault(key, []).append((it, tok))
    out: list[Finding] = []
    for key, seen in stated.items():
        values: list[tuple[Item, Token]] = []
        for it, tok in seen:
            if not any(yuan(v).meets(yuan(tok)) for _, v in values):
                values.append((it, tok))
        ctx.cache["checks_done"] = ctx.cache.get("checks_done", 0) + len(seen) - 1
        if len(values) != 2 or values[0][0].para_index == values[1][0].para_index:
            # One value: consistent. Three or more: the document states the concept for
            # several units or scopes (a consolidated disclosure), not one fact twice.
            continue
        (a, ta), (b, tb) = values
        f = _finding(b, a, b.concept, tb, ta)
        if key[3] == "预算":
            # Two budgets may be two kinds (年初 / 调整): very likely a slip, not certain.
            f = replace(f, severity="warning", message=f.message.replace("前后", "预算数前后"))
        out.append(f)
    return out


@cache
def _topic_patterns() -> tuple[re.Pattern[str], list[str]]:
    data = _data("topics.yaml")
    topics = sorted(data["topics"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, topics))), sorted(
        data["subjects"], key=len, reverse=True
    )


@rule("xref.topic", "同一事项（如绩效自评的项目数、金额）前后表述一致")
def topics(ctx: Context) -> list[Finding]:
    items = narrative_of(ctx).items
    pat, subjects = _topic_patterns()
    first: dict[tuple[str, str, str], Item] = {}
    out: list[Finding] = []
    for it in items:
        if it.value is None:
            continue
        sentence = _sentence_of(it)
        found = set(pat.findall(sentence))
        if len(found) != 1:
            continue
        subj = next((s for s in subjects if it.subject.endswith(s)), None)
        if subj is None:
            continue
        key = (found.pop(), subj, it.kind)
        seen = first.get(key)
        if seen is None or seen.value is None:
            first[key] = it
            continue
        if seen.para_index == it.para_index:
            # 一级项目7个、二级项目16个 / 一般公共预算…7个；政府性基金…0个: one paragraph
            # states the topic for several kinds of project, not one fact twice.
            continue
        ctx.cache["checks_done"] = ctx.cache.get("checks_done", 0) + 1
        if yuan(seen.value).meets(yuan(it.value)):
            continue
        out.append(_finding(it, seen, f"{key[0]}的{subj}"))
    return out


def _sentence_of(it: Item) -> str:
    text = it.para.text
    assert it.value is not None
    a = max(text.rfind("。", 0, it.value.start), -1) + 1
    b = text.find("。", it.value.end)
    return text[a : b if b >= 0 else len(text)]


def _finding(
    it: Item, seen: Item, what: str, tok: Token | None = None, seen_tok: Token | None = None
) -> Finding:
    tok = tok or it.value
    seen_tok = seen_tok or seen.value
    assert tok is not None and seen_tok is not None
    return Finding(
        "xref.conflict" if what == it.concept else "xref.topic",
        "error",
        f"“{what}”前后表述不一致：此处为{tok.text}，前文（第{seen.loc().line}行）为{seen_tok.text}",
        it.loc(tok),
        (seen.loc(seen_tok),),
        expected=None,
        actual=tok.text,
        suggestion="核实后统一为同一数值",
    )
