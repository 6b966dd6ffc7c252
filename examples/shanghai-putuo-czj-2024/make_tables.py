"""Write tables.xlsx of this example: the nine tables' typed rows, from the sample PDF.

Run from the repository root:
``PYTHONPATH=. python3 examples/shanghai-putuo-czj-2024/make_tables.py``.
Amounts in 万元. Only leaves are typed; 类/款 rows and totals are computed by compose.
Where the published leaves do not add up to the published totals (rounding from 元),
one leaf is adjusted by 0.01 and marked below; README.md lists them.
"""

from decimal import Decimal as D
from pathlib import Path

from juesuan.compose.workbook import write_template

# (code, name, 年初预算数, 基本支出, 项目支出, 其他收入) — 一般公共预算财政拨款, 项 level.
GENERAL = [
    ("201", "一般公共服务支出", None, None, None, None),
    ("20106", "财政事务", None, None, None, None),
    # 年初预算 published 1560.05; the 项 budgets add up to 2993.93 against the stated
    # total 2993.92, so this leaf takes the 0.01 (inferred).
    ("2010601", "行政运行", D("1560.04"), D("1503.52"), D("8.37"), D("0.01")),
    ("2010602", "一般行政管理事务", D("10.00"), D("0.00"), D("10.00"), D("6.19")),
    ("2010607", "信息化建设", D("135.90"), D("0.00"), D("135.25"), D("0.00")),
    ("2010608", "财政委托业务支出", D("450.52"), D("0.00"), D("449.52"), D("0.00")),
    ("208", "社会保障和就业支出", None, None, None, None),
    ("20805", "行政事业单位养老支出", None, None, None, None),
    ("2080501", "行政单位离退休", D("85.55"), D("84.65"), D("0.00"), D("0.00")),
    # published 160.75; the 项 add up to 326.72 against 326.71 in the summary tables and
    # 2336.92 against the basic total 2336.91 (inferred: this leaf takes the 0.01).
    ("2080505", "机关事业单位基本养老保险缴费支出", D("161.62"), D("160.74"), D("0.00"), D("0.00")),
    ("2080506", "机关事业单位职业年金缴费支出", D("80.81"), D("80.38"), D("0.00"), D("0.00")),
    ("2080599", "其他行政事业单位养老支出", D("0.94"), D("0.94"), D("0.00"), D("0.00")),
    ("210", "卫生健康支出", None, None, None, None),
    ("21011", "行政事业单位医疗", None, None, None, None),
    ("2101101", "行政单位医疗", D("62.29"), D("60.99"), D("0.00"), D("0.00")),
    ("221", "住房保障支出", None, None, None, None),
    ("22102", "住房改革支出", None, None, None, None),
    ("2210201", "住房公积金", D("187.75"), D("187.19"), D("0.00"), D("0.00")),
    ("2210203", "购房补贴", D("258.50"), D("258.50"), D("0.00"), D("0.00")),
]

# 一般公共预算财政拨款基本支出, 经济分类款级 (zero rows left out; the table shows them blank).
ECON = [
    ("301", "工资福利支出", None),
    ("30101", "基本工资", D("262.33")),
    ("30102", "津贴补贴", D("1238.58")),
    ("30108", "机关事业单位基本养老保险缴费", D("160.74")),  # published 160.75, see 2080505
    ("30109", "职业年金缴费", D("80.38")),
    ("30110", "职工基本医疗保险缴费", D("60.99")),
    ("30112", "其他社会保障缴费", D("1.61")),
    ("30113", "住房公积金", D("187.19")),
    ("30199", "其他工资福利支出", D("91.03")),
    ("302", "商品和服务支出", None),
    ("30201", "办公费", D("21.21")),
    ("30202", "印刷费", D("7.61")),
    ("30204", "手续费", D("0.09")),
    ("30207", "邮电费", D("4.88")),
    ("30211", "差旅费", D("1.20")),
    ("30213", "维修（护）费", D("2.83")),
    ("30216", "培训费", D("4.05")),
    ("30226", "劳务费", D("2.01")),
    ("30228", "工会经费", D("24.42")),
    # published 42.77 and 48.49: the 302 款 add up to 171.09 against the stated 171.07
    # (公用经费 184.65); these two largest leaves take 0.01 each (inferred).
    ("30229", "福利费", D("42.76")),
    ("30239", "其他交通费用", D("48.48")),
    ("30299", "其他商品和服务支出", D("11.53")),
    ("303", "对个人和家庭的补助", None),
    ("30302", "退休费", D("69.10")),
    ("30309", "奖励金", D("0.31")),
    ("310", "资本性支出", None),
    ("31002", "办公设备购置", D("13.58")),
]


def rows() -> dict[str, list[list[object]]]:
    t2, t3, t5 = [], [], []
    for code, name, budget, basic, project, other in GENERAL:
        if budget is None:
            for t in (t2, t3, t5):
                t.append([code, name])
            continue
        t2.append([code, name, basic + project, D(0), D(0), D(0), D(0), other])
        t3.append([code, name, basic, project, D(0), D(0), D(0)])
        t5.append([code, name, budget, basic, project])
    return {
        "t1": [
            ["使用非财政拨款结余", D("0.00")],
            ["年初结转和结余", D("49.14")],
            ["结余分配", D("0.00")],
        ],
        "t2": t2,
        "t3": t3,
        "t4": [
            ["一般公共预算财政拨款收入", D("2940.05")],
            ["政府性基金预算财政拨款收入", D("0.00")],
            ["国有资本经营预算财政拨款收入", D("0.00")],
            ["年初结转和结余（一般公共预算财政拨款）", D("21.63")],
            ["年初结转和结余（政府性基金预算财政拨款）", D("0.00")],
            ["年初结转和结余（国有资本经营预算财政拨款）", D("0.00")],
        ],
        "t5": t5,
        "t6": [[c, n] if v is None else [c, n, v] for c, n, v in ECON],
        "t7": [
            ["因公出国（境）费", D("0.00"), D("0.00"), D("0.00")],
            ["公务用车购置费", D("0.00"), D("0.00"), D("0.00")],
            ["公务用车运行维护费", D("0.00"), D("0.00"), D("0.00")],
            ["公务接待费", D("0.95"), D("0.00"), D("0.00")],
        ],
    }


if __name__ == "__main__":
    write_template(Path(__file__).with_name("tables.xlsx"), "万元", rows())
