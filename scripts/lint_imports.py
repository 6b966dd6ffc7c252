"""Check the import layers (``[tool.importlinter]`` in pyproject.toml) with import-linter.

Tests live beside the code they pin and drive the whole pipeline, so every test module
(``test_*``, ``conftest``, ``testdata``) and ``juesuan.testing`` is exempted: this script adds
one ``ignore_imports`` line per such module to each contract (import-linter's wildcards cannot
match part of a module name) and runs ``lint-imports`` on the result.

    python3 scripts/lint_imports.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_NAMES = ("conftest", "testdata", "testing")


def test_modules() -> list[str]:
    out = []
    for p in sorted((ROOT / "juesuan").rglob("*.py")):
        if p.stem.startswith("test_") or p.stem in TEST_NAMES:
            out.append(".".join(p.relative_to(ROOT).with_suffix("").parts))
    return out


def config() -> str:
    """The contracts as an INI file, with the test modules exempted."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    ignores = [f"{m} -> juesuan.**" for m in test_modules()]
    lines = ["[importlinter]", f"root_package = {data['root_package']}", ""]
    for i, c in enumerate(data["contracts"]):
        lines.append(f"[importlinter:contract:{i}]")
        for key, value in c.items():
            if isinstance(value, list):
                lines.append(f"{key} =")
                lines += [f"    {v}" for v in value]
            else:
                lines.append(f"{key} = {value}")
        lines.append("ignore_imports =")
        lines += [f"    {x}" for x in ignores]
        lines.append("unmatched_ignore_imports_alerting = none")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as fh:
        fh.write(config())
    try:
        # the interpreter running this script, so a virtual environment need not be active
        run = "from importlinter.cli import lint_imports_command; lint_imports_command()"
        return subprocess.call([sys.executable, "-c", run, fh.name], cwd=ROOT)
    finally:
        Path(fh.name).unlink()


if __name__ == "__main__":
    sys.exit(main())
