"""HTTP routes: ``api`` (JSON, for scripts and the pages' JavaScript) and ``pages`` (HTML)."""
