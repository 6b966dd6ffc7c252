"""Write docs/contract.schema.json from the contract's types (``juesuan/model/contract.py``).

    python3 scripts/gen_contract_schema.py          # write it
    python3 scripts/gen_contract_schema.py --check  # exit 1 when the committed file is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = ROOT / "docs" / "contract.schema.json"


def schema_text() -> str:
    from pydantic import TypeAdapter

    from juesuan.model.contract import ContractJSON

    schema = TypeAdapter(ContractJSON).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "juesuan check --format json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    text = schema_text()
    if "--check" in sys.argv:
        current = TARGET.read_text("utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale: run python3 scripts/gen_contract_schema.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
