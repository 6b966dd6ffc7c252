import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from juesuan import data


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A package ``juesdata_probe`` with one data file, importable for this test."""
    pkg = tmp_path / "juesdata_probe"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "d.yaml").write_text("words: [增加, 减少]\nband: {low: 0.5, n: 3, shown: true}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    data.read_yaml.cache_clear()
    yield pkg
    data.read_yaml.cache_clear()
    sys.modules.pop("juesdata_probe", None)


def test_parsed_copy_is_written_then_used(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = {"words": ["增加", "减少"], "band": {"low": 0.5, "n": 3, "shown": True}}
    assert data.read_yaml("juesdata_probe", "d.yaml") == want
    copy = data.parsed_copy(package / "d.yaml")
    assert copy.is_file()
    # the second process reads the copy: YAML is not parsed at all
    data.read_yaml.cache_clear()
    monkeypatch.setattr(data, "load_yaml", lambda text: pytest.fail("parsed again"))
    assert data.read_yaml("juesdata_probe", "d.yaml") == want


def test_an_edited_file_is_read_again(package: Path) -> None:
    data.read_yaml("juesdata_probe", "d.yaml")
    source = package / "d.yaml"
    before = source.stat()
    # same size, same modification time: only the text tells the copy is stale
    source.write_text(source.read_text().replace("减少", "下降"))
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    data.read_yaml.cache_clear()
    assert data.read_yaml("juesdata_probe", "d.yaml")["words"] == ["增加", "下降"]


def test_no_copy_when_bytecode_is_not_written_and_a_broken_copy_is_ignored(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    copy = data.parsed_copy(package / "d.yaml")
    assert data.read_yaml("juesdata_probe", "d.yaml")["band"]["n"] == 3
    assert not copy.exists()
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(b"\x00garbage")
    data.read_yaml.cache_clear()
    assert data.read_yaml("juesdata_probe", "d.yaml")["band"]["n"] == 3


def test_a_value_marshal_cannot_keep_is_read_without_a_copy(package: Path) -> None:
    (package / "e.yaml").write_text("day: 2024-01-31\n")  # YAML's date type
    got = data.read_yaml("juesdata_probe", "e.yaml")
    assert str(got["day"]) == "2024-01-31"
    assert not data.parsed_copy(package / "e.yaml").exists()


def test_every_shipped_data_file_reads_the_same_through_its_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import juesuan

    root = Path(juesuan.__file__).parent
    files = sorted(p for p in root.rglob("*.yaml") if "__pycache__" not in p.parts)
    assert len(files) > 10
    for f in files:
        raw = f.read_bytes()
        want = data.load_yaml(raw.decode("utf-8"))
        copy = tmp_path / f.name
        data._write_copy(copy, raw, want)
        found = data._read_copy(copy, raw)
        assert found is not None and found[0] == want, f
    shutil.rmtree(tmp_path, ignore_errors=True)
