"""docs/: the rule catalogue is generated from the registry and must not drift; the README
links the documents; the exit-code table names every code the CLI uses."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rule_catalogue_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_rules_doc
    finally:
        sys.path.pop(0)
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == gen_rules_doc.render(), (
        "docs/rules.md is out of date: run PYTHONPATH=. python3 scripts/gen_rules_doc.py"
    )


def test_catalogue_lists_every_registered_rule() -> None:
    from juesuan.check.registry import RULES

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    listed = re.findall(r"^## `([a-z_.]+)`$", text, flags=re.M)
    assert listed == [r.id for r in RULES]


def test_readme_links_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in ("docs/contract.md", "docs/rules.md", "docs/exit-codes.md"):
        assert f"({doc})" in readme, doc
        assert (ROOT / doc).is_file(), doc
    assert "DESIGN.md" not in readme


def test_exit_code_table_covers_0_1_2() -> None:
    text = (ROOT / "docs" / "exit-codes.md").read_text(encoding="utf-8")
    for code in ("0", "1", "2"):
        assert re.search(rf"^\| {code} \|", text, flags=re.M), code
    assert "扫描" in text  # image-only PDFs: exit 2 until OCR exists
