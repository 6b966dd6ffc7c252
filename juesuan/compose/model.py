"""The narrative input of one department-year: ``disclosure.yaml``, as pydantic models.

Finance staff write the YAML, so its keys are Chinese (aliases); the code uses English
attribute names. Amounts are ``Decimal`` in the profile's unit (beijing 元, shanghai 万元),
read from YAML without passing through float (see ``load.py``). Unknown keys are errors,
so a misspelt field is named rather than silently dropped.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema


class _M(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True)


# The published schema spells decimals out itself, so it does not change with the
# pydantic release that happens to generate it.
_DECIMAL_SCHEMA = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}],
    "description": "十进制数（可写作数字或字符串）",
}
Amount = Annotated[Decimal, WithJsonSchema(_DECIMAL_SCHEMA)]
Number = Annotated[Decimal, WithJsonSchema(_DECIMAL_SCHEMA)]


class Unit(_M):
    """An internal office (内设机构) with its duties, or a unit in the 决算 scope."""

    name: str = Field(alias="名称", min_length=1)
    duties: list[str] = Field(default_factory=list, alias="职责")
    note: str = Field(default="", alias="备注")


class Staff(_M):
    """人员构成. Totals (离退休人员, 其他人员) are computed from their parts."""

    admin_quota: int = Field(alias="行政编制", ge=0)
    admin_actual: int = Field(alias="行政实有", ge=0)
    inst_quota: int = Field(alias="事业编制", ge=0)
    inst_actual: int = Field(alias="事业实有", ge=0)
    retired: dict[str, int] = Field(
        default_factory=dict, alias="离退休人员", description="如 离休、行政退休、事业退休"
    )
    others: dict[str, int] = Field(
        default_factory=dict, alias="其他人员", description="如 社会化用工"
    )


class Organization(_M):
    duties: list[str] = Field(default_factory=list, alias="主要职能", description="每段一项")
    offices: list[Unit] = Field(default_factory=list, alias="内设机构")
    units: list[Unit] = Field(
        default_factory=list, alias="决算单位", description="纳入部门决算的单位（含本级）"
    )
    subordinate_count: int | None = Field(default=None, alias="下设事业单位数", ge=0)
    staff: Staff | None = Field(default=None, alias="人员构成")


class Previous(_M):
    """上年决算数, needed for the year-on-year changes the narrative states.

    本年收入合计/本年支出合计 are stated year on year by the Beijing template only, so
    they are optional here and required for Beijing in ``derive.context``.
    """

    grand_total: Amount = Field(alias="收支总计")
    income_total: Amount | None = Field(default=None, alias="本年收入合计")
    expense_total: Amount | None = Field(default=None, alias="本年支出合计")
    fiscal_total: Amount = Field(alias="财政拨款收支总计")
    general_expense: Amount | None = Field(default=None, alias="一般公共预算财政拨款支出")


class Reasons(_M):
    """主要原因: one sentence per changed item; required where a change is stated."""

    overall: dict[str, str] = Field(
        default_factory=dict,
        alias="总体",
        description="键：收支总计、财政拨款收支总计、一般公共预算财政拨款支出、一般公共预算财政拨款预算执行",
    )
    subjects: dict[str, str] = Field(
        default_factory=dict, alias="科目", description="键：功能分类科目编码（如 20801）"
    )
    basic: dict[str, str] = Field(
        default_factory=dict, alias="基本支出", description="键：经济分类类级编码（如 301）"
    )
    project: dict[str, str] = Field(
        default_factory=dict, alias="项目支出", description="键：经济分类类级编码"
    )


class EconBudget(_M):
    final: Amount = Field(alias="决算数")
    budget: Amount = Field(alias="年初预算数")


class Sangong(_M):
    """三公 details beyond the amounts of table 7."""

    scope: str = Field(default="", alias="单位范围", description="如 所属1个行政单位、3个事业单位")
    budget_reason: str = Field(default="", alias="预算执行原因")
    change_reason: str = Field(default="", alias="比上年变动原因")
    vehicles: int | None = Field(default=None, alias="公务用车保有量", ge=0)
    upkeep_detail: dict[str, Amount] = Field(
        default_factory=dict, alias="运行维护费明细", description="如 加油、维修、保险、其他"
    )
    abroad_groups: int | None = Field(default=None, alias="出国团组数", ge=0)
    abroad_people: int | None = Field(default=None, alias="出国人次", ge=0)
    abroad_use: str = Field(default="", alias="出国开支内容")
    vehicle_purchase_use: str = Field(default="", alias="购置用途")
    vehicle_upkeep_use: str = Field(default="", alias="运行维护用途")
    reception_batches: int | None = Field(default=None, alias="接待批次", ge=0)
    reception_people: int | None = Field(default=None, alias="接待人次", ge=0)
    reception_use: str = Field(default="", alias="接待用途")


class Operating(_M):
    """机关运行经费."""

    current: Amount = Field(alias="本年")
    previous: Amount = Field(alias="上年")
    reason: str = Field(default="", alias="原因")


class Procurement(_M):
    """政府采购. The total is computed from its three parts."""

    goods: Amount = Field(alias="货物")
    works: Amount = Field(alias="工程")
    services: Amount = Field(alias="服务")
    sme: Amount | None = Field(default=None, alias="授予中小企业合同金额")
    small_micro: Amount | None = Field(default=None, alias="授予小微企业合同金额")
    sme_reserved: Amount | None = Field(default=None, alias="面向中小企业预留预算金额")
    micro_reserved: Amount | None = Field(default=None, alias="面向小微企业预留预算金额")
    sme_won_reserved: Amount | None = Field(default=None, alias="预留项目中小企业中标金额")
    micro_won_reserved: Amount | None = Field(default=None, alias="预留项目小微企业中标金额")
    sme_won_other: Amount | None = Field(default=None, alias="其他项目中小企业中标金额")


class Services(_M):
    """政府购买服务."""

    total: Amount = Field(alias="总额")
    content: str = Field(default="", alias="主要内容")


class Assets(_M):
    """国有资产占用."""

    fixed_total: Amount | None = Field(default=None, alias="固定资产总额")
    building_area: Number | None = Field(default=None, alias="房屋面积")
    building_value: Amount | None = Field(default=None, alias="房屋金额")
    vehicle_value: Amount | None = Field(default=None, alias="车辆金额")
    vehicles: dict[str, int] = Field(
        default_factory=dict,
        alias="车辆",
        description="按用途的车辆数，如 执法执勤用车: 3；总数计算得出",
    )
    big_equipment: int = Field(default=0, alias="单价100万元以上设备", ge=0)


class Grades(_M):
    excellent: int = Field(default=0, alias="优", ge=0)
    good: int = Field(default=0, alias="良", ge=0)
    fair: int = Field(default=0, alias="中", ge=0)
    poor: int = Field(default=0, alias="差", ge=0)


class Performance(_M):
    """预算绩效管理: counts and amounts of projects at each stage, self-evaluation results."""

    systems: str = Field(default="", alias="管理制度")
    target_projects: int = Field(alias="绩效目标项目数", ge=0)
    target_amount: Amount = Field(alias="绩效目标涉及金额")
    monitor_projects: int = Field(alias="绩效监控项目数", ge=0)
    monitor_amount: Amount = Field(alias="绩效监控涉及金额")
    self_eval_amount: Amount = Field(alias="绩效自评涉及金额")
    grades: Grades = Field(alias="自评等级分布", description="项目数由各等级之和计算")
    average_score: Number | None = Field(default=None, alias="平均得分")
    budget_projects: int | None = Field(default=None, alias="部门预算项目数", ge=0)
    problems: int = Field(default=0, alias="发现问题数", ge=0)
    fixed: int = Field(default=0, alias="已整改问题数", ge=0)
    department_score: Number | None = Field(default=None, alias="部门整体自评得分")
    summary: list[str] = Field(default_factory=list, alias="整体绩效说明")


class Disclosure(_M):
    """One department-year of narrative facts. The nine tables are in ``tables.xlsx``."""

    department: str = Field(alias="部门", min_length=2)
    short_name: str = Field(default="", alias="简称")
    year: int = Field(alias="年度", ge=2000, le=2100)
    profile: Literal["beijing", "shanghai"] = Field(alias="地区")
    organization: Organization = Field(default_factory=Organization, alias="部门概况")
    previous: Previous = Field(alias="上年")
    reasons: Reasons = Field(default_factory=Reasons, alias="原因")
    uses: dict[str, str] = Field(
        default_factory=dict, alias="用途", description="功能分类科目编码 → 主要用于…"
    )
    basic_budget: dict[str, Amount] = Field(
        default_factory=dict,
        alias="基本支出年初预算",
        description="一般公共预算财政拨款基本支出，经济分类类级编码 → 年初预算数",
    )
    project_econ: dict[str, EconBudget] = Field(
        default_factory=dict,
        alias="项目支出经济分类",
        description="一般公共预算财政拨款项目支出，经济分类类级编码 → 决算数、年初预算数",
    )
    sangong: Sangong = Field(default_factory=Sangong, alias="三公经费")
    operating: Operating | None = Field(default=None, alias="机关运行经费")
    procurement: Procurement | None = Field(default=None, alias="政府采购")
    services: Services | None = Field(default=None, alias="政府购买服务")
    assets: Assets | None = Field(default=None, alias="国有资产")
    fees: str = Field(default="", alias="行政事业性收费")
    performance: Performance | None = Field(default=None, alias="绩效")
    special_projects: list[str] = Field(
        default_factory=list, alias="重点项目说明", description="每段一项，照录"
    )
