"""``juesuan batch``: many disclosures into one Parquet dataset (documents, findings,
statements, cells) that SQL can compare across departments and years.

The pieces: ``inputs`` (which files), ``worker`` (one file → its rows, never raising),
``store`` (one atomic part per document, keyed by content hash and tool version, and the
tables built from the parts), ``schema`` (the tables' columns and types), ``local`` and
``dask_engine`` (how workers run), ``report`` (the HTML summary), ``run`` (all of it).
Heavy imports (pyarrow, duckdb, distributed, matplotlib) stay inside functions.
"""
