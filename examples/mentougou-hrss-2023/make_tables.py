"""Write tables.xlsx of this example (the nine tables' typed rows, reconstructed from the seed).

Run from the repository root: ``PYTHONPATH=. python3 examples/mentougou-hrss-2023/make_tables.py``.
"""

from decimal import Decimal as D
from pathlib import Path

from juesuan.compose.workbook import write_template

# (code, name, 年初预算数, 基本支出, 项目支出) — 一般公共预算财政拨款, 款 level.
GENERAL = [
    ("201", "一般公共服务支出", None, None, None),
    ("20132", "组织事务", D("0.00"), D("0.00"), D("1800000.00")),
    ("208", "社会保障和就业支出", None, None, None),
    ("20801", "人力资源和社会保障管理事务", D("90285822.26"), D("69171082.90"), D("29051118.02")),
    ("20805", "行政事业单位养老支出", D("528020.00"), D("558877.63"), D("0.00")),
    ("20807", "就业补助", D("29470553.20"), D("0.00"), D("39791843.59")),
    ("20808", "抚恤", D("0.00"), D("0.00"), D("175168.00")),
    ("20826", "财政对基本养老保险基金的补助", D("249990100.00"), D("0.00"), D("257568550.00")),
    ("20899", "其他社会保障和就业支出", D("9762804.03"), D("0.00"), D("9096380.73")),
    ("210", "卫生健康支出", None, None, None),
    ("21004", "公共卫生", D("20000.00"), D("0.00"), D("20000.00")),
    ("213", "农林水支出", None, None, None),
    ("21308", "普惠金融发展支出", D("870900.00"), D("0.00"), D("1779668.38")),
    ("224", "灾害防治及应急管理支出", None, None, None),
    ("22499", "其他灾害防治及应急管理支出", D("0.00"), D("0.00"), D("56750.00")),
]
# Non-fiscal spending (其他收入 and the 389.91 carried over) sits in 20801.
OTHER_INCOME = D("16419156.21")
OTHER_BASIC, OTHER_PROJECT = D("15546.12"), D("16404000.00")


def rows() -> dict[str, list[list[object]]]:
    t2, t3, t5 = [], [], []
    for code, name, budget, basic, project in GENERAL:
        if budget is None:
            t2.append([code, name])
            t3.append([code, name])
            t5.append([code, name])
            continue
        fiscal = basic + project
        other = OTHER_INCOME if code == "20801" else D(0)
        t2.append([code, name, fiscal, D(0), D(0), D(0), D(0), other])
        b, p = (basic + OTHER_BASIC, project + OTHER_PROJECT) if code == "20801" else (basic, project)
        t3.append([code, name, b, p, D(0), D(0), D(0)])
        t5.append([code, name, budget, basic, project])
    return {
        "t1": [["使用非财政拨款结余", D("0.00")], ["年初结转和结余", D("389.91")], ["结余分配", D("0.00")]],
        "t2": t2,
        "t3": t3,
        "t4": [
            ["一般公共预算财政拨款收入", D("409069439.25")],
            ["政府性基金预算财政拨款收入", D("0.00")],
            ["国有资本经营预算财政拨款收入", D("0.00")],
            ["年初结转和结余（一般公共预算财政拨款）", D("0.00")],
            ["年初结转和结余（政府性基金预算财政拨款）", D("0.00")],
            ["年初结转和结余（国有资本经营预算财政拨款）", D("0.00")],
        ],
        "t5": t5,
        "t6": [
            ["301", "工资福利支出", D("62299856.41")],
            ["302", "商品和服务支出", D("6632362.15")],
            ["303", "对个人和家庭的补助", D("689527.53")],
            ["310", "资本性支出", D("108214.44")],
        ],
        "t7": [
            ["因公出国（境）费", D("0.00"), D("0.00"), D("0.00")],
            ["公务用车购置费", D("0.00"), D("0.00"), D("0.00")],
            ["公务用车运行维护费", D("144000.00"), D("33631.99"), D("0.00")],
            ["公务接待费", D("31221.00"), D("0.00"), D("0.00")],
        ],
    }


if __name__ == "__main__":
    write_template(Path(__file__).with_name("tables.xlsx"), "元", rows())
