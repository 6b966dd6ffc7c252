"""``struct.required``: the profile's required tables present, in order; tables the table
of contents lists but the document lacks. A table the profile marks ``required_varies``
(added to the public set later, in different years by region) missing from both the tables
and the contents is a warning: the template the document followed may not have had it. A document without any table (a narrative whose
tables are a separate attachment) is not checked for tables, nor is a budget, whose set of
tables varies by region and year."""

from __future__ import annotations

from juesuan.check.base import Context, NotApplicable, rule
from juesuan.extract.meta import meta_of
from juesuan.model.document import Location, toc_entries
from juesuan.model.finding import Finding
from juesuan.tables import table_word, tables_of
from juesuan.tables.kinds import kind_of_title


@rule("struct.required", "必备的决算表齐全且顺序正确（含目录所列表格）")
def required(ctx: Context) -> list[Finding]:
    if meta_of(ctx).family == "预算":
        raise NotApplicable("预算公开的表格清单因地区和年度而异，不检查是否齐全")
    want: list[str] = list(ctx.profile.get("required_tables") or [])
    tables = [t for t in tables_of(ctx) if t.kind in want]
    if not want or not tables:
        raise NotApplicable(f"文档中没有{table_word(ctx.family)}（表格可能另附）")
    have = [t.kind for t in tables]
    first = tables[0]
    anchor = first.title_loc or Location(first.page, first.line or 0, first.title)
    out: list[Finding] = []
    toc = _toc_kinds(ctx)
    varies = set(ctx.profile.get("required_varies") or [])
    for k in want:
        if k in have:
            continue
        listed = toc.get(k)
        # A table the public set gained later (regions adopted it in different years) and
        # that the document does not announce either: its template may not have had it.
        unsure = k in varies and listed is None
        out.append(
            Finding(
                rule="struct.required",
                severity="warning" if unsure else "error",
                message=f"缺少《{k}》"
                + ("（目录中列有此表）" if listed else "")
                + ("；此表是否须公开因地区和年度而异，请按本地当年模板核实" if unsure else "")
                + "；无数据的表也应公开并注明“本表无数据”",
                location=listed or anchor,
                expected=k,
            )
        )
    order = [k for k in want if k in have]
    seen = [k for k in have if k in want]
    if seen != order:
        i = next(i for i, (a, b) in enumerate(zip(seen, order, strict=False)) if a != b)
        t = tables[have.index(seen[i])]
        out.append(
            Finding(
                rule="struct.required",
                severity="warning",
                message=f"决算表顺序与模板不同：此处为《{seen[i]}》，应为《{order[i]}》",
                location=t.title_loc or anchor,
                expected=order[i],
                actual=seen[i],
            )
        )
    return out


def _toc_kinds(ctx: Context) -> dict[str, Location]:
    out: dict[str, Location] = {}
    for ln in toc_entries(ctx.doc):
        k = kind_of_title(ln.text, "决算")
        if k is not None and k.kind not in out:
            out[k.kind] = Location(ln.page, ln.no, ln.text.strip())
    return out
