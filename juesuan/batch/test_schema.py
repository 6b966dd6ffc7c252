from decimal import Decimal

from juesuan.batch.schema import derive, to_arrow, to_yuan


def test_amounts_in_yuan_are_exact_decimals() -> None:
    assert to_yuan("2940.05", "万元") == Decimal("29400500.00")
    assert to_yuan("1.5", "千元") == Decimal("1500.00")
    assert to_yuan("0.12345678", "亿元") == Decimal("12345678.00")
    assert to_yuan("175168.00", "元") == Decimal("175168.00")
    assert to_yuan("-3.2", "万元") == Decimal("-32000.00")


def test_values_yuan_cannot_hold_stay_null() -> None:
    assert to_yuan("12.345", "元") is None  # finer than 分: not rounded away
    assert to_yuan("12", "%") is None
    assert to_yuan("12", None) is None
    assert to_yuan(None, "元") is None
    assert to_yuan("abc", "元") is None


def test_cells_table_keeps_decimal128() -> None:
    rows = derive("cells", [{"sha256": "x", "value": "0.01", "unit": "万元"}])
    t = to_arrow("cells", rows)
    assert str(t.schema.field("value_yuan").type) == "decimal128(20, 2)"
    assert t.column("value_yuan").to_pylist() == [Decimal("100.00")]


def test_findings_get_family_and_order() -> None:
    rows = derive("findings", [{"rule": "arith.sum"}, {"rule": "text.residue"}])
    assert [(r["seq"], r["family"]) for r in rows] == [(0, "arith"), (1, "text")]
