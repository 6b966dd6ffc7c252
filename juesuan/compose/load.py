"""Load a compose directory (``disclosure.yaml`` + ``tables.xlsx``) and validate it.

Every problem is collected and reported together, in Chinese, naming the YAML field
(by its Chinese key path) or the worksheet and row. YAML numbers are read as ``Decimal``
straight from their text, so ``1800000.10`` never becomes a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.compose.model import Disclosure
from juesuan.compose.tables import Tables, validate
from juesuan.errors import ComposeError
from juesuan.model.numbers import ZERO

YAML_NAME = "disclosure.yaml"
XLSX_NAME = "tables.xlsx"


@dataclass
class Bundle:
    data: Disclosure
    tables: Tables
    profile: dict[str, Any]


def yaml_load(text: str) -> Any:
    """safe_load, but floats become Decimal from their literal text."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    def _dec(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
        return Decimal(str(loader.construct_scalar(node)).replace("_", "").replace(",", ""))

    _Loader.add_constructor("tag:yaml.org,2002:float", _dec)
    return yaml.load(text, Loader=_Loader)


def parse_disclosure(raw: Any, source: str = YAML_NAME) -> tuple[Disclosure | None, list[str]]:
    from pydantic import ValidationError

    if not isinstance(raw, dict):
        return None, [f"{source}：内容应为键值对（YAML 映射）"]
    try:
        return Disclosure.model_validate(raw), []
    except ValidationError as e:
        return None, [f"{source}：{_field_path(err['loc'])}：{_message(err)}" for err in e.errors()]


def _field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(f"第{p + 1}项" if isinstance(p, int) else str(p) for p in loc) or "（顶层）"


_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（请检查拼写）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "dict_type": "应为键值对",
    "literal_error": "取值不在允许范围内",
    "greater_than_equal": "不能小于下限",
    "less_than_equal": "不能大于上限",
    "string_too_short": "不能为空",
}


def _message(err: Any) -> str:
    base = _MESSAGES.get(err["type"], err["msg"])
    ctx = err.get("ctx") or {}
    if err["type"] == "literal_error" and "expected" in ctx:
        base += f"（可选：{ctx['expected']}）"
    if err["type"] in ("greater_than_equal", "less_than_equal"):
        base += f"（{ctx.get('ge', ctx.get('le'))}）"
    if "input" in err and err["type"] not in ("missing",) and not isinstance(err["input"], dict):
        base += f"，实为“{err['input']}”"
    return base


def load_dir(path: Path) -> Bundle:
    from juesuan import profiles
    from juesuan.compose.workbook import read_tables

    problems: list[str] = []
    ypath, xpath = path / YAML_NAME, path / XLSX_NAME
    if not path.is_dir():
        raise ComposeError([f"{path}：不是目录（应包含 {YAML_NAME} 和 {XLSX_NAME}）"])
    for p in (ypath, xpath):
        if not p.exists():
            problems.append(f"{path}：缺少 {p.name}（可用 juesuan template 生成空白模板）")
    if problems:
        raise ComposeError(problems)
    import yaml

    try:
        raw = yaml_load(ypath.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ComposeError([f"{YAML_NAME}：不是有效的 YAML（{e}）"]) from e
    data, problems = parse_disclosure(raw)
    tables = read_tables(xpath, problems)
    if tables is not None:
        problems += validate(tables)
    if data is not None and tables is not None:
        problems += cross_validate(data, tables)
    if problems or data is None or tables is None:
        raise ComposeError(problems)
    return Bundle(data, tables, profiles.load(data.profile))


def cross_validate(d: Disclosure, t: Tables) -> list[str]:
    """Identities between the YAML's details and the tables."""
    errs: list[str] = []
    if d.project_econ:
        s = sum((e.final for e in d.project_econ.values()), ZERO)
        proj = t.general.column("项目支出")
        if s != proj:
            errs.append(
                f"{YAML_NAME}：项目支出经济分类的决算数合计为{s}，"
                f"但一般公共预算财政拨款支出决算表的项目支出合计为{proj}"
            )
    if d.basic_budget and d.project_econ:
        b = sum(d.basic_budget.values(), ZERO) + sum(
            (e.budget for e in d.project_econ.values()), ZERO
        )
        if b != t.general_budget:
            errs.append(
                f"{YAML_NAME}：基本支出年初预算与项目支出经济分类年初预算合计为{b}，"
                f"但一般公共预算财政拨款支出决算表的年初预算数合计为{t.general_budget}"
            )
    for code in d.basic_budget:
        if t.basic_econ.row(code) is None and len(code) == 3:
            errs.append(
                f"{YAML_NAME}：基本支出年初预算.{code}：基本支出决算表中没有此经济分类类级科目"
            )
    detail = d.sangong.upkeep_detail
    if detail:
        s = sum(detail.values(), ZERO)
        upkeep = t.sangong_value("公务用车运行维护费", "决算数")
        if s != upkeep:
            errs.append(
                f"{YAML_NAME}：三公经费.运行维护费明细合计为{s}，但“三公”经费表的公务用车运行维护费决算数为{upkeep}"
            )
    if d.procurement is not None:
        p = d.procurement
        total = p.goods + p.works + p.services
        for label, v in (("授予中小企业合同金额", p.sme), ("授予小微企业合同金额", p.small_micro)):
            if v is not None and v > total:
                errs.append(f"{YAML_NAME}：政府采购.{label}{v}大于政府采购支出总额{total}")
        if p.sme is not None and p.small_micro is not None and p.small_micro > p.sme:
            errs.append(f"{YAML_NAME}：政府采购.授予小微企业合同金额大于授予中小企业合同金额")
    return errs
