#!/usr/bin/env bash
# The whole test suite, from a fresh machine: install the package with its test extras, lint, type-check, test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[test]'
python3 -m ruff check juesuan tests bench
python3 -m mypy juesuan
python3 -m pytest
