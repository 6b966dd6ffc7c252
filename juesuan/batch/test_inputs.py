from pathlib import Path

from juesuan.batch.inputs import collect


def test_directories_lists_and_duplicates(tmp_path: Path) -> None:
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("2023年度某局部门决算公开说明\n", encoding="utf-8")
    (d / "sub" / "b.txt").write_text("2022年度某局部门决算公开说明\n", encoding="utf-8")
    (d / "sub" / "a-again.txt").write_text("2023年度某局部门决算公开说明\n", encoding="utf-8")
    (d / "notes.csv").write_text("x\n", encoding="utf-8")
    listing = tmp_path / "files.list"
    listing.write_text("docs/a.txt\n# a comment\nmissing.pdf\n", encoding="utf-8")

    tasks, problems = collect([str(d)])
    names = [Path(t.path).name for t in tasks]
    assert names == ["a.txt", "b.txt"]  # same content once; the csv is no document
    assert len({t.sha256 for t in tasks}) == 2

    tasks, problems = collect([str(listing)])
    assert [Path(t.path).name for t in tasks] == ["a.txt"]
    assert [(Path(p.path).name, p.reason) for p in problems] == [("missing.pdf", "文件不存在")]


def test_txt_of_paths_is_a_list_but_a_disclosure_is_not(tmp_path: Path) -> None:
    doc = tmp_path / "d.txt"
    doc.write_text("2023年度某局部门决算公开说明\n一、收入\n", encoding="utf-8")
    paths = tmp_path / "paths.txt"
    paths.write_text(f"{doc}\n", encoding="utf-8")
    assert [t.path for t in collect([str(paths)])[0]] == [str(doc)]
    assert [t.path for t in collect([str(doc)])[0]] == [str(doc)]
    assert [t.path for t in collect([f"@{paths}"])[0]] == [str(doc)]
