"""A published disclosure as data: facts, statements, tables, and the compose input.

``disclosure`` uses the keys of ``disclosure.yaml`` (``juesuan.compose.model``) for what the
document states; derived values (last year's figures from ``比上年增加X``) are computed
exactly from the stated numbers. Nothing the document does not give is filled in.
Amounts are strings of Decimals so that no reader of the JSON turns them into floats.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from juesuan.extract.meta import meta_of
from juesuan.extract.narrative import Item, narrative_of
from juesuan.extract.vocab import direction_sign
from juesuan.model.context import Context
from juesuan.model.document import Location
from juesuan.model.facts import PERIOD_PREVIOUS
from juesuan.model.numbers import UNIT_SCALE, Quantity

# Narrative concept (all funds unless named) -> key under 上年 in disclosure.yaml.
_PREVIOUS = {
    ("收支总计", "全部资金"): "收支总计",
    ("本年收入合计", "全部资金"): "本年收入合计",
    ("本年支出合计", "全部资金"): "本年支出合计",
    ("收支总计", "财政拨款"): "财政拨款收支总计",
    ("一般公共预算财政拨款支出", "一般公共预算财政拨款"): "一般公共预算财政拨款支出",
}
_PROCUREMENT = {
    "政府采购货物支出": "货物",
    "政府采购工程支出": "工程",
    "政府采购服务支出": "服务",
    "授予中小企业合同金额": "授予中小企业合同金额",
    "授予小微企业合同金额": "授予小微企业合同金额",
}


def _loc(loc: Location | None) -> dict[str, Any] | None:
    return dict(loc.as_dict()) if loc is not None else None


def _q(q: Quantity | None) -> str | None:
    return None if q is None else f"{q.value}"


class _Units:
    """Amounts in the profile's unit (元 for Beijing, 万元 for Shanghai), as disclosure.yaml."""

    def __init__(self, unit: str) -> None:
        self.unit = unit

    def __call__(self, q: Quantity | Decimal, unit: str | None = None) -> str:
        if isinstance(q, Quantity):
            v, u = q.value, q.unit
        else:
            v, u = q, unit or self.unit
        scaled = v * UNIT_SCALE.get(u, Decimal(1)) / UNIT_SCALE.get(self.unit, Decimal(1))
        return f"{scaled:f}"


def dataset(ctx: Context) -> dict[str, Any]:
    """Everything extract reports about one document."""
    from juesuan.tables import tables_of

    meta = meta_of(ctx)
    if not meta.disclosure:  # a notice or report: what it is, and nothing read from it
        from juesuan.extract.meta import NOT_DISCLOSURE_NOTE

        return {
            "document": _document(ctx),
            "notes": [NOT_DISCLOSURE_NOTE],
            "disclosure": {},
            "facts": [],
            "statements": [],
            "tables": [],
        }
    nar = narrative_of(ctx)
    unit = _Units(str(ctx.profile.get("amount_unit", "元")))
    facts = [
        {
            "concept": f.concept,
            "kind": f.kind,
            "value": _q(f.value),
            "unit": f.value.unit,
            "scope": {"fund": f.scope.fund, "basis": f.scope.basis, "period": f.scope.period},
            "level": f.level or None,
            "parent": f.parent or None,
            "location": _loc(f.loc),
        }
        for f in nar.facts.facts
    ]
    statements = [_statement(it) for it in nar.items if it.parent is None]
    tables = [
        {
            "kind": t.kind,
            "title": t.title,
            "unit": t.unit,
            "pages": t.pages,
            "note": t.note or None,
            "columns": t.columns,
            "rows": [
                {
                    "code": r.code or None,
                    "name": r.name,
                    "level": r.level or None,
                    "side": r.side or None,
                    "values": {k: _q(v) for k, v in r.values.items()},
                }
                for r in t.rows
            ],
        }
        for t in tables_of(ctx)
    ]
    return {
        "document": _document(ctx),
        "disclosure": _disclosure(ctx, nar.items, unit),
        "facts": facts,
        "statements": statements,
        "tables": tables,
    }


def _document(ctx: Context) -> dict[str, Any]:
    meta = meta_of(ctx)
    return {
        "path": str(ctx.doc.path),
        "title": meta.title,
        "year": meta.year,
        "department": meta.department,
        "kind": meta.doc_kind,  # 部门决算 | 单位决算 | 部门预算 | 单位预算 | 非公开文件 | ""
        "consolidated": meta.consolidated,
        "profile": ctx.profile.get("name"),
    }


def _signed(it: Item) -> Decimal | None:
    if it.delta is None:
        return None
    s = direction_sign(it.delta_word)
    if s is None:
        return None
    return it.delta.q.value * s


def _statement(it: Item) -> dict[str, Any]:
    d = _signed(it)
    out: dict[str, Any] = {
        "subject": it.subject,
        "concept": it.concept,
        "level": it.level or None,
        "fund": it.scope.fund,
        "unit": next((t.q.unit for t in (it.value, it.base, it.delta) if t is not None), None),
        "value": _q(it.value.q) if it.value else None,
        "base": _q(it.base.q) if it.base else None,
        "base_kind": it.base_kind or None,
        "change": None if d is None else f"{d}",
        "change_words": it.delta_word or None,
        "rate": _q(it.rate.q) if it.rate else None,
        "rate_words": it.rate_word or None,
        "share": _q(it.share.q) if it.share else None,
        "share_of": it.share_whole or None,
        "completion": _q(it.completion.q) if it.completion else None,
        "location": _loc(it.loc()),
    }
    if it.parts:
        out["parts"] = [_statement(p) for p in it.parts]
    return {k: v for k, v in out.items() if v is not None}


def _disclosure(ctx: Context, items: list[Item], unit: _Units) -> dict[str, Any]:
    meta = meta_of(ctx)
    out: dict[str, Any] = {
        "部门": meta.department,
        "年度": meta.year,
        "地区": ctx.profile.get("name"),
    }
    previous: dict[str, str] = {}
    for it in items:
        key = _PREVIOUS.get((it.concept, it.scope.fund))
        d = _signed(it)
        fresh = key and key not in previous and it.base_kind == PERIOD_PREVIOUS
        if fresh and it.value is not None and d is not None:
            previous[str(key)] = unit(it.value.q.value - d, it.value.q.unit)
    if previous:
        out["上年"] = previous
    operating = next((i for i in items if i.concept == "机关运行经费" and i.value), None)
    if operating is not None and operating.value is not None:
        op: dict[str, str] = {"本年": unit(operating.value.q)}
        d = _signed(operating)
        if d is not None and operating.base_kind == PERIOD_PREVIOUS:
            op["上年"] = unit(operating.value.q.value - d, operating.value.q.unit)
        out["机关运行经费"] = op
    proc = {
        _PROCUREMENT[i.concept]: unit(i.value.q)
        for i in items
        if i.concept in _PROCUREMENT and i.value is not None
    }
    if proc:
        out["政府采购"] = proc
    vehicles = next(
        (i for i in items if i.kind == "count" and i.subject.endswith("公务用车保有量")), None
    )
    if vehicles is not None and vehicles.value is not None:
        out["三公经费"] = {"公务用车保有量": int(vehicles.value.q.value)}
    return out
