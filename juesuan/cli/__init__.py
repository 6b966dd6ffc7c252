"""The command line. Importing it registers every command on ``app``."""

from juesuan.cli import batch, composing, documents, web
from juesuan.cli.app import app, main

__all__ = ["app", "batch", "composing", "documents", "main", "web"]
