import pickle
import re

from juesuan.model.lazyre import LazyPattern, lazy


def test_compiles_on_first_use_and_then_calls_the_pattern_itself() -> None:
    p = lazy(r"(?P<n>\d+)元", re.ASCII)
    assert p._done is None  # nothing compiled at definition
    m = p.search("共12元")
    assert m is not None and m["n"] == "12"
    assert p._done is re.compile(r"(?P<n>\d+)元", re.ASCII)
    # after the first use the compiled pattern's bound method answers directly
    assert p.search.__self__ is p._done  # type: ignore[attr-defined]
    assert p.groupindex == {"n": 1} and p.groups == 1 and p.flags & re.ASCII


def test_every_method_agrees_with_re() -> None:
    src, text = r"[，,](\d)", "a，1,2b"
    r = re.compile(src)
    for fresh in (lazy(src), lazy(src)):
        assert fresh.findall(text) == r.findall(text)
    p = lazy(src)
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in r.finditer(text)]
    assert p.sub("-", text) == r.sub("-", text) and p.subn("-", text) == r.subn("-", text)
    assert p.split(text) == r.split(text)
    assert lazy(r"a\d").fullmatch("a1") and not lazy(r"a\d").fullmatch("a12")
    assert lazy("b").match("ab", 1) and lazy("b").match("ab") is None
    assert p.pattern == src


def test_pickles_before_and_after_use() -> None:
    p = lazy(r"\d+")
    assert pickle.loads(pickle.dumps(p)).findall("1 22") == ["1", "22"]
    p.search("1")
    again = pickle.loads(pickle.dumps(p))
    assert isinstance(again, LazyPattern) and again.findall("3 4") == ["3", "4"]
