"""Domain data kept as files: 政府收支分类科目 (function and economic classification)."""
