from decimal import Decimal

from juesuan.model.numbers import Interval, parse_number


def test_parse_keeps_precision_and_unit() -> None:
    q = parse_number("36,079,450.01", "元")
    assert q.value == Decimal("36079450.01") and q.exponent == -2
    assert q.interval == Interval(Decimal("36079450.005"), Decimal("36079450.015"))


def test_percent_interval_is_half_a_unit_of_the_last_digit() -> None:
    q = parse_number("16.4", "%")
    assert q.interval.lo == Decimal("16.35") and q.interval.hi == Decimal("16.45")


def test_wan_yuan_scales_to_yuan() -> None:
    q = parse_number("2,106.66", "万元")
    assert q.in_yuan() == Interval(Decimal("21066550.0"), Decimal("21066650.0"))


def test_interval_division_and_meeting() -> None:
    a = Interval(Decimal(1), Decimal(2))
    b = Interval(Decimal(4), Decimal(5))
    q = a.div(b)
    assert q is not None and q.lo == Decimal("0.2") and q.hi == Decimal("0.5")
    assert Interval(Decimal(0), Decimal(1)).div(Interval(Decimal(-1), Decimal(1))) is None
    assert a.meets(Interval(Decimal(2), Decimal(3)))
    assert not a.meets(Interval(Decimal("2.01"), Decimal(3)))
