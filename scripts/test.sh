#!/usr/bin/env bash
# The whole test suite from a fresh Debian machine: the system packages (when apt-get is there
# and we are root), the package with its test extras, then lint, type-check and test.
#
# System packages, and what needs them:
#   fonts-noto-cjk fontconfig       Chinese glyphs for composed PDFs; fc-list finds them
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
#                                   WeasyPrint (compose -f pdf); without harfbuzz-subset a PDF
#                                   takes about ten times longer to write
#   libreoffice-writer-nogui        renders the project's own documents to PDF for the PDF tests
#   poppler-utils                   pdftoppm, to look at composed PDFs
#   python3-venv                    a virtual environment where python3 is Debian's own
#   postgresql                      the web app's API tests run on a real PostgreSQL too
#   chromium                        the web app's end-to-end test (Playwright drives it; no
#                                   browser is ever downloaded)
#   libgl1 libglib2.0-0             OpenCV's shared libraries, which the OCR engine (the ocr
#                                   extra, RapidOCR) loads to read scanned PDF pages
# Without root, install them first with the apt-get line in README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1

APT_PACKAGES=(fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  libreoffice-writer-nogui poppler-utils python3-venv postgresql chromium libgl1 libglib2.0-0)

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
      echo "warning: could not install ${missing[*]}; the tests that need them will say so and skip" >&2
    fi
  fi
fi

# Debian's own python3 refuses pip installs (PEP 668): use a virtual environment there.
PY=python3
if [ -z "${VIRTUAL_ENV:-}" ] && python3 - <<'PYEOF'
import os, sys, sysconfig
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
sys.exit(0 if managed and sys.prefix == sys.base_prefix else 1)
PYEOF
then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  PY=.venv/bin/python
fi

# The web app's API tests also run on PostgreSQL when this machine's server can be started.
if [ -z "${JUESUAN_TEST_PG:-}" ] && [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null 2>&1; then
  if url=$(bash scripts/start_pg.sh); then
    export JUESUAN_TEST_PG="$url"
    echo "PostgreSQL for the web tests: $url"
  else
    echo "warning: PostgreSQL could not be started; the web tests run on SQLite only" >&2
  fi
fi

"$PY" -m pip install -q -e '.[test,batch,web,ocr]'
"$PY" -m ruff check juesuan tests bench
"$PY" -m mypy juesuan
"$PY" scripts/lint_imports.py
"$PY" -m pytest
