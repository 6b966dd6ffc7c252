"""``juesuan template``: empty inputs for one department-year, and the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from juesuan.compose.load import XLSX_NAME, YAML_NAME

SCHEMA_NAME = "disclosure.schema.json"

_YAML = """\
# yaml-language-server: $schema=./{schema}
# {label}部门决算：说明部分的数据。九张表填在 {xlsx}（每表一个工作表，只填明细行）。
# 金额单位：{unit}，到分。合计、占比、增减额与增减率由程序计算，不要填写。
部门: ""            # 部门全称
年度: {year}
地区: {profile}
部门概况:
  主要职能: []
  内设机构: []       # - 名称: 办公室\\n    职责: [ ... ]
  决算单位: []       # - 名称: …（本级）\\n    备注: 预算不单列，并入本级
上年:                # 上年决算数
  收支总计: 0.00
  本年收入合计: 0.00
  本年支出合计: 0.00
  财政拨款收支总计: 0.00
  一般公共预算财政拨款支出: 0.00
原因:                # 有增减的项目须说明原因
  总体: {{}}           # 收支总计 / 财政拨款收支总计 / 一般公共预算财政拨款支出 / 一般公共预算财政拨款预算执行
  科目: {{}}           # 功能分类科目编码: 原因
用途: {{}}             # 功能分类科目编码: 主要用于…
三公经费: {{}}
"""


def schema() -> dict[str, Any]:
    from juesuan.compose.model import Disclosure

    return Disclosure.model_json_schema(by_alias=True)


def write_scaffold(out: Path, profile: str) -> list[Path]:
    from juesuan import profiles
    from juesuan.compose.workbook import write_template

    prof = profiles.load(profile)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / YAML_NAME, out / XLSX_NAME, out / SCHEMA_NAME]
    paths[0].write_text(
        _YAML.format(
            schema=SCHEMA_NAME,
            label=prof["label"],
            xlsx=XLSX_NAME,
            unit=prof["amount_unit"],
            year=2024,
            profile=profile,
        ),
        encoding="utf-8",
    )
    write_template(paths[1], str(prof["amount_unit"]))
    paths[2].write_text(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return paths
